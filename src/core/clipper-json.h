/* clipper-json.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void clipper_json_append_string (GString    *out,
                                 const char *value);
void clipper_json_append_member (GString    *out,
                                 const char *name,
                                 const char *value,
                                 gboolean    last);

G_END_DECLS

G_BEGIN_DECLS

typedef enum
{
  CLIPPER_JSON_NULL,
  CLIPPER_JSON_BOOLEAN,
  CLIPPER_JSON_NUMBER,
  CLIPPER_JSON_STRING,
  CLIPPER_JSON_ARRAY,
  CLIPPER_JSON_OBJECT,
} ClipperJsonType;

typedef struct _ClipperJson ClipperJson;

ClipperJson     *clipper_json_parse        (const char  *text,
                                            gssize       length,
                                            GError     **error);
void             clipper_json_free         (ClipperJson *json);
ClipperJsonType  clipper_json_get_type_of  (const ClipperJson *json);
const char      *clipper_json_get_string   (const ClipperJson *json);
double           clipper_json_get_number   (const ClipperJson *json);
gboolean         clipper_json_get_boolean  (const ClipperJson *json);
guint            clipper_json_get_length   (const ClipperJson *json);
const ClipperJson *clipper_json_get_element (const ClipperJson *json,
                                            guint              index);
const ClipperJson *clipper_json_get_member (const ClipperJson *json,
                                            const char        *name);
const char      *clipper_json_get_member_string (const ClipperJson *json,
                                                 const char        *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipperJson, clipper_json_free)

G_END_DECLS
