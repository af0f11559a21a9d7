/* clipper-annotations.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "clipper-store.h"

G_BEGIN_DECLS

/* Annotations out, in the shapes other tools read. */
typedef enum
{
  CLIPPER_ANNOTATIONS_W3C,        /* W3C Web Annotation JSON-LD, one AnnotationCollection */
  CLIPPER_ANNOTATIONS_HYPOTHESIS, /* the JSON Hypothesis's client exports and imports */
  CLIPPER_ANNOTATIONS_READWISE,   /* Readwise's highlights CSV */
} ClipperAnnotationFormat;

/* The extension property that carries a highlight's colour in W3C JSON-LD. */
#define CLIPPER_W3C_NAMESPACE "https://example.com/clipper/ns#"

gboolean    clipper_annotation_format_from_name (const char               *name,
                                                 ClipperAnnotationFormat  *format);
const char *clipper_annotation_format_extension (ClipperAnnotationFormat   format);
char       *clipper_annotations_write           (ClipperStore             *store,
                                                 const gint64             *ids,
                                                 guint                     n_ids,
                                                 ClipperAnnotationFormat   format,
                                                 GError                  **error);
char       *clipper_annotation_dup_uuid         (const char               *kind,
                                                 gint64                    id,
                                                 gint64                    created_at,
                                                 const char               *url);
char       *clipper_annotation_format_time      (gint64                    unix_time);

G_END_DECLS
