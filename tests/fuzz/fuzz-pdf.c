/* fuzz-pdf.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A captured page with highlights typeset as PDF into memory.
 */

#include <gio/gio.h>
#include <string.h>

#include "clipper-pdf-writer.h"
#include "fuzz-document.h"

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);

/* Pango, fontconfig and cairo fill caches on first use that live as long
 * as the process: filled here, before libFuzzer counts allocations, so
 * they are not taken for leaks of the first input that needs them. */
int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  static const char page[] = "<html><head><title>Warm</title></head><body><article><h1>Warm</h1>"
                             "<p>A <b>paragraph</b> with <i>emphasis</i>, <code>code</code>, and "
                             "<a href=\"https://example.org/\">a link</a>.</p><ul><li>One</li></ul>"
                             "<pre>code</pre><blockquote>Quote</blockquote></article></body></html>";

  for (guint8 seed = 0; seed < 32; seed += 13)
    {
      g_autofree guint8 *input = g_malloc (sizeof page);

      input[0] = seed;
      memcpy (input + 1, page, sizeof page - 1);
      for (size_t size = sizeof page - 2; size <= sizeof page; size++)
        LLVMFuzzerTestOneInput (input, size);
    }
  return 0;
}

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
