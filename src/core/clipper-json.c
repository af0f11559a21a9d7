/* clipper-json.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clipper-json"

#include "config.h"

#include "clipper-json.h"

/* A JSON string, or null for NULL; the input is UTF-8. */
void
clipper_json_append_string (GString    *out,
                            const char *value)
{
  if (value == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *)value; *p; p++)
    {
      switch (*p)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

void
clipper_json_append_member (GString    *out,
                            const char *name,
                            const char *value,
                            gboolean    last)
{
  clipper_json_append_string (out, name);
  g_string_append_c (out, ':');
  clipper_json_append_string (out, value);
  if (!last)
    g_string_append_c (out, ',');
}
