/* clipper-document.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "clipper-clipping.h"
#include "clipper-highlight.h"

G_BEGIN_DECLS

typedef enum
{
  CLIPPER_BLOCK_PARAGRAPH,
  CLIPPER_BLOCK_HEADING,
  CLIPPER_BLOCK_LIST_ITEM,
  CLIPPER_BLOCK_CODE,
  CLIPPER_BLOCK_IMAGE,
  CLIPPER_BLOCK_RULE,
  CLIPPER_BLOCK_TABLE_ROW,
} ClipperBlockType;

typedef enum
{
  CLIPPER_RUN_EMPHASIS = 1 << 0,
  CLIPPER_RUN_STRONG   = 1 << 1,
  CLIPPER_RUN_CODE     = 1 << 2,
  CLIPPER_RUN_BREAK    = 1 << 8,   /* a line break; no text */
  CLIPPER_RUN_CELL     = 1 << 9,   /* the start of the next table cell; no text */
} ClipperRunFlags;

typedef struct
{
  char            *text;
  ClipperRunFlags  flags;
  char            *href;         /* a link, or NULL */
  GArray          *highlights;   /* gint64 ids of the highlights over this run */
} ClipperRun;

typedef struct
{
  ClipperBlockType  type;
  int               level;        /* heading level, list depth (1…) */
  int               quote_depth;  /* inside how many blockquotes */
  gboolean          ordered;      /* list item of an ordered list */
  int               number;       /* its number there */
  gboolean          continued;    /* list item: more of the item before it (after an image); no marker */
  char             *src;          /* image: as stored (clipper://resource/… when saved) */
  char             *original_src; /* where it came from, when known */
  char             *alt;
  GPtrArray        *runs;         /* ClipperRun; for a table row, one run per cell, split by tabs */
} ClipperBlock;

typedef struct
{
  ClipperClipping *clipping;
  char            *note;         /* on the clipping, or NULL */
  GPtrArray       *highlights;   /* ClipperHighlight, document order, orphans last */
  GPtrArray       *blocks;       /* ClipperBlock */
} ClipperDocument;

ClipperDocument  *clipper_document_new             (ClipperClipping  *clipping,
                                                    GPtrArray        *highlights,
                                                    const char       *note);
void              clipper_document_free            (ClipperDocument  *document);
ClipperHighlight *clipper_document_find_highlight  (ClipperDocument  *document,
                                                    gint64            id);
char             *clipper_document_dup_block_text  (ClipperBlock     *block);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipperDocument, clipper_document_free)

G_END_DECLS
