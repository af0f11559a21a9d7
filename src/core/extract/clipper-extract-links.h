/* clipper-extract-links.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libxml/HTMLtree.h>

G_BEGIN_DECLS

gboolean  clipper_links_is_web_address  (const char *uri);
char     *clipper_links_document_base   (htmlDocPtr  doc,
                                         const char *url);
void      clipper_links_fix_lazy_image  (xmlNode    *img);

G_END_DECLS
