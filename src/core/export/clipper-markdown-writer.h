/* clipper-markdown-writer.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "clipper-document.h"

G_BEGIN_DECLS

typedef enum
{
  CLIPPER_EXPORT_HIGHLIGHTS,   /* a report: citation, notes, each highlight */
  CLIPPER_EXPORT_ARTICLE,      /* the whole text, highlights marked */
} ClipperExportContent;

typedef enum
{
  CLIPPER_MARK_EMPHASIS,       /* *text*: plain CommonMark */
  CLIPPER_MARK_HIGHLIGHT,      /* ==text==: Obsidian and friends */
} ClipperMarkStyle;

typedef struct
{
  ClipperExportContent  content;
  ClipperMarkStyle      marks;
  /* Stored images as files in this folder beside the Markdown; NULL links
   * to their original addresses. */
  const char           *assets_dir;
  gboolean              no_front_matter;
} ClipperMarkdownOptions;

typedef struct
{
  char *hash;       /* the stored image */
  char *path;       /* where the Markdown expects it, relative */
} ClipperMarkdownAsset;

char *clipper_markdown_write        (ClipperDocument              *document,
                                     const ClipperMarkdownOptions *options,
                                     GPtrArray                    *assets);
char *clipper_markdown_escape       (const char                   *text);
void  clipper_markdown_asset_free   (ClipperMarkdownAsset         *asset);

G_END_DECLS
