/* clipper-cite-formats.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "clipper-citation.h"

G_BEGIN_DECLS

typedef enum
{
  CLIPPER_CITE_FORMAT_CSL_JSON,
  CLIPPER_CITE_FORMAT_BIBTEX,
  CLIPPER_CITE_FORMAT_RIS,
} ClipperCiteFormat;

gboolean  clipper_cite_format_from_name (const char        *name,
                                         ClipperCiteFormat *format);
const char *clipper_cite_format_extension (ClipperCiteFormat format);
char     *clipper_cite_write            (GPtrArray         *citations,
                                         ClipperCiteFormat  format);
char     *clipper_cite_bibtex_escape    (const char        *text);

G_END_DECLS
