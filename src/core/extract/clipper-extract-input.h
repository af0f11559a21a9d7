/* clipper-extract-input.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  clipper_input_is_valid_utf8   (const char *data,
                                         gsize       length);
char     *clipper_input_sniff_charset   (const char *data,
                                         gsize       length);
char     *clipper_input_decide_charset  (const char *data,
                                         gsize       length,
                                         const char *declared,
                                         gboolean   *valid);
char     *clipper_input_decode          (const char *data,
                                         gsize       length,
                                         const char *charset,
                                         gsize      *n_replaced);
char     *clipper_input_strip_scripts   (const char *data,
                                         gsize       length,
                                         gsize      *out_length);

G_END_DECLS
