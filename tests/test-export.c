/* test-export.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Markdown export: golden files for the seed article with highlights and
 * notes and for a page full of Markdown's special characters, CommonMark
 * reading the output back to the same text, file names and no overwrites.
 */

#include "config.h"

#include "clipper-test-store.h"
#include "clipper-test-util.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>
#include <string.h>

#include "clipper-anchor.h"
#include "clipper-capture.h"
#include "clipper-document.h"
#include "clipper-error.h"
#include "clipper-export.h"
#include "clipper-html.h"
#include "clipper-markdown-writer.h"
#include "clipper-pdf-writer.h"
#include "clipper-zip.h"

#define CLIPPED_AT 1739404800  /* 2025-02-13 00:00 UTC */

typedef struct
{
  char         *dir;
  ClipperStore *store;
} Fixture;

static gboolean
have_program (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  return path != NULL;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("clipper-export-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "library.db", NULL);
  fixture->store = clipper_store_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->store);
  clipper_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static gint64
clip_fixture (Fixture    *fixture,
              const char *name,
              const char *url)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(ClipperClipping) clipping = NULL;
  g_autoptr(GError) error = NULL;
  const char *tags[] = { "nato", "defence spending", NULL };
  gsize length;
  gint64 id;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  clipping = clipper_capture_page (contents, length, url, NULL, NULL);
  clipper_clipping_set_clipped_at (clipping, CLIPPED_AT);
  clipper_clipping_set_tags (clipping, tags);
  id = clipper_store_add_clipping (fixture->store, clipping, &error);
  g_assert_no_error (error);
  return id;
}

static void
highlight (Fixture    *fixture,
           gint64      id,
           const char *quote,
           const char *color,
           const char *note,
           const char *tag)
{
  clipper_test_add_highlight (fixture->store, id, quote, color, note, tag);
}

static char *
export_markdown (Fixture              *fixture,
                 gint64                id,
                 ClipperExportContent  content,
                 ClipperMarkStyle      marks)
{
  g_autoptr(ClipperClipping) clipping = clipper_store_find_clipping (fixture->store, id, NULL);
  g_autoptr(GPtrArray) highlights = clipper_store_list_highlights (fixture->store, id, NULL);
  g_autofree char *note = clipper_store_dup_clipping_note (fixture->store, id, NULL);
  g_autoptr(ClipperDocument) document = clipper_document_new (clipping, highlights, note);
  ClipperMarkdownOptions options = { content, marks, NULL, FALSE };

  return clipper_markdown_write (document, &options, NULL);
}

/* Set CLIPPER_UPDATE_GOLDEN=1 to rewrite the golden files after a change
 * of the output that was looked at and wanted. */
static void
assert_golden (const char *markdown,
               const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "export", name, NULL);
  g_autofree char *expected = NULL;

  if (g_getenv ("CLIPPER_UPDATE_GOLDEN"))
    g_assert_true (g_file_set_contents (path, markdown, -1, NULL));

  g_assert_true (g_file_get_contents (path, &expected, NULL, NULL));
  g_assert_cmpstr (markdown, ==, expected);
}

static gint64
annotated_seed (Fixture *fixture)
{
  gint64 id = clip_fixture (fixture, "blogger-post.html", "https://worlddesk.example/2025/02/us-defence-chief.html");

  g_assert_true (clipper_store_set_clipping_note (fixture->store, id,
                                                  "For the *security* briefing.\n\n- check the spending figures", NULL));
  highlight (fixture, id, "NATO membership for Ukraine ‘not realistic’", "yellow",
             "The headline claim.", "claim");
  highlight (fixture, id, "illusionary goal", "green", NULL, NULL);
  highlight (fixture, id, "5 percent of their gross domestic product (GDP)", "pink",
             "Compare with the *2 percent* target:\n\n1. current\n2. proposed", "numbers");
  return id;
}

static void
test_seed_golden (Fixture       *fixture,
                  gconstpointer  data)
{
  gint64 id = annotated_seed (fixture);
  g_autofree char *report = export_markdown (fixture, id, CLIPPER_EXPORT_HIGHLIGHTS, CLIPPER_MARK_EMPHASIS);
  g_autofree char *article = export_markdown (fixture, id, CLIPPER_EXPORT_ARTICLE, CLIPPER_MARK_EMPHASIS);
  g_autofree char *marked = export_markdown (fixture, id, CLIPPER_EXPORT_ARTICLE, CLIPPER_MARK_HIGHLIGHT);

  assert_golden (report, "seed-highlights.md");
  assert_golden (article, "seed-article.md");
  g_assert_nonnull (strstr (marked, "==illusionary goal=="));
  g_assert_nonnull (strstr (marked, "==5 percent of their gross domestic product (GDP)==[^2]"));
}

static void
test_tricky_golden (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 id = clip_fixture (fixture, "export/tricky.html", "https://example.org/tricky");
  g_autofree char *article = NULL;

  highlight (fixture, id, "5*3 = 15 percent", "blue", "Stars_and [brackets] in a note stay as typed.", NULL);
  article = export_markdown (fixture, id, CLIPPER_EXPORT_ARTICLE, CLIPPER_MARK_EMPHASIS);
  assert_golden (article, "tricky-article.md");
}

/* The text CommonMark reads from @markdown (rendered by cmark). */
static char *
commonmark_text (const char *markdown)
{
  const char *argv[] = { "cmark", "--to", "html", NULL };
  g_autoptr(GSubprocess) cmark = NULL;
  g_autoptr(GBytes) input = g_bytes_new (markdown, strlen (markdown));
  g_autoptr(GBytes) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(xmlDoc) doc = NULL;

  cmark = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate (cmark, input, NULL, &output, NULL, &error));
  g_assert_no_error (error);

  doc = clipper_html_read (g_bytes_get_data (output, NULL), g_bytes_get_size (output), "UTF-8");
  return clipper_html_dup_text (clipper_html_get_body (doc));
}

/* Without white space, and without footnote references: CommonMark has
 * no footnotes and shows "[^1]" as text, which extended readers (Obsidian,
 * GitHub, Pandoc) turn into notes. */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (p[0] == '[' && p[1] == '^' && g_ascii_isdigit (p[2]))
        {
          const char *q = p + 2;

          while (g_ascii_isdigit (*q))
            q++;
          if (*q == ']')
            {
              p = q;
              continue;
            }
        }
      /* pdftotext joins "Russian-⏎occupied" into one word. */
      if (!g_ascii_isspace (*p) && *p != '-')
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* Every block's text reads back from the Markdown exactly, in order. */
static void
assert_round_trip (Fixture *fixture,
                   gint64   id)
{
  g_autoptr(ClipperClipping) clipping = clipper_store_find_clipping (fixture->store, id, NULL);
  g_autoptr(GPtrArray) highlights = clipper_store_list_highlights (fixture->store, id, NULL);
  g_autoptr(ClipperDocument) document = clipper_document_new (clipping, highlights, NULL);
  ClipperMarkdownOptions options = { CLIPPER_EXPORT_ARTICLE, CLIPPER_MARK_EMPHASIS, NULL, TRUE };
  g_autofree char *markdown = clipper_markdown_write (document, &options, NULL);
  g_autofree char *read_back = commonmark_text (markdown);
  g_autofree char *squeezed = squeeze (read_back);
  const char *cursor = squeezed;

  for (guint i = 0; i < document->blocks->len; i++)
    {
      ClipperBlock *block = g_ptr_array_index (document->blocks, i);
      g_autofree char *text = clipper_document_dup_block_text (block);
      g_autofree char *want = NULL;
      const char *found;

      /* Table cells are written "cell | cell". */
      if (block->type == CLIPPER_BLOCK_TABLE_ROW)
        g_strdelimit (text, "\t", '|');
      want = squeeze (text);

      if (want[0] == '\0')
        continue;
      found = strstr (cursor, want);
      if (found == NULL)
        g_error ("Block %u does not read back: “%s”\nin: %s", i, want, cursor);
      cursor = found + strlen (want);
    }
}

static void
test_commonmark_round_trip (Fixture       *fixture,
                            gconstpointer  data)
{
  if (!have_program ("cmark"))
    {
      g_test_skip ("cmark is not installed");
      return;
    }

  assert_round_trip (fixture, annotated_seed (fixture));
  assert_round_trip (fixture, clip_fixture (fixture, "export/tricky.html", "https://example.org/tricky"));
}

static void
test_file_names (void)
{
  const char *cases[][2] = {
    { "A plain title", "A plain title.md" },
    { "../../etc/passwd", "etc passwd.md" },
    { ".hidden", "hidden.md" },
    { "Colons: slashes / and \\ back", "Colons slashes and back.md" },
    { "", "Clipping.md" },
    { "   ", "Clipping.md" },
    { "Tab\tand\nnewline", "Tab and newline.md" },
  };
  g_autoptr(GString) long_title = g_string_new (NULL);
  g_autofree char *long_name = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = clipper_export_file_name (cases[i][0], "md");

      g_assert_cmpstr (name, ==, cases[i][1]);
    }

  for (guint i = 0; i < 100; i++)
    g_string_append (long_title, "Überlänge ");
  long_name = clipper_export_file_name (long_title->str, "md");
  g_assert_cmpuint (strlen (long_name), <=, 120);
  g_assert_true (g_utf8_validate (long_name, -1, NULL));
  g_assert_true (g_str_has_suffix (long_name, ".md"));
}

static void
test_files (Fixture       *fixture,
            gconstpointer  data)
{
  gint64 first = annotated_seed (fixture);
  gint64 second = clip_fixture (fixture, "blogger-post.html", "https://worlddesk.example/copy");
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *folder = g_build_filename (fixture->dir, "out", NULL);
  g_autofree char *folder_slash = g_strconcat (folder, "/", NULL);
  g_autofree char *combined = g_build_filename (fixture->dir, "all.md", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) written = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  ClipperExportOptions options = { CLIPPER_FORMAT_MARKDOWN, CLIPPER_EXPORT_HIGHLIGHTS, CLIPPER_MARK_EMPHASIS, FALSE, FALSE };

  g_array_append_val (ids, first);
  g_array_append_val (ids, second);

  /* Same titles: the second file gets a suffix, nothing is replaced. */
  written = clipper_export_run (fixture->store, ids, folder_slash, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (written->len, ==, 2);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (written, 0), "NATO meet.md"));
  g_assert_true (g_str_has_suffix (g_ptr_array_index (written, 1), "NATO meet (2).md"));

  again = clipper_export_run (fixture->store, ids, folder_slash, &options, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (again, 0), "NATO meet (3).md"));

  /* One combined file; not replaced unless asked. */
  g_clear_pointer (&written, g_ptr_array_unref);
  written = clipper_export_run (fixture->store, ids, combined, &options, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (combined, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "# US defence chief"));
  g_assert_nonnull (strstr (contents, "\n* * *\n\n# US defence chief"));

  g_clear_pointer (&written, g_ptr_array_unref);
  written = clipper_export_run (fixture->store, ids, combined, &options, &error);
  g_assert_null (written);
  g_assert_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  options.overwrite = TRUE;
  written = clipper_export_run (fixture->store, ids, combined, &options, &error);
  g_assert_no_error (error);

  /* An unwritable place fails cleanly, leaving nothing behind. */
  {
    g_autofree char *blocked = g_build_filename (fixture->dir, "all.md", "inside.md", NULL);
    g_autoptr(GPtrArray) none = clipper_export_run (fixture->store, ids, blocked, &options, &error);

    g_assert_null (none);
    g_assert_nonnull (error);
    g_assert_false (g_file_test (blocked, G_FILE_TEST_EXISTS));
  }
}

static char *
run_tool (const char * const *argv)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* Like strstr, across the NUL bytes of binary data. */
static gboolean
contains_bytes (const char *data,
                gsize       length,
                const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (data[i] == needle[0] && memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* Notes are Markdown: the PDF shows emphasis, code, links and lists, not
 * their marks. */
static void
test_pdf_markdown_notes (Fixture       *fixture,
                         gconstpointer  data)
{
  gint64 id = clip_fixture (fixture, "blogger-post.html", "https://worlddesk.example/notes");
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *path = g_build_filename (fixture->dir, "notes.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) written = NULL;
  g_autoptr(GError) error = NULL;
  ClipperExportOptions options = { CLIPPER_FORMAT_PDF, CLIPPER_EXPORT_HIGHLIGHTS, CLIPPER_MARK_EMPHASIS,
                                   FALSE, FALSE, CLIPPER_PAPER_A4 };

  if (!have_program ("pdftotext"))
    {
      g_test_skip ("poppler-utils are not installed");
      return;
    }

  g_assert_true (clipper_store_set_clipping_note (fixture->store, id,
                                                  "A **strong** point, `code`, and [a source](https://example.org/s).",
                                                  NULL));
  highlight (fixture, id, "signals major shift", "green", "Two reasons:\n\n- *first* one\n- second one\n\n1. ordered",
             NULL);
  g_array_append_val (ids, id);
  written = clipper_export_run (fixture->store, ids, path, &options, &error);
  g_assert_no_error (error);

  text = run_tool ((const char *[]) { "pdftotext", "-nopgbrk", path, "-", NULL });
  g_assert_nonnull (strstr (text, "A strong point, code, and a source (https://example.org/s)."));
  g_assert_nonnull (strstr (text, "• first one"));
  g_assert_nonnull (strstr (text, "• second one"));
  g_assert_nonnull (strstr (text, "1. ordered"));
  g_assert_null (strstr (text, "**"));
  g_assert_null (strstr (text, "`"));
  g_assert_null (strstr (text, "]("));
}

static void
test_pdf (Fixture       *fixture,
          gconstpointer  data)
{
  gint64 id = annotated_seed (fixture);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *path = g_build_filename (fixture->dir, "report.pdf", NULL);
  g_autofree char *info = NULL;
  g_autofree char *text = NULL;
  g_autofree char *squeezed_text = NULL;
  g_autofree char *raw = NULL;
  g_autoptr(GPtrArray) written = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperDocument) document = NULL;
  g_autoptr(ClipperClipping) clipping = NULL;
  gsize raw_length;
  const char *cursor;
  ClipperExportOptions options = { CLIPPER_FORMAT_PDF, CLIPPER_EXPORT_ARTICLE, CLIPPER_MARK_EMPHASIS,
                                   FALSE, FALSE, CLIPPER_PAPER_A4 };

  if (!have_program ("pdfinfo") || !have_program ("pdftotext"))
    {
      g_test_skip ("poppler-utils are not installed");
      return;
    }

  g_array_append_val (ids, id);
  written = clipper_export_run (fixture->store, ids, path, &options, &error);
  g_assert_no_error (error);

  info = run_tool ((const char *[]) { "pdfinfo", path, NULL });
  g_assert_nonnull (strstr (info, "Title:           US defence chief signals major shift"));
  g_assert_nonnull (strstr (info, "Author:          Desk Editor"));
  g_assert_nonnull (strstr (info, "Creator:         Clipper"));
  g_assert_nonnull (strstr (info, "Page size:       595.276 x 841.89 pts (A4)"));

  text = run_tool ((const char *[]) { "pdftotext", "-nopgbrk", path, "-", NULL });

  /* Every block of the article, once and in order: nothing lost or
   * doubled at a page break (a copy without notes, whose numbers would
   * sit in the text). */
  {
    g_autoptr(GArray) plain_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_autofree char *plain_path = g_build_filename (fixture->dir, "plain.pdf", NULL);
    g_autofree char *plain_text = NULL;
    g_autoptr(GPtrArray) plain_written = NULL;
    gint64 plain = clip_fixture (fixture, "blogger-post.html", "https://worlddesk.example/plain");

    g_array_append_val (plain_ids, plain);
    plain_written = clipper_export_run (fixture->store, plain_ids, plain_path, &options, &error);
    g_assert_no_error (error);
    plain_text = run_tool ((const char *[]) { "pdftotext", "-nopgbrk", plain_path, "-", NULL });
    squeezed_text = squeeze (plain_text);
    clipping = clipper_store_find_clipping (fixture->store, plain, NULL);
    document = clipper_document_new (clipping, NULL, NULL);
  }
  cursor = squeezed_text;
  for (guint i = 0; i < document->blocks->len; i++)
    {
      ClipperBlock *block = g_ptr_array_index (document->blocks, i);
      g_autofree char *block_text = clipper_document_dup_block_text (block);
      g_autofree char *want = squeeze (block_text);
      const char *found;

      if (want[0] == '\0')
        continue;
      found = strstr (cursor, want);
      if (found == NULL)
        g_error ("Block %u is not in the PDF's text: %s", i, want);
      /* (Short lines may repeat: the running header names the title.) */
      if (strlen (want) > 80)
        g_assert_null (strstr (found + strlen (want), want));
      cursor = found + strlen (want);
    }

  /* The note, a link to the source and an outline. */
  {
    g_autofree char *all = squeeze (text);

    /* Its Markdown rendered: the emphasis, not its asterisks. */
    g_assert_nonnull (strstr (all, "Comparewiththe2percenttarget:"));
    g_assert_nonnull (strstr (all, "Theheadlineclaim."));
  }
  g_assert_true (g_file_get_contents (path, &raw, &raw_length, NULL));
  g_assert_true (contains_bytes (raw, raw_length, "/URI (https://worlddesk.example/2025/02/us-defence-chief.html)"));
  g_assert_true (contains_bytes (raw, raw_length, "/Outlines"));

  /* Letter paper; and no file replaced without asking. */
  options.paper = CLIPPER_PAPER_LETTER;
  options.content = CLIPPER_EXPORT_HIGHLIGHTS;
  g_clear_pointer (&written, g_ptr_array_unref);
  written = clipper_export_run (fixture->store, ids, path, &options, &error);
  g_assert_null (written);
  g_assert_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  options.overwrite = TRUE;
  written = clipper_export_run (fixture->store, ids, path, &options, &error);
  g_assert_no_error (error);
  g_clear_pointer (&info, g_free);
  info = run_tool ((const char *[]) { "pdfinfo", path, NULL });
  g_assert_nonnull (strstr (info, "Page size:       612 x 792 pts (letter)"));
}

/* Many highlights on a long article paginate. */
/* A stored image of a fixture file, as the clipping's HTML names it. */
static char *
store_image (Fixture    *fixture,
             const char *name,
             const char *mime_type,
             const char *alt)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "images", name, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *hash = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_assert_true (clipper_store_add_resource (fixture->store, hash, mime_type, bytes, &error));
  g_assert_no_error (error);

  return g_strdup_printf ("<p><img src=\"clipper://resource/%s\" alt=\"%s\"></p>", hash, alt);
}

/* PNG, JPEG and BMP images are drawn, a JPEG as its own bytes; one that
 * cannot be decoded is named in the text instead. */
static void
test_pdf_images (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(ClipperClipping) clipping = clipper_clipping_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *path = g_build_filename (fixture->dir, "images.pdf", NULL);
  g_autofree char *png = store_image (fixture, "hegseth.png", "image/png", "PNG photo");
  g_autofree char *jpeg = store_image (fixture, "hegseth.jpg", "image/jpeg", "JPEG photo");
  g_autofree char *bmp = store_image (fixture, "lazy.bmp", "image/bmp", "BMP photo");
  g_autofree char *broken = store_image (fixture, "not-an-image.png", "image/jpeg", "Broken photo");
  g_autofree char *webp = store_image (fixture, "hegseth.webp", "image/webp", "WebP photo");
  g_autofree char *wide = NULL;
  g_autofree char *content = NULL;
  g_autofree char *list = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) written = NULL;
  g_auto(GStrv) rows = NULL;
  g_autoptr(GError) error = NULL;
  guint images = 0, jpegs = 0, scaled = 0;
  gboolean reads_webp = FALSE;
  gint64 id;
  ClipperExportOptions options = { CLIPPER_FORMAT_PDF, CLIPPER_EXPORT_ARTICLE, CLIPPER_MARK_EMPHASIS,
                                   FALSE, FALSE, CLIPPER_PAPER_A4 };

  if (!have_program ("pdfimages") || !have_program ("pdftotext"))
    {
      g_test_skip ("poppler-utils are not installed");
      return;
    }

  /* A panorama wider than the PDF needs is decoded smaller, not whole. */
  {
    g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 4800, 40);
    g_autofree char *buffer = NULL;
    g_autofree char *hash = NULL;
    g_autoptr(GBytes) bytes = NULL;
    gsize size;

    gdk_pixbuf_fill (pixbuf, 0x3366ccff);
    g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", &error, NULL));
    bytes = g_bytes_new_take (g_steal_pointer (&buffer), size);
    hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
    g_assert_true (clipper_store_add_resource (fixture->store, hash, "image/jpeg", bytes, &error));
    wide = g_strdup_printf ("<p><img src=\"clipper://resource/%s\" alt=\"Panorama\"></p>", hash);
  }

  /* WebP needs GdkPixbuf's loader for it (webp-pixbuf-loader). */
  {
    g_autoptr(GSList) formats = gdk_pixbuf_get_formats ();

    for (GSList *l = formats; l; l = l->next)
      {
        g_autofree char *name = gdk_pixbuf_format_get_name (l->data);

        reads_webp |= g_strcmp0 (name, "webp") == 0;
      }
  }

  content = g_strconcat ("<p>Before the pictures.</p>", png, jpeg, bmp, broken, wide, webp,
                         "<p>After them.</p>", NULL);
  clipper_clipping_set_title (clipping, "Pictures");
  clipper_clipping_set_url (clipping, "https://photos.example.org/pictures");
  clipper_clipping_set_content (clipping, content);
  clipper_clipping_set_text (clipping, "Before the pictures. After them.");
  id = clipper_store_add_clipping (fixture->store, clipping, &error);
  g_assert_no_error (error);

  g_array_append_val (ids, id);
  written = clipper_export_run (fixture->store, ids, path, &options, &error);
  g_assert_no_error (error);

  /* pdfimages -list: two header lines, then a row per image, its
   * encoding in the ninth column. */
  list = run_tool ((const char *[]) { "pdfimages", "-list", path, NULL });
  rows = g_strsplit (list, "\n", -1);
  for (guint i = 2; rows[i] != NULL; i++)
    {
      g_auto(GStrv) columns = g_strsplit_set (g_strstrip (rows[i]), " ", -1);
      g_autoptr(GPtrArray) fields = g_ptr_array_new ();

      for (guint j = 0; columns[j] != NULL; j++)
        if (columns[j][0] != '\0')
          g_ptr_array_add (fields, columns[j]);
      if (fields->len < 9 || g_strcmp0 (fields->pdata[2], "image") != 0)
        continue;
      images++;
      jpegs += g_strcmp0 (fields->pdata[8], "jpeg") == 0;
      scaled += g_strcmp0 (fields->pdata[3], "2400") == 0 && g_strcmp0 (fields->pdata[4], "20") == 0;
    }
  g_assert_cmpuint (images, ==, reads_webp ? 5 : 4);
  g_assert_cmpuint (jpegs, ==, 1);
  g_assert_cmpuint (scaled, ==, 1);

  text = run_tool ((const char *[]) { "pdftotext", "-nopgbrk", path, "-", NULL });
  g_assert_nonnull (strstr (text, "[Image: Broken photo]"));
  g_assert_null (strstr (text, "[Image: JPEG photo]"));
  g_assert_null (strstr (text, "[Image: BMP photo]"));
  g_assert_null (strstr (text, "[Image: PNG photo]"));
  g_assert_null (strstr (text, "[Image: Panorama]"));
  g_assert_true ((strstr (text, "[Image: WebP photo]") == NULL) == reads_webp);
  g_assert_nonnull (strstr (text, "After them."));
}

static void
test_pdf_many_highlights (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GString) page = g_string_new ("<html><head><title>A very long read</title></head><body><article>");
  g_autoptr(ClipperClipping) clipping = NULL;
  g_autoptr(ClipperAnchorText) text = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *path = g_build_filename (fixture->dir, "long.pdf", NULL);
  g_autoptr(GPtrArray) written = NULL;
  g_autoptr(GError) error = NULL;
  ClipperExportOptions options = { CLIPPER_FORMAT_PDF, CLIPPER_EXPORT_ARTICLE, CLIPPER_MARK_EMPHASIS,
                                   FALSE, FALSE, CLIPPER_PAPER_A4 };
  gint64 id;

  for (guint i = 0; i < 600; i++)
    g_string_append_printf (page, "<p>Paragraph %04u says something about <em>defence</em> spending and the "
                                  "alliance, with enough words to wrap over more than one line of the page.</p>", i);
  g_string_append (page, "</article></body></html>");

  clipping = clipper_capture_page (page->str, page->len, "https://example.org/long", NULL, NULL);
  id = clipper_store_add_clipping (fixture->store, clipping, &error);
  g_assert_no_error (error);
  text = clipper_anchor_text_new_from_html (clipper_clipping_get_content (clipping));

  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *quote = g_strdup_printf ("Paragraph %04u says", i);
      g_autoptr(ClipperHighlight) highlight = clipper_highlight_new ();
      gint64 start, end;

      g_assert_cmpint (clipper_anchor_find_quote (text, quote, NULL, NULL, &start, &end), ==, 1);
      clipper_highlight_set_clipping_id (highlight, id);
      clipper_highlight_set_color (highlight, clipper_highlight_get_colors ()[i % 5]);
      clipper_highlight_set_exact (highlight, quote);
      clipper_highlight_set_start (highlight, start);
      clipper_highlight_set_end (highlight, end);
      if (i % 3 == 0)
        clipper_highlight_set_note (highlight, "A note.");
      clipper_store_add_highlight (fixture->store, highlight, &error);
      g_assert_no_error (error);
    }

  g_array_append_val (ids, id);
  written = clipper_export_run (fixture->store, ids, path, &options, &error);
  g_assert_no_error (error);

  if (have_program ("pdfinfo"))
    {
      g_autofree char *info = run_tool ((const char *[]) { "pdfinfo", path, NULL });
      const char *pages = strstr (info, "Pages:");

      g_assert_nonnull (pages);
      g_assert_cmpint (atoi (pages + 6), >, 20);
    }
}


static gint64
clip_html (Fixture    *fixture,
           const char *html,
           const char *url)
{
  g_autoptr(ClipperClipping) clipping = clipper_capture_page (html, strlen (html), url, NULL, NULL);
  g_autoptr(GError) error = NULL;
  gint64 id;

  clipper_clipping_set_clipped_at (clipping, CLIPPED_AT);
  id = clipper_store_add_clipping (fixture->store, clipping, &error);
  g_assert_no_error (error);
  return id;
}

#define LONG_PARAGRAPH "<p>A paragraph long enough for the page to be an article, with commas, " \
  "clauses, and the words of a real piece of writing about something in particular.</p>"

/* An image inside a list item, then text: the text stays in the item. */
static void
test_list_item_image (Fixture       *fixture,
                      gconstpointer  data)
{
  gint64 id = clip_html (fixture, "<html><head><title>Lists</title></head><body><article>"
                         LONG_PARAGRAPH LONG_PARAGRAPH
                         "<ul><li><img src=\"https://example.org/a.png\" alt=\"A\"> Caption</li>"
                         "<li>Text <img src=\"https://example.org/b.png\"> after</li></ul>"
                         "<ol start=\"7\"><li>Seventh <img src=\"https://example.org/c.png\"> still seventh</li>"
                         "<li>Eighth</li></ol></article></body></html>",
                         "https://example.org/lists");
  g_autofree char *markdown = export_markdown (fixture, id, CLIPPER_EXPORT_ARTICLE, CLIPPER_MARK_EMPHASIS);

  g_assert_nonnull (strstr (markdown, "\n- Caption\n"));
  g_assert_nonnull (strstr (markdown, "\n- Text\n"));
  /* Under its item, with no marker of its own. */
  g_assert_nonnull (strstr (markdown, "\n  after\n"));
  g_assert_nonnull (strstr (markdown, "\n7. Seventh\n"));
  g_assert_nonnull (strstr (markdown, "\n   still seventh\n"));
  g_assert_nonnull (strstr (markdown, "\n8. Eighth\n"));
}

/* A stream that takes @limit bytes, then says the disk is full. */
typedef struct
{
  GOutputStream parent;
  gsize         limit;
  gsize         written;
} FullStream;

typedef GOutputStreamClass FullStreamClass;

G_DEFINE_TYPE (FullStream, full_stream, G_TYPE_OUTPUT_STREAM)

static gssize
full_stream_write (GOutputStream  *stream,
                   const void     *buffer,
                   gsize           count,
                   GCancellable   *cancellable,
                   GError        **error)
{
  FullStream *self = (FullStream *)stream;

  if (self->written + count > self->limit)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "No space left on device");
      return -1;
    }
  self->written += count;
  return count;
}

static void
full_stream_class_init (FullStreamClass *klass)
{
  klass->write_fn = full_stream_write;
}

static void
full_stream_init (FullStream *self)
{
}

/* A write error half-way through a PDF is an error, never a crash. */
static void
test_pdf_disk_full (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 id = clip_fixture (fixture, "blogger-post.html", "https://example.org/post");
  gsize limits[] = { 0, 10, 1000, 20000 };

  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    {
      g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func ((GDestroyNotify)clipper_document_free);
      g_autoptr(ClipperClipping) clipping = clipper_store_find_clipping (fixture->store, id, NULL);
      g_autoptr(GOutputStream) stream = g_object_new (full_stream_get_type (), NULL);
      g_autoptr(GError) error = NULL;

      ((FullStream *)stream)->limit = limits[i];
      g_ptr_array_add (documents, clipper_document_new (clipping, NULL, NULL));
      g_assert_false (clipper_pdf_write (documents, fixture->store, CLIPPER_EXPORT_ARTICLE,
                                         CLIPPER_PAPER_A4, stream, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
    }
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (handle && g_dir_read_name (handle))
    n++;
  return n;
}

/* Files are written whole or not at all: a write that fails half-way
 * (here, a file size limit) leaves no file and no temporary file. */
static void
test_no_partial_file (Fixture       *fixture,
                      gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      gint64 id = clip_fixture (fixture, "blogger-post.html", "https://example.org/post");
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autofree char *out = g_build_filename (fixture->dir, "out", NULL);
      g_autofree char *pdf = g_build_filename (out, "a.pdf", NULL);
      g_autofree char *md = g_build_filename (out, "a.md", NULL);
      ClipperExportOptions options = { CLIPPER_FORMAT_PDF, CLIPPER_EXPORT_ARTICLE };
      struct rlimit limit = { 4096, 4096 };
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) written = NULL;

      g_array_append_val (ids, id);
      g_assert_cmpint (g_mkdir (out, 0755), ==, 0);
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

      written = clipper_export_run (fixture->store, ids, pdf, &options, &error);
      g_assert_null (written);
      g_assert_nonnull (error);
      g_assert_cmpuint (count_entries (out), ==, 0);
      g_clear_error (&error);

      options.format = CLIPPER_FORMAT_MARKDOWN;
      written = clipper_export_run (fixture->store, ids, md, &options, &error);
      g_assert_null (written);
      g_assert_nonnull (error);
      g_assert_cmpuint (count_entries (out), ==, 0);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* A real full disk (a small tmpfs, where the test may mount one): one
 * clear sentence, and no file. */
static void
test_disk_full (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *mount_point = g_build_filename (fixture->dir, "small", NULL);
  g_autofree char *filler = g_build_filename (mount_point, "filler", NULL);
  g_autofree char *command = NULL;
  g_autofree char *ones = g_malloc0 (60 * 1024);
  gint64 id = clip_fixture (fixture, "blogger-post.html", "https://example.org/post");
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const ClipperExportFormat formats[] = { CLIPPER_FORMAT_PDF, CLIPPER_FORMAT_MARKDOWN };
  int status = -1;

  g_array_append_val (ids, id);
  g_mkdir (mount_point, 0755);
  command = g_strdup_printf ("mount -t tmpfs -o size=64k tmpfs '%s'", mount_point);
  if (geteuid () != 0 || !g_spawn_command_line_sync (command, NULL, NULL, &status, NULL) || status != 0)
    {
      g_test_skip ("a small file system cannot be mounted here");
      return;
    }
  g_assert_true (g_file_set_contents (filler, ones, 60 * 1024, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *target = g_build_filename (mount_point, i == 0 ? "a.pdf" : "a.md", NULL);
      ClipperExportOptions options = { formats[i], CLIPPER_EXPORT_ARTICLE };
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) written = clipper_export_run (fixture->store, ids, target, &options, &error);

      g_assert_null (written);
      g_assert_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NO_SPACE);
      g_assert_nonnull (strstr (error->message, "not enough space"));
      g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
      g_assert_cmpuint (count_entries (mount_point), ==, 1);
    }

  g_free (command);
  command = g_strdup_printf ("umount '%s'", mount_point);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, NULL));
}

/* A page cannot name stored resources, so assets stay in their folder. */
static void
test_assets_hostile (Fixture       *fixture,
                     gconstpointer  data)
{
  gint64 id = clip_html (fixture, "<html><head><title>Paths</title></head><body><article>"
                         LONG_PARAGRAPH LONG_PARAGRAPH
                         "<p><img src=\"clipper://resource/../../../escaped/x\"></p>"
                         "<p><img src=\"clipper://resource/..%2F..%2Fescaped\"></p>"
                         "</article></body></html>", "https://example.org/paths");
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *out = g_build_filename (fixture->dir, "export", "deep", NULL);
  g_autofree char *target = g_build_filename (out, "paths.md", NULL);
  g_autofree char *escaped = g_build_filename (fixture->dir, "escaped", NULL);
  ClipperExportOptions options = { CLIPPER_FORMAT_MARKDOWN, CLIPPER_EXPORT_ARTICLE };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) written = NULL;

  options.assets = TRUE;
  g_array_append_val (ids, id);
  g_mkdir_with_parents (out, 0755);
  written = clipper_export_run (fixture->store, ids, target, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (written);
  g_assert_false (g_file_test (escaped, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (out), ==, 1);
}

static char *
zip_text (GPtrArray  *entries,
          const char *name)
{
  GBytes *bytes = clipper_zip_lookup (entries, name);

  g_assert_nonnull (bytes);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static guint
count_of (const char *text,
          const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* The seed article with its note and highlights, and a page with images,
 * as one EPUB 3 book: the container as EPUB wants it (mimetype first,
 * stored, no extra field), a chapter each, marks and footnotes, the
 * images a reader must show, a table of contents; and epubcheck finds
 * nothing wrong with it. */
static void
test_epub (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(ClipperClipping) clipping = clipper_clipping_new ();
  g_autofree char *path = g_build_filename (fixture->dir, "book.epub", NULL);
  g_autofree char *png = store_image (fixture, "hegseth.png", "image/png", "PNG photo");
  g_autofree char *jpeg = store_image (fixture, "hegseth.jpg", "image/jpeg", "JPEG photo");
  g_autofree char *webp = store_image (fixture, "hegseth.webp", "image/webp", "WebP photo");
  g_autofree char *html = NULL;
  g_autofree char *book = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *pictures = NULL;
  g_autofree char *opf = NULL;
  g_autofree char *nav = NULL;
  g_autoptr(GPtrArray) written = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  ClipperExportOptions options = { CLIPPER_FORMAT_EPUB, CLIPPER_EXPORT_ARTICLE, CLIPPER_MARK_EMPHASIS,
                                   FALSE, FALSE, CLIPPER_PAPER_A4 };
  gsize length;
  gint64 id;

  id = annotated_seed (fixture);
  g_array_append_val (ids, id);
  /* As a clip stores a page: its images already offline. */
  html = g_strconcat ("<p>Before the pictures.</p>", png, jpeg, webp, "<p>After them.</p>", NULL);
  clipper_clipping_set_title (clipping, "Pictures & words");
  clipper_clipping_set_url (clipping, "https://example.org/pictures");
  clipper_clipping_set_content (clipping, html);
  clipper_clipping_set_text (clipping, "Before the pictures. After them.");
  id = clipper_store_add_clipping (fixture->store, clipping, &error);
  g_assert_no_error (error);
  g_array_append_val (ids, id);

  written = clipper_export_run (fixture->store, ids, path, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (written->len, ==, 1);
  g_assert_true (g_file_get_contents (path, &book, &length, NULL));

  /* The first entry: "mimetype", stored, no extra field, its text at 38. */
  g_assert_cmpmem (book, 4, "PK\003\004", 4);
  g_assert_cmpint (book[8] | book[9] << 8, ==, 0);
  g_assert_cmpint (book[26] | book[27] << 8, ==, 8);
  g_assert_cmpint (book[28] | book[29] << 8, ==, 0);
  g_assert_cmpmem (book + 30, 8, "mimetype", 8);
  g_assert_cmpmem (book + 38, 20, "application/epub+zip", 20);

  entries = clipper_zip_read (book, length, NULL, &error);
  g_assert_no_error (error);
  seed = zip_text (entries, "OEBPS/chapter-1.xhtml");
  pictures = zip_text (entries, "OEBPS/chapter-2.xhtml");
  opf = zip_text (entries, "OEBPS/content.opf");
  nav = zip_text (entries, "OEBPS/nav.xhtml");
  g_assert_nonnull (clipper_zip_lookup (entries, "META-INF/container.xml"));

  /* Highlights in their colours; two have notes, called where they end. */
  g_assert_nonnull (strstr (seed, "<mark class=\"hl-yellow\">NATO membership for Ukraine ‘not realistic’</mark>"));
  g_assert_nonnull (strstr (seed, "<mark class=\"hl-green\">illusionary goal</mark>"));
  g_assert_cmpuint (count_of (seed, "epub:type=\"noteref\""), ==, 2);
  g_assert_cmpuint (count_of (seed, "epub:type=\"footnote\""), ==, 2);
  g_assert_nonnull (strstr (seed, "The headline claim."));
  g_assert_nonnull (strstr (seed, "For the *security* briefing."));
  /* Core image types go in; WebP is named instead. */
  g_assert_cmpuint (count_of (pictures, "<img src=\"images/"), ==, 2);
  g_assert_nonnull (strstr (pictures, "[WebP photo]"));
  g_assert_nonnull (strstr (pictures, "<title>Pictures &amp; words</title>"));
  g_assert_cmpuint (count_of (opf, "media-type=\"image/"), ==, 2);
  g_assert_nonnull (strstr (opf, "<dc:title>Clippings (2)</dc:title>"));
  g_assert_nonnull (strstr (opf, "properties=\"nav\""));
  g_assert_nonnull (strstr (nav, "<a href=\"chapter-2.xhtml\">Pictures &amp; words</a>"));

  /* What e-readers' own checker says. */
  {
    const char *jar = "/usr/share/java/epubcheck.jar";
    g_autofree char *java = g_find_program_in_path ("java");
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    int status;

    if (java == NULL || !g_file_test (jar, G_FILE_TEST_EXISTS))
      {
        g_test_skip ("epubcheck (Debian's epubcheck) is not installed");
        return;
      }
    g_assert_true (g_spawn_sync (NULL, (char *[]) { java, (char *)"-jar", (char *)jar, path, NULL }, NULL,
                                 G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_assert_no_error (error);
    g_test_message ("epubcheck: %s%s", out, err);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (out, "No errors or warnings detected."));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/clipper/export/seed-golden", test_seed_golden);
  ADD ("/clipper/export/tricky-golden", test_tricky_golden);
  ADD ("/clipper/export/commonmark-round-trip", test_commonmark_round_trip);
  ADD ("/clipper/export/files", test_files);
  ADD ("/clipper/export/pdf", test_pdf);
  ADD ("/clipper/export/pdf-markdown-notes", test_pdf_markdown_notes);
  ADD ("/clipper/export/pdf-many-highlights", test_pdf_many_highlights);
  ADD ("/clipper/export/pdf-images", test_pdf_images);
  ADD ("/clipper/export/list-item-image", test_list_item_image);
  ADD ("/clipper/export/pdf-disk-full", test_pdf_disk_full);
  ADD ("/clipper/export/no-partial-file", test_no_partial_file);
  ADD ("/clipper/export/disk-full", test_disk_full);
  ADD ("/clipper/export/assets-hostile", test_assets_hostile);
  ADD ("/clipper/export/epub", test_epub);
#undef ADD
  g_test_add_func ("/clipper/export/file-names", test_file_names);

  return g_test_run ();
}
