/* clipper-highlight.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "clipper-anchor.h"

G_BEGIN_DECLS

#define CLIPPER_TYPE_HIGHLIGHT (clipper_highlight_get_type ())

G_DECLARE_FINAL_TYPE (ClipperHighlight, clipper_highlight, CLIPPER, HIGHLIGHT, GObject)

/* Everything a highlight holds, for clipper_highlight_new_from_fields(). */
typedef struct
{
  gint64              id;
  gint64              clipping_id;
  gint64              start;
  gint64              end;
  gint64              created_at;
  gboolean            orphaned;
  const char         *color;
  const char         *exact;
  const char         *prefix;
  const char         *suffix;
  const char         *note;
  const char * const *tags;   /* (nullable) */
} ClipperHighlightFields;

ClipperHighlight   *clipper_highlight_new           (void);
ClipperHighlight   *clipper_highlight_new_from_fields (const ClipperHighlightFields *fields);
ClipperHighlight   *clipper_highlight_copy          (ClipperHighlight *self);
gint64              clipper_highlight_get_id (ClipperHighlight *self);
void                clipper_highlight_set_id (ClipperHighlight *self,
                                               gint64            id);
gint64              clipper_highlight_get_clipping_id (ClipperHighlight *self);
void                clipper_highlight_set_clipping_id (ClipperHighlight *self,
                                               gint64            clipping_id);
const char         *clipper_highlight_get_color (ClipperHighlight *self);
void                clipper_highlight_set_color (ClipperHighlight *self,
                                               const char       *color);
const char         *clipper_highlight_get_exact (ClipperHighlight *self);
void                clipper_highlight_set_exact (ClipperHighlight *self,
                                               const char       *exact);
const char         *clipper_highlight_get_prefix (ClipperHighlight *self);
void                clipper_highlight_set_prefix (ClipperHighlight *self,
                                               const char       *prefix);
const char         *clipper_highlight_get_suffix (ClipperHighlight *self);
void                clipper_highlight_set_suffix (ClipperHighlight *self,
                                               const char       *suffix);
gint64              clipper_highlight_get_start (ClipperHighlight *self);
void                clipper_highlight_set_start (ClipperHighlight *self,
                                               gint64            start);
gint64              clipper_highlight_get_end (ClipperHighlight *self);
void                clipper_highlight_set_end (ClipperHighlight *self,
                                               gint64            end);
void                clipper_highlight_set_selector  (ClipperHighlight      *self,
                                                     const ClipperSelector *selector);
const char         *clipper_highlight_get_note (ClipperHighlight *self);
void                clipper_highlight_set_note (ClipperHighlight *self,
                                               const char       *note);
gint64              clipper_highlight_get_created_at (ClipperHighlight *self);
void                clipper_highlight_set_created_at (ClipperHighlight *self,
                                               gint64            created_at);
const char * const *clipper_highlight_get_tags      (ClipperHighlight   *self);
void                clipper_highlight_set_tags      (ClipperHighlight   *self,
                                                     const char * const *tags);
gboolean            clipper_highlight_get_orphaned  (ClipperHighlight   *self);
void                clipper_highlight_set_orphaned  (ClipperHighlight   *self,
                                                     gboolean            orphaned);
const char * const *clipper_highlight_get_colors    (void);
gboolean            clipper_highlight_is_color      (const char         *color);
const char         *clipper_highlight_color_label   (const char         *color);

G_END_DECLS
