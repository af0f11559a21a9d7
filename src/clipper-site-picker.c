/* clipper-site-picker.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clipper-site-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "clipper-count-list.h"
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

  ClipperCountList   *sites;
  GtkStringFilter    *filter;
  GtkFilterListModel *shown;
};

G_DEFINE_FINAL_TYPE (ClipperSitePicker, clipper_site_picker, GTK_TYPE_POPOVER)

enum {
  SITE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_page (ClipperSitePicker *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->shown)) > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }

  if (clipper_count_list_is_loading (self->sites))
    gtk_label_set_text (self->empty_label, "");
  else if (g_list_model_get_n_items (clipper_count_list_get_names (self->sites)) == 0)
    gtk_label_set_text (self->empty_label, _("No sites yet: clip pages from the web to list them here"));
  else
    gtk_label_set_text (self->empty_label, _("No matching sites"));
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
on_failed_cb (ClipperSitePicker *self,
              const char        *message,
              ClipperCountList  *sites)
{
  gtk_label_set_text (self->empty_label, message);
  gtk_stack_set_visible_child_name (self->stack, "empty");
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
  const ClipperCount *count = clipper_count_list_lookup (self->sites, name);
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

  /* Sites change with every clip and deletion; they are counted on show.
   * The search was cleared when the picker last hid. */
  clipper_count_list_reload (self->sites);
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

  gtk_widget_dispose_template (GTK_WIDGET (self), CLIPPER_TYPE_SITE_PICKER);
  g_clear_object (&self->shown);
  g_clear_object (&self->sites);

  G_OBJECT_CLASS (clipper_site_picker_parent_class)->dispose (object);
}

static void
clipper_site_picker_class_init (ClipperSitePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clipper_site_picker_dispose;
  widget_class->show = clipper_site_picker_show;
  widget_class->hide = clipper_site_picker_hide;

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

  self->sites = clipper_count_list_new (CLIPPER_COUNT_SITES);
  g_signal_connect_object (self->sites, "notify::loading", G_CALLBACK (update_page), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sites, "failed", G_CALLBACK (on_failed_cb), self, G_CONNECT_SWAPPED);

  /* Any part of the name, without regard to case. */
  self->filter = gtk_string_filter_new (gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_string_filter_set_match_mode (self->filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->filter, TRUE);
  self->shown = gtk_filter_list_model_new (g_object_ref (clipper_count_list_get_names (self->sites)),
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

  clipper_count_list_set_store (self->sites, store);
  if (gtk_widget_get_visible (GTK_WIDGET (self)))
    clipper_count_list_reload (self->sites);
}

gboolean
clipper_site_picker_is_loading (ClipperSitePicker *self)
{
  g_return_val_if_fail (CLIPPER_IS_SITE_PICKER (self), FALSE);

  return clipper_count_list_is_loading (self->sites);
}

/* The sites shown, after the search, as #GtkStringObject. */
GListModel *
clipper_site_picker_get_shown (ClipperSitePicker *self)
{
  g_return_val_if_fail (CLIPPER_IS_SITE_PICKER (self), NULL);

  return G_LIST_MODEL (self->shown);
}
