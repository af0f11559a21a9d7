/* clipper-hlc.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A hybrid logical clock: wall time in milliseconds, a counter for events
 * in the same millisecond (or while the wall clock lags one already seen),
 * and the device, to order any two events the same way everywhere. */
typedef struct
{
  gint64 wall;    /* ms since the Unix epoch */
  guint  counter;
  char  *device;
} ClipperHlc;

/* A stamp as text sorts as the clock does: compare them with strcmp(). */
#define CLIPPER_HLC_STAMP_LENGTH (12 + 1 + 4 + 1 + 36)

void      clipper_hlc_init    (ClipperHlc  *clock,
                               const char  *device);
void      clipper_hlc_clear   (ClipperHlc  *clock);
char     *clipper_hlc_tick    (ClipperHlc  *clock,
                               gint64       wall);
void      clipper_hlc_receive (ClipperHlc  *clock,
                               const char  *stamp,
                               gint64       wall);
gboolean  clipper_hlc_parse   (const char  *stamp,
                               gint64      *wall,
                               guint       *counter,
                               char       **device);
char     *clipper_hlc_format  (gint64       wall,
                               guint        counter,
                               const char  *device);

G_END_DECLS
