/* clipper-zip.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The files of a ZIP archive, in memory, read with libarchive: nothing is
 * written to disk, so a name that climbs out of the archive (“../”, “/”)
 * can do no harm, but it is still refused as the sign of a hostile file.
 * An entry or a whole that expands past the limits is a bomb: the entry
 * is left out, or the reading stops, and either is said.
 */

#define G_LOG_DOMAIN "clipper-zip"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "clipper-error.h"
#include "clipper-zip.h"

static void
zip_entry_free (ClipperZipEntry *entry)
{
  g_free (entry->name);
  g_bytes_unref (entry->data);
  g_free (entry);
}

gboolean
clipper_zip_is_zip (const char *data,
                    gsize       length)
{
  return length >= 4 && memcmp (data, "PK\x03\x04", 4) == 0;
}

static gboolean
is_safe_name (const char *name)
{
  g_auto(GStrv) parts = NULL;

  if (name == NULL || name[0] == '\0' || name[0] == '/' || strchr (name, '\\') != NULL ||
      !g_utf8_validate (name, -1, NULL))
    return FALSE;
  parts = g_strsplit (name, "/", -1);
  for (guint i = 0; parts[i]; i++)
    if (g_str_equal (parts[i], ".."))
      return FALSE;
  return TRUE;
}

/**
 * clipper_zip_read:
 * @problems: (element-type utf8): takes each entry left out, with why
 *
 * Returns: (transfer full) (element-type ClipperZipEntry): the regular
 *   files of the archive, in its order, or %NULL with @error set when
 *   not one could be read
 */
GPtrArray *
clipper_zip_read (const char  *data,
                  gsize        length,
                  GPtrArray   *problems,
                  GError     **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify)zip_entry_free);
  struct archive *archive = archive_read_new ();
  struct archive_entry *header;
  g_autofree char *shown = NULL;
  gsize total = 0;
  guint index = 0;
  int rc;

  archive_read_support_format_zip (archive);
  if (archive_read_open_memory (archive, data, length) != ARCHIVE_OK)
    {
      g_autofree char *why = g_utf8_make_valid (archive_error_string (archive) ?: "", -1);

      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT, _("The ZIP archive cannot be read: %s"), why);
      archive_read_free (archive);
      return NULL;
    }

  while ((rc = archive_read_next_header (archive, &header)) == ARCHIVE_OK || rc == ARCHIVE_WARN)
    {
      const char *name = archive_entry_pathname_utf8 (header);
      g_autoptr(GByteArray) bytes = NULL;
      gboolean too_large = FALSE;
      char buffer[65536];
      la_ssize_t n;

      if (name == NULL)
        name = archive_entry_pathname (header);
      g_free (shown);
      /* Said as it is, made valid for the saying. */
      shown = name ? g_utf8_make_valid (name, -1) : g_strdup ("");
      index++;
      if (index > CLIPPER_ZIP_MAX_ENTRIES)
        {
          g_ptr_array_add (problems, g_strdup_printf (_("the ZIP has more than %d entries; the rest were not read"),
                                                      CLIPPER_ZIP_MAX_ENTRIES));
          break;
        }
      if (archive_entry_filetype (header) != AE_IFREG)
        continue;
      if (!is_safe_name (name))
        {
          g_ptr_array_add (problems, g_strdup_printf (_("ZIP entry %u: the name “%s” points out of the archive; "
                                                        "left out"),
                                                      index, shown));
          continue;
        }

      bytes = g_byte_array_new ();
      while ((n = archive_read_data (archive, buffer, sizeof buffer)) > 0)
        {
          if (bytes->len + (gsize)n > CLIPPER_ZIP_MAX_ENTRY_SIZE || total + (gsize)n > CLIPPER_ZIP_MAX_TOTAL_SIZE)
            {
              too_large = TRUE;
              break;
            }
          g_byte_array_append (bytes, (const guint8 *)buffer, n);
          total += n;
        }
      if (too_large)
        {
          g_ptr_array_add (problems,
                           g_strdup_printf (_("ZIP entry %u (%s): it expands past %d MB, the mark of a ZIP bomb; "
                                              "left out"),
                                            index, shown, CLIPPER_ZIP_MAX_ENTRY_SIZE / (1024 * 1024)));
          if (total + CLIPPER_ZIP_MAX_ENTRY_SIZE > CLIPPER_ZIP_MAX_TOTAL_SIZE)
            break;
          continue;
        }
      if (n < 0)
        {
          g_autofree char *why = g_utf8_make_valid (archive_error_string (archive) ?: "", -1);

          g_ptr_array_add (problems, g_strdup_printf (_("ZIP entry %u (%s) is damaged: %s; the rest were not read"),
                                                      index, shown, why));
          break;
        }

      {
        ClipperZipEntry *entry = g_new0 (ClipperZipEntry, 1);

        entry->name = g_strdup (name);
        entry->data = g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
        g_ptr_array_add (entries, entry);
      }
    }

  if (rc != ARCHIVE_EOF && rc != ARCHIVE_OK && rc != ARCHIVE_WARN)
    {
      g_autofree char *why = g_utf8_make_valid (archive_error_string (archive) ?: "", -1);

      g_ptr_array_add (problems, g_strdup_printf (_("the ZIP is damaged after entry %u: %s"), index, why));
    }
  archive_read_free (archive);

  if (entries->len == 0)
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT, _("The ZIP archive has no file that can be read."));
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/* The entry called @name, or %NULL. */
GBytes *
clipper_zip_lookup (GPtrArray  *entries,
                    const char *name)
{
  for (guint i = 0; i < entries->len; i++)
    {
      ClipperZipEntry *entry = g_ptr_array_index (entries, i);

      if (g_str_equal (entry->name, name))
        return entry->data;
    }
  return NULL;
}
