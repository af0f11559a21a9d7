/* clipper-uri.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clipper-uri"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "clipper-error.h"
#include "clipper-uri.h"

/* Whether @text starts with host[:port]: a name with a dot (internationalised
 * names too, by GLib's IDNA rules), localhost, or an IP address ([…] for
 * IPv6). */
static gboolean
looks_like_host (const char *text)
{
  const char *end = text + strcspn (text, "/?#");
  g_autofree char *part = g_strndup (text, end - text);
  g_autofree char *ascii = NULL;
  char *host = part;
  char *port = NULL;

  if (part[0] == '[')
    {
      char *close = strchr (part, ']');

      if (close == NULL)
        return FALSE;
      *close = '\0';
      host = part + 1;
      if (close[1] == ':')
        port = close + 2;
      else if (close[1] != '\0')
        return FALSE;
      if (!g_hostname_is_ip_address (host) || strchr (host, ':') == NULL)
        return FALSE;
    }
  else
    {
      port = strchr (part, ':');
      if (port != NULL)
        *port++ = '\0';

      if (!g_hostname_is_ip_address (host) && g_ascii_strcasecmp (host, "localhost") != 0)
        {
          const char *dot;

          ascii = g_hostname_to_ascii (host);
          if (ascii == NULL)
            return FALSE;
          dot = strchr (ascii, '.');
          if (dot == NULL || dot == ascii || dot[1] == '\0')
            return FALSE;
          for (const char *p = ascii; *p; p++)
            if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-')
              return FALSE;
        }
    }

  if (port != NULL)
    {
      if (port[0] == '\0')
        return FALSE;
      for (const char *p = port; *p; p++)
        if (!g_ascii_isdigit (*p))
          return FALSE;
    }

  return TRUE;
}

/**
 * clipper_uri_resolve:
 * @base: (nullable): the address @href is relative to
 * @href: (nullable): a link as written in a page
 *
 * Resolves @href against @base by RFC 3986 (GUri), keeping its
 * percent-encoding as written.
 *
 * Returns: (nullable): the absolute address, @href itself without a base,
 *   or %NULL for what cannot be resolved
 */
char *
clipper_uri_resolve (const char *base,
                     const char *href)
{
  const GUriFlags flags = G_URI_FLAGS_PARSE_RELAXED | G_URI_FLAGS_ENCODED;
  g_autoptr(GUri) base_uri = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *resolved = NULL;
  const char *path;

  if (href == NULL)
    return NULL;
  if (base == NULL)
    return g_strdup (href);

  /* Read leniently, as browsers read links ("my image.png" comes out
   * escaped), but what comes out must be a valid address. */
  if (!(base_uri = g_uri_parse (base, flags, NULL)) ||
      !(uri = g_uri_parse_relative (base_uri, href, flags, NULL)))
    return NULL;
  /* A host with a path not rooted at "/", or no host and a path starting
   * "//", has no text: GLib's join refuses both (a base such as "http:"
   * makes them). */
  path = g_uri_get_path (uri);
  if (g_uri_get_host (uri) != NULL ? (path[0] != '\0' && path[0] != '/') : g_str_has_prefix (path, "//"))
    return NULL;
  resolved = g_uri_to_string (uri);
  if (resolved == NULL || !g_uri_is_valid (resolved, G_URI_FLAGS_ENCODED, NULL) ||
      strpbrk (resolved, " \t\n\r\\\"<>^`{|}") != NULL)
    return NULL;
  return g_steal_pointer (&resolved);
}

/**
 * clipper_uri_from_user_input:
 * @text: what the user typed in the address entry
 *
 * A web address (http, https), a local file (path or file URI) or a
 * clipping address; a bare host name gets https.
 *
 * Returns: (transfer full): the address to load, or %NULL with @error set
 */
char *
clipper_uri_from_user_input (const char  *text,
                             GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *scheme = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT,
                           _("The address contains characters that are not valid text."));
      return NULL;
    }

  trimmed = g_strstrip (g_strdup (text));

  if (trimmed[0] == '\0')
    {
      g_set_error_literal (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT,
                           _("Type a web address or the path of a file."));
      return NULL;
    }

  if (trimmed[0] == '/' || trimmed[0] == '~' || g_str_has_prefix (trimmed, "./") ||
      g_str_has_prefix (trimmed, "../"))
    {
      g_autofree char *expanded = NULL;
      g_autofree char *absolute = NULL;

      if (trimmed[0] == '~')
        expanded = g_build_filename (g_get_home_dir (), trimmed + 1, NULL);
      else
        expanded = g_strdup (trimmed);

      absolute = g_canonicalize_filename (expanded, NULL);
      if (!g_file_test (absolute, G_FILE_TEST_IS_REGULAR))
        {
          g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND,
                       _("There is no file at “%s”."), absolute);
          return NULL;
        }

      return g_filename_to_uri (absolute, NULL, error);
    }

  scheme = g_uri_parse_scheme (trimmed);
  if (strpbrk (trimmed, " \t\n\r") != NULL)
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT,
                   _("“%s” is not a web address or a file."), trimmed);
      return NULL;
    }

  if (scheme != NULL && (g_str_equal (scheme, "http") || g_str_equal (scheme, "https") ||
                         g_str_equal (scheme, "file") || g_str_equal (scheme, "clipper")))
    {
      g_autoptr(GUri) uri = g_uri_parse (trimmed, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED,
                                         NULL);

      if (uri == NULL ||
          ((g_str_equal (scheme, "http") || g_str_equal (scheme, "https")) &&
           (g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')))
        {
          g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT,
                       _("“%s” is not a valid web address."), trimmed);
          return NULL;
        }

      return g_uri_to_string (uri);
    }

  /* "example.com:8080/page" parses as a scheme too. */
  if (strchr (trimmed, ' ') == NULL && looks_like_host (trimmed))
    return g_strconcat ("https://", trimmed, NULL);

  g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT,
               _("“%s” is not a web address or a file."), trimmed);
  return NULL;
}

/* The address a clipping is read at. */
char *
clipper_uri_dup_clipping_uri (gint64 id)
{
  return g_strdup_printf (CLIPPER_SCHEME_NAME "://clipping/%" G_GINT64_FORMAT, id);
}

/* The id in clipper://clipping/ID, or 0 when @uri is not such an address. */
gint64
clipper_uri_parse_clipping_id (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  const char *path;
  guint64 id;

  if (uri == NULL)
    return 0;

  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  if (parsed == NULL ||
      g_strcmp0 (g_uri_get_scheme (parsed), CLIPPER_SCHEME_NAME) != 0 ||
      g_strcmp0 (g_uri_get_host (parsed), "clipping") != 0)
    return 0;

  path = g_uri_get_path (parsed);
  if (path[0] == '/')
    path++;

  if (!g_ascii_string_to_unsigned (path, 10, 1, G_MAXINT64, &id, NULL))
    return 0;

  return (gint64)id;
}

/**
 * clipper_resource_hash_is_valid:
 *
 * Whether @hash can name a stored resource: a SHA-256 in lower-case hex,
 * and so never a path.
 */
gboolean
clipper_resource_hash_is_valid (const char *hash)
{
  return hash != NULL && strlen (hash) == 64 && strspn (hash, "0123456789abcdef") == 64;
}

/**
 * clipper_uri_get_resource_hash:
 *
 * The hash in clipper://resource/HASH (borrowed from @uri), or %NULL when
 * @uri is not exactly such an address with a valid hash.
 */
const char *
clipper_uri_get_resource_hash (const char *uri)
{
  const char *hash;

  if (uri == NULL || !g_str_has_prefix (uri, CLIPPER_RESOURCE_URI_PREFIX))
    return NULL;

  hash = uri + strlen (CLIPPER_RESOURCE_URI_PREFIX);
  return clipper_resource_hash_is_valid (hash) ? hash : NULL;
}

/**
 * clipper_uri_strip_credentials:
 *
 * @uri without a user name and password (https://user:secret@host/…):
 * a clipping's address is stored, exported and shared, its credentials
 * never are. Anything that does not parse comes back as it is.
 */
char *
clipper_uri_strip_credentials (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;

  if (uri == NULL)
    return NULL;

  parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED | G_URI_FLAGS_NON_DNS, NULL);
  if (parsed == NULL || g_uri_get_userinfo (parsed) == NULL)
    return g_strdup (uri);

  return g_uri_join (G_URI_FLAGS_ENCODED | G_URI_FLAGS_NON_DNS,
                     g_uri_get_scheme (parsed), NULL, g_uri_get_host (parsed),
                     g_uri_get_port (parsed), g_uri_get_path (parsed),
                     g_uri_get_query (parsed), g_uri_get_fragment (parsed));
}

/**
 * clipper_uri_dup_site_host:
 *
 * The host a site goes by ("example.org" for https://www.example.org/a),
 * or %NULL when @uri has none.
 */
char *
clipper_uri_dup_site_host (const char *uri)
{
  g_autoptr(GUri) parsed = uri ? g_uri_parse (uri, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *host = parsed ? g_uri_get_host (parsed) : NULL;

  if (host == NULL || host[0] == '\0')
    return NULL;
  if (g_str_has_prefix (host, "www."))
    host += 4;
  return g_strdup (host);
}

/**
 * clipper_uri_is_web:
 * @uri: (nullable): an address
 *
 * Returns: whether @uri is a web page's address: http or https, with a
 *   host (not javascript:, file:, data: or the rest)
 */
gboolean
clipper_uri_is_web (const char *uri)
{
  g_autoptr(GUri) parsed = uri ? g_uri_parse (uri, G_URI_FLAGS_PARSE_RELAXED, NULL) : NULL;
  const char *scheme = parsed ? g_uri_get_scheme (parsed) : NULL;

  return scheme != NULL && (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0) &&
         g_uri_get_host (parsed) != NULL && g_uri_get_host (parsed)[0] != '\0';
}
