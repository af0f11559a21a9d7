/* clipper-highlight-editor.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a reader does to the highlights of a clipping, written to the
 * library: creating one from a range of the clipping's text, recolouring
 * it and writing its note, the clipping's own note and tags, deleting.
 * Every write goes to the store's thread, in the order it was asked for,
 * so the window never waits on the disk; undoing a deletion is the
 * caller's (it deletes once the chance to undo has passed).
 */

#define G_LOG_DOMAIN "clipper-highlight-editor"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "clipper-error.h"
#include "clipper-highlight-editor.h"

struct _ClipperHighlightEditor
{
  GObject       parent_instance;

  ClipperStore *store;
};

G_DEFINE_FINAL_TYPE (ClipperHighlightEditor, clipper_highlight_editor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_run_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gpointer value;

  value = clipper_store_run_finish (CLIPPER_STORE (object), result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else if (g_task_get_source_tag (task) == clipper_highlight_editor_create_async)
    g_task_return_pointer (task, value, g_object_unref);
  else
    g_task_return_boolean (task, TRUE);
}

/* @job in the store's thread, for a task of @self's. */
static void
run (ClipperHighlightEditor *self,
     gpointer                source_tag,
     ClipperStoreJob         job,
     gpointer                data,
     GDestroyNotify          data_free,
     GDestroyNotify          result_free,
     GCancellable           *cancellable,
     GAsyncReadyCallback     callback,
     gpointer                user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  clipper_store_run_async (self->store, job, data, data_free, result_free, cancellable, on_run_cb, task);
}

static gpointer
add_job (ClipperStore  *store,
         gpointer       data,
         GError       **error)
{
  if (clipper_store_add_highlight (store, data, error) == 0)
    return NULL;

  return g_object_ref (data);
}

/**
 * clipper_highlight_editor_create_async:
 * @text: the clipping's canonical text, which @start and @end count in
 * @color: (nullable): one of the five colours; yellow if %NULL
 *
 * Saves a highlight of @text from @start to @end. A range outside the
 * text fails with %CLIPPER_ERROR_INVALID_INPUT; one that holds only white
 * space is nothing to highlight, and finishes with %NULL and no error.
 */
void
clipper_highlight_editor_create_async (ClipperHighlightEditor *self,
                                       gint64                  clipping_id,
                                       ClipperAnchorText      *text,
                                       gint64                  start,
                                       gint64                  end,
                                       const char             *color,
                                       GCancellable           *cancellable,
                                       GAsyncReadyCallback     callback,
                                       gpointer                user_data)
{
  g_autoptr(ClipperSelector) selector = NULL;
  g_autofree char *stripped = NULL;
  ClipperHighlight *highlight;

  g_return_if_fail (CLIPPER_IS_HIGHLIGHT_EDITOR (self));
  g_return_if_fail (text != NULL);

  if (start < 0 || end <= start || end > clipper_anchor_text_get_length (text))
    {
      g_task_report_new_error (self, callback, user_data, clipper_highlight_editor_create_async,
                               CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT,
                               _("The highlight is outside the clipping’s text"));
      return;
    }

  selector = clipper_selector_new (text, start, end);
  stripped = g_strstrip (g_strdup (selector->exact));
  if (stripped[0] == '\0')
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, clipper_highlight_editor_create_async);
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  highlight = clipper_highlight_new ();
  clipper_highlight_set_clipping_id (highlight, clipping_id);
  clipper_highlight_set_color (highlight, color ? color : "yellow");
  clipper_highlight_set_selector (highlight, selector);

  run (self, clipper_highlight_editor_create_async, add_job, highlight, g_object_unref, g_object_unref,
       cancellable, callback, user_data);
}

/**
 * clipper_highlight_editor_create_finish:
 *
 * Returns: (transfer full) (nullable): the highlight saved, with its id;
 *   %NULL with @error set, or without for white space
 */
ClipperHighlight *
clipper_highlight_editor_create_finish (ClipperHighlightEditor  *self,
                                        GAsyncResult            *result,
                                        GError                 **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == clipper_highlight_editor_create_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gpointer
update_job (ClipperStore  *store,
            gpointer       data,
            GError       **error)
{
  clipper_store_update_highlight (store, data, error);
  return NULL;
}

/* Saves @highlight's colour, note and tags as they are now: a copy goes
 * to the store, so that its owner may go on editing. */
void
clipper_highlight_editor_save_async (ClipperHighlightEditor *self,
                                     ClipperHighlight       *highlight,
                                     GCancellable           *cancellable,
                                     GAsyncReadyCallback     callback,
                                     gpointer                user_data)
{
  g_return_if_fail (CLIPPER_IS_HIGHLIGHT_EDITOR (self));
  g_return_if_fail (CLIPPER_IS_HIGHLIGHT (highlight));

  run (self, clipper_highlight_editor_save_async, update_job, clipper_highlight_copy (highlight),
       g_object_unref, NULL, cancellable, callback, user_data);
}

typedef struct
{
  gint64  id;
  char   *note;
  char  **tags;
} Details;

static void
details_free (Details *details)
{
  g_free (details->note);
  g_strfreev (details->tags);
  g_free (details);
}

static gpointer
details_job (ClipperStore  *store,
             gpointer       data,
             GError       **error)
{
  Details *details = data;

  clipper_store_set_clipping_details (store, details->id, details->note,
                                      (const char * const *)details->tags, error);
  return NULL;
}

/* The clipping's note and tags, together: one thing the user did, one
 * transaction. */
void
clipper_highlight_editor_save_details_async (ClipperHighlightEditor *self,
                                             gint64                  clipping_id,
                                             const char             *note,
                                             const char * const     *tags,
                                             GCancellable           *cancellable,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data)
{
  Details *details;

  g_return_if_fail (CLIPPER_IS_HIGHLIGHT_EDITOR (self));

  details = g_new0 (Details, 1);
  details->id = clipping_id;
  details->note = g_strdup (note);
  details->tags = g_strdupv ((char **)tags);
  run (self, clipper_highlight_editor_save_details_async, details_job, details,
       (GDestroyNotify)details_free, NULL, cancellable, callback, user_data);
}

static gpointer
delete_job (ClipperStore  *store,
            gpointer       data,
            GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  /* Gone already (its clipping deleted meanwhile) is what was wanted. */
  if (!clipper_store_delete_highlight (store, *(gint64 *)data, &local_error) &&
      !g_error_matches (local_error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND))
    g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/* Deletes a highlight. No cancellable: once the user can no longer undo
 * it, the deletion stands even if the window goes. */
void
clipper_highlight_editor_delete_async (ClipperHighlightEditor *self,
                                       gint64                  id,
                                       GAsyncReadyCallback     callback,
                                       gpointer                user_data)
{
  g_return_if_fail (CLIPPER_IS_HIGHLIGHT_EDITOR (self));

  run (self, clipper_highlight_editor_delete_async, delete_job, g_memdup2 (&id, sizeof id), g_free, NULL,
       NULL, callback, user_data);
}

/* Finishes a save, a save of details or a deletion. */
gboolean
clipper_highlight_editor_finish (ClipperHighlightEditor  *self,
                                 GAsyncResult            *result,
                                 GError                 **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
clipper_highlight_editor_dispose (GObject *object)
{
  ClipperHighlightEditor *self = CLIPPER_HIGHLIGHT_EDITOR (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (clipper_highlight_editor_parent_class)->dispose (object);
}

static void
clipper_highlight_editor_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  ClipperHighlightEditor *self = CLIPPER_HIGHLIGHT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clipper_highlight_editor_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  ClipperHighlightEditor *self = CLIPPER_HIGHLIGHT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clipper_highlight_editor_class_init (ClipperHighlightEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = clipper_highlight_editor_dispose;
  object_class->get_property = clipper_highlight_editor_get_property;
  object_class->set_property = clipper_highlight_editor_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CLIPPER_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
clipper_highlight_editor_init (ClipperHighlightEditor *self)
{
}

ClipperHighlightEditor *
clipper_highlight_editor_new (ClipperStore *store)
{
  g_return_val_if_fail (CLIPPER_IS_STORE (store), NULL);

  return g_object_new (CLIPPER_TYPE_HIGHLIGHT_EDITOR, "store", store, NULL);
}
