/* fuzz-pdf.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A captured page with highlights typeset as PDF into memory.
 */

#include <gio/gio.h>

#include "clipper-pdf-writer.h"
#include "fuzz-document.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func ((GDestroyNotify) clipper_document_free);
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  ClipperDocument *document;

  fuzz_quiet_logs ();
  /* Typesetting is slow; big inputs only find timeouts. */
  if (size > 64 * 1024)
    return 0;

  document = fuzz_make_document (data, size);
  if (document == NULL)
    return 0;
  g_ptr_array_add (documents, document);

  if (clipper_pdf_write (documents, NULL, (size & 1) ? CLIPPER_EXPORT_HIGHLIGHTS : CLIPPER_EXPORT_ARTICLE,
                         (size & 2) ? CLIPPER_PAPER_LETTER : CLIPPER_PAPER_A4, stream, &error))
    {
      const char *pdf = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream));

      g_assert (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)) > 4);
      g_assert (memcmp (pdf, "%PDF", 4) == 0);
    }
  return 0;
}
