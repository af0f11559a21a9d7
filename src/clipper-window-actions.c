/* clipper-window-actions.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's actions: navigation, clipping, export, search, undo.
 */

#define G_LOG_DOMAIN "clipper-window"

#include "config.h"

#include <glib/gi18n.h>
#include "clipper-export-dialog.h"
#include "clipper-import-dialog.h"
#include "clipper-reader.h"
#include "clipper-window.h"
#include "clipper-window-private.h"

static void
try_again_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  ClipperWindow *self = user_data;
  g_autofree char *uri = g_strdup (self->failed_uri);

  if (uri != NULL && self->reader != NULL)
    clipper_reader_load_uri (self->reader, uri);
}

static void
caret_browsing_changed (GSimpleAction *action,
                        GVariant      *state,
                        gpointer       user_data)
{
  ClipperWindow *self = user_data;

  g_simple_action_set_state (action, state);
  if (self->reader != NULL)
    clipper_reader_set_caret_browsing (self->reader, g_variant_get_boolean (state));
  _clipper_window_show_toast (self, g_variant_get_boolean (state)
                      ? _("Caret browsing on: Shift and the arrow keys select text to highlight")
                      : _("Caret browsing off"));
}

static void
clip_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  ClipperWindow *self = user_data;

  if (self->store == NULL || self->reader == NULL || self->clipping)
    return;

  _clipper_window_clip_page (self);
}

static void
back_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  ClipperWindow *self = user_data;

  if (self->reader != NULL)
    clipper_reader_go_back (self->reader);
}

static void
forward_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  ClipperWindow *self = user_data;

  if (self->reader != NULL)
    clipper_reader_go_forward (self->reader);
}

static void
reload_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  ClipperWindow *self = user_data;

  if (self->reader != NULL)
    clipper_reader_reload (self->reader);
}

static void
stop_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  ClipperWindow *self = user_data;

  if (self->reader != NULL)
    clipper_reader_stop (self->reader);
}

static void
focus_address_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  ClipperWindow *self = user_data;

  gtk_widget_grab_focus (GTK_WIDGET (self->address_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->address_entry), 0, -1);
}

/* Built when first asked for, not with every window. */
static void
show_help_overlay_action (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  GtkApplicationWindow *window = user_data;
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/com/example/Clipper/ui/help-overlay.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      /* Replaces this action with GTK's own, which shows the overlay. */
      gtk_application_window_set_help_overlay (window, overlay);
    }

  gtk_window_present (GTK_WINDOW (overlay));
}

static void
toggle_sidebar_action (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  ClipperWindow *self = user_data;

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
on_export_failed_cb (ClipperWindow       *self,
                     const char          *message,
                     ClipperExportDialog *dialog)
{
  g_autofree char *text = g_strdup_printf (_("The export failed: %s"), message);

  _clipper_window_show_toast (self, text);
}

static void
on_exported_cb (ClipperWindow       *self,
                GPtrArray           *written,
                ClipperExportDialog *dialog)
{
  AdwToast *toast;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;

  if (written->len == 0)
    return;

  file = g_file_new_for_path (g_ptr_array_index (written, 0));
  if (written->len == 1)
    {
      g_autofree char *name = g_file_get_basename (file);

      toast = adw_toast_new_format (_("Exported “%s”"), name);
      adw_toast_set_button_label (toast, _("_Open"));
      uri = g_file_get_uri (file);
    }
  else
    {
      g_autoptr(GFile) folder = g_file_get_parent (file);

      g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u clipping",
                                                               "Exported %u clippings", written->len),
                                                  written->len);

      toast = adw_toast_new (message);
      adw_toast_set_button_label (toast, _("Show in _Folder"));
      uri = g_file_get_uri (folder);
    }

  adw_toast_set_action_name (toast, "win.show-uri");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_clipper_window_present_export_dialog (ClipperWindow       *self,
                                       ClipperExportDialog *dialog)
{
  g_signal_connect_object (dialog, "exported", G_CALLBACK (on_exported_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "failed", G_CALLBACK (on_export_failed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  ClipperWindow *self = user_data;
  ClipperExportDialog *dialog;

  if (self->store == NULL)
    return;

  dialog = clipper_export_dialog_new (GTK_WINDOW (self), self->store, self->reader_id,
                                      self->reader ? clipper_reader_get_title (self->reader) : NULL);
  _clipper_window_present_export_dialog (self, dialog);
}

static void
on_imported_cb (ClipperWindow       *self,
                ClipperImportDialog *dialog)
{
  clipper_library_view_reload (self->library_view);
}

static void
on_import_chosen_cb (GtkNativeDialog *chooser,
                     int              response,
                     ClipperWindow   *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->store != NULL &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) && (path = g_file_get_path (file)))
    {
      ClipperImportDialog *dialog = clipper_import_dialog_new (GTK_WINDOW (self), self->store);

      g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported_cb), self, G_CONNECT_SWAPPED);
      gtk_window_present (GTK_WINDOW (dialog));
      clipper_import_dialog_start (dialog, path);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/* Another tool's export: the file first, then the import's own dialog. */
static void
import_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  ClipperWindow *self = user_data;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->store == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Import from Another Tool"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Exports of Pocket, Omnivore, Wallabag, Instapaper, Readwise, Hypothesis"));
  gtk_file_filter_add_pattern (filter, "*.zip");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_add_pattern (filter, "*.jsonld");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_import_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
show_uri_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  gtk_show_uri (GTK_WINDOW (user_data), g_variant_get_string (param, NULL), GDK_CURRENT_TIME);
}

static void
open_clipping_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  ClipperWindow *self = user_data;

  clipper_window_open_clipping (self, g_variant_get_int64 (param));
}

static void
undo_delete_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  ClipperWindow *self = user_data;
  gint64 first = g_variant_get_int64 (param);
  AdwToast *toast;
  GArray *ids;

  toast = g_hash_table_lookup (self->pending_deletes, &first);
  if (toast == NULL)
    return;

  ids = g_object_get_data (G_OBJECT (toast), "ids");
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (g_hash_table_remove (self->pending_deletes, &id))
        clipper_library_view_unhide (self->library_view, id);
    }
}

static void
search_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  ClipperWindow *self = user_data;

  adw_flap_set_reveal_flap (self->flap, TRUE);
  gtk_stack_set_visible_child_name (self->sidebar_stack, "library");
  clipper_library_view_focus_search (self->library_view);
}

static void
archive_clipping_action (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  _clipper_window_set_archived (user_data, g_variant_get_int64 (param), TRUE);
}

static void
restore_clipping_action (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  _clipper_window_set_archived (user_data, g_variant_get_int64 (param), FALSE);
}

/* Zoom steps as browsers take them. */
static const double zoom_levels[] = { 0.5, 0.67, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0 };

static void
zoom_by (ClipperWindow *self,
         int            direction)
{
  double zoom = g_settings_get_double (self->settings, "zoom");
  double next = zoom;

  if (direction > 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (zoom_levels) && next == zoom; i++)
        if (zoom_levels[i] > zoom + 0.001)
          next = zoom_levels[i];
    }
  else if (direction < 0)
    {
      for (guint i = G_N_ELEMENTS (zoom_levels); i > 0 && next == zoom; i--)
        if (zoom_levels[i - 1] < zoom - 0.001)
          next = zoom_levels[i - 1];
    }
  else
    next = 1.0;
  g_settings_set_double (self->settings, "zoom", next);
}

static void
zoom_in_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  zoom_by (user_data, 1);
}

static void
zoom_out_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  zoom_by (user_data, -1);
}

static void
zoom_reset_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  zoom_by (user_data, 0);
}

static const GActionEntry win_actions[] = {
  { "archive-clipping", archive_clipping_action, "x" },
  { "restore-clipping", restore_clipping_action, "x" },
  { "zoom-in", zoom_in_action },
  { "zoom-out", zoom_out_action },
  { "zoom-reset", zoom_reset_action },
  { "back", back_action },
  { "forward", forward_action },
  { "reload", reload_action },
  { "stop", stop_action },
  { "clip", clip_action },
  { "try-again", try_again_action },
  { "caret-browsing", NULL, NULL, "false", caret_browsing_changed },
  { "focus-address", focus_address_action },
  { "toggle-sidebar", toggle_sidebar_action },
  { "show-help-overlay", show_help_overlay_action },
  { "open-clipping", open_clipping_action, "x" },
  { "export", export_action },
  { "import", import_action },
  { "show-uri", show_uri_action, "s" },
  { "undo-delete", undo_delete_action, "x" },
  { "search", search_action },
};

void
_clipper_window_add_actions (ClipperWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions), self);
}
