/* clipper-sanitizer.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

void  clipper_sanitizer_clean    (xmlNode    *node,
                                  const char *base_url);
char *clipper_sanitizer_sanitize (const char *html,
                                  gssize      length,
                                  const char *base_url);

G_END_DECLS
