/* fuzz-json.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The JSON reader that reads pages' JSON-LD, walked whole, and the
 * writer's string escaping read back by it.
 */

#include "clipper-json.h"
#include "fuzz-common.h"

static void
walk (const ClipperJson *json,
      guint              depth)
{
  g_assert (depth < 10000);
  switch (clipper_json_get_type_of (json))
    {
    case CLIPPER_JSON_ARRAY:
      for (guint i = 0; i < clipper_json_get_length (json); i++)
        walk (clipper_json_get_element (json, i), depth + 1);
      break;
    case CLIPPER_JSON_OBJECT:
      clipper_json_get_member_string (json, "@type");
      if (clipper_json_get_member (json, "@graph"))
        walk (clipper_json_get_member (json, "@graph"), depth + 1);
      break;
    case CLIPPER_JSON_STRING:
      g_assert (g_utf8_validate (clipper_json_get_string (json), -1, NULL));
      break;
    case CLIPPER_JSON_NULL:
    case CLIPPER_JSON_BOOLEAN:
    case CLIPPER_JSON_NUMBER:
    default:
      break;
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(ClipperJson) json = NULL;
  g_autoptr(ClipperJson) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *raw = NULL;
  g_autofree char *text = NULL;

  fuzz_quiet_logs ();
  json = clipper_json_parse ((const char *) data, size, &error);
  if (json != NULL)
    walk (json, 0);
  else
    g_assert (error != NULL);

  /* Any text, written as a JSON string, reads back as itself. */
  raw = g_strndup ((const char *) data, size);
  text = fuzz_make_valid (raw);
  clipper_json_append_string (out, text);
  back = clipper_json_parse (out->str, out->len, NULL);
  g_assert (back != NULL);
  g_assert_cmpint (clipper_json_get_type_of (back), ==, CLIPPER_JSON_STRING);
  g_assert_cmpstr (clipper_json_get_string (back), ==, text);
  return 0;
}
