/* clipper-extractor-private.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libxml/tree.h>

#include "clipper-html.h"

G_BEGIN_DECLS

typedef enum
{
  CLIPPER_GRAB_STRIP_UNLIKELY   = 1 << 0,
  CLIPPER_GRAB_WEIGHT_CLASSES   = 1 << 1,
  CLIPPER_GRAB_CLEAN_CONDITIONS = 1 << 2,
  CLIPPER_GRAB_ALL              = 0x7,
} ClipperGrabFlags;

typedef struct
{
  const char       *title;     /* the article's title, to drop headings that repeat it */
  ClipperGrabFlags  flags;
  char             *byline;    /* out: a byline found in the page */
  char             *dir;       /* out */
  gboolean          whole_body; /* out: no candidate stood out; the body was taken */
  int               text_length; /* out: the article's length in characters */
} ClipperGrab;

/* Scoring's per-node record, which cleaning reads: see clipper-extract-dom.h */
typedef struct _ClipperGrabber ClipperGrabber;

/* The stages, in the order clipper_extractor_extract() runs them. */
void      _clipper_extractor_prepare_doc        (htmlDocPtr      doc);
xmlNode  *_clipper_extractor_grab               (htmlDocPtr      doc,
                                                 ClipperGrab    *grab);
void      _clipper_extractor_clean_article      (ClipperGrabber *grabber,
                                                 xmlNode        *article);
void      _clipper_extractor_remove_hidden      (xmlNode        *root);

/* Text lengths as scoring counts them; see clipper-extract-dom.c. */
int       _clipper_extractor_text_length        (xmlNode        *node);
int       _clipper_extractor_text_length_cached (xmlNode        *node);
int       _clipper_extractor_text_length_capped (xmlNode        *node,
                                                 int             cap);

G_END_DECLS
