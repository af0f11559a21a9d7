/* clipper-window-library.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Library and Tags pages' requests: opening, deleting with undo,
 * exporting a selection, following a tag.
 */

#define G_LOG_DOMAIN "clipper-window"

#include "config.h"

#include "clipper-error.h"

#include <glib/gi18n.h>
#include "clipper-application.h"
#include "clipper-export-dialog.h"
#include "clipper-fetch-queue.h"
#include "clipper-import-dialog.h"
#include "clipper-report-dialog.h"
#include "clipper-query.h"
#include "clipper-reader.h"
#include "clipper-uri.h"
#include "clipper-window.h"
#include "clipper-window-private.h"

static gpointer
delete_clipping_job (ClipperStore  *store,
                     gpointer       data,
                     GError       **error)
{
  return clipper_store_delete_clipping (store, *(gint64 *)data, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
on_clipping_deleted_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(ClipperWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (clipper_store_run_finish (CLIPPER_STORE (object), result, &error) == NULL && error != NULL &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = g_strdup_printf (_("The clipping could not be deleted: %s"),
                                                  error->message);

      _clipper_window_show_toast (self, message);
      clipper_library_view_reload (self->library_view);
    }
}

static void
on_delete_toast_dismissed_cb (AdwToast      *toast,
                              ClipperWindow *self)
{
  GArray *ids = g_object_get_data (G_OBJECT (toast), "ids");

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      /* Undone already, or flushed when the window closed. */
      if (self->pending_deletes == NULL || !g_hash_table_remove (self->pending_deletes, &id))
        continue;

      if (clipper_uri_parse_clipping_id (_clipper_window_reader_uri (self)) == id)
        clipper_reader_load_uri (self->reader, "about:blank");

      clipper_store_run_async (self->store, delete_clipping_job, g_memdup2 (&id, sizeof id), g_free, NULL, NULL,
                               on_clipping_deleted_cb, g_object_ref (self));
    }
}

/* Whether any of the clippings @data (a GArray of ids) has a note. */
static gpointer
has_note_job (ClipperStore  *store,
              gpointer       data,
              GError       **error)
{
  GArray *ids = data;
  gboolean *found = g_new0 (gboolean, 1);

  for (guint i = 0; i < ids->len && !*found; i++)
    {
      g_autofree char *note = clipper_store_dup_clipping_note (store, g_array_index (ids, gint64, i), NULL);

      *found = note != NULL && note[0] != '\0';
    }
  return found;
}

static void
on_has_note_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AdwToast) toast = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gboolean *found = clipper_store_run_finish (CLIPPER_STORE (object), result, &error);
  GtkWidget *overlay;

  /* The window is gone: its pending deletions were carried out. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (found != NULL && *found)
    adw_toast_set_timeout (toast, 0);
  overlay = g_object_get_data (G_OBJECT (toast), "overlay");
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_steal_pointer (&toast));
}

/* The rows go now; the clippings go when the toast does, unless undone. */
static void
delete_clippings (ClipperWindow *self,
                  GArray        *ids,
                  const char    *title)
{
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (gint64));
  AdwToast *toast;
  gboolean annotated = FALSE;

  if (self->store == NULL)
    return;

  for (guint i = 0; i < ids->len; i++)
    if (!g_hash_table_contains (self->pending_deletes, &g_array_index (ids, gint64, i)))
      g_array_append_val (pending, g_array_index (ids, gint64, i));
  if (pending->len == 0)
    return;

  if (pending->len == 1 && title != NULL)
    toast = adw_toast_new_format (_("“%s” deleted"), title);
  else
    toast = adw_toast_new_format (g_dngettext (GETTEXT_PACKAGE, "%u clipping deleted",
                                               "%u clippings deleted", pending->len),
                                  pending->len);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-delete");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (g_array_index (pending, gint64, 0)));
  g_object_set_data_full (G_OBJECT (toast), "ids", g_array_ref (pending), (GDestroyNotify)g_array_unref);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_delete_toast_dismissed_cb), self, 0);
  g_object_set_data (G_OBJECT (toast), "overlay", self->toast_overlay);

  for (guint i = 0; i < pending->len; i++)
    {
      gint64 id = g_array_index (pending, gint64, i);

      g_hash_table_insert (self->pending_deletes, g_memdup2 (&id, sizeof id), g_object_ref (toast));
      if (clipper_library_view_has_highlights (self->library_view, id))
        annotated = TRUE;
      clipper_library_view_hide (self->library_view, id);
    }

  /* Highlights and notes are work: their Undo stays until dismissed. The
   * rows know their highlights; notes are looked up off the main loop,
   * and the toast shows when that is known. */
  if (annotated)
    {
      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }
  clipper_store_run_async (self->store, has_note_job, g_array_ref (pending), (GDestroyNotify)g_array_unref,
                           g_free, self->cancellable, on_has_note_cb, toast);
}

void
_clipper_window_on_library_view_delete_requested_cb (ClipperWindow      *self,
                                                     ClipperClipping    *clipping,
                                                     ClipperLibraryView *view)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 id = clipper_clipping_get_id (clipping);

  g_array_append_val (ids, id);
  delete_clippings (self, ids, clipper_clipping_get_title (clipping));
}

void
_clipper_window_on_library_view_delete_selection_requested_cb (ClipperWindow      *self,
                                                               ClipperLibraryView *view)
{
  g_autoptr(GArray) ids = clipper_library_view_dup_selected_ids (view);

  delete_clippings (self, ids, NULL);
}

void
_clipper_window_on_library_view_export_selection_requested_cb (ClipperWindow      *self,
                                                               ClipperLibraryView *view)
{
  g_autoptr(GArray) ids = clipper_library_view_dup_selected_ids (view);
  ClipperExportDialog *dialog;

  if (self->store == NULL || ids->len == 0)
    return;

  dialog = clipper_export_dialog_new (GTK_WINDOW (self), self->store, 0, NULL);
  clipper_export_dialog_set_selection (dialog, (const gint64 *)(gpointer)ids->data, ids->len);
  _clipper_window_present_export_dialog (self, dialog);
}

static void
on_report_created_cb (ClipperWindow       *self,
                      const char          *path,
                      ClipperReportDialog *dialog)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *uri = g_file_get_uri (file);
  AdwToast *toast = adw_toast_new_format (_("Report saved as “%s”"), name);

  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.show-uri");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_report_failed_cb (ClipperWindow       *self,
                     const char          *message,
                     ClipperReportDialog *dialog)
{
  g_autofree char *text = g_strdup_printf (_("The report was not written: %s"), message);

  _clipper_window_show_toast (self, text);
}

static void
present_report_dialog (ClipperWindow       *self,
                       ClipperReportDialog *dialog)
{
  g_signal_connect_object (dialog, "created", G_CALLBACK (on_report_created_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "failed", G_CALLBACK (on_report_failed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_clipper_window_on_library_view_report_selection_requested_cb (ClipperWindow      *self,
                                                               ClipperLibraryView *view)
{
  g_autoptr(GArray) ids = clipper_library_view_dup_selected_ids (view);

  if (self->store != NULL && ids->len > 0)
    present_report_dialog (self, clipper_report_dialog_new_for_ids (GTK_WINDOW (self), self->store,
                                                                    (const gint64 *)(gpointer)ids->data,
                                                                    ids->len));
}

void
_clipper_window_on_library_view_report_requested_cb (ClipperWindow      *self,
                                                     ClipperLibraryView *view)
{
  g_autofree char *query = clipper_library_view_dup_query (view);
  const char *search = clipper_library_view_get_search (view);

  if (self->store != NULL)
    present_report_dialog (self, clipper_report_dialog_new_for_query (GTK_WINDOW (self), self->store, query,
                                                                      search ? search : _("Report")));
}

void
_clipper_window_on_tags_view_report_requested_cb (ClipperWindow   *self,
                                                  const char      *name,
                                                  ClipperTagsView *view)
{
  g_autofree char *query = g_strdup_printf ("tag:\"%s\"", name);
  ClipperReportDialog *dialog;

  if (self->store == NULL)
    return;

  dialog = clipper_report_dialog_new_for_query (GTK_WINDOW (self), self->store, query, name);
  present_report_dialog (self, dialog);
}

void
_clipper_window_on_tags_view_tag_activated_cb (ClipperWindow   *self,
                                               const char      *name,
                                               ClipperTagsView *view)
{
  g_autofree char *query = g_strdup_printf ("tag:\"%s\"", name);

  gtk_stack_set_visible_child_name (self->sidebar_stack, "library");
  clipper_library_view_search (self->library_view, query);
}

void
_clipper_window_on_tags_view_tags_changed_cb (ClipperWindow   *self,
                                              ClipperTagsView *view)
{
  clipper_library_view_reload (self->library_view);
  /* The highlights pane shows the old names until the clipping is read again. */
  if (self->reader_id > 0 && self->reader != NULL)
    clipper_reader_reload (self->reader);
}

void
_clipper_window_on_tags_view_failed_cb (ClipperWindow   *self,
                                        const char      *message,
                                        ClipperTagsView *view)
{
  _clipper_window_show_toast (self, message);
}

void
_clipper_window_on_library_view_clipping_activated_cb (ClipperWindow      *self,
                                                       ClipperClipping    *clipping,
                                                       ClipperLibraryView *view)
{
  const char *search = clipper_library_view_get_search (view);

  g_clear_pointer (&self->reveal_query, clipper_query_free);
  if (search != NULL)
    {
      self->reveal_query = clipper_query_parse (search);
      self->reveal_id = clipper_clipping_get_id (clipping);
    }

  /* A folded sidebar steps aside for the clipping chosen in it. */
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
  clipper_window_open_clipping (self, clipper_clipping_get_id (clipping));
}

/* Deletions still waiting on their toast happen now, before the window goes. */
void
_clipper_window_flush_pending_deletes (ClipperWindow *self)
{
  GHashTableIter iter;
  gint64 *id;

  if (self->store == NULL)
    return;

  g_hash_table_iter_init (&iter, self->pending_deletes);
  while (g_hash_table_iter_next (&iter, (gpointer *)&id, NULL))
    {
      g_autoptr(GError) error = NULL;

      if (!clipper_store_delete_clipping (self->store, *id, &error))
        g_warning ("Could not delete clipping %" G_GINT64_FORMAT ": %s", *id, error->message);
      g_hash_table_iter_remove (&iter);
    }
}

/* A verb of `clipper` on this window's library, in a process of its own:
 * citeproc-js needs a JavaScriptCore that WebKit has not set up, and a
 * verb that fails cannot take the window with it. */
static void
run_verb (ClipperWindow       *self,
          const char          *verb,
          gint64               id,
          const char          *extra,
          GAsyncReadyCallback  callback)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                              clipper_application_get_binary (), "--library", clipper_store_get_path (self->store), verb, number,
                              extra ? "--style" : NULL, extra, NULL);
  if (process == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Clipper could not run: %s"), error->message);

      _clipper_window_show_toast (self, message);
      return;
    }
  g_subprocess_communicate_utf8_async (process, NULL, self->cancellable, callback, g_object_ref (self));
}

/* What the verb printed, or %NULL with @why set to the reason it failed
 * (%NULL too when it was cancelled). */
static char *
finish_verb (GObject       *object,
             GAsyncResult  *result,
             char         **why)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  *why = NULL;
  if (!g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &out, &err, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        *why = g_strdup (error->message);
      return NULL;
    }
  if (!g_subprocess_get_successful (G_SUBPROCESS (object)) || out == NULL || out[0] == '\0')
    {
      *why = clipper_application_dup_verb_failure (err);
      return NULL;
    }
  return g_steal_pointer (&out);
}

static void
on_citation_formatted_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(ClipperWindow) self = user_data;
  g_autofree char *why = NULL;
  g_autofree char *out = finish_verb (object, result, &why);

  if (out == NULL)
    {
      if (why != NULL)
        {
          g_autofree char *message = g_strdup_printf (_("The citation could not be copied: %s"), why);

          _clipper_window_show_toast (self, message);
        }
      return;
    }

  /* The reference, without the in-text citation on the line after it. */
  out[strcspn (out, "\n")] = '\0';
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), out);
  _clipper_window_show_toast (self, _("Citation copied"));
}

void
_clipper_window_on_library_view_copy_citation_requested_cb (ClipperWindow      *self,
                                                            gint64              id,
                                                            ClipperLibraryView *view)
{
  g_autofree char *style = g_settings_get_string (self->settings, "citation-style");

  /* The style last chosen for a report: one choice for all citing. */
  if (self->store != NULL)
    run_verb (self, "cite", id, style, on_citation_formatted_cb);
}

static void
on_sent_to_zotero_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(ClipperWindow) self = user_data;
  g_autofree char *why = NULL;
  g_autofree char *out = finish_verb (object, result, &why);

  if (out != NULL)
    _clipper_window_show_toast (self, _("Sent to Zotero"));
  else if (why != NULL)
    {
      /* Translators: %s says why, such as "Zotero is not running on this computer" */
      g_autofree char *message = g_strdup_printf (_("The clipping was not sent to Zotero: %s"), why);

      _clipper_window_show_toast (self, message);
    }
}

void
_clipper_window_on_library_view_send_to_zotero_requested_cb (ClipperWindow      *self,
                                                             gint64              id,
                                                             ClipperLibraryView *view)
{
  if (self->store != NULL)
    run_verb (self, "zotero", id, NULL, on_sent_to_zotero_cb);
}

static void
on_fetch_dialog_done_cb (ClipperWindow       *self,
                         ClipperImportDialog *dialog)
{
  clipper_library_view_reload (self->library_view);
}

typedef struct
{
  ClipperWindow *window;
  gint64         id;
} FetchOne;

static void
on_page_fetched_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autofree FetchOne *fetch = user_data;
  g_autoptr(ClipperWindow) self = fetch->window;
  g_autoptr(ClipperFetchSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  summary = clipper_fetch_queue_run_finish (CLIPPER_FETCH_QUEUE (object), result, &error);
  g_object_unref (object);
  if (self->store == NULL || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  if (summary == NULL)
    _clipper_window_show_toast (self, error->message);
  else if (summary->failed > 0)
    {
      /* Translators: %s says why, as “The server answered “404 Not Found”.” */
      g_autofree char *message = g_strdup_printf (_("The page could not be fetched: %s"),
                                                  (char *)g_ptr_array_index (summary->problems, 0));

      _clipper_window_show_toast (self, message);
    }
  else if (summary->fetched > 0)
    {
      _clipper_window_show_toast (self, summary->highlights_placed > 0
                                          ? _("Page fetched, and its highlights placed")
                                          : _("Page fetched"));
      /* Open, it showed the page from the web: now the clipping. */
      if (self->reader_id == fetch->id)
        clipper_window_open_clipping (self, fetch->id);
    }
  clipper_library_view_reload (self->library_view);
}

/* One page: fetched quietly, a toast at the end. All of them: the
 * import dialog's progress and summary. */
void
_clipper_window_on_library_view_fetch_requested_cb (ClipperWindow      *self,
                                                    gint64              id,
                                                    ClipperLibraryView *view)
{
  if (self->store == NULL)
    return;

  if (id > 0)
    {
      ClipperFetchQueue *queue = clipper_fetch_queue_new (self->store);
      FetchOne *fetch = g_new0 (FetchOne, 1);

      fetch->window = g_object_ref (self);
      fetch->id = id;
      clipper_fetch_queue_run_async (queue, &id, 1, self->cancellable, on_page_fetched_cb, fetch);
    }
  else
    {
      ClipperImportDialog *dialog = clipper_import_dialog_new (GTK_WINDOW (self), self->store);

      g_signal_connect_object (dialog, "imported", G_CALLBACK (on_fetch_dialog_done_cb), self, G_CONNECT_SWAPPED);
      gtk_window_present (GTK_WINDOW (dialog));
      clipper_import_dialog_fetch (dialog, NULL, 0);
    }
}

/* Shows the library with @query searched, as typed in its search. */
void
clipper_window_search (ClipperWindow *self,
                       const char    *query)
{
  g_return_if_fail (CLIPPER_IS_WINDOW (self));

  adw_flap_set_reveal_flap (self->flap, TRUE);
  gtk_stack_set_visible_child_name (self->sidebar_stack, "library");
  clipper_library_view_search (self->library_view, query);
}

typedef struct
{
  gint64   id;
  gboolean archived;
  char    *title;
} Archiving;

static void
archiving_free (gpointer data)
{
  Archiving *archiving = data;

  g_free (archiving->title);
  g_free (archiving);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Archiving, archiving_free)

static gpointer
archive_job (ClipperStore  *store,
             gpointer       data,
             GError       **error)
{
  Archiving *asked = data;
  g_autoptr(ClipperClipping) clipping = clipper_store_find_clipping_meta (store, asked->id, error);
  Archiving *done;

  if (clipping == NULL || !clipper_store_set_archived (store, asked->id, asked->archived, error))
    return NULL;
  done = g_new0 (Archiving, 1);
  done->id = asked->id;
  done->archived = asked->archived;
  done->title = g_strdup (clipper_clipping_get_title (clipping));
  return done;
}

static void
on_archived_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ClipperWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(Archiving) archiving = clipper_store_run_finish (CLIPPER_STORE (object), result, &error);
  AdwToast *toast;

  if (archiving == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _clipper_window_show_toast (self, error->message);
      return;
    }

  clipper_library_view_reload (self->library_view);
  if (!archiving->archived)
    {
      toast = adw_toast_new_format (_("“%s” is back in the library"), archiving->title ? archiving->title : "");
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }
  /* Translators: %s is a clipping's title */
  toast = adw_toast_new_format (_("“%s” archived"), archiving->title ? archiving->title : "");
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.restore-clipping");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (archiving->id));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Archives a clipping (kept and searchable, out of the list) or brings
 * it back, on the library's thread. */
void
_clipper_window_set_archived (ClipperWindow *self,
                              gint64         id,
                              gboolean       archived)
{
  Archiving *archiving;

  if (self->store == NULL || id <= 0)
    return;
  archiving = g_new0 (Archiving, 1);
  archiving->id = id;
  archiving->archived = archived;
  clipper_store_run_async (self->store, archive_job, archiving, archiving_free, archiving_free,
                           self->cancellable, on_archived_cb, g_object_ref (self));
}

typedef struct
{
  gint64 id;
  double progress;
} Reading;

static gpointer
save_reading_job (ClipperStore  *store,
                  gpointer       data,
                  GError       **error)
{
  Reading *reading = data;

  if (!clipper_store_set_progress (store, reading->id, reading->progress, error))
    return NULL;
  return g_memdup2 (&reading->id, sizeof reading->id);
}

static void
on_reading_saved_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ClipperWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  g_autofree gint64 *id = clipper_store_run_finish (CLIPPER_STORE (object), result, &error);

  if (id != NULL)
    clipper_library_view_refresh (self->library_view, *id);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
           !g_error_matches (error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND))
    g_warning ("Could not keep how far the clipping was read: %s", error->message);
}

/* Keeps how far the clipping on show was read, now. */
void
_clipper_window_flush_reading (ClipperWindow *self)
{
  Reading *reading;

  if (self->read_save_id == 0)
    return;
  g_clear_handle_id (&self->read_save_id, g_source_remove);
  if (self->store == NULL || self->read_id <= 0)
    return;
  reading = g_new (Reading, 1);
  reading->id = self->read_id;
  reading->progress = self->read_permille / 1000.0;
  clipper_store_run_async (self->store, save_reading_job, reading, g_free, g_free, NULL, on_reading_saved_cb,
                           g_object_ref (self));
}

static gpointer
read_progress_job (ClipperStore  *store,
                   gpointer       data,
                   GError       **error)
{
  ClipperClipping *clipping = clipper_store_find_clipping_meta (store, *(gint64 *)data, error);
  Reading *reading;

  if (clipping == NULL)
    return NULL;
  reading = g_new (Reading, 1);
  reading->id = *(gint64 *)data;
  reading->progress = clipper_clipping_get_progress (clipping);
  g_object_unref (clipping);
  return reading;
}

static void
on_reading_read_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ClipperWindow) self = user_data;
  g_autofree Reading *reading = clipper_store_run_finish (CLIPPER_STORE (object), result, NULL);

  /* Read to the end, it opens at the top again. */
  if (reading != NULL && reading->id == self->reader_id && self->reader != NULL && reading->progress > 0 &&
      reading->progress < 0.98)
    clipper_reader_scroll_to_progress (self->reader, (int)(reading->progress * 1000 + 0.5));
}

/* Scrolls the clipping just opened to where its reading stopped. */
void
_clipper_window_restore_reading (ClipperWindow *self)
{
  if (self->store == NULL || self->reader_id <= 0)
    return;
  clipper_store_run_async (self->store, read_progress_job, g_memdup2 (&self->reader_id, sizeof (gint64)), g_free,
                           g_free, self->cancellable, on_reading_read_cb, g_object_ref (self));
}
