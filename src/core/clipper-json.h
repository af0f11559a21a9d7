/* clipper-json.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* What clipper_json_parse() takes: no page's metadata needs more. */
#define CLIPPER_JSON_MAX_SIZE  (4 * 1024 * 1024)
#define CLIPPER_JSON_MAX_DEPTH 64

JsonNode    *clipper_json_parse              (const char  *text,
                                              gssize       length,
                                              GError     **error);
JsonNode    *clipper_json_parse_sized        (const char  *text,
                                              gssize       length,
                                              gsize        max_size,
                                              GError     **error);
char        *clipper_json_to_string          (JsonNode    *node);
char        *clipper_json_builder_to_string  (JsonBuilder *builder);

void         clipper_json_add_string_member  (JsonBuilder *builder,
                                              const char  *name,
                                              const char  *value);

const char  *clipper_json_get_string         (JsonNode    *node);
guint        clipper_json_get_length         (JsonNode    *node);
JsonNode    *clipper_json_get_element        (JsonNode    *node,
                                              guint        index);
JsonNode    *clipper_json_get_member         (JsonNode    *node,
                                              const char  *name);
const char  *clipper_json_get_member_string  (JsonNode    *node,
                                              const char  *name);

G_END_DECLS
