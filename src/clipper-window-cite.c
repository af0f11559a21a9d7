/* clipper-window-cite.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The open clipping's citation, as edited in the sidebar: each field
 * applied is checked and kept by the library off the main loop; what the
 * library then holds is shown again, and a field it refuses is marked.
 */

#define G_LOG_DOMAIN "clipper-window"

#include "config.h"

#include <glib/gi18n.h>

#include "clipper-window.h"
#include "clipper-window-private.h"

typedef struct
{
  ClipperWindow *window; /* only in the reply */
  gint64 id;
  char *field;
  char *value;
} FieldEdit;

static FieldEdit *
field_edit_new (ClipperWindow *window, gint64 id, const char *field, const char *value)
{
  FieldEdit *edit = g_new0 (FieldEdit, 1);

  edit->window = window ? g_object_ref (window) : NULL;
  edit->id = id;
  edit->field = g_strdup (field);
  edit->value = g_strdup (value);
  return edit;
}

static void
field_edit_free (FieldEdit *edit)
{
  g_clear_object (&edit->window);
  g_free (edit->field);
  g_free (edit->value);
  g_free (edit);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FieldEdit, field_edit_free)

/* Returns the citation as the library keeps it after the edit. */
static gpointer
set_field_job (ClipperStore *store, gpointer data, GError **error)
{
  FieldEdit *edit = data;
  g_autoptr (ClipperCitation) citation = clipper_store_find_citation (store, edit->id, error);

  if (citation == NULL || !clipper_citation_set_field (citation, edit->field, edit->value, error) ||
      !clipper_store_set_citation (store, citation, error))
    return NULL;
  return clipper_store_find_citation (store, edit->id, error);
}

static void
on_field_set_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (FieldEdit) reply = user_data;
  ClipperWindow *self = reply->window;
  g_autoptr (GError) error = NULL;
  g_autoptr (ClipperCitation) citation =
      clipper_store_run_finish (CLIPPER_STORE (object), result, &error);
  ClipperCitationEditor *editor;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->highlights_pane == NULL)
    return;

  editor = clipper_highlights_pane_get_citation_editor (self->highlights_pane);
  if (citation == NULL)
    {
      g_autofree char *message =
          g_strdup_printf (_ ("The citation was not changed: %s"), error->message);

      if (reply->id == self->reader_id)
        clipper_citation_editor_finish_edit (editor, reply->field, NULL, error->message);
      _clipper_window_show_toast (self, message);
    }
  else if (citation->clipping_id == self->reader_id)
    clipper_citation_editor_finish_edit (editor, reply->field, citation, NULL);
}

void
_clipper_window_on_citation_field_changed_cb (ClipperWindow *self,
                                              const char *field,
                                              const char *value,
                                              ClipperCitationEditor *editor)
{
  if (self->store == NULL || self->reader_id <= 0)
    return;

  clipper_store_run_async (
      self->store, set_field_job, field_edit_new (NULL, self->reader_id, field, value),
      (GDestroyNotify) field_edit_free, (GDestroyNotify) clipper_citation_free, self->cancellable,
      on_field_set_cb, field_edit_new (self, self->reader_id, field, value));
}
