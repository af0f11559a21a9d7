/* clipper-export.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exporting clippings to files: names made safe from titles, one file per
 * clipping into a folder or one combined file, never overwriting without
 * being told to, and every file written whole or not at all.
 */

#define G_LOG_DOMAIN "clipper-export"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "clipper-document.h"
#include "clipper-error.h"
#include "clipper-epub-writer.h"
#include "clipper-export.h"
#include "clipper-file.h"

#define MAX_NAME_BYTES 120

/**
 * clipper_export_file_name:
 *
 * A file name from a title: no path separators or control characters, no
 * leading dot, at most 120 bytes before the extension.
 */
char *
clipper_export_file_name (const char *title,
                          const char *extension)
{
  g_autoptr(GString) name = g_string_new (NULL);
  g_autofree char *valid = g_utf8_make_valid (title ? title : "", -1);
  gboolean space = FALSE;

  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7f || strchr ("/\\:*?\"<>|", c) != NULL || g_unichar_isspace (c))
        {
          space = name->len > 0;
          continue;
        }

      if (space)
        g_string_append_c (name, ' ');
      space = FALSE;

      if (name->len + 6 > MAX_NAME_BYTES)
        break;
      g_string_append_unichar (name, c);
    }

  while (name->len > 0 && (name->str[0] == '.' || name->str[0] == ' ' || name->str[0] == '-'))
    g_string_erase (name, 0, 1);
  while (name->len > 0 && (name->str[name->len - 1] == '.' || name->str[name->len - 1] == ' '))
    g_string_truncate (name, name->len - 1);

  if (name->len == 0)
    g_string_assign (name, _("Clipping"));

  g_string_append_printf (name, ".%s", extension);
  return g_string_free (g_steal_pointer (&name), FALSE);
}

/* @name in @dir, with " (2)", " (3)"… when taken. */
static char *
free_path (const char *dir,
           const char *name,
           GHashTable *taken)
{
  const char *dot = strrchr (name, '.');
  g_autofree char *stem = g_strndup (name, dot ? (gsize)(dot - name) : strlen (name));

  for (guint n = 1; n < 10000; n++)
    {
      g_autofree char *candidate = n == 1 ? g_strdup (name)
                                          : g_strdup_printf ("%s (%u)%s", stem, n, dot ? dot : "");
      char *path = g_build_filename (dir, candidate, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS) && !g_hash_table_contains (taken, path))
        {
          g_hash_table_add (taken, g_strdup (path));
          return path;
        }
      g_free (path);
    }

  return NULL;
}

static char *
render_markdown (ClipperStore               *store,
                 gint64                      id,
                 const ClipperExportOptions *options,
                 const char                 *assets_dir,
                 GPtrArray                  *assets,
                 gboolean                    front_matter,
                 ClipperClipping           **clipping_out,
                 GError                    **error)
{
  g_autoptr(ClipperClipping) clipping = NULL;
  g_autoptr(GPtrArray) highlights = NULL;
  g_autoptr(ClipperDocument) document = NULL;
  g_autofree char *note = NULL;
  ClipperMarkdownOptions markdown = { options->content, options->marks, NULL, FALSE };

  if (!(clipping = clipper_store_find_clipping (store, id, error)) ||
      !(highlights = clipper_store_list_highlights (store, id, error)) ||
      !(note = clipper_store_dup_clipping_note (store, id, error)))
    return NULL;

  if (options->assets)
    markdown.assets_dir = assets_dir;
  markdown.no_front_matter = !front_matter;

  document = clipper_document_new (clipping, highlights, note);
  *clipping_out = g_steal_pointer (&clipping);
  return clipper_markdown_write (document, &markdown, assets);
}

static const char *
extension_for (const char *mime_type)
{
  static const char * const known[][2] = {
    { "image/png", "png" }, { "image/jpeg", "jpg" }, { "image/gif", "gif" },
    { "image/webp", "webp" }, { "image/avif", "avif" }, { "image/bmp", "bmp" },
    { "image/svg+xml", "svg" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_strcmp0 (mime_type, known[i][0]) == 0)
      return known[i][1];
  return "bin";
}

/* Asset paths get the extension of their image type, in the Markdown too. */
static char *
name_assets (ClipperStore *store,
             char         *markdown,
             GPtrArray    *assets,
             guint         from)
{
  g_autoptr(GString) text = g_string_new (markdown);

  g_free (markdown);

  for (guint i = from; i < assets->len; i++)
    {
      ClipperMarkdownAsset *asset = g_ptr_array_index (assets, i);
      g_autofree char *mime = NULL;
      g_autoptr(GBytes) data = clipper_store_dup_resource (store, asset->hash, &mime, NULL);
      g_autofree char *named = NULL;

      if (data == NULL || g_str_has_suffix (asset->path, extension_for (mime)))
        continue;

      named = g_strdup_printf ("%s.%s", asset->path, extension_for (mime));
      g_string_replace (text, asset->path, named, 0);
      g_free (asset->path);
      asset->path = g_steal_pointer (&named);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
write_assets (ClipperStore  *store,
              const char    *base_dir,
              GPtrArray     *assets,
              GError       **error)
{
  for (guint i = 0; i < assets->len; i++)
    {
      ClipperMarkdownAsset *asset = g_ptr_array_index (assets, i);
      g_autofree char *path = g_build_filename (base_dir, asset->path, NULL);
      g_autofree char *dir = g_path_get_dirname (path);
      g_autoptr(GBytes) data = NULL;

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        continue;

      if (g_mkdir_with_parents (dir, 0755) != 0)
        {
          g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_FAILED,
                       _("Could not create the folder “%s”."), dir);
          return FALSE;
        }

      if (!(data = clipper_store_dup_resource (store, asset->hash, NULL, error)) ||
          !clipper_file_write (path, g_bytes_get_data (data, NULL), g_bytes_get_size (data), FALSE, error))
        return FALSE;
    }

  return TRUE;
}

static ClipperDocument *
load_document (ClipperStore  *store,
               gint64         id,
               GError       **error)
{
  g_autoptr(ClipperClipping) clipping = NULL;
  g_autoptr(GPtrArray) highlights = NULL;
  g_autofree char *note = NULL;

  if (!(clipping = clipper_store_find_clipping (store, id, error)) ||
      !(highlights = clipper_store_list_highlights (store, id, error)) ||
      !(note = clipper_store_dup_clipping_note (store, id, error)))
    return NULL;

  return clipper_document_new (clipping, highlights, note);
}

typedef struct
{
  ClipperStore               *store;
  GPtrArray                  *documents;
  const ClipperExportOptions *options;
} PdfJob;

static gboolean
typeset_pdf (GOutputStream  *stream,
             gpointer        user_data,
             GError        **error)
{
  PdfJob *job = user_data;

  if (job->options->format == CLIPPER_FORMAT_EPUB)
    return clipper_epub_write (job->documents, job->store, stream, error);
  return clipper_pdf_write (job->documents, job->store, job->options->content, job->options->paper,
                            stream, error);
}

/* Replaces @path only when the PDF is complete and on the disk. */
gboolean
clipper_export_write_pdf (ClipperStore               *store,
                          GPtrArray                  *documents,
                          const ClipperExportOptions *options,
                          const char                 *path,
                          gboolean                    overwrite,
                          GError                    **error)
{
  PdfJob job = { store, documents, options };

  return clipper_file_write_with (path, overwrite, typeset_pdf, &job, error);
}

/* Several clippings in one PDF file. */
static GPtrArray *
export_pdf_file (ClipperStore               *store,
                 GArray                     *ids,
                 const char                 *output,
                 const ClipperExportOptions *options,
                 GCancellable               *cancellable,
                 gint                       *progress,
                 GError                    **error)
{
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func ((GDestroyNotify)clipper_document_free);

  for (guint i = 0; i < ids->len; i++)
    {
      ClipperDocument *document = load_document (store, g_array_index (ids, gint64, i), error);

      if (document == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_clear_pointer (&document, clipper_document_free);
          return NULL;
        }
      g_ptr_array_add (documents, document);
      if (progress)
        g_atomic_int_set (progress, i + 1);
    }

  if (!clipper_export_write_pdf (store, documents, options, output, options->overwrite, error))
    return NULL;
  g_ptr_array_add (written, g_strdup (output));

  return g_steal_pointer (&written);
}

/* Several clippings in one Markdown file, their images in an assets
 * folder beside it. One file, several clippings: front matter would only
 * be read at the top, so each starts with its title instead. */
static GPtrArray *
export_markdown_file (ClipperStore               *store,
                      GArray                     *ids,
                      const char                 *output,
                      const ClipperExportOptions *options,
                      GCancellable               *cancellable,
                      gint                       *progress,
                      GError                    **error)
{
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) assets = g_ptr_array_new_with_free_func ((GDestroyNotify)clipper_markdown_asset_free);
  g_autoptr(GString) combined = g_string_new (NULL);
  g_autofree char *dir = g_path_get_dirname (output);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(ClipperClipping) clipping = NULL;
      g_autofree char *markdown = NULL;
      guint first_asset = assets->len;

      markdown = render_markdown (store, g_array_index (ids, gint64, i), options, "assets",
                                  assets, ids->len == 1, &clipping, error);
      if (markdown == NULL)
        return NULL;
      markdown = name_assets (store, markdown, assets, first_asset);

      if (i > 0)
        g_string_append (combined, "\n* * *\n\n");
      g_string_append (combined, markdown);
      if (progress)
        g_atomic_int_set (progress, i + 1);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
    }

  if (!clipper_file_write (output, combined->str, combined->len, options->overwrite, error) ||
      !write_assets (store, dir, assets, error))
    return NULL;
  g_ptr_array_add (written, g_strdup (output));

  return g_steal_pointer (&written);
}

/* One clipping into a file of its own in @dir, named after its title
 * (never over another file); returns the path written. Images a Markdown
 * file points at are added to @assets, for the folder's assets. */
typedef char *(*ExportOne) (ClipperStore               *store,
                            gint64                      id,
                            const ClipperExportOptions *options,
                            const char                 *dir,
                            GHashTable                 *taken,
                            GPtrArray                  *assets,
                            GError                    **error);

static char *
export_one_pdf (ClipperStore               *store,
                gint64                      id,
                const ClipperExportOptions *options,
                const char                 *dir,
                GHashTable                 *taken,
                GPtrArray                  *assets,
                GError                    **error)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func ((GDestroyNotify)clipper_document_free);
  ClipperDocument *document = load_document (store, id, error);
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  if (document == NULL)
    return NULL;
  g_ptr_array_add (one, document);

  name = clipper_export_file_name (clipper_clipping_get_title (document->clipping),
                                   options->format == CLIPPER_FORMAT_EPUB ? "epub" : "pdf");
  path = free_path (dir, name, taken);
  if (path == NULL || !clipper_export_write_pdf (store, one, options, path, FALSE, error))
    return NULL;
  return g_steal_pointer (&path);
}

static char *
export_one_markdown (ClipperStore               *store,
                     gint64                      id,
                     const ClipperExportOptions *options,
                     const char                 *dir,
                     GHashTable                 *taken,
                     GPtrArray                  *assets,
                     GError                    **error)
{
  g_autoptr(ClipperClipping) clipping = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  guint first_asset = assets->len;

  markdown = render_markdown (store, id, options, "assets", assets, TRUE, &clipping, error);
  if (markdown == NULL)
    return NULL;
  markdown = name_assets (store, markdown, assets, first_asset);

  name = clipper_export_file_name (clipper_clipping_get_title (clipping), "md");
  path = free_path (dir, name, taken);
  if (path == NULL || !clipper_file_write (path, markdown, strlen (markdown), FALSE, error))
    return NULL;
  return g_steal_pointer (&path);
}

/* One file per clipping in the folder @dir, made if need be. */
static GPtrArray *
export_to_folder (ClipperStore               *store,
                  GArray                     *ids,
                  const char                 *dir,
                  const ClipperExportOptions *options,
                  GCancellable               *cancellable,
                  gint                       *progress,
                  GError                    **error)
{
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) assets = g_ptr_array_new_with_free_func ((GDestroyNotify)clipper_markdown_asset_free);
  ExportOne export_one = options->format == CLIPPER_FORMAT_MARKDOWN ? export_one_markdown : export_one_pdf;

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_FAILED,
                   _("Could not create the folder “%s”."), dir);
      return NULL;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      char *path;

      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !(path = export_one (store, g_array_index (ids, gint64, i), options, dir, taken, assets, error)))
        return NULL;
      g_ptr_array_add (written, path);
      if (progress)
        g_atomic_int_set (progress, i + 1);
    }

  if (!write_assets (store, dir, assets, error))
    return NULL;

  return g_steal_pointer (&written);
}

static gboolean
is_folder_target (const char *output)
{
  if (output == NULL)
    return TRUE;
  return g_str_has_suffix (output, G_DIR_SEPARATOR_S) || g_file_test (output, G_FILE_TEST_IS_DIR);
}

/**
 * clipper_export_run:
 * @ids: (element-type gint64): the clippings, in order
 * @output: (nullable): a folder (one file per clipping) or a file (one
 *   combined file); %NULL for the current folder
 *
 * Returns: (transfer full): the paths written, or %NULL with @error set
 */
GPtrArray *
clipper_export_run (ClipperStore               *store,
                    GArray                     *ids,
                    const char                 *output,
                    const ClipperExportOptions *options,
                    GError                    **error)
{
  return clipper_export_run_full (store, ids, output, options, NULL, NULL, error);
}

/**
 * clipper_export_run_full:
 * @cancellable: (nullable): checked between clippings
 * @progress: (nullable): set, atomically, to how many clippings are done
 */
GPtrArray *
clipper_export_run_full (ClipperStore               *store,
                         GArray                     *ids,
                         const char                 *output,
                         const ClipperExportOptions *options,
                         GCancellable               *cancellable,
                         gint                       *progress,
                         GError                    **error)
{
  const char *extension = options->format == CLIPPER_FORMAT_PDF ? "pdf" : options->format == CLIPPER_FORMAT_EPUB ? "epub" : "md";
  g_autofree char *named = NULL;

  g_return_val_if_fail (CLIPPER_IS_STORE (store), NULL);
  g_return_val_if_fail (ids != NULL && ids->len > 0, NULL);

  /* A file named without an extension gets the format's, so that it opens
   * with the right application. */
  if (!is_folder_target (output))
    {
      g_autofree char *base = g_path_get_basename (output);

      if (strchr (base, '.') == NULL)
        output = named = g_strconcat (output, ".", extension, NULL);
    }

  if (is_folder_target (output))
    return export_to_folder (store, ids, output ? output : ".", options, cancellable, progress, error);

  /* A PDF and a book hold all their clippings in one file. */
  if (options->format != CLIPPER_FORMAT_MARKDOWN)
    return export_pdf_file (store, ids, output, options, cancellable, progress, error);
  return export_markdown_file (store, ids, output, options, cancellable, progress, error);
}
