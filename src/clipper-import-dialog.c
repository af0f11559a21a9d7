/* clipper-import-dialog.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import from the window: a file from another tool, read and merged in
 * a worker thread, with its progress, Cancel, and at the end what came
 * in and what was left out. A cancelled import keeps the pages merged
 * before Cancel; each page is taken whole or not at all.
 */

#define G_LOG_DOMAIN "clipper-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "clipper-import-dialog.h"

struct _ClipperImportDialog
{
  AdwWindow parent_instance;

  GtkButton *close_button;
  GtkLabel *status_label;
  GtkProgressBar *progress_bar;
  GtkLabel *summary_label;
  GtkScrolledWindow *problems_window;
  GtkLabel *problems_label;

  ClipperStore *store;
  GCancellable *cancellable;
  ClipperImportSummary *summary;
  guint progress_id;
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

static void
show_summary (ClipperImportDialog *self, const GError *error)
{
  ClipperImportSummary *summary = self->summary;
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GString) problems = g_string_new (NULL);

  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    gtk_label_set_text (self->status_label,
                        _ ("Import cancelled: the pages before it are in the library"));
  else if (error != NULL)
    gtk_label_set_text (self->status_label, error->message);
  else
    gtk_label_set_text (self->status_label, _ ("Import finished"));

  g_string_append_printf (
      text, g_dngettext (GETTEXT_PACKAGE, "%u page read: ", "%u pages read: ", summary->entries),
      summary->entries);
  g_string_append_printf (text,
                          _ ("%u new (%u of them to be clipped later), %u already in the library."),
                          summary->created, summary->not_fetched, summary->merged);
  g_string_append_c (text, '\n');
  g_string_append_printf (
      text, _ ("Highlights: %u placed in their text, %u kept without a place, %u there already."),
      summary->highlights_placed, summary->highlights_orphaned, summary->highlights_present);
  gtk_label_set_text (self->summary_label, text->str);

  for (guint i = 0; i < summary->problems->len; i++)
    g_string_append_printf (problems, "%s%s", i ? "\n" : "",
                            (char *) g_ptr_array_index (summary->problems, i));
  gtk_label_set_text (self->problems_label, problems->str);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_window), problems->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  gtk_button_set_label (self->close_button, _ ("_Close"));
  gtk_widget_add_css_class (GTK_WIDGET (self->close_button), "suggested-action");
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
  self->progress_id = g_timeout_add (100, on_progress_cb, self);
  task = g_task_new (self, self->cancellable, on_import_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, clipper_import_dialog_start);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, import_thread);
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
  gtk_widget_class_bind_template_child (widget_class, ClipperImportDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, ClipperImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ClipperImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ClipperImportDialog, problems_window);
  gtk_widget_class_bind_template_child (widget_class, ClipperImportDialog, problems_label);
  gtk_widget_class_bind_template_callback (widget_class, on_close_clicked_cb);

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
