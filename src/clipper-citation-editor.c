/* clipper-citation-editor.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The open clipping's citation in the sidebar: a row a field, each
 * applied on its own (Enter or the row's apply button), so that one
 * field in error holds back nothing else. What the library keeps comes
 * back through clipper_citation_editor_set_citation().
 */

#define G_LOG_DOMAIN "clipper-citation-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "clipper-citation-editor.h"

struct _ClipperCitationEditor
{
  GtkWidget parent_instance;

  GtkExpander *expander;
  GtkListBox *list;
  AdwComboRow *type_row;
  AdwEntryRow *authors_row;
  AdwEntryRow *title_row;
  AdwEntryRow *container_row;
  AdwEntryRow *publisher_row;
  AdwEntryRow *issued_row;
  AdwEntryRow *accessed_row;
  AdwEntryRow *url_row;
  AdwEntryRow *language_row;
  AdwEntryRow *key_row;
  AdwActionRow *provenance_row;
  GtkButton *copy_button;

  char *text_sha256;
  gint64 clipping_id;
  gboolean filling;
};

G_DEFINE_FINAL_TYPE (ClipperCitationEditor, clipper_citation_editor, GTK_TYPE_WIDGET)

enum
{
  FIELD_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define TEXT(member) G_STRUCT_OFFSET (ClipperCitation, member)
#define ROW(member) G_STRUCT_OFFSET (ClipperCitationEditor, member)

/* The field names clipper_citation_set_field() takes, row by row, and
 * where a field kept as text is in the citation (-1 for the others). */
static const struct
{
  const char *field;
  gsize offset;
  gssize text;
} entry_rows[] = {
  { "authors", ROW (authors_row), -1 },
  { "title", ROW (title_row), TEXT (title) },
  { "container", ROW (container_row), TEXT (container) },
  { "publisher", ROW (publisher_row), TEXT (publisher) },
  { "issued", ROW (issued_row), TEXT (issued) },
  { "accessed", ROW (accessed_row), -1 },
  { "url", ROW (url_row), TEXT (url) },
  { "language", ROW (language_row), TEXT (language) },
  { "key", ROW (key_row), TEXT (key) },
};

#define ROW_AT(self, i) (*(GtkWidget **) G_STRUCT_MEMBER_P ((self), entry_rows[i].offset))

/**
 * clipper_citation_editor_get_row:
 * @field: a field's name ("type", "authors", "key"…)
 *
 * Returns: (transfer none) (nullable): the row that edits @field
 */
GtkWidget *
clipper_citation_editor_get_row (ClipperCitationEditor *self, const char *field)
{
  g_return_val_if_fail (CLIPPER_IS_CITATION_EDITOR (self), NULL);

  if (g_strcmp0 (field, "type") == 0)
    return GTK_WIDGET (self->type_row);
  for (guint i = 0; i < G_N_ELEMENTS (entry_rows); i++)
    if (g_strcmp0 (field, entry_rows[i].field) == 0)
      return ROW_AT (self, i);
  return NULL;
}

static void
on_row_apply_cb (ClipperCitationEditor *self, AdwEntryRow *row)
{
  const char *field = g_object_get_data (G_OBJECT (row), "field");
  g_autofree char *value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  /* Until the library answers, what was typed is what counts. */
  g_object_set_data (G_OBJECT (row), "pending", GINT_TO_POINTER (TRUE));
  g_signal_emit (self, signals[FIELD_CHANGED], 0, field, value);
}

static void
on_type_selected_cb (ClipperCitationEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->type_row);

  if (self->filling || selected == GTK_INVALID_LIST_POSITION)
    return;
  g_signal_emit (self, signals[FIELD_CHANGED], 0, "type",
                 clipper_item_type_to_csl ((ClipperItemType) selected));
}

static void
on_copy_clicked_cb (ClipperCitationEditor *self)
{
  if (self->text_sha256 != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->text_sha256);
}

static char *
format_day (gint64 time)
{
  g_autoptr (GDateTime) dt = time > 0 ? g_date_time_new_from_unix_utc (time) : NULL;

  return dt ? g_date_time_format (dt, "%Y-%m-%d") : g_strdup ("");
}

static void
set_text (AdwEntryRow *row, const char *text)
{
  g_object_set_data (G_OBJECT (row), "pending", NULL);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), NULL);
}

/* What an entry row shows of @citation's @field. */
static char *
dup_value (const ClipperCitation *citation, const char *field)
{
  if (g_str_equal (field, "authors"))
    return clipper_citation_format_authors (citation);
  if (g_str_equal (field, "accessed"))
    return format_day (citation->accessed);
  for (guint i = 0; i < G_N_ELEMENTS (entry_rows); i++)
    if (entry_rows[i].text >= 0 && g_str_equal (field, entry_rows[i].field))
      return g_strdup (G_STRUCT_MEMBER (const char *, citation, entry_rows[i].text));
  return NULL;
}

/**
 * clipper_citation_editor_set_citation:
 * @citation: (nullable): the citation the library keeps, or %NULL when
 *   there is none to show
 *
 * Shows @citation. For the same clipping, a field being typed in, one
 * applied and not yet answered, or one whose value was refused, is left
 * as it is.
 */
void
clipper_citation_editor_set_citation (ClipperCitationEditor *self, const ClipperCitation *citation)
{
  g_autofree char *provenance = NULL;
  GtkRoot *root;
  GtkWidget *focus;

  g_return_if_fail (CLIPPER_IS_CITATION_EDITOR (self));

  gtk_widget_set_visible (GTK_WIDGET (self), citation != NULL);
  if (citation == NULL)
    {
      self->clipping_id = 0;
      return;
    }

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root ? gtk_root_get_focus (root) : NULL;
  for (guint i = 0; i < G_N_ELEMENTS (entry_rows); i++)
    {
      GtkWidget *row = ROW_AT (self, i);

      if (citation->clipping_id != self->clipping_id ||
          ((focus == NULL || !gtk_widget_is_ancestor (focus, row)) &&
           !gtk_widget_has_css_class (row, "error") &&
           g_object_get_data (G_OBJECT (row), "pending") == NULL))
        {
          g_autofree char *value = dup_value (citation, entry_rows[i].field);

          set_text (ADW_ENTRY_ROW (row), value);
        }
    }
  self->clipping_id = citation->clipping_id;

  self->filling = TRUE;
  adw_combo_row_set_selected (self->type_row, citation->type);
  self->filling = FALSE;

  g_clear_pointer (&self->text_sha256, g_free);
  if (citation->text_sha256 != NULL && citation->text_sha256[0] != '\0')
    {
      g_autoptr (GDateTime) captured = citation->captured_at > 0
                                           ? g_date_time_new_from_unix_local (citation->captured_at)
                                           : NULL;
      g_autofree char *when = captured ? g_date_time_format (captured, "%e %b %Y, %H:%M") : NULL;
      g_autofree char *short_hash = NULL;

      /* The whole hash is in the tooltip and copied; the row shows its ends. */
      if (strlen (citation->text_sha256) > 20)
        short_hash = g_strdup_printf ("%.12s…%s", citation->text_sha256,
                                      citation->text_sha256 + strlen (citation->text_sha256) - 4);
      self->text_sha256 = g_strdup (citation->text_sha256);
      /* Translators: the SHA-256 of the article's text, then when it was read */
      provenance = g_strdup_printf (_ ("SHA-256 %s, read %s"), citation->text_sha256,
                                    when ? g_strstrip (when) : _ ("at an unknown time"));
    }
  adw_action_row_set_subtitle (self->provenance_row, provenance ? provenance : _ ("Not recorded"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->copy_button), self->text_sha256 != NULL);
}

/**
 * clipper_citation_editor_finish_edit:
 * @field: the field applied
 * @citation: (nullable): the citation as the library keeps it now, or
 *   %NULL when the value was refused
 * @message: (nullable): why it was refused
 *
 * The library's answer to #ClipperCitationEditor::field-changed: the
 * field shows what was kept, or is marked with the text typed left for
 * mending.
 */
void
clipper_citation_editor_finish_edit (ClipperCitationEditor *self,
                                     const char *field,
                                     const ClipperCitation *citation,
                                     const char *message)
{
  GtkWidget *row;

  g_return_if_fail (CLIPPER_IS_CITATION_EDITOR (self));

  if ((row = clipper_citation_editor_get_row (self, field)) == NULL)
    return;
  g_object_set_data (G_OBJECT (row), "pending", NULL);
  if (citation == NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, message);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      message, -1);
      return;
    }

  gtk_widget_remove_css_class (row, "error");
  gtk_widget_set_tooltip_text (row, NULL);
  clipper_citation_editor_set_citation (self, citation);
  /* The field applied shows the library's form of it, focused or not. */
  if (ADW_IS_ENTRY_ROW (row))
    {
      g_autofree char *value = dup_value (citation, field);

      set_text (ADW_ENTRY_ROW (row), value);
    }
}

static void
clipper_citation_editor_dispose (GObject *object)
{
  ClipperCitationEditor *self = (ClipperCitationEditor *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CLIPPER_TYPE_CITATION_EDITOR);
  g_clear_pointer (&self->text_sha256, g_free);

  G_OBJECT_CLASS (clipper_citation_editor_parent_class)->dispose (object);
}

static void
clipper_citation_editor_class_init (ClipperCitationEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clipper_citation_editor_dispose;

  /**
   * ClipperCitationEditor::field-changed:
   * @field: the field's name, as clipper_citation_set_field() takes it
   * @value: what was typed or chosen
   *
   * A field was applied; the library has not taken it yet.
   */
  signals[FIELD_CHANGED] =
      g_signal_new ("field-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/com/example/Clipper/ui/clipper-citation-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ClipperCitationEditor, expander);
  gtk_widget_class_bind_template_child (widget_class, ClipperCitationEditor, list);
  gtk_widget_class_bind_template_child (widget_class, ClipperCitationEditor, type_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperCitationEditor, authors_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperCitationEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperCitationEditor, container_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperCitationEditor, publisher_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperCitationEditor, issued_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperCitationEditor, accessed_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperCitationEditor, url_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperCitationEditor, language_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperCitationEditor, key_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperCitationEditor, provenance_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperCitationEditor, copy_button);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "clippercitationeditor");
}

static void
clipper_citation_editor_init (ClipperCitationEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (entry_rows); i++)
    {
      GtkWidget *row = ROW_AT (self, i);

      g_object_set_data (G_OBJECT (row), "field", (gpointer) entry_rows[i].field);
      g_signal_connect_object (row, "apply", G_CALLBACK (on_row_apply_cb), self, G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (self->type_row, "notify::selected", G_CALLBACK (on_type_selected_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
clipper_citation_editor_new (void)
{
  return g_object_new (CLIPPER_TYPE_CITATION_EDITOR, NULL);
}
