/* clipper-export-dialog.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Export from the window: format, contents, which clippings, paper and
 * Markdown options (remembered in GSettings), then a place to write to.
 * The export runs in a worker thread with progress and Cancel.
 */

#define G_LOG_DOMAIN "clipper-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "clipper-annotations.h"
#include "clipper-cite-formats.h"
#include "clipper-export.h"
#include "clipper-export-dialog.h"
#include "clipper-file.h"

struct _ClipperExportDialog
{
  AdwWindow          parent_instance;

  AdwComboRow       *scope_row;
  AdwComboRow       *format_row;
  AdwComboRow       *content_row;
  AdwComboRow       *paper_row;
  AdwComboRow       *marks_row;
  AdwActionRow      *assets_row;
  GtkSwitch         *assets_switch;
  GtkButton         *export_button;
  GtkRevealer       *progress_revealer;
  GtkProgressBar    *progress_bar;

  ClipperStore      *store;
  GSettings         *settings;
  GCancellable      *cancellable;
  GtkNativeDialog   *chooser;
  gint64             clipping_id;
  char              *clipping_title;
  GArray            *selection;
  guint              progress_id;
  gint               progress;
  guint              total;
  gboolean           running;
};

G_DEFINE_FINAL_TYPE (ClipperExportDialog, clipper_export_dialog, ADW_TYPE_WINDOW)

enum {
  EXPORTED,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The format row's choices, in its order; the citation formats follow. */
enum {
  FORMAT_MARKDOWN,
  FORMAT_PDF,
  FORMAT_CSL_JSON,
  FORMAT_BIBTEX,
  FORMAT_RIS,
  FORMAT_W3C,
  FORMAT_HYPOTHESIS,
  FORMAT_READWISE,
  FORMAT_EPUB,
};

static const char *format_names[] = { "markdown", "pdf", "csl-json", "bibtex", "ris", "w3c", "hypothesis",
                                      "readwise", "epub" };

typedef struct
{
  ClipperStore         *store;
  GArray               *ids;
  char                 *output;
  ClipperExportOptions  options;
  gboolean              citations;
  ClipperCiteFormat     cite_format;
  gboolean              annotations;
  ClipperAnnotationFormat annotation_format;
  gint                 *progress;
  guint                *total;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->store);
  g_clear_pointer (&job->ids, g_array_unref);
  g_free (job->output);
  g_free (job);
}

static gboolean
is_pdf (ClipperExportDialog *self)
{
  return adw_combo_row_get_selected (self->format_row) == FORMAT_PDF;
}

static gboolean
is_epub (ClipperExportDialog *self)
{
  return adw_combo_row_get_selected (self->format_row) == FORMAT_EPUB;
}

/* Citation data: one file for any number of clippings. */
static gboolean
is_citations (ClipperExportDialog *self,
              ClipperCiteFormat   *format)
{
  switch (adw_combo_row_get_selected (self->format_row))
    {
    case FORMAT_CSL_JSON:
      *format = CLIPPER_CITE_FORMAT_CSL_JSON;
      return TRUE;
    case FORMAT_BIBTEX:
      *format = CLIPPER_CITE_FORMAT_BIBTEX;
      return TRUE;
    case FORMAT_RIS:
      *format = CLIPPER_CITE_FORMAT_RIS;
      return TRUE;
    default:
      return FALSE;
    }
}

/* Annotations: one file for any number of clippings, too. */
static gboolean
is_annotations (ClipperExportDialog     *self,
                ClipperAnnotationFormat *format)
{
  guint selected = adw_combo_row_get_selected (self->format_row);

  if (selected < FORMAT_W3C || selected > FORMAT_READWISE)
    return FALSE;
  return clipper_annotation_format_from_name (format_names[selected], format);
}

/* One file, whatever the clippings: citation data or annotations. */
static gboolean
is_one_file_format (ClipperExportDialog *self)
{
  ClipperCiteFormat cite_format;
  ClipperAnnotationFormat annotation_format;

  /* A book holds all its clippings, each a chapter. */
  return is_citations (self, &cite_format) || is_annotations (self, &annotation_format) || is_epub (self);
}

static gboolean
whole_library (ClipperExportDialog *self)
{
  return self->clipping_id <= 0 || adw_combo_row_get_selected (self->scope_row) == 1;
}

/* Several clippings go into a folder, one file each. */
static gboolean
to_folder (ClipperExportDialog *self)
{
  return (self->selection != NULL || whole_library (self)) && !is_one_file_format (self);
}

static void
update_rows (ClipperExportDialog *self)
{
  guint format = adw_combo_row_get_selected (self->format_row);
  gboolean markdown = format == FORMAT_MARKDOWN;

  gtk_widget_set_visible (GTK_WIDGET (self->content_row), format <= FORMAT_PDF);
  gtk_widget_set_visible (GTK_WIDGET (self->paper_row), format == FORMAT_PDF);
  gtk_widget_set_visible (GTK_WIDGET (self->marks_row),
                          markdown && adw_combo_row_get_selected (self->content_row) == 1);
  gtk_widget_set_visible (GTK_WIDGET (self->assets_row), markdown);
}

static void
save_choices (ClipperExportDialog *self)
{
  g_settings_set_string (self->settings, "export-format",
                         format_names[MIN (adw_combo_row_get_selected (self->format_row), FORMAT_READWISE)]);
  g_settings_set_string (self->settings, "export-content",
                         adw_combo_row_get_selected (self->content_row) == 1 ? "article" : "highlights");
  g_settings_set_string (self->settings, "export-paper",
                         adw_combo_row_get_selected (self->paper_row) == 1 ? "letter" : "a4");
  g_settings_set_string (self->settings, "export-marks",
                         adw_combo_row_get_selected (self->marks_row) == 1 ? "highlight" : "emphasis");
  g_settings_set_boolean (self->settings, "export-assets", gtk_switch_get_active (self->assets_switch));
}

static void
load_choices (ClipperExportDialog *self)
{
  g_autofree char *format = g_settings_get_string (self->settings, "export-format");
  g_autofree char *content = g_settings_get_string (self->settings, "export-content");
  g_autofree char *paper = g_settings_get_string (self->settings, "export-paper");
  g_autofree char *marks = g_settings_get_string (self->settings, "export-marks");

  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_str_equal (format, format_names[i]))
      adw_combo_row_set_selected (self->format_row, i);
  adw_combo_row_set_selected (self->content_row, g_str_equal (content, "article"));
  adw_combo_row_set_selected (self->paper_row, g_str_equal (paper, "letter"));
  adw_combo_row_set_selected (self->marks_row, g_str_equal (marks, "highlight"));
  gtk_switch_set_active (self->assets_switch, g_settings_get_boolean (self->settings, "export-assets"));
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  GPtrArray *written;

  if (job->ids->len == 0)
    {
      g_autoptr(GPtrArray) clippings = clipper_store_list_clippings (job->store, &error);

      if (clippings == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      for (guint i = clippings->len; i > 0; i--)
        {
          gint64 id = clipper_clipping_get_id (g_ptr_array_index (clippings, i - 1));

          g_array_append_val (job->ids, id);
        }
      if (job->ids->len == 0)
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                   _("The library has no clippings to export."));
          return;
        }
    }

  g_atomic_int_set ((gint *)job->total, job->ids->len);
  if (job->citations || job->annotations)
    {
      g_autoptr(GPtrArray) citations = NULL;
      g_autofree char *text = NULL;

      if (job->annotations)
        text = clipper_annotations_write (job->store, (const gint64 *)(gpointer)job->ids->data, job->ids->len,
                                          job->annotation_format, &error);
      else if ((citations = clipper_store_list_citations (job->store, (const gint64 *)(gpointer)job->ids->data,
                                                           job->ids->len, &error)))
        text = clipper_cite_write (citations, job->cite_format);
      if (text == NULL || !clipper_file_write (job->output, text, strlen (text), TRUE, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      g_atomic_int_set (job->progress, job->ids->len);
      written = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (written, g_strdup (job->output));
      g_task_return_pointer (task, written, (GDestroyNotify)g_ptr_array_unref);
      return;
    }
  written = clipper_export_run_full (job->store, job->ids, job->output, &job->options,
                                     cancellable, job->progress, &error);
  if (written == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, written, (GDestroyNotify)g_ptr_array_unref);
}

static gboolean
on_progress_cb (gpointer user_data)
{
  ClipperExportDialog *self = user_data;
  guint total = g_atomic_int_get ((gint *)&self->total);
  guint done = g_atomic_int_get (&self->progress);
  g_autofree char *text = NULL;

  if (total == 0)
    {
      gtk_progress_bar_pulse (self->progress_bar);
      return G_SOURCE_CONTINUE;
    }

  /* Translators: progress of an export, "12 of 250" */
  text = g_strdup_printf (_("%u of %u"), done, total);
  gtk_progress_bar_set_fraction (self->progress_bar, (double)done / total);
  gtk_progress_bar_set_text (self->progress_bar, text);
  return G_SOURCE_CONTINUE;
}

static void
on_export_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ClipperExportDialog) self = user_data;
  g_autoptr(GPtrArray) written = NULL;
  g_autoptr(GError) error = NULL;

  written = g_task_propagate_pointer (G_TASK (result), &error);
  self->running = FALSE;
  g_clear_handle_id (&self->progress_id, g_source_remove);

  if (written == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_signal_emit (self, signals[FAILED], 0, error->message);
    }
  else
    g_signal_emit (self, signals[EXPORTED], 0, written);

  gtk_window_destroy (GTK_WINDOW (self));
}

/* Starts the export into @output: a file for one clipping or a folder. */
void
clipper_export_dialog_export_to (ClipperExportDialog *self,
                                 const char          *output)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (CLIPPER_IS_EXPORT_DIALOG (self));
  g_return_if_fail (output != NULL);

  if (self->running)
    return;

  save_choices (self);

  job = g_new0 (Job, 1);
  job->store = g_object_ref (self->store);
  job->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  job->output = g_strdup (output);
  job->options.format = is_pdf (self) ? CLIPPER_FORMAT_PDF : is_epub (self) ? CLIPPER_FORMAT_EPUB : CLIPPER_FORMAT_MARKDOWN;
  job->options.content = adw_combo_row_get_selected (self->content_row) == 1 ? CLIPPER_EXPORT_ARTICLE
                                                                             : CLIPPER_EXPORT_HIGHLIGHTS;
  job->options.marks = adw_combo_row_get_selected (self->marks_row) == 1 ? CLIPPER_MARK_HIGHLIGHT
                                                                         : CLIPPER_MARK_EMPHASIS;
  job->options.paper = adw_combo_row_get_selected (self->paper_row) == 1 ? CLIPPER_PAPER_LETTER
                                                                         : CLIPPER_PAPER_A4;
  job->options.assets = gtk_switch_get_active (self->assets_switch);
  job->citations = is_citations (self, &job->cite_format);
  job->annotations = is_annotations (self, &job->annotation_format);
  /* The file chooser asked about replacing already. */
  job->options.overwrite = !to_folder (self);
  job->progress = &self->progress;
  job->total = &self->total;
  if (self->selection != NULL)
    g_array_append_vals (job->ids, self->selection->data, self->selection->len);
  else if (!whole_library (self))
    g_array_append_val (job->ids, self->clipping_id);

  self->running = TRUE;
  self->progress = 0;
  self->total = 0;
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  self->progress_id = g_timeout_add (100, on_progress_cb, self);

  task = g_task_new (self, self->cancellable, on_export_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, clipper_export_dialog_export_to);
  g_task_set_task_data (task, job, (GDestroyNotify)job_free);
  g_task_run_in_thread (task, export_thread);
}

static void
on_chooser_response_cb (ClipperExportDialog *self,
                        int                  response,
                        GtkNativeDialog     *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) &&
      (path = g_file_get_path (file)))
    {
      /* A folder gets one file per clipping. */
      if (to_folder (self))
        {
          g_autofree char *folder = g_strconcat (path, G_DIR_SEPARATOR_S, NULL);

          clipper_export_dialog_export_to (self, folder);
        }
      else
        clipper_export_dialog_export_to (self, path);
    }

  g_clear_object (&self->chooser);
}

static void
on_export_clicked_cb (ClipperExportDialog *self)
{
  GtkFileChooserNative *chooser;

  if (to_folder (self))
    chooser = gtk_file_chooser_native_new (_("Export to a Folder"), GTK_WINDOW (self),
                                           GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                           _("_Export"), _("_Cancel"));
  else
    {
      ClipperCiteFormat format;
      ClipperAnnotationFormat annotation_format;
      const char *extension = is_citations (self, &format)                ? clipper_cite_format_extension (format)
                              : is_annotations (self, &annotation_format) ? clipper_annotation_format_extension (
                                                                              annotation_format)
                              : is_pdf (self)                             ? "pdf"
                              : is_epub (self)                            ? "epub"
                                                                          : "md";
      /* One file for several clippings is named for the lot. */
      g_autofree char *name = clipper_export_file_name (
        self->selection != NULL || whole_library (self)
          ? (is_annotations (self, &annotation_format) ? _("Annotations")
             : is_epub (self)                          ? _("Clippings")
                                                       : _("References"))
          : self->clipping_title,
        extension);

      chooser = gtk_file_chooser_native_new (_("Export Clipping"), GTK_WINDOW (self),
                                             GTK_FILE_CHOOSER_ACTION_SAVE,
                                             _("_Export"), _("_Cancel"));
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response_cb), self, G_CONNECT_SWAPPED);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

static void
on_cancel_clicked_cb (ClipperExportDialog *self)
{
  if (self->running)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
clipper_export_dialog_dispose (GObject *object)
{
  ClipperExportDialog *self = (ClipperExportDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  if (self->chooser)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), CLIPPER_TYPE_EXPORT_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (clipper_export_dialog_parent_class)->dispose (object);
}

static void
clipper_export_dialog_finalize (GObject *object)
{
  ClipperExportDialog *self = (ClipperExportDialog *)object;

  g_free (self->clipping_title);
  g_clear_pointer (&self->selection, g_array_unref);

  G_OBJECT_CLASS (clipper_export_dialog_parent_class)->finalize (object);
}

static void
clipper_export_dialog_class_init (ClipperExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clipper_export_dialog_dispose;
  object_class->finalize = clipper_export_dialog_finalize;

  signals[EXPORTED] =
    g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Clipper/ui/clipper-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ClipperExportDialog, scope_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperExportDialog, content_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperExportDialog, paper_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperExportDialog, marks_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperExportDialog, assets_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperExportDialog, assets_switch);
  gtk_widget_class_bind_template_child (widget_class, ClipperExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, ClipperExportDialog, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, ClipperExportDialog, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
clipper_export_dialog_init (ClipperExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  load_choices (self);
  update_rows (self);

  g_signal_connect_object (self->format_row, "notify::selected", G_CALLBACK (update_rows), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->content_row, "notify::selected", G_CALLBACK (update_rows), self, G_CONNECT_SWAPPED);
}

ClipperExportDialog *
clipper_export_dialog_new (GtkWindow    *parent,
                           ClipperStore *store,
                           gint64        clipping_id,
                           const char   *clipping_title)
{
  ClipperExportDialog *self;

  g_return_val_if_fail (CLIPPER_IS_STORE (store), NULL);

  self = g_object_new (CLIPPER_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->clipping_id = clipping_id;
  self->clipping_title = g_strdup (clipping_title ? clipping_title : _("Clipping"));

  /* Without an open clipping, the library it is. */
  gtk_widget_set_visible (GTK_WIDGET (self->scope_row), clipping_id > 0);

  return self;
}

/* Exports just these clippings (several, into a folder) instead. */
void
clipper_export_dialog_set_selection (ClipperExportDialog *self,
                                     const gint64        *ids,
                                     guint                n_ids)
{
  g_autofree char *title = NULL;

  g_return_if_fail (CLIPPER_IS_EXPORT_DIALOG (self));
  g_return_if_fail (ids != NULL && n_ids > 0);

  g_clear_pointer (&self->selection, g_array_unref);
  self->selection = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  g_array_append_vals (self->selection, ids, n_ids);
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Export %u Clipping", "Export %u Clippings", n_ids),
                           n_ids);
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_widget_set_visible (GTK_WIDGET (self->scope_row), FALSE);
}
