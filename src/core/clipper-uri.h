/* clipper-uri.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *clipper_uri_from_user_input (const char  *text,
                                   GError     **error);

G_END_DECLS
