/* clipper-extractor.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char     *title;
  char     *byline;
  char     *site_name;
  char     *published;       /* ISO 8601 where it could be read */
  char     *excerpt;
  char     *lang;
  char     *dir;
  char     *lead_image;
  char     *content;         /* sanitised HTML, absolute URLs */
  char     *text;            /* the content's plain text */
  gboolean  is_article;      /* FALSE: no article found, content is the whole page */
  char     *item_type;       /* a CSL item type when the page says (news, blog), else NULL */
} ClipperArticle;

ClipperArticle *clipper_extractor_extract (const char  *data,
                                           gsize        length,
                                           const char  *url,
                                           const char  *encoding);
void            clipper_article_free      (ClipperArticle *article);
char           *clipper_article_to_json   (const ClipperArticle *article);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipperArticle, clipper_article_free)

G_END_DECLS
