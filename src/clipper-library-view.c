/* clipper-library-view.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clipper-library-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "clipper-library-view.h"
#include "clipper-query.h"

struct _ClipperLibraryView
{
  GtkWidget            parent_instance;

  GtkSearchEntry      *search_entry;
  GtkStack            *stack;
  GtkListView         *list_view;
  AdwStatusPage       *error_page;

  GListStore          *clippings;
  GtkSingleSelection  *selection;
  ClipperStore        *store;
  GCancellable        *cancellable;
  GCancellable        *search_cancellable;
  char                *search_text;
  gboolean             loading;
};

G_DEFINE_FINAL_TYPE (ClipperLibraryView, clipper_library_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_LOADING,
  N_PROPS
};

enum {
  CLIPPING_ACTIVATED,
  DELETE_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update_page (ClipperLibraryView *self)
{
  if (self->loading)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->clippings)) == 0)
    gtk_stack_set_visible_child_name (self->stack, self->search_text ? "no-results" : "empty");
  else
    gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
set_loading (ClipperLibraryView *self,
             gboolean            loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  update_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  gint64 at_a = clipper_clipping_get_clipped_at ((ClipperClipping *)a);
  gint64 at_b = clipper_clipping_get_clipped_at ((ClipperClipping *)b);

  if (at_a != at_b)
    return at_a > at_b ? -1 : 1;

  return clipper_clipping_get_id ((ClipperClipping *)b) > clipper_clipping_get_id ((ClipperClipping *)a) ? 1 : -1;
}

static void
on_clippings_listed_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(ClipperLibraryView) self = user_data;
  g_autoptr(GPtrArray) clippings = NULL;
  g_autoptr(GError) error = NULL;

  clippings = clipper_store_list_clippings_finish (CLIPPER_STORE (object), result, &error);
  if (clippings == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        clipper_library_view_set_error (self, error->message);
      return;
    }

  g_list_store_splice (self->clippings, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->clippings)),
                       clippings->pdata, clippings->len);
  set_loading (self, FALSE);
}

static gpointer
search_job (ClipperStore  *store,
            gpointer       data,
            GError       **error)
{
  g_autoptr(ClipperQuery) query = clipper_query_parse (data);
  g_autoptr(GPtrArray) results = NULL;
  GPtrArray *clippings;

  if (!(results = clipper_store_search (store, query, CLIPPER_SORT_CLIPPED, 0, error)))
    return NULL;

  clippings = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < results->len; i++)
    {
      ClipperSearchResult *result = g_ptr_array_index (results, i);

      g_ptr_array_add (clippings, g_object_ref (result->clipping));
    }

  return clippings;
}

static void
on_search_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ClipperLibraryView) self = user_data;
  g_autoptr(GPtrArray) clippings = NULL;
  g_autoptr(GError) error = NULL;

  clippings = clipper_store_run_finish (CLIPPER_STORE (object), result, &error);
  if (clippings == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not search the library: %s", error->message);
      return;
    }

  g_list_store_splice (self->clippings, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->clippings)),
                       clippings->pdata, clippings->len);
  /* A search typed while the library was loading replaces that listing. */
  if (self->loading)
    set_loading (self, FALSE);
  else
    update_page (self);
}

static void
run_search (ClipperLibraryView *self)
{
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);

  if (self->store == NULL)
    return;

  if (self->search_text == NULL)
    {
      clipper_library_view_reload (self);
      return;
    }

  /* Searches run on the store's thread; a newer one cancels an older,
   * and any listing still on its way. */
  g_cancellable_cancel (self->cancellable);

  self->search_cancellable = g_cancellable_new ();
  clipper_store_run_async (self->store, search_job, g_strdup (self->search_text), g_free,
                           (GDestroyNotify)g_ptr_array_unref, self->search_cancellable,
                           on_search_done_cb, g_object_ref (self));
}

static void
on_search_changed_cb (ClipperLibraryView *self,
                      GtkSearchEntry     *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->search_text, g_free);
  if (stripped[0] != '\0')
    self->search_text = g_steal_pointer (&stripped);

  run_search (self);
}

static void
on_list_view_activate_cb (ClipperLibraryView *self,
                          guint               position)
{
  g_autoptr(ClipperClipping) clipping = NULL;

  clipping = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (clipping != NULL)
    g_signal_emit (self, signals[CLIPPING_ACTIVATED], 0, clipping);
}

static void
on_delete_clicked_cb (GtkButton *button,
                      GtkListItem *item)
{
  ClipperClipping *clipping = gtk_list_item_get_item (item);
  GtkWidget *widget = gtk_widget_get_ancestor (GTK_WIDGET (button), CLIPPER_TYPE_LIBRARY_VIEW);

  if (clipping != NULL && widget != NULL)
    g_signal_emit (widget, signals[DELETE_REQUESTED], 0, clipping);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *row;
  GtkWidget *labels;
  GtkWidget *title;
  GtkWidget *subtitle;
  GtkWidget *button;

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (row, "library-row");

  labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (row), labels);

  title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "title");
  gtk_box_append (GTK_BOX (labels), title);

  subtitle = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (labels), subtitle);

  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Delete Clipping"));
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect (button, "clicked", G_CALLBACK (on_delete_clicked_cb), item);
  gtk_box_append (GTK_BOX (row), button);

  gtk_list_item_set_child (item, row);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  ClipperClipping *clipping = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *labels = gtk_widget_get_first_child (row);
  GtkWidget *title = gtk_widget_get_first_child (labels);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  g_autofree char *site = clipper_clipping_dup_display_site (clipping);
  g_autofree char *date = clipper_clipping_format_clipped_at (clipping);
  g_autofree char *line = NULL;

  line = site[0] != '\0' ? g_strdup_printf ("%s · %s", site, date) : g_strdup (date);

  gtk_label_set_text (GTK_LABEL (title), clipper_clipping_get_title (clipping));
  gtk_label_set_text (GTK_LABEL (subtitle), line);
  gtk_widget_set_tooltip_text (row, clipper_clipping_get_title (clipping));
}

static void
clipper_library_view_dispose (GObject *object)
{
  ClipperLibraryView *self = (ClipperLibraryView *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->search_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CLIPPER_TYPE_LIBRARY_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_pointer (&self->search_text, g_free);
  g_clear_object (&self->selection);
  g_clear_object (&self->clippings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (clipper_library_view_parent_class)->dispose (object);
}

static void
clipper_library_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ClipperLibraryView *self = CLIPPER_LIBRARY_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clipper_library_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ClipperLibraryView *self = CLIPPER_LIBRARY_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      clipper_library_view_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clipper_library_view_class_init (ClipperLibraryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clipper_library_view_dispose;
  object_class->get_property = clipper_library_view_get_property;
  object_class->set_property = clipper_library_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CLIPPER_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          TRUE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CLIPPING_ACTIVATED] =
    g_signal_new ("clipping-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CLIPPER_TYPE_CLIPPING);

  signals[DELETE_REQUESTED] =
    g_signal_new ("delete-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CLIPPER_TYPE_CLIPPING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Clipper/ui/clipper-library-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ClipperLibraryView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ClipperLibraryView, stack);
  gtk_widget_class_bind_template_child (widget_class, ClipperLibraryView, list_view);
  gtk_widget_class_bind_template_child (widget_class, ClipperLibraryView, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "clipperlibraryview");
}

static void
clipper_library_view_init (ClipperLibraryView *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->loading = TRUE;
  self->cancellable = g_cancellable_new ();
  self->clippings = g_list_store_new (CLIPPER_TYPE_CLIPPING);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->clippings)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);

  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->clippings, "items-changed",
                           G_CALLBACK (update_page), self, G_CONNECT_SWAPPED);
  update_page (self);
}

void
clipper_library_view_set_store (ClipperLibraryView *self,
                                ClipperStore       *store)
{
  g_return_if_fail (CLIPPER_IS_LIBRARY_VIEW (self));
  g_return_if_fail (store == NULL || CLIPPER_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  clipper_library_view_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
clipper_library_view_set_error (ClipperLibraryView *self,
                                const char         *message)
{
  g_return_if_fail (CLIPPER_IS_LIBRARY_VIEW (self));

  adw_status_page_set_description (self->error_page, message);
  self->loading = FALSE;
  gtk_stack_set_visible_child_name (self->stack, "error");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

void
clipper_library_view_reload (ClipperLibraryView *self)
{
  g_return_if_fail (CLIPPER_IS_LIBRARY_VIEW (self));

  if (self->store == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->search_text != NULL)
    {
      run_search (self);
      return;
    }

  set_loading (self, TRUE);
  clipper_store_list_clippings_async (self->store, self->cancellable,
                                      on_clippings_listed_cb, g_object_ref (self));
}

void
clipper_library_view_insert (ClipperLibraryView *self,
                             ClipperClipping    *clipping)
{
  g_return_if_fail (CLIPPER_IS_LIBRARY_VIEW (self));
  g_return_if_fail (CLIPPER_IS_CLIPPING (clipping));

  /* While searching, only the index knows whether the new one matches. */
  if (self->search_text != NULL)
    {
      run_search (self);
      return;
    }

  g_list_store_insert_sorted (self->clippings, clipping, compare_newest_first, NULL);
}

void
clipper_library_view_remove (ClipperLibraryView *self,
                             ClipperClipping    *clipping)
{
  guint position;

  g_return_if_fail (CLIPPER_IS_LIBRARY_VIEW (self));
  g_return_if_fail (CLIPPER_IS_CLIPPING (clipping));

  if (g_list_store_find (self->clippings, clipping, &position))
    g_list_store_remove (self->clippings, position);
}

/* Marks the clipping shown in the reader, or none for 0. */
void
clipper_library_view_select (ClipperLibraryView *self,
                             gint64              id)
{
  guint n_items;

  g_return_if_fail (CLIPPER_IS_LIBRARY_VIEW (self));

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->clippings));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(ClipperClipping) clipping = g_list_model_get_item (G_LIST_MODEL (self->clippings), i);

      if (clipper_clipping_get_id (clipping) == id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

GListModel *
clipper_library_view_get_model (ClipperLibraryView *self)
{
  g_return_val_if_fail (CLIPPER_IS_LIBRARY_VIEW (self), NULL);

  return G_LIST_MODEL (self->clippings);
}

gboolean
clipper_library_view_is_loading (ClipperLibraryView *self)
{
  g_return_val_if_fail (CLIPPER_IS_LIBRARY_VIEW (self), FALSE);

  return self->loading;
}

/* Shows the clippings that match @text, as if it had been typed. */
void
clipper_library_view_search (ClipperLibraryView *self,
                             const char         *text)
{
  g_return_if_fail (CLIPPER_IS_LIBRARY_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
}
