/* clipper-json.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JSON through json-glib, with what it leaves to its users: a bound on
 * untrusted input (its parser recurses once per level of nesting), output
 * that is safe to print on a terminal, and reading a tree of unknown shape
 * without a type check at every step.
 */

#define G_LOG_DOMAIN "clipper-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "clipper-error.h"
#include "clipper-json.h"

/* The deepest nesting of arrays and objects in @text, counted outside
 * strings, stopping once it passes @limit. */
static guint
nesting_depth (const char *text,
               gsize       length,
               guint       limit)
{
  guint depth = 0;
  guint deepest = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length && deepest <= limit; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          depth++;
          deepest = MAX (deepest, depth);
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return deepest;
}

/* json-glib turns a broken or lone \u escape into bytes that are not
 * UTF-8; nothing downstream expects those. The depth is bounded already. */
static gboolean
strings_are_valid (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          if (!g_utf8_validate (name, -1, NULL) || !strings_are_valid (member))
            return FALSE;
        return TRUE;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          if (!strings_are_valid (json_array_get_element (array, i)))
            return FALSE;
        return TRUE;
      }

    case JSON_NODE_VALUE:
      return json_node_get_value_type (node) != G_TYPE_STRING ||
             g_utf8_validate (json_node_get_string (node), -1, NULL);

    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

/**
 * clipper_json_parse:
 * @text: UTF-8 JSON from anywhere, a hostile page included
 * @length: its length, or -1 when it ends with a NUL
 *
 * Parses @text unless it is larger than %CLIPPER_JSON_MAX_SIZE bytes,
 * nests deeper than %CLIPPER_JSON_MAX_DEPTH, or is not valid UTF-8.
 *
 * Returns: (transfer full): the root, or %NULL with @error set
 */
JsonNode *
clipper_json_parse (const char  *text,
                    gssize       length,
                    GError     **error)
{
  return clipper_json_parse_sized (text, length, CLIPPER_JSON_MAX_SIZE, error);
}

/**
 * clipper_json_parse_sized:
 * @max_size: the most bytes taken, for files larger than a page's
 *   metadata (an export of another service's annotations)
 *
 * As clipper_json_parse(), with another limit on the size.
 */
JsonNode *
clipper_json_parse_sized (const char  *text,
                          gssize       length,
                          gsize        max_size,
                          GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (length < 0)
    length = strlen (text);

  if (length == 0)
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT, _("The JSON is empty"));
      return NULL;
    }

  if ((gsize)length > max_size)
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_TOO_LARGE,
                   _("The JSON is larger than %d MB"), (int)(max_size / (1024 * 1024)));
      return NULL;
    }

  if (!g_utf8_validate_len (text, length, NULL))
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT, _("The JSON is not valid UTF-8"));
      return NULL;
    }

  if (nesting_depth (text, length, CLIPPER_JSON_MAX_DEPTH) > CLIPPER_JSON_MAX_DEPTH)
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT,
                   _("The JSON nests deeper than %d levels"), CLIPPER_JSON_MAX_DEPTH);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, length, &local_error))
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT,
                   _("The JSON could not be read: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT, _("The JSON is empty"));
      return NULL;
    }

  if (!strings_are_valid (root))
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT,
                   _("The JSON has an escaped character that is not Unicode"));
      return NULL;
    }

  return json_node_ref (root);
}

/* DEL and the C1 controls (U+0080–U+009F) reach a terminal raw from
 * json-glib: escaped, a page's text cannot drive the terminal that prints
 * it. Outside strings JSON is ASCII, so every one found is in a string. */
static char *
escape_controls (char *json)
{
  GString *out = NULL;
  const char *copied = json;

  for (const char *p = json; *p; p++)
    {
      guchar c = *p;
      guint code;

      if (c == 0x7f)
        code = c;
      else if (c == 0xc2 && (guchar)p[1] >= 0x80 && (guchar)p[1] <= 0x9f)
        code = (guchar)p[1];
      else
        continue;

      if (out == NULL)
        out = g_string_sized_new (strlen (json) + 16);
      g_string_append_len (out, copied, p - copied);
      g_string_append_printf (out, "\\u%04x", code);
      p += c == 0xc2;
      copied = p + 1;
    }

  if (out == NULL)
    return json;

  g_string_append (out, copied);
  g_free (json);
  return g_string_free (out, FALSE);
}

/* Compact JSON of @node, safe to print. */
char *
clipper_json_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return escape_controls (json_generator_to_data (generator, NULL));
}

char *
clipper_json_builder_to_string (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  return clipper_json_to_string (root);
}

/* A string member, or null for %NULL. */
void
clipper_json_add_string_member (JsonBuilder *builder,
                                const char  *name,
                                const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* The readers below take any node, or %NULL, and return %NULL (or 0)
 * where the tree does not have the shape asked for. */

const char *
clipper_json_get_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

guint
clipper_json_get_length (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return 0;
  return json_array_get_length (json_node_get_array (node));
}

JsonNode *
clipper_json_get_element (JsonNode *node,
                          guint     index)
{
  if (index >= clipper_json_get_length (node))
    return NULL;
  return json_array_get_element (json_node_get_array (node), index);
}

JsonNode *
clipper_json_get_member (JsonNode   *node,
                         const char *name)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_get_member (json_node_get_object (node), name);
}

const char *
clipper_json_get_member_string (JsonNode   *node,
                                const char *name)
{
  return clipper_json_get_string (clipper_json_get_member (node, name));
}
