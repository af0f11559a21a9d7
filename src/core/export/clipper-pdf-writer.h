/* clipper-pdf-writer.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "clipper-document.h"
#include "clipper-markdown-writer.h"
#include "clipper-store.h"

G_BEGIN_DECLS

typedef enum
{
  CLIPPER_PAPER_A4,
  CLIPPER_PAPER_LETTER,
} ClipperPaper;

gboolean clipper_pdf_write (GPtrArray            *documents,
                            ClipperStore         *store,
                            ClipperExportContent  content,
                            ClipperPaper          paper,
                            GOutputStream        *stream,
                            GError              **error);

G_END_DECLS
