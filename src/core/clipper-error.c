/* clipper-error.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "clipper-error.h"

G_DEFINE_QUARK (clipper-error-quark, clipper_error)
