/* clipper-report.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "clipper-pdf-writer.h"
#include "clipper-store.h"

G_BEGIN_DECLS

typedef enum
{
  CLIPPER_REPORT_BY_CLIPPING,
  CLIPPER_REPORT_BY_TAG,
  CLIPPER_REPORT_BY_COLOR,
} ClipperReportGrouping;

typedef enum
{
  CLIPPER_REPORT_CITATIONS_FORMATTED, /* in-text citations and a bibliography, formatted */
  CLIPPER_REPORT_CITATIONS_PANDOC,    /* [@key] citations, for pandoc --citeproc */
} ClipperReportCitations;

typedef struct
{
  const char             *title;
  const char             *introduction; /* Markdown, or NULL */
  ClipperReportGrouping   group_by;
  const char             *style;        /* a CSL style's name or file */
  ClipperReportCitations  citations;
} ClipperReportOptions;

char *clipper_report_text_fragment (const char                 *url,
                                    const char                 *prefix,
                                    const char                 *exact,
                                    const char                 *suffix);
char *clipper_report_markdown      (ClipperStore               *store,
                                    GArray                     *ids,
                                    const ClipperReportOptions *options,
                                    char                      **references_json,
                                    GError                    **error);

gboolean clipper_report_write_pdf   (ClipperStore               *store,
                                    const char                 *markdown,
                                    const char                 *title,
                                    ClipperPaper                paper,
                                    const char                 *path,
                                    gboolean                    overwrite,
                                    GError                    **error);

G_END_DECLS
