/* clipper-epub-writer.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Clippings as an EPUB 3 book for e-readers: one chapter per clipping
 * (its title, byline, site and date; the clipping's note; the text with
 * highlights marked in their colours, a note as a footnote after its
 * highlight), a table of contents, metadata, and the stored images.
 *
 * The container is a ZIP written here, entries stored: EPUB wants its
 * first entry, "mimetype", stored with no extra field, and libarchive's
 * ZIP writer always adds extra fields (epubcheck's PKG-005). Images are
 * compressed already; the text is small.
 */

#define G_LOG_DOMAIN "clipper-epub"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "clipper-epub-writer.h"
#include "clipper-error.h"
#include "clipper-uri.h"

typedef struct
{
  char   *name;
  guint32 crc;
  guint32 size;
  guint32 offset;
} ZipEntry;

typedef struct
{
  GOutputStream *stream;
  GArray        *entries;  /* ZipEntry */
  guint32        offset;
} Zip;

static guint32
crc32_of (const guint8 *data,
          gsize         length)
{
  static guint32 table[256];
  guint32 crc = 0xffffffff;

  if (table[1] == 0)
    for (guint32 i = 0; i < 256; i++)
      {
        guint32 c = i;

        for (int k = 0; k < 8; k++)
          c = c & 1 ? 0xedb88320 ^ (c >> 1) : c >> 1;
        table[i] = c;
      }
  for (gsize i = 0; i < length; i++)
    crc = table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
  return crc ^ 0xffffffff;
}

static void
put16 (GByteArray *out,
       guint16     value)
{
  guint8 bytes[2] = { value & 0xff, value >> 8 };

  g_byte_array_append (out, bytes, 2);
}

static void
put32 (GByteArray *out,
       guint32     value)
{
  guint8 bytes[4] = { value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, value >> 24 };

  g_byte_array_append (out, bytes, 4);
}

static gboolean
zip_write (Zip           *zip,
           const guint8  *data,
           gsize          length,
           GError       **error)
{
  if (!g_output_stream_write_all (zip->stream, data, length, NULL, NULL, error))
    return FALSE;
  zip->offset += length;
  return TRUE;
}

/* An entry, stored; 1980-01-01 as its date, so that a book of the same
 * clippings is the same bytes. */
static gboolean
zip_add (Zip           *zip,
         const char    *name,
         const void    *data,
         gsize          length,
         GError       **error)
{
  g_autoptr(GByteArray) header = g_byte_array_new ();
  ZipEntry entry = { g_strdup (name), crc32_of (data, length), length, zip->offset };

  if (length > G_MAXUINT32 - zip->offset)
    {
      g_free (entry.name);
      g_set_error_literal (error, CLIPPER_ERROR, CLIPPER_ERROR_TOO_LARGE, _("The book would be larger than 4 GB."));
      return FALSE;
    }
  put32 (header, 0x04034b50);
  put16 (header, 10);       /* version needed */
  put16 (header, 0x0800);   /* names in UTF-8 */
  put16 (header, 0);        /* stored */
  put16 (header, 0);        /* time */
  put16 (header, 0x21);     /* date: 1980-01-01 */
  put32 (header, entry.crc);
  put32 (header, entry.size);
  put32 (header, entry.size);
  put16 (header, strlen (name));
  put16 (header, 0);        /* no extra field */
  g_byte_array_append (header, (const guint8 *)name, strlen (name));
  g_array_append_val (zip->entries, entry);
  return zip_write (zip, header->data, header->len, error) && zip_write (zip, data, length, error);
}

static gboolean
zip_finish (Zip     *zip,
            GError **error)
{
  g_autoptr(GByteArray) directory = g_byte_array_new ();
  guint32 start = zip->offset;
  guint32 size;

  for (guint i = 0; i < zip->entries->len; i++)
    {
      ZipEntry *entry = &g_array_index (zip->entries, ZipEntry, i);

      put32 (directory, 0x02014b50);
      put16 (directory, 0x031e); /* made by: Unix, 3.0 */
      put16 (directory, 10);
      put16 (directory, 0x0800);
      put16 (directory, 0);
      put16 (directory, 0);
      put16 (directory, 0x21);
      put32 (directory, entry->crc);
      put32 (directory, entry->size);
      put32 (directory, entry->size);
      put16 (directory, strlen (entry->name));
      put16 (directory, 0);
      put16 (directory, 0);
      put16 (directory, 0);
      put16 (directory, 0);
      put32 (directory, 0100644u << 16);
      put32 (directory, entry->offset);
      g_byte_array_append (directory, (const guint8 *)entry->name, strlen (entry->name));
    }
  size = directory->len;
  put32 (directory, 0x06054b50);
  put16 (directory, 0);
  put16 (directory, 0);
  put16 (directory, zip->entries->len);
  put16 (directory, zip->entries->len);
  put32 (directory, size);
  put32 (directory, start);
  put16 (directory, 0);
  return zip_write (zip, directory->data, directory->len, error);
}

static void
zip_entry_clear (gpointer data)
{
  g_free (((ZipEntry *)data)->name);
}

typedef struct
{
  ClipperStore *store;
  GHashTable   *images;     /* resource hash → file name in the book, or "" when it cannot go in */
  GPtrArray    *manifest;   /* extra manifest items, as XML */
  Zip           zip;
} Book;

static const char *
xml_lang (ClipperDocument *document)
{
  const char *lang = clipper_clipping_get_lang (document->clipping);

  return lang != NULL && *lang != '\0' && strlen (lang) < 36 ? lang : "en";
}

/* The image's name in the book, adding it once; NULL when it is not an
 * image a reading system must show (EPUB's core types). */
static const char *
add_image (Book        *book,
           const char  *src,
           GError     **error)
{
  const char *hash = src ? clipper_uri_get_resource_hash (src) : NULL;
  const char *name;
  g_autoptr(GBytes) data = NULL;
  g_autofree char *mime = NULL;
  const char *extension = NULL;
  g_autofree char *path = NULL;

  if (hash == NULL)
    return NULL;
  if ((name = g_hash_table_lookup (book->images, hash)) != NULL)
    return *name ? name : NULL;

  data = clipper_store_dup_resource (book->store, hash, &mime, NULL);
  if (data != NULL && mime != NULL)
    {
      if (g_str_equal (mime, "image/jpeg"))
        extension = "jpg";
      else if (g_str_equal (mime, "image/png"))
        extension = "png";
      else if (g_str_equal (mime, "image/gif"))
        extension = "gif";
    }
  if (extension == NULL)
    {
      g_hash_table_insert (book->images, g_strdup (hash), g_strdup (""));
      return NULL;
    }

  path = g_strdup_printf ("images/%s.%s", hash, extension);
  {
    g_autofree char *entry = g_strconcat ("OEBPS/", path, NULL);
    gsize length;
    const guint8 *bytes = g_bytes_get_data (data, &length);

    if (!zip_add (&book->zip, entry, bytes, length, error))
      return NULL;
  }
  g_ptr_array_add (book->manifest, g_markup_printf_escaped ("<item id=\"img-%s\" href=\"%s\" media-type=\"%s\"/>",
                                                            hash, path, mime));
  g_hash_table_insert (book->images, g_strdup (hash), g_strdup (path));
  return g_hash_table_lookup (book->images, hash);
}

/* Where each highlight ends: its last run, as block << 32 | run. */
static GHashTable *
find_ends (ClipperDocument *document)
{
  GHashTable *ends = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  for (guint b = 0; b < document->blocks->len; b++)
    {
      ClipperBlock *block = g_ptr_array_index (document->blocks, b);

      for (guint r = 0; r < block->runs->len; r++)
        {
          ClipperRun *run = g_ptr_array_index (block->runs, r);

          for (guint h = 0; run->highlights && h < run->highlights->len; h++)
            {
              gint64 id = g_array_index (run->highlights, gint64, h);
              guint64 at = ((guint64)b << 32) | r;

              g_hash_table_insert (ends, g_memdup2 (&id, sizeof id), g_memdup2 (&at, sizeof at));
            }
        }
    }
  return ends;
}

static gboolean
is_web_link (const char *href)
{
  return href != NULL && (g_str_has_prefix (href, "https://") || g_str_has_prefix (href, "http://"));
}

/* A block's runs: marks for highlights, a note's call after its
 * highlight's last run. */
static void
append_runs (GString         *out,
             ClipperDocument *document,
             guint            block_index,
             GHashTable      *note_numbers,
             GHashTable      *ends)
{
  ClipperBlock *block = g_ptr_array_index (document->blocks, block_index);

  for (guint i = 0; i < block->runs->len; i++)
    {
      ClipperRun *run = g_ptr_array_index (block->runs, i);
      guint64 here = ((guint64)block_index << 32) | i;
      g_autofree char *text = NULL;
      gint64 top = 0;

      if (run->flags & CLIPPER_RUN_BREAK)
        {
          g_string_append (out, "<br/>");
          continue;
        }
      if (run->flags & CLIPPER_RUN_CELL)
        {
          g_string_append (out, "</td><td>");
          continue;
        }
      if (run->highlights != NULL && run->highlights->len > 0)
        top = g_array_index (run->highlights, gint64, run->highlights->len - 1);

      if (top != 0)
        {
          ClipperHighlight *highlight = clipper_document_find_highlight (document, top);

          g_string_append_printf (out, "<mark class=\"hl-%s\">",
                                  highlight ? clipper_highlight_get_color (highlight) : "yellow");
        }
      if (is_web_link (run->href))
        {
          g_autofree char *href = g_markup_escape_text (run->href, -1);

          g_string_append_printf (out, "<a href=\"%s\">", href);
        }
      if (run->flags & CLIPPER_RUN_STRONG)
        g_string_append (out, "<strong>");
      if (run->flags & CLIPPER_RUN_EMPHASIS)
        g_string_append (out, "<em>");
      if (run->flags & CLIPPER_RUN_CODE)
        g_string_append (out, "<code>");
      text = g_markup_escape_text (run->text ? run->text : "", -1);
      g_string_append (out, text);
      if (run->flags & CLIPPER_RUN_CODE)
        g_string_append (out, "</code>");
      if (run->flags & CLIPPER_RUN_EMPHASIS)
        g_string_append (out, "</em>");
      if (run->flags & CLIPPER_RUN_STRONG)
        g_string_append (out, "</strong>");
      if (is_web_link (run->href))
        g_string_append (out, "</a>");
      if (top != 0)
        g_string_append (out, "</mark>");

      /* Calls for the highlights that end here. */
      for (guint h = 0; run->highlights && h < run->highlights->len; h++)
        {
          gint64 id = g_array_index (run->highlights, gint64, h);
          gpointer number = g_hash_table_lookup (note_numbers, &id);
          guint64 *end = g_hash_table_lookup (ends, &id);

          if (number != NULL && end != NULL && *end == here)
            g_string_append_printf (out,
                                    "<a epub:type=\"noteref\" role=\"doc-noteref\" id=\"ref-%" G_GINT64_FORMAT "\" "
                                    "href=\"#note-%" G_GINT64_FORMAT "\"><sup>%u</sup></a>",
                                    id, id, GPOINTER_TO_UINT (number));
        }
    }
}

static const char *
block_tag (ClipperBlock *block)
{
  static const char *headings[] = { "h2", "h3", "h4", "h5", "h6", "h6" };

  if (block->type == CLIPPER_BLOCK_HEADING)
    return headings[CLAMP (block->level, 1, 6) - 1];
  if (block->type == CLIPPER_BLOCK_LIST_ITEM)
    return "li";
  return "p";
}

static gboolean
write_chapter (Book             *book,
               ClipperDocument  *document,
               guint             number,
               GError          **error)
{
  ClipperClipping *clipping = document->clipping;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GHashTable) note_numbers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) noted = g_ptr_array_new ();
  g_autoptr(GHashTable) ends = find_ends (document);
  g_autofree char *title = g_markup_escape_text (clipper_clipping_get_title (clipping), -1);
  g_autofree char *site = clipper_clipping_dup_display_site (clipping);
  g_autofree char *date = clipper_clipping_format_clipped_at (clipping);
  g_autofree char *name = g_strdup_printf ("OEBPS/chapter-%u.xhtml", number);
  const char *byline = clipper_clipping_get_byline (clipping);
  const char *list = NULL;
  gboolean in_table = FALSE;
  int quote = 0;
  guint orphans = 0;

  for (guint i = 0; i < document->highlights->len; i++)
    {
      ClipperHighlight *highlight = g_ptr_array_index (document->highlights, i);
      const char *note = clipper_highlight_get_note (highlight);

      if (clipper_highlight_get_orphaned (highlight))
        orphans++;
      else if (note != NULL && *note != '\0')
        {
          gint64 id = clipper_highlight_get_id (highlight);

          g_ptr_array_add (noted, highlight);
          g_hash_table_insert (note_numbers, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (noted->len));
        }
    }

  g_string_append_printf (out,
                          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<!DOCTYPE html>\n"
                          "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" "
                          "xml:lang=\"%s\" lang=\"%s\">\n"
                          "<head><meta charset=\"UTF-8\"/><title>%s</title>"
                          "<link rel=\"stylesheet\" type=\"text/css\" href=\"book.css\"/></head>\n"
                          "<body>\n<section epub:type=\"chapter\" role=\"doc-chapter\">\n<h1>%s</h1>\n",
                          xml_lang (document), xml_lang (document), title, title);
  {
    g_autoptr(GString) meta = g_string_new (NULL);

    if (byline != NULL && *byline != '\0')
      g_string_append (meta, byline);
    if (*site != '\0')
      g_string_append_printf (meta, "%s%s", meta->len ? " · " : "", site);
    g_string_append_printf (meta, "%s%s", meta->len ? " · " : "", date);
    {
      g_autofree char *escaped = g_markup_escape_text (meta->str, -1);

      g_string_append_printf (out, "<p class=\"meta\">%s</p>\n", escaped);
    }
  }
  if (document->note != NULL && *document->note != '\0')
    {
      g_autofree char *note = g_markup_escape_text (document->note, -1);

      g_string_append_printf (out, "<aside class=\"clipping-note\"><p>%s</p></aside>\n", note);
    }

  for (guint i = 0; i < document->blocks->len; i++)
    {
      ClipperBlock *block = g_ptr_array_index (document->blocks, i);
      const char *want_list = block->type == CLIPPER_BLOCK_LIST_ITEM ? (block->ordered ? "ol" : "ul") : NULL;

      if (list != NULL && g_strcmp0 (list, want_list) != 0)
        {
          g_string_append_printf (out, "</%s>\n", list);
          list = NULL;
        }
      if (in_table && block->type != CLIPPER_BLOCK_TABLE_ROW)
        {
          g_string_append (out, "</table>\n");
          in_table = FALSE;
        }
      for (; quote > block->quote_depth; quote--)
        g_string_append (out, "</blockquote>\n");
      for (; quote < block->quote_depth; quote++)
        g_string_append (out, "<blockquote>\n");
      if (want_list != NULL && list == NULL)
        {
          list = want_list;
          g_string_append_printf (out, "<%s>\n", list);
        }

      switch (block->type)
        {
        case CLIPPER_BLOCK_IMAGE:
          {
            const char *image = add_image (book, block->src, error);
            g_autofree char *alt = g_markup_escape_text (block->alt ? block->alt : "", -1);

            if (image == NULL && error != NULL && *error != NULL)
              return FALSE;
            if (image != NULL)
              g_string_append_printf (out, "<figure><img src=\"%s\" alt=\"%s\"/></figure>\n", image, alt);
            else if (*alt != '\0')
              g_string_append_printf (out, "<p class=\"missing-image\">[%s]</p>\n", alt);
          }
          break;
        case CLIPPER_BLOCK_RULE:
          g_string_append (out, "<hr/>\n");
          break;
        case CLIPPER_BLOCK_CODE:
          g_string_append (out, "<pre><code>");
          append_runs (out, document, i, note_numbers, ends);
          g_string_append (out, "</code></pre>\n");
          break;
        case CLIPPER_BLOCK_TABLE_ROW:
          if (!in_table)
            {
              g_string_append (out, "<table>\n");
              in_table = TRUE;
            }
          g_string_append (out, "<tr><td>");
          append_runs (out, document, i, note_numbers, ends);
          g_string_append (out, "</td></tr>\n");
          break;
        case CLIPPER_BLOCK_PARAGRAPH:
        case CLIPPER_BLOCK_HEADING:
        case CLIPPER_BLOCK_LIST_ITEM:
        default:
          g_string_append_printf (out, "<%s>", block_tag (block));
          append_runs (out, document, i, note_numbers, ends);
          g_string_append_printf (out, "</%s>\n", block_tag (block));
          break;
        }
    }
  if (list != NULL)
    g_string_append_printf (out, "</%s>\n", list);
  if (in_table)
    g_string_append (out, "</table>\n");
  for (; quote > 0; quote--)
    g_string_append (out, "</blockquote>\n");

  /* Highlights whose passage is gone from the text, with their notes. */
  if (orphans > 0)
    {
      g_string_append_printf (out, "<h2>%s</h2>\n", _("Highlights No Longer in the Text"));
      for (guint i = 0; i < document->highlights->len; i++)
        {
          ClipperHighlight *highlight = g_ptr_array_index (document->highlights, i);
          g_autofree char *exact = NULL;
          g_autofree char *note = NULL;

          if (!clipper_highlight_get_orphaned (highlight))
            continue;
          exact = g_markup_escape_text (clipper_highlight_get_exact (highlight), -1);
          g_string_append_printf (out, "<blockquote><p><mark class=\"hl-%s\">%s</mark></p>",
                                  clipper_highlight_get_color (highlight), exact);
          if (clipper_highlight_get_note (highlight) != NULL && *clipper_highlight_get_note (highlight) != '\0')
            {
              note = g_markup_escape_text (clipper_highlight_get_note (highlight), -1);
              g_string_append_printf (out, "<p class=\"note\">%s</p>", note);
            }
          g_string_append (out, "</blockquote>\n");
        }
    }

  if (noted->len > 0)
    {
      g_string_append (out, "<section class=\"notes\" epub:type=\"footnotes\" role=\"doc-endnotes\">\n");
      for (guint i = 0; i < noted->len; i++)
        {
          ClipperHighlight *highlight = g_ptr_array_index (noted, i);
          gint64 id = clipper_highlight_get_id (highlight);
          g_autofree char *note = g_markup_escape_text (clipper_highlight_get_note (highlight), -1);

          g_string_append_printf (out,
                                  "<aside epub:type=\"footnote\" role=\"doc-footnote\" id=\"note-%" G_GINT64_FORMAT "\">"
                                  "<p><a href=\"#ref-%" G_GINT64_FORMAT "\">%u</a> %s</p></aside>\n",
                                  id, id, i + 1, note);
        }
      g_string_append (out, "</section>\n");
    }
  g_string_append (out, "</section>\n</body>\n</html>\n");
  return zip_add (&book->zip, name, out->str, out->len, error);
}

static const char stylesheet[] =
  "body { font-family: serif; line-height: 1.5; }\n"
  "h1 { font-size: 1.6em; margin-bottom: 0.2em; }\n"
  ".meta { color: #5e5c64; font-size: 0.85em; }\n"
  ".clipping-note { border-left: 3px solid #c0bfbc; padding-left: 0.8em; font-style: italic; }\n"
  "mark { color: inherit; }\n"
  "mark.hl-yellow { background: #f9f06b; }\n"
  "mark.hl-green { background: #8ff0a4; }\n"
  "mark.hl-blue { background: #99c1f1; }\n"
  "mark.hl-pink { background: #f8a5c2; }\n"
  "mark.hl-purple { background: #dc8add; }\n"
  "img { max-width: 100%; }\n"
  "figure { margin: 1em 0; text-align: center; }\n"
  ".notes { border-top: 1px solid #c0bfbc; margin-top: 2em; font-size: 0.9em; }\n"
  "table { border-collapse: collapse; }\n"
  "td { border: 1px solid #c0bfbc; padding: 0.2em 0.4em; }\n";

static char *
book_title (GPtrArray *documents)
{
  ClipperDocument *first = g_ptr_array_index (documents, 0);

  if (documents->len == 1)
    return g_strdup (clipper_clipping_get_title (first->clipping));
  /* Translators: an e-book's title when it holds several clippings */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Clippings (%u)", "Clippings (%u)", documents->len),
                          documents->len);
}

/**
 * clipper_epub_write:
 * @documents: (element-type ClipperDocument): the clippings, in order
 *
 * Writes them to @stream as one EPUB 3 book.
 */
gboolean
clipper_epub_write (GPtrArray      *documents,
                    ClipperStore   *store,
                    GOutputStream  *stream,
                    GError        **error)
{
  g_autoptr(GHashTable) images = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) manifest = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (ZipEntry));
  g_autoptr(GString) opf = g_string_new (NULL);
  g_autoptr(GString) nav = g_string_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *modified = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *title = NULL;
  g_autofree char *escaped_title = NULL;
  ClipperDocument *first;
  const char *container =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
    "  <rootfiles><rootfile full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/></rootfiles>\n"
    "</container>\n";
  Book book = { store, images, manifest, { stream, entries, 0 } };

  g_return_val_if_fail (documents != NULL && documents->len > 0, FALSE);

  g_array_set_clear_func (entries, zip_entry_clear);
  first = g_ptr_array_index (documents, 0);
  title = book_title (documents);
  escaped_title = g_markup_escape_text (title, -1);

  if (!zip_add (&book.zip, "mimetype", "application/epub+zip", strlen ("application/epub+zip"), error) ||
      !zip_add (&book.zip, "META-INF/container.xml", container, strlen (container), error) ||
      !zip_add (&book.zip, "OEBPS/book.css", stylesheet, strlen (stylesheet), error))
    return FALSE;

  for (guint i = 0; i < documents->len; i++)
    if (!write_chapter (&book, g_ptr_array_index (documents, i), i + 1, error))
      return FALSE;

  g_string_append_printf (nav,
                          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
                          "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" "
                          "xml:lang=\"%s\" lang=\"%s\">\n<head><meta charset=\"UTF-8\"/><title>%s</title></head>\n"
                          "<body>\n<nav epub:type=\"toc\" id=\"toc\" role=\"doc-toc\">\n<h1>%s</h1>\n<ol>\n",
                          xml_lang (first), xml_lang (first), escaped_title, _("Contents"));
  for (guint i = 0; i < documents->len; i++)
    {
      ClipperDocument *document = g_ptr_array_index (documents, i);
      g_autofree char *chapter = g_markup_escape_text (clipper_clipping_get_title (document->clipping), -1);

      g_string_append_printf (nav, "<li><a href=\"chapter-%u.xhtml\">%s</a></li>\n", i + 1, chapter);
    }
  g_string_append (nav, "</ol>\n</nav>\n</body>\n</html>\n");
  if (!zip_add (&book.zip, "OEBPS/nav.xhtml", nav->str, nav->len, error))
    return FALSE;

  g_string_append_printf (opf,
                          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"id\" "
                          "xml:lang=\"%s\">\n"
                          "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
                          "<dc:identifier id=\"id\">urn:uuid:%s</dc:identifier>\n"
                          "<dc:title>%s</dc:title>\n<dc:language>%s</dc:language>\n",
                          xml_lang (first), uuid, escaped_title, xml_lang (first));
  for (guint i = 0; i < documents->len; i++)
    {
      ClipperDocument *document = g_ptr_array_index (documents, i);
      const char *byline = clipper_clipping_get_byline (document->clipping);

      if (byline != NULL && *byline != '\0' && documents->len == 1)
        {
          g_autofree char *creator = g_markup_escape_text (byline, -1);

          g_string_append_printf (opf, "<dc:creator>%s</dc:creator>\n", creator);
        }
      if (clipper_clipping_get_url (document->clipping) != NULL && documents->len == 1)
        {
          g_autofree char *source = g_markup_escape_text (clipper_clipping_get_url (document->clipping), -1);

          g_string_append_printf (opf, "<dc:source>%s</dc:source>\n", source);
        }
    }
  g_string_append_printf (opf,
                          "<dc:publisher>Clipper</dc:publisher>\n"
                          "<meta property=\"dcterms:modified\">%s</meta>\n</metadata>\n<manifest>\n"
                          "<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n"
                          "<item id=\"css\" href=\"book.css\" media-type=\"text/css\"/>\n",
                          modified);
  for (guint i = 0; i < documents->len; i++)
    g_string_append_printf (opf, "<item id=\"chapter-%u\" href=\"chapter-%u.xhtml\" "
                                 "media-type=\"application/xhtml+xml\"/>\n", i + 1, i + 1);
  for (guint i = 0; i < manifest->len; i++)
    g_string_append_printf (opf, "%s\n", (char *)g_ptr_array_index (manifest, i));
  g_string_append (opf, "</manifest>\n<spine>\n");
  for (guint i = 0; i < documents->len; i++)
    g_string_append_printf (opf, "<itemref idref=\"chapter-%u\"/>\n", i + 1);
  g_string_append (opf, "</spine>\n</package>\n");

  return zip_add (&book.zip, "OEBPS/content.opf", opf->str, opf->len, error) && zip_finish (&book.zip, error);
}
