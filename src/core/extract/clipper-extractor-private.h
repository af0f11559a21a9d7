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

xmlNode  *_clipper_extractor_grab           (htmlDocPtr   doc,
                                             ClipperGrab *grab);
void      _clipper_extractor_remove_hidden  (xmlNode    *root);
void      _clipper_extractor_prepare_doc    (htmlDocPtr   doc);
int       _clipper_extractor_text_length    (xmlNode     *node);
int       _clipper_extractor_text_length_cached (xmlNode *node);
int       _clipper_extractor_text_length_capped (xmlNode *node,
                                                 int      cap);
char     *_clipper_extractor_inner_text     (xmlNode     *node);
void      _clipper_extractor_fix_lazy_image (xmlNode     *img);

G_END_DECLS
