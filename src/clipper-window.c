/* clipper-window.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window: its template, the sidebar (folding in narrow windows),
 * toasts, saved settings and the watch on the library for other programs'
 * changes. The rest is wired in from rooms of their own: -actions.c,
 * -browse.c (address and page loads), -highlights.c, -clip.c and
 * -library.c (the sidebar's requests); -private.h holds the struct.
 */

#define G_LOG_DOMAIN "clipper-window"

#include "config.h"

#include <glib/gi18n.h>

#include "clipper-anchor.h"
#include "clipper-highlight-popover.h"
#include "clipper-highlights-pane.h"
#include "clipper-image-saver.h"
#include "clipper-query.h"
#include "clipper-reader.h"
#include "clipper-uri.h"
#include "clipper-window.h"
#include "clipper-window-private.h"
#include "clipper-store-check.h"

/* How often the window looks for changes other programs made to the
 * library: a cheap query, run off the main loop. */
#define WATCH_INTERVAL_SECONDS 2

G_DEFINE_FINAL_TYPE (ClipperWindow, clipper_window, ADW_TYPE_APPLICATION_WINDOW)

/* The popover belongs to the page: working elsewhere puts it away. */
static void
on_focus_widget_cb (ClipperWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (self->popover == NULL || !gtk_widget_get_visible (self->popover) || focus == NULL)
    return;
  if ((self->reader != NULL && (focus == GTK_WIDGET (self->reader) ||
                                gtk_widget_is_ancestor (focus, GTK_WIDGET (self->reader)))) ||
      gtk_widget_is_ancestor (focus, self->popover))
    return;
  gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
on_sidebar_pressed_cb (ClipperWindow *self)
{
  if (self->popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->popover));
}

/* Narrow, the page's buttons and the sidebar toggle move to a bar below,
 * so the address keeps room in the header. */
static gboolean
apply_narrow_mode_cb (gpointer data)
{
  ClipperWindow *self = data;
  gboolean narrow = adw_flap_get_folded (self->flap);

  self->narrow_idle = 0;
  for (AdwSqueezer **squeezer = (AdwSqueezer *[]) { self->nav_squeezer, self->sidebar_squeezer, NULL };
       *squeezer; squeezer++)
    adw_squeezer_page_set_enabled (
      adw_squeezer_get_page (*squeezer, gtk_widget_get_first_child (GTK_WIDGET (*squeezer))), !narrow);
  gtk_action_bar_set_revealed (self->narrow_bar, narrow);

  return G_SOURCE_REMOVE;
}

/* The flap folds while it is being allocated; the header changes after. */
static void
on_flap_folded_cb (ClipperWindow *self,
                   GParamSpec    *pspec,
                   AdwFlap       *flap)
{
  if (self->narrow_idle == 0)
    self->narrow_idle = g_idle_add (apply_narrow_mode_cb, self);
}

static void
on_sidebar_page_cb (ClipperWindow *self,
                    GParamSpec    *pspec,
                    GtkStack      *stack)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "highlights") == 0)
    _clipper_window_get_highlights_pane (self);
}

static void
set_action_enabled (ClipperWindow *self,
                    const char    *name,
                    gboolean       enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

void
_clipper_window_show_toast (ClipperWindow *self,
                            const char    *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* In a toast; nothing when the window went meanwhile. */
void
_clipper_window_show_save_error (ClipperWindow *self,
                                 Saving         what,
                                 const GError  *error)
{
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (what == SAVING_HIGHLIGHT)
    message = g_strdup_printf (_("The highlight could not be saved: %s"), error->message);
  else
    message = g_strdup_printf (_("The clipping’s note could not be saved: %s"), error->message);
  _clipper_window_show_toast (self, message);
}

const char *
_clipper_window_reader_uri (ClipperWindow *self)
{
  return self->reader ? clipper_reader_get_uri (self->reader) : NULL;
}

void
_clipper_window_update_actions (ClipperWindow *self)
{
  const char *uri = _clipper_window_reader_uri (self);
  gboolean loading = self->reader && clipper_reader_is_loading (self->reader);

  set_action_enabled (self, "back", self->reader && clipper_reader_can_go_back (self->reader));
  set_action_enabled (self, "forward", self->reader && clipper_reader_can_go_forward (self->reader));
  set_action_enabled (self, "reload", uri != NULL && !loading);
  set_action_enabled (self, "stop", loading);
  set_action_enabled (self, "export", self->store != NULL);
  set_action_enabled (self, "try-again", self->failed_uri != NULL && !loading);
  /* Nothing to clip while a page loads, after it failed, or when the
   * server answered with an error page. */
  set_action_enabled (self, "clip",
                      self->store != NULL &&
                      !self->clipping &&
                      !loading &&
                      self->failed_uri == NULL &&
                      (self->reader == NULL || clipper_reader_get_http_status (self->reader) < 400) &&
                      _clipper_window_uri_is_clippable (uri));
}

static gboolean
clipper_window_close_request (GtkWindow *window)
{
  ClipperWindow *self = CLIPPER_WINDOW (window);
  int width;
  int height;

  _clipper_window_flush_pending_deletes (self);
  _clipper_window_flush_reading (self);
  if (self->highlights_pane != NULL)
    clipper_highlights_pane_flush (self->highlights_pane);

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  /* A folded sidebar hides by itself; only an unfolded one says what the
   * user wants next time. */
  if (!adw_flap_get_folded (self->flap))
    g_settings_set_boolean (self->settings, "sidebar-visible", adw_flap_get_reveal_flap (self->flap));
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }

  return GTK_WINDOW_CLASS (clipper_window_parent_class)->close_request (window);
}

static void
clipper_window_dispose (GObject *object)
{
  ClipperWindow *self = (ClipperWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->reader_cancellable);
  g_clear_handle_id (&self->narrow_idle, g_source_remove);
  g_clear_pointer (&self->pending_deletes, g_hash_table_unref);
  g_clear_pointer (&self->live_highlights, g_hash_table_unref);
  g_clear_object (&self->reader_cancellable);
  g_clear_pointer (&self->reader_text, clipper_anchor_text_free);
  g_clear_pointer (&self->reveal_query, clipper_query_free);

  g_clear_pointer (&self->popover, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), CLIPPER_TYPE_WINDOW);
  /* Children of the template's widgets, gone with them. */
  self->reader = NULL;
  self->highlights_pane = NULL;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->clip_url, g_free);
  g_clear_object (&self->settings);
  g_clear_object (&self->clip_controller);
  g_clear_object (&self->highlight_editor);
  g_clear_object (&self->store);
  g_clear_error (&self->store_error);
  g_clear_pointer (&self->failed_uri, g_free);
  g_clear_handle_id (&self->watch_id, g_source_remove);
  g_clear_handle_id (&self->read_save_id, g_source_remove);

  G_OBJECT_CLASS (clipper_window_parent_class)->dispose (object);
}

static void
clipper_window_class_init (ClipperWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = clipper_window_dispose;
  window_class->close_request = clipper_window_close_request;

  g_type_ensure (CLIPPER_TYPE_LIBRARY_VIEW);
  g_type_ensure (CLIPPER_TYPE_TAGS_VIEW);
  g_type_ensure (CLIPPER_TYPE_SYNC_INDICATOR);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Clipper/ui/clipper-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, address_entry);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, address_error_revealer);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, address_error_label);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, reload_stop_stack);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, nav_squeezer);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, sidebar_squeezer);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, narrow_bar);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, library_view);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, highlights_box);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, tags_view);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, sync_indicator);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_tags_view_tag_activated_cb", G_CALLBACK (_clipper_window_on_tags_view_tag_activated_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_tags_view_tags_changed_cb", G_CALLBACK (_clipper_window_on_tags_view_tags_changed_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_tags_view_failed_cb", G_CALLBACK (_clipper_window_on_tags_view_failed_cb));
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, crashed_page);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, failed_page);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, reader_overlay);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_address_entry_activate_cb", G_CALLBACK (_clipper_window_on_address_entry_activate_cb));
  gtk_widget_class_bind_template_callback (widget_class, on_flap_folded_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_address_entry_changed_cb", G_CALLBACK (_clipper_window_on_address_entry_changed_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_library_view_clipping_activated_cb", G_CALLBACK (_clipper_window_on_library_view_clipping_activated_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_library_view_delete_requested_cb", G_CALLBACK (_clipper_window_on_library_view_delete_requested_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_library_view_delete_selection_requested_cb", G_CALLBACK (_clipper_window_on_library_view_delete_selection_requested_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_library_view_export_selection_requested_cb", G_CALLBACK (_clipper_window_on_library_view_export_selection_requested_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_library_view_copy_citation_requested_cb", G_CALLBACK (_clipper_window_on_library_view_copy_citation_requested_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_library_view_send_to_zotero_requested_cb", G_CALLBACK (_clipper_window_on_library_view_send_to_zotero_requested_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_library_view_report_selection_requested_cb", G_CALLBACK (_clipper_window_on_library_view_report_selection_requested_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_library_view_report_requested_cb", G_CALLBACK (_clipper_window_on_library_view_report_requested_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_tags_view_report_requested_cb", G_CALLBACK (_clipper_window_on_tags_view_report_requested_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_library_view_fetch_requested_cb", G_CALLBACK (_clipper_window_on_library_view_fetch_requested_cb));
}

static void
clipper_window_init (ClipperWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->pending_deletes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->settings = g_settings_new (APP_ID);
  self->live_highlights = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify)g_ptr_array_unref);
  self->next_live_id = -1;

  _clipper_window_add_actions (self);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  adw_flap_set_reveal_flap (self->flap, g_settings_get_boolean (self->settings, "sidebar-visible"));
  {
    g_autoptr(GAction) page = G_ACTION (g_property_action_new ("sidebar-page", self->sidebar_stack,
                                                               "visible-child-name"));

    g_action_map_add_action (G_ACTION_MAP (self), page);
  }

  self->popover = clipper_highlight_popover_new ();
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self->reader_overlay));
  g_signal_connect_object (self, "notify::focus-widget", G_CALLBACK (on_focus_widget_cb), self,
                           G_CONNECT_SWAPPED);
  {
    GtkGesture *press = gtk_gesture_click_new ();

    /* Seen before the sidebar's own widgets act, and never claimed. */
    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (press), 0);
    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (press), GTK_PHASE_CAPTURE);
    g_signal_connect_object (press, "pressed", G_CALLBACK (on_sidebar_pressed_cb), self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (adw_flap_get_flap (self->flap), GTK_EVENT_CONTROLLER (press));
  }
  g_signal_connect_object (self->popover, "color-chosen",
                           G_CALLBACK (_clipper_window_on_popover_color_chosen_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->popover, "note-requested",
                           G_CALLBACK (_clipper_window_on_popover_note_requested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->popover, "copy-requested",
                           G_CALLBACK (_clipper_window_on_popover_copy_requested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar_stack, "notify::visible-child-name",
                           G_CALLBACK (on_sidebar_page_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->popover, "delete-requested",
                           G_CALLBACK (_clipper_window_on_popover_delete_requested_cb), self, G_CONNECT_SWAPPED);

  _clipper_window_update_actions (self);
}

ClipperWindow *
clipper_window_new (GtkApplication *application)
{
  return g_object_new (CLIPPER_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/* A toast that stays until it is dismissed: the user must see it. */
static void
show_lasting_toast (ClipperWindow *self,
                    const char    *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
check_library_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  GError *error = NULL;
  ClipperStoreCheck *check = clipper_store_check_file (task_data, FALSE, &error);

  if (check == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, check, (GDestroyNotify)clipper_store_check_free);
}

static void
on_library_checked_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  ClipperStore *store = CLIPPER_STORE (object);
  g_autoptr(ClipperWindow) self = user_data;
  g_autoptr(ClipperStoreCheck) check = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autofree char *message = NULL;

  if (check == NULL || check->problems == NULL)
    return;

  /* Writing to a damaged file can only lose more: from now on it is read,
   * never written, until it is repaired. */
  /* A toast is one line: short enough to read whole. */
  message = g_strdup_printf (_("“%s” is damaged: read-only until repaired with “clipper repair”"),
                             clipper_store_get_path (store));
  clipper_store_set_read_only (store, message);
  if (self->store == store)
    show_lasting_toast (self, message);
}

/* After opening, off the main loop and on a connection of its own: the
 * library is usable meanwhile. */
static void
check_library (ClipperWindow *self)
{
  g_autoptr(GTask) task = NULL;

  if (clipper_store_get_read_only (self->store))
    {
      g_autofree char *reason = clipper_store_dup_read_only_reason (self->store);

      show_lasting_toast (self, reason);
      return;
    }
  if (clipper_store_get_was_empty (self->store))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” was an empty file; a new library was made in it."),
                                                  clipper_store_get_path (self->store));

      _clipper_window_show_toast (self, message);
    }

  task = g_task_new (self->store, self->cancellable, on_library_checked_cb, g_object_ref (self));
  g_task_set_source_tag (task, check_library);
  g_task_set_task_data (task, g_strdup (clipper_store_get_path (self->store)), g_free);
  g_task_run_in_thread (task, check_library_thread);
}

static gpointer
data_version_job (ClipperStore  *store,
                  gpointer       data,
                  GError       **error)
{
  guint64 version = clipper_store_get_data_version (store, error);

  return version ? g_memdup2 (&version, sizeof version) : NULL;
}

static void
on_data_version_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ClipperWindow) self = user_data;
  g_autofree guint64 *version = clipper_store_run_finish (CLIPPER_STORE (object), result, NULL);

  self->watching = FALSE;
  if (version == NULL || self->store == NULL)
    return;

  /* Another program (clipper clip, tag, note…) wrote to the library: the
   * lists show it, in place. */
  if (self->data_version != 0 && *version != self->data_version)
    clipper_window_reload_library (self);
  self->data_version = *version;
}

/**
 * clipper_window_reload_library:
 *
 * Shows what changed in the library behind the window's back (another
 * program, a sync), keeping the lists and the reader where they are.
 */
void
clipper_window_reload_library (ClipperWindow *self)
{
  g_return_if_fail (CLIPPER_IS_WINDOW (self));

  if (self->store == NULL)
    return;
  clipper_library_view_reload (self->library_view);
  clipper_tags_view_reload (self->tags_view);
  _clipper_window_reload_reader_data (self);
}

void
clipper_window_set_sync_scheduler (ClipperWindow        *self,
                                   ClipperSyncScheduler *scheduler)
{
  g_return_if_fail (CLIPPER_IS_WINDOW (self));

  clipper_sync_indicator_set_scheduler (self->sync_indicator, scheduler);
}

static gboolean
on_watch_cb (gpointer user_data)
{
  ClipperWindow *self = user_data;

  if (self->store != NULL && !self->watching)
    {
      self->watching = TRUE;
      clipper_store_run_async (self->store, data_version_job, NULL, NULL, g_free, self->cancellable,
                               on_data_version_cb, g_object_ref (self));
    }
  return G_SOURCE_CONTINUE;
}

void
clipper_window_set_store (ClipperWindow *self,
                          ClipperStore  *store)
{
  g_return_if_fail (CLIPPER_IS_WINDOW (self));
  g_return_if_fail (CLIPPER_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  g_clear_object (&self->clip_controller);
  self->clip_controller = clipper_clip_controller_new (store);
  g_clear_object (&self->highlight_editor);
  self->highlight_editor = clipper_highlight_editor_new (store);
  clipper_library_view_set_store (self->library_view, store);
  clipper_tags_view_set_store (self->tags_view, store);
  if (self->reader != NULL)
    clipper_reader_set_store (self->reader, store, NULL);
  _clipper_window_update_actions (self);

  /* A clipping may be on show already. */
  _clipper_window_sync_reader (self);

  check_library (self);

  self->data_version = 0;
  if (self->watch_id == 0)
    self->watch_id = g_timeout_add_seconds (WATCH_INTERVAL_SECONDS, on_watch_cb, self);
  on_watch_cb (self);
}

void
clipper_window_set_store_error (ClipperWindow *self,
                                const GError  *error)
{
  g_return_if_fail (CLIPPER_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  g_clear_error (&self->store_error);
  self->store_error = g_error_copy (error);
  if (self->reader != NULL)
    clipper_reader_set_store (self->reader, NULL, error);

  clipper_library_view_set_error (self->library_view, error->message);
  _clipper_window_show_toast (self, error->message);
}

/**
 * clipper_window_load_address:
 * @text: what a user typed: a web address, a path or a file URI
 *
 * Loads the page, or shows why @text cannot be loaded below the header bar.
 */
void
clipper_window_load_address (ClipperWindow *self,
                             const char    *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  g_return_if_fail (CLIPPER_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  uri = clipper_uri_from_user_input (text, &error);
  if (uri == NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->address_entry), text);
      _clipper_window_show_address_error (self, error->message);
      return;
    }

  _clipper_window_hide_address_error (self);
  if (_clipper_window_ensure_reader (self) == NULL)
    return;

  _clipper_window_show_loading (self);
  clipper_reader_load_uri (self->reader, uri);
  gtk_widget_grab_focus (GTK_WIDGET (self->reader));
}

void
clipper_window_open_clipping (ClipperWindow *self,
                              gint64         id)
{
  g_autofree char *uri = NULL;

  g_return_if_fail (CLIPPER_IS_WINDOW (self));

  uri = clipper_uri_dup_clipping_uri (id);
  _clipper_window_hide_address_error (self);
  if (_clipper_window_ensure_reader (self) == NULL)
    return;

  _clipper_window_show_loading (self);
  clipper_reader_load_uri (self->reader, uri);
}

/**
 * clipper_window_get_reader:
 *
 * Returns: (transfer none) (nullable): the reader, or %NULL until a page
 *   has been opened
 */
ClipperReader *
clipper_window_get_reader (ClipperWindow *self)
{
  g_return_val_if_fail (CLIPPER_IS_WINDOW (self), NULL);

  return self->reader;
}

ClipperHighlightsPane *
clipper_window_get_highlights_pane (ClipperWindow *self)
{
  g_return_val_if_fail (CLIPPER_IS_WINDOW (self), NULL);

  return _clipper_window_get_highlights_pane (self);
}

ClipperTagsView *
clipper_window_get_tags_view (ClipperWindow *self)
{
  g_return_val_if_fail (CLIPPER_IS_WINDOW (self), NULL);

  return self->tags_view;
}

ClipperLibraryView *
clipper_window_get_library_view (ClipperWindow *self)
{
  g_return_val_if_fail (CLIPPER_IS_WINDOW (self), NULL);

  return self->library_view;
}

/**
 * clipper_window_get_delete_toast:
 *
 * The Undo toast of clipping @id's pending deletion, or %NULL when it is
 * not waiting to be deleted.
 */
AdwToast *
clipper_window_get_delete_toast (ClipperWindow *self,
                                 gint64         id)
{
  g_return_val_if_fail (CLIPPER_IS_WINDOW (self), NULL);

  return self->pending_deletes ? g_hash_table_lookup (self->pending_deletes, &id) : NULL;
}

gboolean
clipper_window_is_clipping (ClipperWindow *self)
{
  g_return_val_if_fail (CLIPPER_IS_WINDOW (self), FALSE);

  return self->clipping;
}

