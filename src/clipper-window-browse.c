/* clipper-window-browse.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Browsing: the address entry, loading pages into the reader, progress,
 * and the pages for a failed load or a crashed page.
 */

#define G_LOG_DOMAIN "clipper-window"

#include "config.h"

#include <glib/gi18n.h>
#include "clipper-reader.h"
#include "clipper-uri.h"
#include "clipper-window.h"
#include "clipper-reader-style.h"
#include "clipper-window-private.h"

gboolean
_clipper_window_uri_is_clippable (const char *uri)
{
  g_autofree char *scheme = uri ? g_uri_parse_scheme (uri) : NULL;

  return scheme != NULL && (g_str_equal (scheme, "http") ||
                            g_str_equal (scheme, "https") ||
                            g_str_equal (scheme, "file"));
}

void
_clipper_window_show_address_error (ClipperWindow *self,
                                    const char    *message)
{
  gtk_label_set_text (self->address_error_label, message);
  gtk_revealer_set_reveal_child (self->address_error_revealer, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->address_entry), "error");
}

void
_clipper_window_hide_address_error (ClipperWindow *self)
{
  gtk_revealer_set_reveal_child (self->address_error_revealer, FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->address_entry), "error");
}

static void
sync_address (ClipperWindow *self)
{
  const char *uri = _clipper_window_reader_uri (self);

  /* Never overwrite what the user is typing. */
  if (gtk_widget_has_focus (GTK_WIDGET (self->address_entry)) &&
      gtk_widget_is_focus (GTK_WIDGET (self->address_entry)))
    return;

  /* A page that stopped working keeps its address, for Reload. */
  if ((uri == NULL || uri[0] == '\0') &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "crashed") == 0)
    return;

  if (uri == NULL || g_str_equal (uri, "about:blank"))
    uri = "";

  gtk_editable_set_text (GTK_EDITABLE (self->address_entry), uri);
}

void
_clipper_window_on_address_entry_activate_cb (ClipperWindow *self,
                                              GtkEntry      *entry)
{
  clipper_window_load_address (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

void
_clipper_window_on_address_entry_changed_cb (ClipperWindow *self,
                                             GtkEntry      *entry)
{
  _clipper_window_hide_address_error (self);
}

/* At once, not when the page starts loading: the first page waits for
 * WebKit's processes to start. */
void
_clipper_window_show_loading (ClipperWindow *self)
{
  gtk_progress_bar_set_fraction (self->progress_bar, 0.1);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
}

static void
on_reader_load_changed_cb (ClipperWindow *self,
                           int            event,
                           ClipperReader *reader)
{
  switch ((ClipperReaderLoadEvent)event)
    {
    case CLIPPER_READER_LOAD_STARTED:
      g_clear_pointer (&self->failed_uri, g_free);
      gtk_stack_set_visible_child_name (self->reload_stop_stack, "stop");
      _clipper_window_show_loading (self);
      break;

    case CLIPPER_READER_LOAD_COMMITTED:
      sync_address (self);
      _clipper_window_sync_reader (self);
      if (clipper_reader_get_http_status (reader) >= 400)
        {
          /* Translators: %u is an HTTP status code, such as 404 */
          g_autofree char *message = g_strdup_printf (_("The server answered with an error (%u) instead of "
                                                        "the page: it cannot be clipped"),
                                                      clipper_reader_get_http_status (reader));

          _clipper_window_show_toast (self, message);
        }
      /* A blank page is nothing open. */
      gtk_stack_set_visible_child_name (self->content_stack,
                                        g_strcmp0 (_clipper_window_reader_uri (self), "about:blank") == 0 ? "empty" : "reader");
      break;

    case CLIPPER_READER_LOAD_REDIRECTED:
      sync_address (self);
      break;

    case CLIPPER_READER_LOAD_FINISHED:
      gtk_stack_set_visible_child_name (self->reload_stop_stack, "reload");
      gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
      clipper_library_view_select (self->library_view, clipper_uri_parse_clipping_id (_clipper_window_reader_uri (self)));
      _clipper_window_update_actions (self);
      /* A failed load leaves Clip disabled: nothing is clipped. */
      if (self->clip_when_loaded)
        {
          self->clip_when_loaded = FALSE;
          if (g_action_group_get_action_enabled (G_ACTION_GROUP (self), "clip"))
            g_action_group_activate_action (G_ACTION_GROUP (self), "clip", NULL);
        }
      break;

    default:
      break;
    }

  _clipper_window_update_actions (self);
}

static void
on_reader_progress_cb (ClipperWindow *self,
                       GParamSpec    *pspec,
                       ClipperReader *reader)
{
  gtk_progress_bar_set_fraction (self->progress_bar, MAX (0.1, clipper_reader_get_progress (reader)));
}

static void
on_reader_uri_cb (ClipperWindow *self,
                  GParamSpec    *pspec,
                  ClipperReader *reader)
{
  sync_address (self);
  _clipper_window_update_actions (self);
}

static void
on_reader_title_cb (ClipperWindow *self,
                    GParamSpec    *pspec,
                    ClipperReader *reader)
{
  const char *title = clipper_reader_get_title (reader);

  if (title != NULL && title[0] != '\0')
    {
      /* Translators: the window title, the page title and the app's name */
      g_autofree char *text = g_strdup_printf (_("%s — Clipper"), title);

      gtk_window_set_title (GTK_WINDOW (self), text);
    }
  else
    gtk_window_set_title (GTK_WINDOW (self), _("Clipper"));
}

/* Said in the page's place, with a button to reload it. */
static void
on_reader_load_failed_cb (ClipperWindow *self,
                          const char    *uri,
                          const char    *message,
                          ClipperReader *reader)
{
  g_autofree char *description = NULL;
  g_autofree char *escaped_uri = g_markup_escape_text (uri, -1);
  g_autofree char *escaped_message = g_markup_escape_text (message, -1);

  g_free (self->failed_uri);
  self->failed_uri = g_strdup (uri);

  description = g_strdup_printf ("<b>%s</b>\n%s", escaped_uri, escaped_message);
  adw_status_page_set_description (self->failed_page, description);
  gtk_stack_set_visible_child_name (self->content_stack, "failed");
  gtk_stack_set_visible_child_name (self->reload_stop_stack, "reload");
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);

  /* The address stays as typed, to correct or to try again. */
  if (!gtk_widget_has_focus (GTK_WIDGET (self->address_entry)))
    gtk_editable_set_text (GTK_EDITABLE (self->address_entry), uri);
  _clipper_window_update_actions (self);
}

static void
on_reader_crashed_cb (ClipperWindow *self,
                      const char    *message,
                      ClipperReader *reader)
{
  adw_status_page_set_description (self->crashed_page, message);
  gtk_stack_set_visible_child_name (self->content_stack, "crashed");
  gtk_stack_set_visible_child_name (self->reload_stop_stack, "reload");
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  if (self->popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->popover));
  _clipper_window_update_actions (self);
}

/* WebKit loads with the first page opened rather than with the window:
 * it is most of the app's start-up time and memory. */
static gboolean
on_read_save_cb (gpointer user_data)
{
  ClipperWindow *self = user_data;

  _clipper_window_flush_reading (self);
  return G_SOURCE_REMOVE;
}

/* Scrolling rested somewhere: kept a second later, so that a long scroll
 * is one write. */
static void
on_reader_read_cb (ClipperWindow *self,
                   int            permille,
                   ClipperReader *reader)
{
  if (self->reader_id <= 0)
    return;
  /* Another clipping's reading, still waiting, is kept first. */
  if (self->read_id != self->reader_id)
    _clipper_window_flush_reading (self);
  self->read_id = self->reader_id;
  self->read_permille = permille;
  g_clear_handle_id (&self->read_save_id, g_source_remove);
  self->read_save_id = g_timeout_add_seconds (1, on_read_save_cb, self);
}

/* The reader's preferences, applied to the page on show at once. */
static void
apply_reader_settings (ClipperWindow *self)
{
  g_autofree char *font = g_settings_get_string (self->settings, "reader-font");
  ClipperReaderStyle style = {
    font,
    g_settings_get_int (self->settings, "reader-font-size"),
    g_settings_get_int (self->settings, "reader-width"),
    g_settings_get_double (self->settings, "reader-line-spacing"),
    g_settings_get_boolean (self->settings, "reader-justify"),
  };
  g_autofree char *css = clipper_reader_style_to_css (&style);

  clipper_reader_set_reader_style (self->reader, css);
  clipper_reader_set_zoom (self->reader, g_settings_get_double (self->settings, "zoom"));
}

static void
on_reader_setting_changed_cb (ClipperWindow *self,
                              const char    *key,
                              GSettings     *settings)
{
  if (g_str_has_prefix (key, "reader-") || g_str_equal (key, "zoom"))
    apply_reader_settings (self);
}

ClipperReader *
_clipper_window_ensure_reader (ClipperWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->reader != NULL)
    return self->reader;

  self->reader = clipper_reader_new (&error);
  if (self->reader == NULL)
    {
      adw_status_page_set_icon_name (self->empty_page, "dialog-error-symbolic");
      adw_status_page_set_title (self->empty_page, _("Pages Cannot Be Shown"));
      adw_status_page_set_description (self->empty_page, error->message);
      _clipper_window_show_toast (self, error->message);
      return NULL;
    }

  gtk_widget_set_hexpand (GTK_WIDGET (self->reader), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->reader), TRUE);
  gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->reader), "reader");

  if (self->store != NULL)
    clipper_reader_set_store (self->reader, self->store, NULL);
  else if (self->store_error != NULL)
    clipper_reader_set_store (self->reader, NULL, self->store_error);
  apply_reader_settings (self);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_reader_setting_changed_cb), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (self->reader, "load-changed",
                           G_CALLBACK (on_reader_load_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reader, "notify::progress",
                           G_CALLBACK (on_reader_progress_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reader, "notify::uri",
                           G_CALLBACK (on_reader_uri_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reader, "notify::title",
                           G_CALLBACK (on_reader_title_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reader, "ready",
                           G_CALLBACK (_clipper_window_on_reader_ready_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reader, "highlight-requested",
                           G_CALLBACK (_clipper_window_on_reader_highlight_requested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reader, "highlight-activated",
                           G_CALLBACK (_clipper_window_on_reader_highlight_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reader, "live-highlight-requested",
                           G_CALLBACK (_clipper_window_on_reader_live_highlight_requested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reader, "selection-changed",
                           G_CALLBACK (_clipper_window_on_reader_selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reader, "read", G_CALLBACK (on_reader_read_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reader, "dismissed",
                           G_CALLBACK (_clipper_window_on_reader_dismissed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reader, "crashed",
                           G_CALLBACK (on_reader_crashed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reader, "load-failed",
                           G_CALLBACK (on_reader_load_failed_cb), self, G_CONNECT_SWAPPED);
  {
    g_autoptr(GVariant) caret = g_action_group_get_action_state (G_ACTION_GROUP (self), "caret-browsing");

    clipper_reader_set_caret_browsing (self->reader, g_variant_get_boolean (caret));
  }

  return self->reader;
}

/**
 * clipper_window_clip_address:
 * @text: (nullable): what the clipboard held
 *
 * Loads a web address and clips the page once it has loaded; anything
 * else is said in a toast.
 */
void
clipper_window_clip_address (ClipperWindow *self,
                             const char    *text)
{
  g_autofree char *scheme = text ? g_uri_parse_scheme (text) : NULL;

  g_return_if_fail (CLIPPER_IS_WINDOW (self));

  if (scheme == NULL || (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    {
      _clipper_window_show_toast (self, _("The clipboard holds no web address to clip."));
      return;
    }
  self->clip_when_loaded = TRUE;
  clipper_window_load_address (self, text);
}
