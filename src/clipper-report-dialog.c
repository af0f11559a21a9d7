/* clipper-report-dialog.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A report from the window: the chosen clippings, a tag's or a search's,
 * in one cited document. The choices are remembered in GSettings; the
 * report is written by `clipper report` in a process of its own, since
 * citeproc-js needs a JavaScriptCore that WebKit has not set up.
 */

#define G_LOG_DOMAIN "clipper-report-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "clipper-application.h"
#include "clipper-csl.h"
#include "clipper-export.h"
#include "clipper-report-dialog.h"

struct _ClipperReportDialog
{
  AdwWindow parent_instance;

  AdwPreferencesGroup *subject_group;
  AdwEntryRow *title_row;
  GtkTextView *introduction_view;
  AdwComboRow *group_row;
  AdwComboRow *style_row;
  AdwComboRow *format_row;
  AdwComboRow *citations_row;
  AdwComboRow *paper_row;
  GtkButton *create_button;
  GtkRevealer *progress_revealer;
  GtkProgressBar *progress_bar;

  ClipperStore *store;
  GSettings *settings;
  GCancellable *cancellable;
  GtkNativeDialog *chooser;
  GtkStringList *styles; /* what the style row shows */
  GPtrArray *style_ids;  /* what `--style` is given, row for row */
  guint last_style;
  GArray *ids;
  char *query;
  guint pulse_id;
  gboolean running;
};

G_DEFINE_FINAL_TYPE (ClipperReportDialog, clipper_report_dialog, ADW_TYPE_WINDOW)

enum
{
  CREATED,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The styles offered first, under the names people know them by. */
static const struct
{
  const char *id, *label;
} common_styles[] = {
  { "apa", N_ ("APA 7th edition") },
  { "chicago-author-date", N_ ("Chicago author-date") },
  { "modern-language-association", N_ ("MLA 9th edition") },
  { "harvard-cite-them-right", N_ ("Harvard (Cite Them Right)") },
  { "ieee", N_ ("IEEE") },
  { "vancouver", N_ ("Vancouver") },
};

static const char *group_names[] = { "clipping", "tag", "color" };

static gboolean
is_pdf (ClipperReportDialog *self)
{
  return adw_combo_row_get_selected (self->format_row) == 1;
}

static void
update_rows (ClipperReportDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->citations_row), !is_pdf (self));
  gtk_widget_set_visible (GTK_WIDGET (self->paper_row), is_pdf (self));
}

static guint
add_style (ClipperReportDialog *self, const char *id, const char *label)
{
  /* The last row stays "Other Style File…". */
  guint position = self->style_ids->len;

  g_ptr_array_add (self->style_ids, g_strdup (id));
  gtk_string_list_splice (self->styles, position, 0, (const char *const[]){ label, NULL });
  return position;
}

static guint
find_style (ClipperReportDialog *self, const char *id)
{
  for (guint i = 0; i < self->style_ids->len; i++)
    if (g_str_equal (g_ptr_array_index (self->style_ids, i), id))
      return i;
  return GTK_INVALID_LIST_POSITION;
}

/* The common styles that are installed, then every other by its name. */
static void
fill_styles (ClipperReportDialog *self)
{
  g_auto (GStrv) installed = clipper_csl_list_styles ();

  self->styles = gtk_string_list_new ((const char *const[]){ _ ("Other Style File…"), NULL });
  self->style_ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (common_styles); i++)
    if (g_strv_contains ((const char *const *) installed, common_styles[i].id))
      add_style (self, common_styles[i].id, _ (common_styles[i].label));
  for (guint i = 0; installed[i] != NULL; i++)
    if (find_style (self, installed[i]) == GTK_INVALID_LIST_POSITION)
      add_style (self, installed[i], installed[i]);

  adw_combo_row_set_model (self->style_row, G_LIST_MODEL (self->styles));
}

static void
select_style (ClipperReportDialog *self, const char *id)
{
  guint position = find_style (self, id);

  /* A file chosen before is offered again while it is there. */
  if (position == GTK_INVALID_LIST_POSITION && g_path_is_absolute (id) &&
      g_file_test (id, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *name = g_path_get_basename (id);

      position = add_style (self, id, name);
    }
  if (position == GTK_INVALID_LIST_POSITION)
    position = 0;

  self->last_style = position;
  adw_combo_row_set_selected (self->style_row, position);
}

/* The local file a chooser was answered with, or %NULL. */
static char *
dup_chosen_path (GtkNativeDialog *chooser, int response)
{
  g_autoptr (GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT ||
      !(file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))))
    return NULL;
  return g_file_get_path (file);
}

static void
on_style_chooser_response_cb (ClipperReportDialog *self, int response, GtkNativeDialog *chooser)
{
  g_autofree char *path = dup_chosen_path (chooser, response);

  if (path != NULL)
    select_style (self, path);
  else
    adw_combo_row_set_selected (self->style_row, self->last_style);

  g_clear_object (&self->chooser);
}

static void
choose_style_file (ClipperReportDialog *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  chooser =
      gtk_file_chooser_native_new (_ ("Choose a Citation Style"), GTK_WINDOW (self),
                                   GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Choose"), _ ("_Cancel"));
  gtk_file_filter_set_name (filter, _ ("CSL styles"));
  gtk_file_filter_add_pattern (filter, "*.csl");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_style_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

static void
on_style_selected_cb (ClipperReportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->style_row);

  if (selected == GTK_INVALID_LIST_POSITION)
    return;
  if (selected >= self->style_ids->len)
    choose_style_file (self);
  else
    self->last_style = selected;
}

static const char *
style_id (ClipperReportDialog *self)
{
  return g_ptr_array_index (self->style_ids, self->last_style);
}

static char *
dup_introduction (ClipperReportDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->introduction_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
save_choices (ClipperReportDialog *self)
{
  g_settings_set_string (self->settings, "report-group-by",
                         group_names[MIN (adw_combo_row_get_selected (self->group_row), 2)]);
  g_settings_set_string (self->settings, "citation-style", style_id (self));
  g_settings_set_string (self->settings, "report-format", is_pdf (self) ? "pdf" : "markdown");
  g_settings_set_string (self->settings, "report-citations",
                         adw_combo_row_get_selected (self->citations_row) == 1 ? "pandoc"
                                                                               : "formatted");
  g_settings_set_string (self->settings, "export-paper",
                         adw_combo_row_get_selected (self->paper_row) == 1 ? "letter" : "a4");
}

static void
load_choices (ClipperReportDialog *self)
{
  g_autofree char *group = g_settings_get_string (self->settings, "report-group-by");
  g_autofree char *style = g_settings_get_string (self->settings, "citation-style");
  g_autofree char *format = g_settings_get_string (self->settings, "report-format");
  g_autofree char *citations = g_settings_get_string (self->settings, "report-citations");
  g_autofree char *paper = g_settings_get_string (self->settings, "export-paper");

  for (guint i = 0; i < G_N_ELEMENTS (group_names); i++)
    if (g_str_equal (group, group_names[i]))
      adw_combo_row_set_selected (self->group_row, i);
  select_style (self, style);
  adw_combo_row_set_selected (self->format_row, g_str_equal (format, "pdf"));
  adw_combo_row_set_selected (self->citations_row, g_str_equal (citations, "pandoc"));
  adw_combo_row_set_selected (self->paper_row, g_str_equal (paper, "letter"));
}

static const char *
dup_title (ClipperReportDialog *self)
{
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));

  return title[0] != '\0' ? title : _ ("Report");
}

static gboolean
on_pulse_cb (gpointer user_data)
{
  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (user_data));
  return G_SOURCE_CONTINUE;
}

static void
stop_running (ClipperReportDialog *self)
{
  self->running = FALSE;
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), TRUE);
}

static void
on_report_done_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (ClipperReportDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  GSubprocess *process = G_SUBPROCESS (object);

  if (!g_subprocess_communicate_utf8_finish (process, result, &out, &err, &error))
    {
      /* Cancelled: the dialog is going, or Cancel stopped the report. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
            stop_running (self);
          return;
        }
      g_signal_emit (self, signals[FAILED], 0, error->message);
    }
  else if (!g_subprocess_get_successful (process))
    {
      g_autofree char *message = clipper_application_dup_verb_failure (err);

      g_signal_emit (self, signals[FAILED], 0, message);
    }
  else
    {
      /* The report's path is the first line written. */
      out[strcspn (out, "\n")] = '\0';
      g_signal_emit (self, signals[CREATED], 0, out);
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * clipper_report_dialog_create:
 * @output: the report's path; a file there is replaced (the file chooser
 *   has asked)
 *
 * Writes the report with the dialog's choices; the dialog closes when it
 * is written, emitting #ClipperReportDialog::created, or ::failed.
 */
void
clipper_report_dialog_create (ClipperReportDialog *self, const char *output)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *introduction = NULL;
  g_auto (GStrv) argv = NULL;

  g_return_if_fail (CLIPPER_IS_REPORT_DIALOG (self));
  g_return_if_fail (output != NULL);

  if (self->running)
    return;

  save_choices (self);
  introduction = dup_introduction (self);

  g_strv_builder_add_many (
      builder, clipper_application_get_binary (), "--library", clipper_store_get_path (self->store),
      "report", "--output", output, "--force", "--title", dup_title (self), "--group-by",
      group_names[MIN (adw_combo_row_get_selected (self->group_row), 2)], "--style",
      style_id (self), "--format", is_pdf (self) ? "pdf" : "md", NULL);
  if (introduction[0] != '\0')
    g_strv_builder_add_many (builder, "--introduction", introduction, NULL);
  if (is_pdf (self))
    g_strv_builder_add_many (builder, "--paper",
                             adw_combo_row_get_selected (self->paper_row) == 1 ? "letter" : "a4",
                             NULL);
  else if (adw_combo_row_get_selected (self->citations_row) == 1)
    g_strv_builder_add_many (builder, "--citations", "pandoc", NULL);

  if (self->ids != NULL)
    for (guint i = 0; i < self->ids->len; i++)
      {
        g_autofree char *id =
            g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (self->ids, gint64, i));

        g_strv_builder_add_many (builder, "--id", id, NULL);
      }
  else
    /* After "--", a query that starts with "-" is still a query. */
    g_strv_builder_add_many (builder, "--", self->query, NULL);

  argv = g_strv_builder_end (builder);
  process =
      g_subprocess_newv ((const char *const *) argv,
                         G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  if (process == NULL)
    {
      g_signal_emit (self, signals[FAILED], 0, error->message);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  self->running = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), FALSE);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  self->pulse_id = g_timeout_add (100, on_pulse_cb, self->progress_bar);

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  /* Cancelling the read ends the process too. */
  g_signal_connect_object (self->cancellable, "cancelled", G_CALLBACK (g_subprocess_force_exit),
                           process, G_CONNECT_SWAPPED);
  g_subprocess_communicate_utf8_async (process, NULL, self->cancellable, on_report_done_cb,
                                       g_object_ref (self));
}

static void
on_chooser_response_cb (ClipperReportDialog *self, int response, GtkNativeDialog *chooser)
{
  g_autofree char *path = dup_chosen_path (chooser, response);

  if (path != NULL)
    clipper_report_dialog_create (self, path);

  g_clear_object (&self->chooser);
}

static void
on_create_clicked_cb (ClipperReportDialog *self)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = clipper_export_file_name (dup_title (self), is_pdf (self) ? "pdf" : "md");

  chooser = gtk_file_chooser_native_new (_ ("Save Report"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Save"), _ ("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

static void
on_cancel_clicked_cb (ClipperReportDialog *self)
{
  if (self->running)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
clipper_report_dialog_dispose (GObject *object)
{
  ClipperReportDialog *self = (ClipperReportDialog *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->chooser)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), CLIPPER_TYPE_REPORT_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->styles);

  G_OBJECT_CLASS (clipper_report_dialog_parent_class)->dispose (object);
}

static void
clipper_report_dialog_finalize (GObject *object)
{
  ClipperReportDialog *self = (ClipperReportDialog *) object;

  g_clear_pointer (&self->style_ids, g_ptr_array_unref);
  g_clear_pointer (&self->ids, g_array_unref);
  g_free (self->query);

  G_OBJECT_CLASS (clipper_report_dialog_parent_class)->finalize (object);
}

static void
clipper_report_dialog_class_init (ClipperReportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clipper_report_dialog_dispose;
  object_class->finalize = clipper_report_dialog_finalize;

  /**
   * ClipperReportDialog::created:
   * @path: the report written
   */
  signals[CREATED] = g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * ClipperReportDialog::failed:
   * @message: why, in a sentence
   */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Clipper/ui/clipper-report-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ClipperReportDialog, subject_group);
  gtk_widget_class_bind_template_child (widget_class, ClipperReportDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperReportDialog, introduction_view);
  gtk_widget_class_bind_template_child (widget_class, ClipperReportDialog, group_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperReportDialog, style_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperReportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperReportDialog, citations_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperReportDialog, paper_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperReportDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, ClipperReportDialog, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, ClipperReportDialog, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_create_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
clipper_report_dialog_init (ClipperReportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  fill_styles (self);
  load_choices (self);
  update_rows (self);

  g_signal_connect_object (self->format_row, "notify::selected", G_CALLBACK (update_rows), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->style_row, "notify::selected", G_CALLBACK (on_style_selected_cb),
                           self, G_CONNECT_SWAPPED);
}

static ClipperReportDialog *
report_dialog_new (GtkWindow *parent, ClipperStore *store, const char *title, const char *subject)
{
  ClipperReportDialog *self =
      g_object_new (CLIPPER_TYPE_REPORT_DIALOG, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), title);
  adw_preferences_group_set_description (self->subject_group, subject);
  return self;
}

/* A report on these clippings, in this order. */
ClipperReportDialog *
clipper_report_dialog_new_for_ids (GtkWindow *parent,
                                   ClipperStore *store,
                                   const gint64 *ids,
                                   guint n_ids)
{
  ClipperReportDialog *self;
  g_autofree char *subject = NULL;

  g_return_val_if_fail (CLIPPER_IS_STORE (store), NULL);
  g_return_val_if_fail (ids != NULL && n_ids > 0, NULL);

  subject = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "On the clipping chosen", "On the %u clippings chosen", n_ids),
      n_ids);
  self = report_dialog_new (parent, store, _ ("Report"), subject);
  self->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  g_array_append_vals (self->ids, ids, n_ids);
  return self;
}

/**
 * clipper_report_dialog_new_for_query:
 * @query: a search in the library's query language ("" for everything)
 * @title: the title the report starts with
 *
 * A report on the clippings @query finds, when it is written.
 */
ClipperReportDialog *
clipper_report_dialog_new_for_query (GtkWindow *parent,
                                     ClipperStore *store,
                                     const char *query,
                                     const char *title)
{
  ClipperReportDialog *self;
  g_autofree char *subject = NULL;

  g_return_val_if_fail (CLIPPER_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (query[0] == '\0')
    subject = g_strdup (_ ("On every clipping in the library"));
  else
    /* Translators: %s is a search, such as tag:"methods" */
    subject = g_strdup_printf (_ ("On the clippings “%s” finds"), query);
  self = report_dialog_new (parent, store, title, subject);
  self->query = g_strdup (query);
  return self;
}
