/* clipper-extract-metadata.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libxml/HTMLtree.h>

G_BEGIN_DECLS

typedef struct
{
  char *title;
  char *byline;      /* from JSON-LD or <meta> */
  char *item_author; /* from microdata, trusted less than a byline in the text */
  char *excerpt;
  char *site_name;
  char *published;   /* ISO 8601 in UTC when it could be read as a date */
  char *image;       /* as written, not resolved */
  char *item_type;   /* a CSL item type, when the page says what it is */
} ClipperMetadata;

void  clipper_metadata_read   (htmlDocPtr       doc,
                               ClipperMetadata *meta);
void  clipper_metadata_clear  (ClipperMetadata *meta);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ClipperMetadata, clipper_metadata_clear)

G_END_DECLS
