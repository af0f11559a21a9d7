/* clipper-tokenizer.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define CLIPPER_TOKENIZER "clipper"

gboolean _clipper_tokenizer_register (sqlite3  *db);
gboolean _clipper_is_unspaced        (gunichar  c);

G_END_DECLS
