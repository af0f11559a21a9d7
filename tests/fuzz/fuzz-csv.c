/* fuzz-csv.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Any bytes as a CSV file: read to the end or to a clear error, every
 * field valid UTF-8; and every record read, written again, reads back
 * as itself.
 */

#include <string.h>

#include "clipper-csv.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(ClipperCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  char delimiter = size > 0 && data[0] == ';' ? ';' : ',';
  GStrv fields;

  fuzz_quiet_logs ();
  reader = clipper_csv_reader_new ((const char *)data, size, delimiter);
  while (clipper_csv_reader_next (reader, &fields, &error))
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(ClipperCsvReader) again = NULL;
      g_auto(GStrv) back = NULL;
      guint n = g_strv_length (fields);
      gboolean all_empty = TRUE;

      for (guint i = 0; i < n; i++)
        {
          g_assert (g_utf8_validate (fields[i], -1, NULL));
          all_empty = all_empty && fields[i][0] == '\0';
        }
      clipper_csv_append_record (out, (const char * const *)fields, n);
      again = clipper_csv_reader_new (out->str, out->len, ',');
      /* A record of one empty field writes a blank line, which is no record. */
      if (n == 1 && all_empty)
        g_assert (!clipper_csv_reader_next (again, &back, NULL));
      else
        {
          g_assert (clipper_csv_reader_next (again, &back, NULL));
          g_assert_cmpuint (g_strv_length (back), ==, n);
          for (guint i = 0; i < n; i++)
            g_assert_cmpstr (back[i], ==, fields[i]);
        }
      g_strfreev (fields);
    }
  g_assert (fields == NULL);
  return 0;
}
