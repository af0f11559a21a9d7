/* clipper-window-clip.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Clipping the page on show: the reader serialises it, the clip
 * controller does the rest (see clipper-clip-controller.c), and the window
 * says how it went.
 */

#define G_LOG_DOMAIN "clipper-window"

#include "config.h"

#include <glib/gi18n.h>

#include "clipper-reader.h"
#include "clipper-window.h"
#include "clipper-window-private.h"

static void
clip_done (ClipperWindow *self)
{
  self->clipping = FALSE;
  g_clear_pointer (&self->clip_url, g_free);
  _clipper_window_update_actions (self);
}

static void
on_clipped_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ClipperWindow) self = user_data;
  g_autoptr(ClipperClipResult) clipped = NULL;
  g_autoptr(GError) error = NULL;
  ClipperClipping *clipping;
  GPtrArray *live;
  AdwToast *toast;

  clipped = clipper_clip_controller_clip_finish (CLIPPER_CLIP_CONTROLLER (object), result, &error);

  /* Carried into the clipping now; any made while it was saved stay. */
  live = g_hash_table_lookup (self->live_highlights, self->clip_url);
  if (live != NULL)
    {
      if (clipped != NULL)
        g_ptr_array_remove_range (live, 0, MIN (clipped->n_carried, live->len));
      if (live->len == 0)
        g_hash_table_remove (self->live_highlights, self->clip_url);
    }
  clip_done (self);

  if (clipped == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _clipper_window_show_toast (self, error->message);
      return;
    }

  if (clipped->n_failed_images > 0)
    {
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u image could not be saved for offline reading",
                                      "%u images could not be saved for offline reading",
                                      clipped->n_failed_images),
                         clipped->n_failed_images);

      _clipper_window_show_toast (self, message);
    }

  clipper_library_view_reload (self->library_view);

  clipping = clipped->clipping;
  if (clipped->refreshed)
    toast = adw_toast_new_format (_("Updated “%s” in the library, keeping its highlights"),
                                  clipper_clipping_get_title (clipping));
  else if (clipper_clipping_get_is_article (clipping))
    toast = adw_toast_new_format (_("Saved “%s” to the library"),
                                  clipper_clipping_get_title (clipping));
  else
    toast = adw_toast_new (_("No article was found in this page; the whole page was saved."));
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-clipping");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (clipped->id));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_page_serialized_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(ClipperWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GPtrArray *live;

  bytes = clipper_reader_serialize_finish (CLIPPER_READER (object), result, &error);
  if (bytes == NULL)
    {
      g_autofree char *message = NULL;

      clip_done (self);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("The page could not be read: %s"), error->message);
      _clipper_window_show_toast (self, message);
      return;
    }

  /* Highlights made on the live page, those to come while it is clipped
   * included, go with it. */
  live = g_hash_table_lookup (self->live_highlights, self->clip_url);
  if (live == NULL)
    {
      live = g_ptr_array_new_with_free_func (g_object_unref);
      g_hash_table_insert (self->live_highlights, g_strdup (self->clip_url), live);
    }

  clipper_clip_controller_clip_async (self->clip_controller, bytes, self->clip_url, "UTF-8",
                                      NULL, live, CLIPPER_CLIP_FLAGS_NONE, self->cancellable,
                                      on_clipped_cb, g_object_ref (self));
}

/* Saves the page on show to the library. */
void
_clipper_window_clip_page (ClipperWindow *self)
{
  g_return_if_fail (!self->clipping);

  self->clipping = TRUE;
  self->clip_url = g_strdup (clipper_reader_get_uri (self->reader) ?: "");
  _clipper_window_update_actions (self);
  clipper_reader_serialize_async (self->reader, self->cancellable, on_page_serialized_cb,
                                  g_object_ref (self));
}
