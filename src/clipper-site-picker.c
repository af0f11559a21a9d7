/* clipper-site-picker.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clipper-site-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "clipper-site-picker.h"

/* A popover listing the library's sites, most clippings first, with a
 * search entry to narrow them: choosing one shows its clippings. */

struct _ClipperSitePicker
{
  GtkPopover          parent_instance;

  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkListView        *list_view;
  GtkLabel           *empty_label;

  GtkStringList      *names;
  GtkStringFilter    *filter;
  GtkFilterListModel *shown;
  GHashTable         *counts;     /* name → ClipperCount */
  ClipperStore       *store;
  GCancellable       *cancellable;
  gboolean            loading;
};

G_DEFINE_FINAL_TYPE (ClipperSitePicker, clipper_site_picker, GTK_TYPE_POPOVER)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

enum {
  SITE_CHOSEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_loading (ClipperSitePicker *self,
             gboolean           loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
update_page (ClipperSitePicker *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->shown)) > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }

  if (self->loading)
    gtk_label_set_text (self->empty_label, "");
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->names)) == 0)
    gtk_label_set_text (self->empty_label, _("No sites yet: clip pages from the web to list them here"));
  else
    gtk_label_set_text (self->empty_label, _("No matching sites"));
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static gpointer
count_sites_job (ClipperStore  *store,
                 gpointer       data,
                 GError       **error)
{
  return clipper_store_count_sites (store, error);
}

static void
on_sites_counted_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ClipperSitePicker) self = user_data;
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  counts = clipper_store_run_finish (CLIPPER_STORE (object), result, &error);
  if (counts == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      set_loading (self, FALSE);
      gtk_label_set_text (self->empty_label, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  g_hash_table_remove_all (self->counts);
  for (guint i = 0; i < counts->len; i++)
    {
      ClipperCount *count = g_ptr_array_index (counts, i);

      g_strv_builder_add (builder, count->name);
      g_hash_table_insert (self->counts, count->name, count);
    }
  g_ptr_array_set_free_func (counts, NULL);

  names = g_strv_builder_end (builder);
  set_loading (self, FALSE);
  gtk_string_list_splice (self->names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->names)),
                          (const char * const *)names);
  update_page (self);
}

/* Sites change with every clip and deletion; they are counted on show. */
static void
reload (ClipperSitePicker *self)
{
  if (self->store == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  set_loading (self, TRUE);
  clipper_store_run_async (self->store, count_sites_job, NULL, NULL,
                           (GDestroyNotify)g_ptr_array_unref, self->cancellable,
                           on_sites_counted_cb, g_object_ref (self));
}

static void
choose (ClipperSitePicker *self,
        guint              position)
{
  g_autoptr(GtkStringObject) site = g_list_model_get_item (G_LIST_MODEL (self->shown), position);
  g_autofree char *name = NULL;

  if (site == NULL)
    return;

  name = g_strdup (gtk_string_object_get_string (site));
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[SITE_CHOSEN], 0, name);
}

static void
on_list_view_activate_cb (ClipperSitePicker *self,
                          guint              position)
{
  choose (self, position);
}

static void
on_search_changed_cb (ClipperSitePicker *self,
                      GtkSearchEntry    *entry)
{
  gtk_string_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* Enter takes the first site shown. */
static void
on_search_activate_cb (ClipperSitePicker *self,
                       GtkSearchEntry    *entry)
{
  choose (self, 0);
}

static void
on_stop_search_cb (ClipperSitePicker *self,
                   GtkSearchEntry    *entry)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *count = gtk_label_new (NULL);

  gtk_widget_set_hexpand (name, TRUE);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_box_append (GTK_BOX (row), name);
  gtk_box_append (GTK_BOX (row), count);
  gtk_list_item_set_child (item, row);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             ClipperSitePicker        *self)
{
  GtkStringObject *site = gtk_list_item_get_item (item);
  const char *name = gtk_string_object_get_string (site);
  ClipperCount *count = g_hash_table_lookup (self->counts, name);
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *name_label = gtk_widget_get_first_child (row);
  GtkWidget *count_label = gtk_widget_get_next_sibling (name_label);
  guint clippings = count ? (guint)count->clippings : 0;
  g_autofree char *number = g_strdup_printf ("%'u", clippings);
  g_autofree char *description =
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u clipping", "%s, %u clippings", clippings),
                     name, clippings);

  gtk_label_set_text (GTK_LABEL (name_label), name);
  gtk_label_set_text (GTK_LABEL (count_label), number);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
}

static void
clipper_site_picker_show (GtkWidget *widget)
{
  ClipperSitePicker *self = CLIPPER_SITE_PICKER (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  reload (self);
  update_page (self);

  GTK_WIDGET_CLASS (clipper_site_picker_parent_class)->show (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
clipper_site_picker_hide (GtkWidget *widget)
{
  ClipperSitePicker *self = CLIPPER_SITE_PICKER (widget);

  /* The hidden popover keeps its focus; text left in the entry would be
   * selected there, under a cursor that goes on blinking. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");

  GTK_WIDGET_CLASS (clipper_site_picker_parent_class)->hide (widget);
}

static void
clipper_site_picker_dispose (GObject *object)
{
  ClipperSitePicker *self = (ClipperSitePicker *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CLIPPER_TYPE_SITE_PICKER);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->shown);
  g_clear_object (&self->names);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (clipper_site_picker_parent_class)->dispose (object);
}

static void
clipper_site_picker_finalize (GObject *object)
{
  ClipperSitePicker *self = (ClipperSitePicker *)object;

  g_clear_pointer (&self->counts, g_hash_table_unref);

  G_OBJECT_CLASS (clipper_site_picker_parent_class)->finalize (object);
}

static void
clipper_site_picker_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ClipperSitePicker *self = CLIPPER_SITE_PICKER (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clipper_site_picker_class_init (ClipperSitePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clipper_site_picker_dispose;
  object_class->finalize = clipper_site_picker_finalize;
  object_class->get_property = clipper_site_picker_get_property;
  widget_class->show = clipper_site_picker_show;
  widget_class->hide = clipper_site_picker_hide;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ClipperSitePicker::site-chosen:
   * @name: the site, as clippings show it
   */
  signals[SITE_CHOSEN] =
    g_signal_new ("site-chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Clipper/ui/clipper-site-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, ClipperSitePicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ClipperSitePicker, stack);
  gtk_widget_class_bind_template_child (widget_class, ClipperSitePicker, list_view);
  gtk_widget_class_bind_template_child (widget_class, ClipperSitePicker, empty_label);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
}

static void
clipper_site_picker_init (ClipperSitePicker *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->names = gtk_string_list_new (NULL);
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                        (GDestroyNotify)clipper_count_free);

  /* Any part of the name, without regard to case. */
  self->filter = gtk_string_filter_new (gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_string_filter_set_match_mode (self->filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->filter, TRUE);
  self->shown = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->names)),
                                           GTK_FILTER (self->filter));
  g_signal_connect_object (self->shown, "items-changed", G_CALLBACK (update_page), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->shown)));

  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
}

GtkWidget *
clipper_site_picker_new (void)
{
  return g_object_new (CLIPPER_TYPE_SITE_PICKER, NULL);
}

void
clipper_site_picker_set_store (ClipperSitePicker *self,
                               ClipperStore      *store)
{
  g_return_if_fail (CLIPPER_IS_SITE_PICKER (self));
  g_return_if_fail (store == NULL || CLIPPER_IS_STORE (store));

  if (g_set_object (&self->store, store) && gtk_widget_get_visible (GTK_WIDGET (self)))
    reload (self);
}

gboolean
clipper_site_picker_is_loading (ClipperSitePicker *self)
{
  g_return_val_if_fail (CLIPPER_IS_SITE_PICKER (self), FALSE);

  return self->loading;
}

/* The sites shown, after the search, as #GtkStringObject. */
GListModel *
clipper_site_picker_get_shown (ClipperSitePicker *self)
{
  g_return_val_if_fail (CLIPPER_IS_SITE_PICKER (self), NULL);

  return G_LIST_MODEL (self->shown);
}
