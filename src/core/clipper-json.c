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
          if (*p < 0x20 || *p == 0x7f)
            g_string_append_printf (out, "\\u%04x", *p);
          /* C1 controls (U+0080–U+009F, two bytes in UTF-8) are escaped
           * too: JSON printed to a terminal must not drive it. */
          else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
            {
              g_string_append_printf (out, "\\u%04x", p[1]);
              p++;
            }
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

#include <stdlib.h>
#include <string.h>

#include "clipper-error.h"

/* A small JSON reader for the JSON-LD that pages embed: a tree of nodes,
 * objects as parallel name/value arrays (they are small). */
struct _ClipperJson
{
  ClipperJsonType  type;
  char            *string;
  double           number;
  GPtrArray       *names;
  GPtrArray       *values;
};

#define MAX_DEPTH 64

typedef struct
{
  const char *p;
  const char *end;
} Reader;

static ClipperJson *read_value (Reader *reader, int depth);

void
clipper_json_free (ClipperJson *json)
{
  if (json == NULL)
    return;

  g_free (json->string);
  g_clear_pointer (&json->names, g_ptr_array_unref);
  g_clear_pointer (&json->values, g_ptr_array_unref);
  g_free (json);
}

static ClipperJson *
json_new (ClipperJsonType type)
{
  ClipperJson *json = g_new0 (ClipperJson, 1);

  json->type = type;
  if (type == CLIPPER_JSON_ARRAY || type == CLIPPER_JSON_OBJECT)
    json->values = g_ptr_array_new_with_free_func ((GDestroyNotify)clipper_json_free);
  if (type == CLIPPER_JSON_OBJECT)
    json->names = g_ptr_array_new_with_free_func (g_free);

  return json;
}

static void
skip_space (Reader *reader)
{
  while (reader->p < reader->end &&
         (*reader->p == ' ' || *reader->p == '\t' || *reader->p == '\n' || *reader->p == '\r'))
    reader->p++;
}

static gboolean
read_hex4 (Reader   *reader,
           gunichar *out)
{
  gunichar value = 0;

  if (reader->end - reader->p < 4)
    return FALSE;

  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (reader->p[i]);

      if (digit < 0)
        return FALSE;
      value = value * 16 + digit;
    }

  reader->p += 4;
  *out = value;
  return TRUE;
}

static char *
read_string (Reader *reader)
{
  GString *out;

  if (reader->p >= reader->end || *reader->p != '"')
    return NULL;
  reader->p++;

  out = g_string_new (NULL);
  while (reader->p < reader->end && *reader->p != '"')
    {
      char c = *reader->p++;

      if (c != '\\')
        {
          g_string_append_c (out, c);
          continue;
        }

      if (reader->p >= reader->end)
        break;

      c = *reader->p++;
      switch (c)
        {
        case 'n': g_string_append_c (out, '\n'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'u':
          {
            gunichar ch;

            if (!read_hex4 (reader, &ch))
              goto fail;

            /* A surrogate pair spells one character. */
            if (ch >= 0xd800 && ch < 0xdc00 && reader->end - reader->p >= 6 &&
                reader->p[0] == '\\' && reader->p[1] == 'u')
              {
                gunichar low;

                reader->p += 2;
                if (!read_hex4 (reader, &low))
                  goto fail;
                if (low >= 0xdc00 && low < 0xe000)
                  ch = 0x10000 + ((ch - 0xd800) << 10) + (low - 0xdc00);
                else
                  ch = 0xfffd;
              }
            else if (ch >= 0xd800 && ch < 0xe000)
              ch = 0xfffd;
            /* A NUL would end the C string early. */
            if (ch == 0)
              ch = 0xfffd;

            g_string_append_unichar (out, ch);
          }
          break;
        default:
          g_string_append_c (out, c);
        }
    }

  if (reader->p >= reader->end)
    goto fail;
  reader->p++;

  /* Pages' JSON-LD is not always UTF-8; what is read always is. */
  if (!g_utf8_validate_len (out->str, out->len, NULL))
    {
      char *valid = g_utf8_make_valid (out->str, out->len);

      g_string_free (out, TRUE);
      return valid;
    }

  return g_string_free (out, FALSE);

fail:
  g_string_free (out, TRUE);
  return NULL;
}

static gboolean
read_literal (Reader     *reader,
              const char *literal)
{
  gsize length = strlen (literal);

  if ((gsize)(reader->end - reader->p) < length || strncmp (reader->p, literal, length) != 0)
    return FALSE;

  reader->p += length;
  return TRUE;
}

static ClipperJson *
read_container (Reader *reader,
                int     depth,
                gboolean object)
{
  g_autoptr(ClipperJson) json = json_new (object ? CLIPPER_JSON_OBJECT : CLIPPER_JSON_ARRAY);
  char close = object ? '}' : ']';

  reader->p++;
  skip_space (reader);
  if (reader->p < reader->end && *reader->p == close)
    {
      reader->p++;
      return g_steal_pointer (&json);
    }

  for (;;)
    {
      ClipperJson *value;

      skip_space (reader);
      if (object)
        {
          char *name = read_string (reader);

          if (name == NULL)
            return NULL;
          g_ptr_array_add (json->names, name);
          skip_space (reader);
          if (reader->p >= reader->end || *reader->p != ':')
            return NULL;
          reader->p++;
        }

      if (!(value = read_value (reader, depth + 1)))
        return NULL;
      g_ptr_array_add (json->values, value);

      skip_space (reader);
      if (reader->p >= reader->end)
        return NULL;
      if (*reader->p == ',')
        {
          reader->p++;
          continue;
        }
      if (*reader->p == close)
        {
          reader->p++;
          return g_steal_pointer (&json);
        }
      return NULL;
    }
}

static ClipperJson *
read_value (Reader *reader,
            int     depth)
{
  ClipperJson *json;

  if (depth > MAX_DEPTH)
    return NULL;

  skip_space (reader);
  if (reader->p >= reader->end)
    return NULL;

  switch (*reader->p)
    {
    case '{':
      return read_container (reader, depth, TRUE);

    case '[':
      return read_container (reader, depth, FALSE);

    case '"':
      {
        char *string = read_string (reader);

        if (string == NULL)
          return NULL;
        json = json_new (CLIPPER_JSON_STRING);
        json->string = string;
        return json;
      }

    case 't':
    case 'f':
      if (read_literal (reader, "true") || read_literal (reader, "false"))
        {
          json = json_new (CLIPPER_JSON_BOOLEAN);
          json->number = reader->p[-1] == 'e' && reader->p[-2] == 'u';
          return json;
        }
      return NULL;

    case 'n':
      if (!read_literal (reader, "null"))
        return NULL;
      return json_new (CLIPPER_JSON_NULL);

    default:
      {
        g_autofree char *number = NULL;
        const char *start = reader->p;
        char *end = NULL;

        while (reader->p < reader->end && strchr ("+-0123456789.eE", *reader->p))
          reader->p++;
        if (reader->p == start)
          return NULL;

        number = g_strndup (start, reader->p - start);
        json = json_new (CLIPPER_JSON_NUMBER);
        json->number = g_ascii_strtod (number, &end);
        if (end == NULL || *end != '\0')
          {
            clipper_json_free (json);
            return NULL;
          }
        return json;
      }
    }
}

ClipperJson *
clipper_json_parse (const char  *text,
                    gssize       length,
                    GError     **error)
{
  Reader reader;
  ClipperJson *json;

  g_return_val_if_fail (text != NULL, NULL);

  if (length < 0)
    length = strlen (text);

  reader.p = text;
  reader.end = text + length;

  json = read_value (&reader, 0);
  if (json != NULL)
    {
      skip_space (&reader);
      if (reader.p != reader.end)
        g_clear_pointer (&json, clipper_json_free);
    }

  if (json == NULL)
    g_set_error_literal (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT, "Invalid JSON");

  return json;
}

ClipperJsonType
clipper_json_get_type_of (const ClipperJson *json)
{
  return json ? json->type : CLIPPER_JSON_NULL;
}

const char *
clipper_json_get_string (const ClipperJson *json)
{
  return json && json->type == CLIPPER_JSON_STRING ? json->string : NULL;
}

double
clipper_json_get_number (const ClipperJson *json)
{
  return json && json->type == CLIPPER_JSON_NUMBER ? json->number : 0;
}

gboolean
clipper_json_get_boolean (const ClipperJson *json)
{
  return json && json->type == CLIPPER_JSON_BOOLEAN && json->number != 0;
}

guint
clipper_json_get_length (const ClipperJson *json)
{
  return json && json->values ? json->values->len : 0;
}

const ClipperJson *
clipper_json_get_element (const ClipperJson *json,
                          guint              index)
{
  if (json == NULL || json->type != CLIPPER_JSON_ARRAY || index >= json->values->len)
    return NULL;

  return g_ptr_array_index (json->values, index);
}

const ClipperJson *
clipper_json_get_member (const ClipperJson *json,
                         const char        *name)
{
  if (json == NULL || json->type != CLIPPER_JSON_OBJECT)
    return NULL;

  for (guint i = 0; i < json->names->len; i++)
    if (g_str_equal (g_ptr_array_index (json->names, i), name))
      return g_ptr_array_index (json->values, i);

  return NULL;
}

const char *
clipper_json_get_member_string (const ClipperJson *json,
                                const char        *name)
{
  return clipper_json_get_string (clipper_json_get_member (json, name));
}
