/* clipper-tags-view.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clipper-tags-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "clipper-count-list.h"
#include "clipper-error.h"
#include "clipper-tags-view.h"

struct _ClipperTagsView
{
  GtkWidget       parent_instance;

  GtkStack       *stack;
  GtkListView    *list_view;

  ClipperCountList *tags;
};

G_DEFINE_FINAL_TYPE (ClipperTagsView, clipper_tags_view, GTK_TYPE_WIDGET)

enum {
  TAG_ACTIVATED,
  TAGS_CHANGED,
  FAILED,
  REPORT_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  char *name;
  char *new_name;
} Rename;

static void
rename_free (Rename *rename)
{
  g_free (rename->name);
  g_free (rename->new_name);
  g_free (rename);
}

static void
update_page (ClipperTagsView *self)
{
  if (!clipper_count_list_is_loading (self->tags))
    gtk_stack_set_visible_child_name (self->stack,
                                      g_list_model_get_n_items (clipper_count_list_get_names (self->tags)) > 0
                                        ? "list" : "empty");
}

static void
on_failed_cb (ClipperTagsView  *self,
              const char       *message,
              ClipperCountList *tags)
{
  g_signal_emit (self, signals[FAILED], 0, message);
}

static gpointer
rename_job (ClipperStore  *store,
            gpointer       data,
            GError       **error)
{
  Rename *rename = data;

  if (!clipper_store_rename_tag (store, rename->name, rename->new_name, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

static void
on_renamed_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ClipperTagsView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (clipper_store_run_finish (CLIPPER_STORE (object), result, &error) == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_signal_emit (self, signals[FAILED], 0, error->message);
      return;
    }

  clipper_tags_view_reload (self);
  g_signal_emit (self, signals[TAGS_CHANGED], 0);
}

static const char *
find_other_tag (ClipperTagsView *self,
                const char      *name,
                const char      *new_name)
{
  g_autofree char *folded = g_utf8_casefold (new_name, -1);
  GListModel *names = clipper_count_list_get_names (self->tags);

  /* Tag names compare without case, as the library stores them. */
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    {
      g_autoptr(GtkStringObject) tag = g_list_model_get_item (names, i);
      const char *other = gtk_string_object_get_string (tag);
      g_autofree char *other_folded = g_utf8_casefold (other, -1);

      /* From the counts, which outlive this reference to the item. */
      if (g_str_equal (folded, other_folded) && !g_str_equal (other, name))
        return clipper_count_list_lookup (self->tags, other)->name;
    }

  return NULL;
}

static void
on_rename_entry_changed_cb (AdwMessageDialog *dialog,
                            GtkEditable      *entry)
{
  ClipperTagsView *self = g_object_get_data (G_OBJECT (dialog), "view");
  const char *name = g_object_get_data (G_OBJECT (dialog), "name");
  g_autofree char *new_name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  const char *other = find_other_tag (self, name, new_name);

  adw_message_dialog_set_response_enabled (dialog, "rename",
                                           new_name[0] != '\0' && !g_str_equal (new_name, name));
  adw_message_dialog_set_response_label (dialog, "rename", other ? _("_Merge") : _("_Rename"));
  if (other != NULL)
    adw_message_dialog_format_body (dialog,
                                    _("“%s” exists already. Everything tagged “%s” will be tagged “%s”, "
                                      "and the two tags become one."),
                                    other, name, other);
  else
    adw_message_dialog_set_body (dialog, "");
}

static void
on_rename_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       ClipperTagsView  *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));

  if (g_str_equal (response, "rename"))
    clipper_tags_view_rename (self, g_object_get_data (G_OBJECT (dialog), "name"),
                              gtk_editable_get_text (entry));
}

static void
on_rename_clicked_cb (GtkButton   *button,
                      GtkListItem *item)
{
  GtkStringObject *tag = gtk_list_item_get_item (item);
  GtkWidget *self = gtk_widget_get_ancestor (GTK_WIDGET (button), CLIPPER_TYPE_TAGS_VIEW);
  const char *name;
  GtkWidget *dialog;
  GtkWidget *entry;

  if (tag == NULL || self == NULL)
    return;

  name = gtk_string_object_get_string (tag);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (self)), _("Rename Tag"), NULL);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "rename", FALSE);

  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("New name"),
                                  -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);

  g_object_set_data_full (G_OBJECT (dialog), "name", g_strdup (name), g_free);
  g_object_set_data (G_OBJECT (dialog), "view", self);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_rename_entry_changed_cb), dialog,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_rename_response_cb), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
on_report_clicked_cb (GtkButton   *button,
                      GtkListItem *item)
{
  GtkStringObject *tag = gtk_list_item_get_item (item);
  GtkWidget *self = gtk_widget_get_ancestor (GTK_WIDGET (button), CLIPPER_TYPE_TAGS_VIEW);

  if (tag != NULL && self != NULL)
    g_signal_emit (self, signals[REPORT_REQUESTED], 0, gtk_string_object_get_string (tag));
}

static void
on_list_view_activate_cb (ClipperTagsView *self,
                          guint            position)
{
  g_autoptr(GtkStringObject) tag = g_list_model_get_item (clipper_count_list_get_names (self->tags), position);

  if (tag != NULL)
    g_signal_emit (self, signals[TAG_ACTIVATED], 0, gtk_string_object_get_string (tag));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new_from_icon_name ("clipper-tag-symbolic");
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *counts = gtk_label_new (NULL);
  GtkWidget *button = gtk_button_new_from_icon_name ("document-edit-symbolic");

  gtk_widget_add_css_class (row, "tag-row");
  gtk_box_append (GTK_BOX (row), icon);

  gtk_widget_set_hexpand (labels, TRUE);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (counts), 0);
  gtk_widget_add_css_class (counts, "caption");
  gtk_widget_add_css_class (counts, "dim-label");
  gtk_box_append (GTK_BOX (labels), name);
  gtk_box_append (GTK_BOX (labels), counts);
  gtk_box_append (GTK_BOX (row), labels);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Rename Tag"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Rename Tag"), -1);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect (button, "clicked", G_CALLBACK (on_rename_clicked_cb), item);
  gtk_box_append (GTK_BOX (row), button);

  button = gtk_button_new_from_icon_name ("x-office-document-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Report on This Tag"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Report on This Tag"), -1);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect (button, "clicked", G_CALLBACK (on_report_clicked_cb), item);
  gtk_box_append (GTK_BOX (row), button);

  gtk_list_item_set_child (item, row);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             ClipperTagsView          *self)
{
  GtkStringObject *tag = gtk_list_item_get_item (item);
  const char *name = gtk_string_object_get_string (tag);
  const ClipperCount *count = clipper_count_list_lookup (self->tags, name);
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *labels = gtk_widget_get_next_sibling (gtk_widget_get_first_child (row));
  GtkWidget *name_label = gtk_widget_get_first_child (labels);
  GtkWidget *counts_label = gtk_widget_get_next_sibling (name_label);
  g_autofree char *clippings = NULL;
  g_autofree char *text = NULL;
  gint64 n_clippings = count ? count->clippings : 0;
  gint64 n_highlights = count ? count->highlights : 0;

  clippings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u clipping", "%u clippings", n_clippings),
                               (guint)n_clippings);
  if (n_highlights > 0)
    {
      g_autofree char *highlights =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u highlight", "%u highlights", n_highlights),
                         (guint)n_highlights);

      text = g_strdup_printf ("%s · %s", clippings, highlights);
    }
  else
    text = g_steal_pointer (&clippings);

  gtk_label_set_text (GTK_LABEL (name_label), name);
  gtk_label_set_text (GTK_LABEL (counts_label), text);
}

static void
clipper_tags_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (clipper_tags_view_parent_class)->map (widget);

  /* Tags change from many places; the list is read when it is shown. */
  clipper_tags_view_reload (CLIPPER_TAGS_VIEW (widget));
}

static void
clipper_tags_view_dispose (GObject *object)
{
  ClipperTagsView *self = (ClipperTagsView *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CLIPPER_TYPE_TAGS_VIEW);
  g_clear_object (&self->tags);

  G_OBJECT_CLASS (clipper_tags_view_parent_class)->dispose (object);
}

static void
clipper_tags_view_class_init (ClipperTagsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clipper_tags_view_dispose;
  widget_class->map = clipper_tags_view_map;

  signals[TAG_ACTIVATED] =
    g_signal_new ("tag-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /* A tag was renamed or merged: lists showing tags are out of date. */
  signals[TAGS_CHANGED] =
    g_signal_new ("tags-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  signals[FAILED] =
    g_signal_new ("failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * ClipperTagsView::report-requested:
   * @name: the tag
   *
   * A report on what is tagged @name is wanted.
   */
  signals[REPORT_REQUESTED] =
    g_signal_new ("report-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Clipper/ui/clipper-tags-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ClipperTagsView, stack);
  gtk_widget_class_bind_template_child (widget_class, ClipperTagsView, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "clippertagsview");
}

static void
clipper_tags_view_init (ClipperTagsView *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->tags = clipper_count_list_new (CLIPPER_COUNT_TAGS);
  g_signal_connect_object (self->tags, "notify::loading", G_CALLBACK (update_page), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (clipper_count_list_get_names (self->tags), "items-changed",
                           G_CALLBACK (update_page), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tags, "failed", G_CALLBACK (on_failed_cb), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  selection = gtk_no_selection_new (g_object_ref (clipper_count_list_get_names (self->tags)));

  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
}

void
clipper_tags_view_set_store (ClipperTagsView *self,
                             ClipperStore    *store)
{
  g_return_if_fail (CLIPPER_IS_TAGS_VIEW (self));
  g_return_if_fail (store == NULL || CLIPPER_IS_STORE (store));

  if (clipper_count_list_get_store (self->tags) == store)
    return;

  clipper_count_list_set_store (self->tags, store);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    clipper_tags_view_reload (self);
}

/* Counts the tags again in the store's thread. */
void
clipper_tags_view_reload (ClipperTagsView *self)
{
  g_return_if_fail (CLIPPER_IS_TAGS_VIEW (self));

  clipper_count_list_reload (self->tags);
}

gboolean
clipper_tags_view_is_loading (ClipperTagsView *self)
{
  g_return_val_if_fail (CLIPPER_IS_TAGS_VIEW (self), FALSE);

  return clipper_count_list_is_loading (self->tags);
}

/* The tag names shown, as #GtkStringObject. */
GListModel *
clipper_tags_view_get_model (ClipperTagsView *self)
{
  g_return_val_if_fail (CLIPPER_IS_TAGS_VIEW (self), NULL);

  return clipper_count_list_get_names (self->tags);
}

/* How many clippings carry @name (-1 for a tag not shown), and highlights. */
gint64
clipper_tags_view_get_count (ClipperTagsView *self,
                             const char      *name,
                             gint64          *highlights)
{
  const ClipperCount *count;

  g_return_val_if_fail (CLIPPER_IS_TAGS_VIEW (self), -1);

  if (!(count = clipper_count_list_lookup (self->tags, name)))
    return -1;
  if (highlights != NULL)
    *highlights = count->highlights;

  return count->clippings;
}

/* Renames @name, or merges it into the tag called @new_name. */
void
clipper_tags_view_rename (ClipperTagsView *self,
                          const char      *name,
                          const char      *new_name)
{
  ClipperStore *store;
  Rename *rename;

  g_return_if_fail (CLIPPER_IS_TAGS_VIEW (self));
  g_return_if_fail (name != NULL && new_name != NULL);

  if (!(store = clipper_count_list_get_store (self->tags)))
    return;

  rename = g_new0 (Rename, 1);
  rename->name = g_strdup (name);
  rename->new_name = g_strdup (new_name);
  clipper_store_run_async (store, rename_job, rename, (GDestroyNotify)rename_free,
                           NULL, NULL, on_renamed_cb, g_object_ref (self));
}
