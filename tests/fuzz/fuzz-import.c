/* fuzz-import.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Any bytes as another tool's export: the format is found from them and
 * they are read into pages, or refused with a reason; every page has a
 * web address and every highlight a quote.
 */

#include "clipper-import.h"
#include "clipper-uri.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  ClipperImportSummary summary;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  ClipperImportFormat format;

  fuzz_quiet_logs ();
  clipper_import_summary_init (&summary);
  format = clipper_import_detect ((const char *)data, size);
  entries = clipper_import_read ((const char *)data, size, format, &summary, &error);
  g_assert ((entries == NULL) == (error != NULL));
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      ClipperImportEntry *entry = g_ptr_array_index (entries, i);

      g_assert (clipper_uri_is_web (entry->url));
      for (guint j = 0; j < entry->highlights->len; j++)
        {
          const char *exact = clipper_highlight_get_exact (g_ptr_array_index (entry->highlights, j));

          g_assert (exact != NULL && exact[0] != '\0' && g_utf8_validate (exact, -1, NULL));
        }
    }
  for (guint i = 0; i < summary.problems->len; i++)
    g_assert (g_utf8_validate (g_ptr_array_index (summary.problems, i), -1, NULL));
  clipper_import_summary_clear (&summary);
  return 0;
}
