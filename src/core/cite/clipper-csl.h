/* clipper-csl.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The symbol libclipper-csl exports, and its type. */
#define CLIPPER_CSL_MODULE_ENTRY "clipper_csl_module_format"

typedef char **(*ClipperCslModuleFormat) (GBytes      *citeproc,
                                          const char  *items_json,
                                          const char  *style_xml,
                                          const char  *locale_xml,
                                          const char  *lang,
                                          const char  *format,
                                          GError     **error);

char  *clipper_csl_find_style (const char  *style,
                               GError     **error);
char **clipper_csl_format     (GPtrArray   *citations,
                               const char  *style,
                               const char  *format,
                               GError     **error);

G_END_DECLS
