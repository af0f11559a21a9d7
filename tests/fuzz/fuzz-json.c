/* fuzz-json.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JSON as pages' JSON-LD reaches json-glib through clipper_json_parse()
 * (its size, depth and UTF-8 checks), walked whole; and any text written
 * as a JSON string reads back as itself.
 */

#include "clipper-json.h"
#include "fuzz-common.h"

static void
walk (JsonNode *node,
      guint     depth)
{
  g_assert (depth <= CLIPPER_JSON_MAX_DEPTH);
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_ARRAY:
      for (guint i = 0; i < clipper_json_get_length (node); i++)
        walk (clipper_json_get_element (node, i), depth + 1);
      break;
    case JSON_NODE_OBJECT:
      {
        g_autoptr(GList) members = json_object_get_values (json_node_get_object (node));

        clipper_json_get_member_string (node, "@type");
        for (GList *l = members; l; l = l->next)
          walk (l->data, depth + 1);
      }
      break;
    case JSON_NODE_VALUE:
      if (clipper_json_get_string (node))
        g_assert (g_utf8_validate (clipper_json_get_string (node), -1, NULL));
      break;
    case JSON_NODE_NULL:
    default:
      break;
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(JsonNode) string = NULL;
  g_autoptr(JsonNode) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *text = NULL;
  g_autofree char *written = NULL;

  fuzz_quiet_logs ();
  json = clipper_json_parse ((const char *) data, size, &error);
  if (json != NULL)
    walk (json, 0);
  else
    g_assert (error != NULL);

  raw = g_strndup ((const char *) data, size);
  text = fuzz_make_valid (raw);
  string = json_node_init_string (json_node_alloc (), text);
  written = clipper_json_to_string (string);
  back = clipper_json_parse (written, -1, NULL);
  g_assert (back != NULL);
  g_assert_cmpstr (clipper_json_get_string (back), ==, text);
  return 0;
}
