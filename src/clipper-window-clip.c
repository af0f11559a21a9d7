/* clipper-window-clip.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The clip pipeline: serialise the page, extract the article, store its
 * images, save, and carry the live page's highlights into the clipping.
 */

#define G_LOG_DOMAIN "clipper-window"

#include "config.h"

#include <glib/gi18n.h>
#include "clipper-capture.h"
#include "clipper-image-saver.h"
#include "clipper-reader.h"
#include "clipper-window.h"
#include "clipper-window-private.h"

typedef struct
{
  ClipperClipping *clipping;
  GPtrArray       *live;   /* copies of the live page's highlights */
} SaveRequest;

static void
save_request_free (SaveRequest *request)
{
  g_clear_object (&request->clipping);
  g_clear_pointer (&request->live, g_ptr_array_unref);
  g_free (request);
}

typedef struct
{
  gint64   id;
  gboolean refreshed;
  guint    live;       /* how many of the live page's highlights went with it */
} SaveResult;

/* In the store's thread: a page already in the library is refreshed and
 * its highlights re-anchored, which can take a moment on long articles;
 * then what was highlighted on the live page joins it. */
static gpointer
save_clipping_job (ClipperStore  *store,
                   gpointer       data,
                   GError       **error)
{
  SaveRequest *request = data;
  SaveResult *result = g_new0 (SaveResult, 1);

  result->id = clipper_capture_save (store, request->clipping, FALSE, &result->refreshed, error);
  if (result->id == 0)
    {
      g_clear_pointer (&result, g_free);
      return NULL;
    }

  if (request->live != NULL)
    {
      _clipper_window_carry_live_highlights (store, request->clipping, result->id, request->live);
      result->live = request->live->len;
    }

  return result;
}

static void
on_clipping_saved_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(ClipperWindow) self = user_data;
  g_autoptr(ClipperClipping) clipping = g_steal_pointer (&self->captured);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree SaveResult *saved = NULL;
  GPtrArray *live;
  AdwToast *toast;
  gint64 id;

  saved = clipper_store_run_finish (CLIPPER_STORE (object), result, &error);
  self->clipping = FALSE;
  _clipper_window_update_actions (self);

  if (saved == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("The page could not be saved: %s"), error->message);
      _clipper_window_show_toast (self, message);
      return;
    }

  id = saved->id;
  /* Carried into the clipping now; any made while it was saved stay. */
  live = g_hash_table_lookup (self->live_highlights, clipper_clipping_get_url (clipping) ?: "");
  if (live != NULL && saved->live > 0)
    {
      g_ptr_array_remove_range (live, 0, MIN (saved->live, live->len));
      if (live->len == 0)
        g_hash_table_remove (self->live_highlights, clipper_clipping_get_url (clipping));
    }
  clipper_library_view_reload (self->library_view);

  if (saved->refreshed)
    toast = adw_toast_new_format (_("Updated “%s” in the library, keeping its highlights"),
                                  clipper_clipping_get_title (clipping));
  else if (clipper_clipping_get_is_article (clipping))
    toast = adw_toast_new_format (_("Saved “%s” to the library"),
                                  clipper_clipping_get_title (clipping));
  else
    toast = adw_toast_new (_("No article was found in this page; the whole page was saved."));
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-clipping");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (id));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_images_saved_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ClipperWindow) self = user_data;
  g_autoptr(ClipperImageReport) report = NULL;
  g_autoptr(GError) error = NULL;
  SaveRequest *request;
  GPtrArray *live;

  report = clipper_image_saver_save_finish (CLIPPER_IMAGE_SAVER (object), result, &error);
  if (report == NULL)
    {
      self->clipping = FALSE;
      g_clear_object (&self->captured);
      _clipper_window_update_actions (self);
      return;
    }

  clipper_clipping_set_content (self->captured, report->html);
  if (report->failed > 0)
    {
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u image could not be saved for offline reading",
                                      "%u images could not be saved for offline reading",
                                      report->failed),
                         report->failed);

      _clipper_window_show_toast (self, message);
    }

  request = g_new0 (SaveRequest, 1);
  request->clipping = g_object_ref (self->captured);
  live = g_hash_table_lookup (self->live_highlights, clipper_clipping_get_url (self->captured) ?: "");
  if (live != NULL)
    {
      request->live = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < live->len; i++)
        g_ptr_array_add (request->live, clipper_highlight_copy (g_ptr_array_index (live, i)));
    }

  clipper_store_run_async (self->store, save_clipping_job, request, (GDestroyNotify)save_request_free,
                           g_free, self->cancellable, on_clipping_saved_cb, g_object_ref (self));
}

static void
on_page_captured_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ClipperWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  self->captured = clipper_capture_page_finish (result, &error);
  if (self->captured == NULL)
    {
      g_autofree char *message = NULL;

      self->clipping = FALSE;
      _clipper_window_update_actions (self);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("The page could not be clipped: %s"), error->message);
      _clipper_window_show_toast (self, message);
      return;
    }

  clipper_image_saver_save_async (self->image_saver, clipper_clipping_get_content (self->captured),
                                  clipper_clipping_get_url (self->captured),
                                  self->cancellable, on_images_saved_cb, g_object_ref (self));
}

void
_clipper_window_on_page_serialized_cb (GObject      *object,
                                       GAsyncResult *result,
                                       gpointer      user_data)
{
  g_autoptr(ClipperWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  bytes = clipper_reader_serialize_finish (CLIPPER_READER (object), result, &error);
  if (bytes == NULL)
    {
      g_autofree char *message = NULL;

      self->clipping = FALSE;
      _clipper_window_update_actions (self);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("The page could not be read: %s"), error->message);
      _clipper_window_show_toast (self, message);
      return;
    }

  clipper_capture_page_async (bytes, clipper_reader_get_uri (CLIPPER_READER (object)), "UTF-8",
                              self->cancellable, on_page_captured_cb, g_object_ref (self));
}
