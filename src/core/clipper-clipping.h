/* clipper-clipping.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CLIPPER_TYPE_CLIPPING (clipper_clipping_get_type ())

G_DECLARE_FINAL_TYPE (ClipperClipping, clipper_clipping, CLIPPER, CLIPPING, GObject)

ClipperClipping    *clipper_clipping_new              (void);
gint64              clipper_clipping_get_id           (ClipperClipping *self);
void                clipper_clipping_set_id           (ClipperClipping *self,
                                                       gint64           id);
const char         *clipper_clipping_get_url          (ClipperClipping *self);
void                clipper_clipping_set_url          (ClipperClipping *self,
                                                       const char      *url);
const char         *clipper_clipping_get_title        (ClipperClipping *self);
void                clipper_clipping_set_title        (ClipperClipping *self,
                                                       const char      *title);
const char         *clipper_clipping_get_byline       (ClipperClipping *self);
void                clipper_clipping_set_byline       (ClipperClipping *self,
                                                       const char      *byline);
const char         *clipper_clipping_get_site_name    (ClipperClipping *self);
void                clipper_clipping_set_site_name    (ClipperClipping *self,
                                                       const char      *site_name);
const char         *clipper_clipping_get_published    (ClipperClipping *self);
char               *clipper_clipping_dup_published_day (ClipperClipping *self);
char               *clipper_clipping_format_published (ClipperClipping *self);
void                clipper_clipping_set_published    (ClipperClipping *self,
                                                       const char      *published);
const char         *clipper_clipping_get_excerpt      (ClipperClipping *self);
void                clipper_clipping_set_excerpt      (ClipperClipping *self,
                                                       const char      *excerpt);
const char         *clipper_clipping_get_lang         (ClipperClipping *self);
void                clipper_clipping_set_lang         (ClipperClipping *self,
                                                       const char      *lang);
const char         *clipper_clipping_get_dir          (ClipperClipping *self);
void                clipper_clipping_set_dir          (ClipperClipping *self,
                                                       const char      *dir);
const char         *clipper_clipping_get_item_type    (ClipperClipping *self);
void                clipper_clipping_set_item_type    (ClipperClipping *self,
                                                       const char      *item_type);
gint64              clipper_clipping_get_clipped_at   (ClipperClipping *self);
void                clipper_clipping_set_clipped_at   (ClipperClipping *self,
                                                       gint64           clipped_at);
const char         *clipper_clipping_get_content      (ClipperClipping *self);
void                clipper_clipping_set_content      (ClipperClipping *self,
                                                       const char      *content);
const char         *clipper_clipping_get_text         (ClipperClipping *self);
void                clipper_clipping_set_text         (ClipperClipping *self,
                                                       const char      *text);
const char * const *clipper_clipping_get_tags         (ClipperClipping *self);
void                clipper_clipping_set_tags         (ClipperClipping    *self,
                                                       const char * const *tags);
gboolean            clipper_clipping_get_is_article   (ClipperClipping *self);
void                clipper_clipping_set_is_article   (ClipperClipping *self,
                                                       gboolean         is_article);
gboolean            clipper_clipping_get_fetched      (ClipperClipping *self);
void                clipper_clipping_set_fetched      (ClipperClipping *self,
                                                       gboolean         fetched);
double              clipper_clipping_get_progress     (ClipperClipping *self);
void                clipper_clipping_set_progress     (ClipperClipping *self,
                                                       double           progress);
gboolean            clipper_clipping_get_archived     (ClipperClipping *self);
void                clipper_clipping_set_archived     (ClipperClipping *self,
                                                       gboolean         archived);
guint               clipper_clipping_get_highlight_count (ClipperClipping *self);
void                clipper_clipping_set_highlight_count (ClipperClipping *self,
                                                          guint            count);
char               *clipper_clipping_dup_display_site (ClipperClipping *self);
char               *clipper_site_display_name        (const char      *site_name,
                                                      const char      *url);
char               *clipper_clipping_format_clipped_at (ClipperClipping *self);

G_END_DECLS
