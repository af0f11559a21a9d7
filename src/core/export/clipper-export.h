/* clipper-export.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "clipper-markdown-writer.h"
#include "clipper-pdf-writer.h"
#include "clipper-store.h"

G_BEGIN_DECLS

typedef enum
{
  CLIPPER_FORMAT_MARKDOWN,
  CLIPPER_FORMAT_PDF,
  CLIPPER_FORMAT_EPUB,
} ClipperExportFormat;

typedef struct
{
  ClipperExportFormat   format;
  ClipperExportContent  content;
  ClipperMarkStyle      marks;
  gboolean              assets;      /* images as files beside the Markdown */
  gboolean              overwrite;   /* replace an existing file named explicitly */
  ClipperPaper          paper;
} ClipperExportOptions;

gboolean   clipper_export_write_pdf (ClipperStore               *store,
                                     GPtrArray                  *documents,
                                     const ClipperExportOptions *options,
                                     const char                 *path,
                                     gboolean                    overwrite,
                                     GError                    **error);
char      *clipper_export_file_name (const char                 *title,
                                     const char                 *extension);
GPtrArray *clipper_export_run       (ClipperStore               *store,
                                     GArray                     *ids,
                                     const char                 *output,
                                     const ClipperExportOptions *options,
                                     GError                    **error);
GPtrArray *clipper_export_run_full  (ClipperStore               *store,
                                     GArray                     *ids,
                                     const char                 *output,
                                     const ClipperExportOptions *options,
                                     GCancellable               *cancellable,
                                     gint                       *progress,
                                     GError                    **error);

G_END_DECLS
