/* clipper-error.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CLIPPER_ERROR (clipper_error_quark ())

typedef enum
{
  CLIPPER_ERROR_FAILED,
  CLIPPER_ERROR_INVALID_INPUT,
  CLIPPER_ERROR_NOT_FOUND,
  CLIPPER_ERROR_NOT_A_DATABASE,
  CLIPPER_ERROR_CORRUPT_DATABASE,
  CLIPPER_ERROR_NEWER_DATABASE,
  CLIPPER_ERROR_DATABASE,
  CLIPPER_ERROR_NETWORK,
  CLIPPER_ERROR_HTTP,
  CLIPPER_ERROR_TOO_LARGE,
  CLIPPER_ERROR_UNSUPPORTED_CONTENT,
  CLIPPER_ERROR_NO_SPACE,
  CLIPPER_ERROR_READ_ONLY,
  CLIPPER_ERROR_REFUSED,
  CLIPPER_ERROR_UNAVAILABLE, /* the server is busy or failing for now: trying later may work */
  CLIPPER_ERROR_CONFLICT,    /* written meanwhile by someone else: a condition on a write failed */
} ClipperError;

GQuark clipper_error_quark (void);

G_END_DECLS
