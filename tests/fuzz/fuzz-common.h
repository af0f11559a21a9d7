/* fuzz-common.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What every harness shares: the libFuzzer entry point and helpers that
 * split one input into the pieces a harness needs.
 */

#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Library warnings are findings only when they are criticals: a harness
 * feeds garbage on purpose, and g_warning() about it is expected. */
static inline void
fuzz_quiet_logs (void)
{
  static gboolean done;

  if (done)
    return;
  done = TRUE;
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL);
  g_log_set_handler (NULL, G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO |
                     G_LOG_LEVEL_DEBUG, (GLogFunc) g_log_default_handler, NULL);
  g_setenv ("G_MESSAGES_DEBUG", "", TRUE);
}

/* Splits @data at NUL bytes into at most @n_parts NUL-terminated strings
 * (missing ones are empty), so one input drives several arguments. */
static inline char **
fuzz_split (const uint8_t *data,
            size_t         size,
            guint          n_parts)
{
  char **parts = g_new0 (char *, n_parts + 1);
  size_t start = 0;
  guint i;

  for (i = 0; i < n_parts; i++)
    {
      size_t end = start;

      if (i == n_parts - 1)
        end = size;
      else
        while (end < size && data[end] != '\0')
          end++;
      parts[i] = g_strndup ((const char *) data + MIN (start, size), end > start ? end - start : 0);
      start = end + 1;
    }

  return parts;
}

/* Text that GLib's UTF-8 functions may be given. */
static inline char *
fuzz_make_valid (const char *text)
{
  return g_utf8_make_valid (text, -1);
}
