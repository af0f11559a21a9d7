/* clipper-json.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void clipper_json_append_string (GString    *out,
                                 const char *value);
void clipper_json_append_member (GString    *out,
                                 const char *name,
                                 const char *value,
                                 gboolean    last);

G_END_DECLS
