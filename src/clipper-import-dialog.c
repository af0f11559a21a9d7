/* clipper-import-dialog.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import from the window: a file from another tool, read and merged in
 * a worker thread, with its progress, Cancel, and at the end what came
 * in and what was left out. A cancelled import keeps the pages merged
 * before Cancel; each page is taken whole or not at all. Pages the file
 * had no text of can then be fetched from the web, here too; the dialog
 * also does that alone, for the pages the library has waiting.
 */

#define G_LOG_DOMAIN "clipper-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "clipper-fetch-queue.h"
#include "clipper-import-dialog.h"

struct _ClipperImportDialog
{
  AdwWindow parent_instance;

  GtkButton *close_button;
  GtkButton *fetch_button;
  GtkLabel *status_label;
  GtkProgressBar *progress_bar;
  GtkLabel *summary_label;
  GtkScrolledWindow *problems_window;
  GtkLabel *problems_label;

  ClipperStore *store;
  GCancellable *cancellable;
  ClipperImportSummary *summary;
  ClipperFetchSummary *fetched;
  guint progress_id;
  gboolean imported;  /* a file was imported, rather than pages only fetched */
  gboolean running;
  gboolean finished;
};

G_DEFINE_FINAL_TYPE (ClipperImportDialog, clipper_import_dialog, ADW_TYPE_WINDOW)

enum
{
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  ClipperStore *store;
  char *path;
  ClipperImportSummary *summary;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->store);
  g_free (job->path);
  g_free (job);
}

static void
summary_free (ClipperImportSummary *summary)
{
  clipper_import_summary_clear (summary);
  g_free (summary);
}

static void
import_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  if (clipper_import_file (job->store, job->path, NULL, job->summary, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static gboolean
on_progress_cb (gpointer user_data)
{
  ClipperImportDialog *self = user_data;
  gint total = g_atomic_int_get (&self->summary->total);
  gint done = g_atomic_int_get (&self->summary->done);
  g_autofree char *text = NULL;

  if (total == 0)
    {
      gtk_progress_bar_pulse (self->progress_bar);
      return G_SOURCE_CONTINUE;
    }
  /* Translators: pages of an import merged so far, "120 of 3,000 pages" */
  text = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%'d of %'d page", "%'d of %'d pages", total), done, total);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) done / total);
  gtk_progress_bar_set_text (self->progress_bar, text);
  return G_SOURCE_CONTINUE;
}

/* What came in, and what was fetched, with everything left out. */
static void
update_summary (ClipperImportDialog *self)
{
  ClipperImportSummary *summary = self->summary;
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GString) problems = g_string_new (NULL);

  if (self->imported)
    {
      g_string_append_printf (
          text, g_dngettext (GETTEXT_PACKAGE, "%u page read: ", "%u pages read: ", summary->entries),
          summary->entries);
      g_string_append_printf (text,
                              _ ("%u new (%u of them to be fetched), %u already in the library."),
                              summary->created, summary->not_fetched, summary->merged);
      g_string_append_c (text, '\n');
      g_string_append_printf (
          text, _ ("Highlights: %u placed in their text, %u kept without a place, %u there already."),
          summary->highlights_placed, summary->highlights_orphaned, summary->highlights_present);
      for (guint i = 0; i < summary->problems->len; i++)
        g_string_append_printf (problems, "%s%s", i ? "\n" : "",
                                (char *) g_ptr_array_index (summary->problems, i));
    }

  if (self->fetched != NULL)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text,
                              _ ("Pages fetched: %u of %u, %u failed; %u waiting highlights placed."),
                              self->fetched->fetched, self->fetched->total, self->fetched->failed,
                              self->fetched->highlights_placed);
      for (guint i = 0; i < self->fetched->problems->len; i++)
        g_string_append_printf (problems, "%s%s", problems->len ? "\n" : "",
                                (char *) g_ptr_array_index (self->fetched->problems, i));
    }

  gtk_label_set_text (self->summary_label, text->str);
  gtk_label_set_text (self->problems_label, problems->str);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_window), problems->len > 0);
}

static void
show_finished (ClipperImportDialog *self)
{
  update_summary (self);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  gtk_button_set_label (self->close_button, _ ("_Close"));
  gtk_widget_add_css_class (GTK_WIDGET (self->close_button), "suggested-action");
}

static void
show_summary (ClipperImportDialog *self, const GError *error)
{
  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    gtk_label_set_text (self->status_label,
                        _ ("Import cancelled: the pages before it are in the library"));
  else if (error != NULL)
    gtk_label_set_text (self->status_label, error->message);
  else
    gtk_label_set_text (self->status_label, _ ("Import finished"));

  show_finished (self);
  /* Pages kept as addresses may be fetched now, or later from the Library. */
  gtk_widget_set_visible (GTK_WIDGET (self->fetch_button),
                          self->summary->not_fetched > 0 && self->fetched == NULL);
}

static void
on_import_done_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (ClipperImportDialog) self = user_data;
  g_autoptr (GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  self->running = FALSE;
  self->finished = TRUE;
  g_clear_handle_id (&self->progress_id, g_source_remove);
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  show_summary (self, error);
  /* Something may have come in, even when it ended early. */
  g_signal_emit (self, signals[IMPORTED], 0);
}

/**
 * clipper_import_dialog_start:
 * @path: the file to import
 *
 * Imports @path; the dialog shows the progress, then the summary.
 */
void
clipper_import_dialog_start (ClipperImportDialog *self, const char *path)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *name = NULL;
  g_autofree char *status = NULL;
  Job *job;

  g_return_if_fail (CLIPPER_IS_IMPORT_DIALOG (self));
  g_return_if_fail (path != NULL);

  if (self->running || self->finished)
    return;

  name = g_filename_display_basename (path);
  /* Translators: %s is a file's name */
  status = g_strdup_printf (_ ("Importing “%s”…"), name);
  gtk_label_set_text (self->status_label, status);

  job = g_new0 (Job, 1);
  job->store = g_object_ref (self->store);
  job->path = g_strdup (path);
  job->summary = self->summary;

  self->running = TRUE;
  self->imported = TRUE;
  self->progress_id = g_timeout_add (100, on_progress_cb, self);
  task = g_task_new (self, self->cancellable, on_import_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, clipper_import_dialog_start);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, import_thread);
}

static void
on_fetch_progress_cb (ClipperFetchQueue   *queue,
                      guint                done,
                      guint                total,
                      ClipperImportDialog *self)
{
  g_autofree char *text = NULL;

  if (total == 0)
    return;
  text = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%'d of %'d page", "%'d of %'d pages", total), (int) done, (int) total);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) done / total);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
on_fetch_done_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (ClipperImportDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  ClipperFetchSummary *fetched;

  fetched = clipper_fetch_queue_run_finish (CLIPPER_FETCH_QUEUE (object), result, &error);
  self->running = FALSE;
  self->finished = TRUE;
  if (fetched != NULL)
    {
      g_clear_pointer (&self->fetched, clipper_fetch_summary_free);
      self->fetched = fetched;
    }
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  if (error != NULL)
    gtk_label_set_text (self->status_label, error->message);
  else if (fetched->cancelled)
    gtk_label_set_text (self->status_label,
                        _ ("Fetching cancelled: the pages not fetched keep waiting in the library"));
  else if (fetched->total == 0)
    gtk_label_set_text (self->status_label, _ ("Every page has its text"));
  else if (fetched->failed > 0)
    gtk_label_set_text (self->status_label,
                        _ ("Some pages could not be fetched: they keep waiting in the library"));
  else
    gtk_label_set_text (self->status_label, _ ("Pages fetched"));
  show_finished (self);
  g_signal_emit (self, signals[IMPORTED], 0);
}

static void
start_fetch (ClipperImportDialog *self, const gint64 *ids, guint n_ids)
{
  g_autoptr (ClipperFetchQueue) queue = clipper_fetch_queue_new (self->store);

  self->running = TRUE;
  self->finished = FALSE;
  /* The import's may have been cancelled. */
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  gtk_label_set_text (self->status_label, _ ("Fetching pages…"));
  gtk_widget_set_visible (GTK_WIDGET (self->fetch_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  gtk_button_set_label (self->close_button, _ ("_Cancel"));
  gtk_widget_remove_css_class (GTK_WIDGET (self->close_button), "suggested-action");

  g_signal_connect_object (queue, "progress", G_CALLBACK (on_fetch_progress_cb), self, 0);
  clipper_fetch_queue_run_async (queue, ids, n_ids, self->cancellable, on_fetch_done_cb, g_object_ref (self));
}

static void
on_fetch_clicked_cb (ClipperImportDialog *self)
{
  if (!self->running)
    start_fetch (self, (const gint64 *) self->summary->pages->data, self->summary->pages->len);
}

/**
 * clipper_import_dialog_fetch:
 * @ids: (nullable) (array length=n_ids): the clippings, or %NULL for all
 *
 * Fetches the pages among @ids (all of the library's when %NULL) that
 * were imported without their text, with the progress and a summary.
 */
void
clipper_import_dialog_fetch (ClipperImportDialog *self, const gint64 *ids, guint n_ids)
{
  g_return_if_fail (CLIPPER_IS_IMPORT_DIALOG (self));

  if (self->running || self->finished)
    return;

  gtk_window_set_title (GTK_WINDOW (self), _ ("Fetch Pages"));
  start_fetch (self, ids, n_ids);
}

/* Whether the import has ended, and the summary is shown. */
gboolean
clipper_import_dialog_get_finished (ClipperImportDialog *self)
{
  g_return_val_if_fail (CLIPPER_IS_IMPORT_DIALOG (self), FALSE);

  return self->finished;
}

static void
on_close_clicked_cb (ClipperImportDialog *self)
{
  if (self->running)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

/* The worker writes into the summary until it ends: a dialog closed
 * while it runs cancels it and leaves the summary to the task. */
static void
clipper_import_dialog_dispose (GObject *object)
{
  ClipperImportDialog *self = (ClipperImportDialog *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CLIPPER_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (clipper_import_dialog_parent_class)->dispose (object);
}

static void
clipper_import_dialog_finalize (GObject *object)
{
  ClipperImportDialog *self = (ClipperImportDialog *) object;

  /* The task held a reference until it ended: nothing writes here now. */
  g_clear_pointer (&self->summary, summary_free);
  g_clear_pointer (&self->fetched, clipper_fetch_summary_free);

  G_OBJECT_CLASS (clipper_import_dialog_parent_class)->finalize (object);
}

static void
clipper_import_dialog_class_init (ClipperImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clipper_import_dialog_dispose;
  object_class->finalize = clipper_import_dialog_finalize;

  /**
   * ClipperImportDialog::imported:
   *
   * The import has ended, and the library may have changed.
   */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Clipper/ui/clipper-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ClipperImportDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, ClipperImportDialog, fetch_button);
  gtk_widget_class_bind_template_child (widget_class, ClipperImportDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, ClipperImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ClipperImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ClipperImportDialog, problems_window);
  gtk_widget_class_bind_template_child (widget_class, ClipperImportDialog, problems_label);
  gtk_widget_class_bind_template_callback (widget_class, on_close_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_fetch_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
clipper_import_dialog_init (ClipperImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->summary = g_new0 (ClipperImportSummary, 1);
  clipper_import_summary_init (self->summary);
}

ClipperImportDialog *
clipper_import_dialog_new (GtkWindow *parent, ClipperStore *store)
{
  ClipperImportDialog *self;

  g_return_val_if_fail (CLIPPER_IS_STORE (store), NULL);

  self = g_object_new (CLIPPER_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  return self;
}
