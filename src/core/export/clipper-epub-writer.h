/* clipper-epub-writer.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "clipper-document.h"
#include "clipper-store.h"

G_BEGIN_DECLS

gboolean clipper_epub_write (GPtrArray      *documents,
                             ClipperStore   *store,
                             GOutputStream  *stream,
                             GError        **error);

G_END_DECLS
