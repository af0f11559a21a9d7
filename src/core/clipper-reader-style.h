/* clipper-reader-style.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Bounds of the reader's settings, as the schema has them. */
#define CLIPPER_READER_FONT_SIZE_MIN   12
#define CLIPPER_READER_FONT_SIZE_MAX   36
#define CLIPPER_READER_WIDTH_MIN       40
#define CLIPPER_READER_WIDTH_MAX       120
#define CLIPPER_READER_SPACING_MIN     1.0
#define CLIPPER_READER_SPACING_MAX     2.4

typedef struct
{
  const char *font;          /* "serif", "sans" or a family's name */
  int         font_size;     /* CSS pixels */
  int         width;         /* characters a line holds at most */
  double      line_spacing;  /* times the font's size */
  gboolean    justify;
} ClipperReaderStyle;

char *clipper_reader_style_to_css (const ClipperReaderStyle *style);

G_END_DECLS
