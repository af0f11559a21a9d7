/* clipper-csv.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Comma-separated values as RFC 4180 writes them, and as other programs
 * write them in practice: a byte order mark at the start, LF or CRLF line
 * ends, quoted fields holding delimiters, quotes ("") and line breaks.
 * Every field must be UTF-8; errors name the line a record starts on.
 */

#define G_LOG_DOMAIN "clipper-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "clipper-csv.h"
#include "clipper-error.h"

struct _ClipperCsvReader
{
  const char *text;
  gsize       length;
  gsize       pos;
  guint       line;       /* of the next character, from 1 */
  guint       record_line;
  char        delimiter;
};

/**
 * clipper_csv_reader_new:
 * @text: the file's contents; must outlive the reader
 * @delimiter: ',' or another single byte
 */
ClipperCsvReader *
clipper_csv_reader_new (const char *text,
                        gsize       length,
                        char        delimiter)
{
  ClipperCsvReader *reader = g_new0 (ClipperCsvReader, 1);

  reader->text = text;
  reader->length = length;
  reader->line = 1;
  reader->delimiter = delimiter;
  /* A byte order mark is not part of the first field. */
  if (length >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    reader->pos = 3;
  return reader;
}

void
clipper_csv_reader_free (ClipperCsvReader *reader)
{
  g_free (reader);
}

/* The line the record last read started on. */
guint
clipper_csv_reader_get_line (ClipperCsvReader *reader)
{
  return reader->record_line;
}

static gboolean
field_error (ClipperCsvReader  *reader,
             GError           **error,
             const char        *why)
{
  g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT, _("Line %u: %s"), reader->record_line, why);
  return FALSE;
}

static gboolean
end_field (ClipperCsvReader  *reader,
           GPtrArray         *record,
           GString           *field,
           GError           **error)
{
  if (field->len > CLIPPER_CSV_MAX_FIELD)
    return field_error (reader, error, _("a field is longer than a megabyte"));
  if (!g_utf8_validate_len (field->str, field->len, NULL))
    return field_error (reader, error, _("a field is not valid UTF-8"));
  g_ptr_array_add (record, g_strndup (field->str, field->len));
  g_string_truncate (field, 0);
  return TRUE;
}

/**
 * clipper_csv_reader_next:
 * @fields: (out) (transfer full): the next record's fields
 *
 * Returns: %TRUE with @fields set; %FALSE at the end of the text (with
 *   @fields %NULL and no error) or with @error set
 */
gboolean
clipper_csv_reader_next (ClipperCsvReader  *reader,
                         GStrv             *fields,
                         GError           **error)
{
  g_autoptr(GPtrArray) record = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  gboolean quoted = FALSE;
  gboolean was_quoted = FALSE;

  *fields = NULL;
  /* Blank lines between records are not records. */
  while (reader->pos < reader->length &&
         (reader->text[reader->pos] == '\n' || reader->text[reader->pos] == '\r'))
    {
      if (reader->text[reader->pos] == '\n')
        reader->line++;
      reader->pos++;
    }
  if (reader->pos >= reader->length)
    return FALSE;

  reader->record_line = reader->line;
  while (reader->pos < reader->length)
    {
      char c = reader->text[reader->pos++];

      if (c == '\0')
        return field_error (reader, error, _("the file holds a NUL byte, so it is not text"));
      /* Checked as it grows, so that a huge field costs no more memory. */
      if (field->len > CLIPPER_CSV_MAX_FIELD)
        return field_error (reader, error, _("a field is longer than a megabyte"));

      if (quoted)
        {
          if (c == '"' && reader->pos < reader->length && reader->text[reader->pos] == '"')
            {
              g_string_append_c (field, '"');
              reader->pos++;
            }
          else if (c == '"')
            quoted = FALSE;
          else
            {
              if (c == '\n')
                reader->line++;
              g_string_append_c (field, c);
            }
          continue;
        }

      if (c == '"' && field->len == 0 && !was_quoted)
        quoted = was_quoted = TRUE;
      else if (c == reader->delimiter)
        {
          if (!end_field (reader, record, field, error))
            return FALSE;
          was_quoted = FALSE;
        }
      else if (c == '\r' || c == '\n')
        {
          if (c == '\r' && reader->pos < reader->length && reader->text[reader->pos] == '\n')
            reader->pos++;
          reader->line++;
          break;
        }
      else if (was_quoted)
        return field_error (reader, error, _("text follows a quoted field’s closing quote"));
      else
        g_string_append_c (field, c);
    }

  if (quoted)
    return field_error (reader, error, _("a quoted field is not closed before the end of the file"));
  if (!end_field (reader, record, field, error))
    return FALSE;

  g_ptr_array_add (record, NULL);
  *fields = (GStrv)g_ptr_array_steal (record, NULL);
  return TRUE;
}

/* The column called @name in a header, without regard to case or the
 * spaces around it, or -1. */
int
clipper_csv_find_column (const char * const *header,
                         const char         *name)
{
  for (int i = 0; header != NULL && header[i] != NULL; i++)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (header[i]));

      if (g_ascii_strcasecmp (stripped, name) == 0)
        return i;
    }
  return -1;
}

/* Quoted when it must be: a delimiter, a quote or a line break in it,
 * space at either end, or a byte order mark first (which a reader would
 * take away at the start of a file). */
void
clipper_csv_append_field (GString    *out,
                          const char *value)
{
  gsize length;

  if (value == NULL || value[0] == '\0')
    return;
  length = strlen (value);
  if (strpbrk (value, ",\"\r\n") == NULL && !g_ascii_isspace (value[0]) && !g_ascii_isspace (value[length - 1]) &&
      !g_str_has_prefix (value, "\xef\xbb\xbf"))
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* One record, ended with CRLF as RFC 4180 has it. */
void
clipper_csv_append_record (GString            *out,
                           const char * const *fields,
                           guint               n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      clipper_csv_append_field (out, fields[i]);
    }
  g_string_append (out, "\r\n");
}
