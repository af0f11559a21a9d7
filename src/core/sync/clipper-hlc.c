/* clipper-hlc.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Hybrid logical clocks (Kulkarni et al., 2014) for sync: a change made
 * after another was seen is stamped after it, whatever the machines'
 * clocks say, and a stamp stays close to the wall time it was made at.
 * Stamps are fixed-width text, "0000018f3a2b1c00-0003-<device>" save the
 * widths, so that comparing the text compares the stamps.
 */

#define G_LOG_DOMAIN "clipper-hlc"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "clipper-hlc.h"

/* 12 hex digits of milliseconds last until the year 10889. */
#define MAX_WALL    G_GINT64_CONSTANT (0xffffffffffff)
#define MAX_COUNTER 0xffff

void
clipper_hlc_init (ClipperHlc *clock,
                  const char *device)
{
  memset (clock, 0, sizeof *clock);
  clock->device = g_strdup (device);
}

void
clipper_hlc_clear (ClipperHlc *clock)
{
  g_clear_pointer (&clock->device, g_free);
}

char *
clipper_hlc_format (gint64      wall,
                    guint       counter,
                    const char *device)
{
  return g_strdup_printf ("%012" G_GINT64_MODIFIER "x-%04x-%s", CLAMP (wall, 0, MAX_WALL),
                          MIN (counter, MAX_COUNTER), device ? device : "");
}

/**
 * clipper_hlc_parse:
 * @device: (out) (optional): the device part
 *
 * Returns: whether @stamp is a stamp
 */
gboolean
clipper_hlc_parse (const char  *stamp,
                   gint64      *wall,
                   guint       *counter,
                   char       **device)
{
  guint64 w;
  guint c;
  char *end;

  if (stamp == NULL || strlen (stamp) < 18 || stamp[12] != '-' || stamp[17] != '-')
    return FALSE;
  for (guint i = 0; i < 17; i++)
    if (i != 12 && !g_ascii_isxdigit (stamp[i]))
      return FALSE;

  w = g_ascii_strtoull (stamp, &end, 16);
  if (end != stamp + 12)
    return FALSE;
  c = (guint)g_ascii_strtoull (stamp + 13, &end, 16);
  if (end != stamp + 17)
    return FALSE;

  if (wall)
    *wall = (gint64)w;
  if (counter)
    *counter = c;
  if (device)
    *device = g_strdup (stamp + 18);
  return TRUE;
}

/* The next stamp for an event here at @wall (ms), after every stamp this
 * clock has made or received. */
char *
clipper_hlc_tick (ClipperHlc *clock,
                  gint64      wall)
{
  wall = CLAMP (wall, 0, MAX_WALL);
  if (wall > clock->wall)
    {
      clock->wall = wall;
      clock->counter = 0;
    }
  else if (clock->counter < MAX_COUNTER)
    clock->counter++;
  else
    {
      /* Sixty-five thousand events in a millisecond: borrow the next one. */
      clock->wall++;
      clock->counter = 0;
    }

  return clipper_hlc_format (clock->wall, clock->counter, clock->device);
}

/* Takes in a stamp seen from elsewhere, so that what happens here next is
 * stamped after it. A stamp that is not one is ignored. */
void
clipper_hlc_receive (ClipperHlc *clock,
                     const char *stamp,
                     gint64      wall)
{
  gint64 remote_wall;
  guint remote_counter;

  if (!clipper_hlc_parse (stamp, &remote_wall, &remote_counter, NULL))
    return;

  wall = CLAMP (wall, 0, MAX_WALL);
  if (wall > clock->wall && wall > remote_wall)
    {
      clock->wall = wall;
      clock->counter = 0;
    }
  else if (remote_wall > clock->wall)
    {
      clock->wall = remote_wall;
      clock->counter = remote_counter;
    }
  else if (remote_wall == clock->wall)
    clock->counter = MAX (clock->counter, remote_counter);
}
