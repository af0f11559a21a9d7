/* clipper-csl.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  GPtrArray  *references; /* the bibliography, one reference a string, in the style's order */
  GHashTable *in_text;    /* citation key → its in-text citation ("(Doe, 2025)") */
  GHashTable *by_key;     /* citation key → its reference, in the strings above */
} ClipperCslOutput;

char             *clipper_csl_find_style  (const char        *style,
                                           GError           **error);
GStrv             clipper_csl_list_styles (void);
ClipperCslOutput *clipper_csl_format      (GPtrArray         *citations,
                                           const char        *style,
                                           const char        *format,
                                           GError           **error);
void              clipper_csl_output_free (ClipperCslOutput  *output);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipperCslOutput, clipper_csl_output_free)

G_END_DECLS
