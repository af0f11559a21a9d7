/* clipper-sync-webdav.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A WebDAV server as a sync target: Nextcloud, ownCloud, Apache's
 * mod_dav, a NAS. GET, PUT with If-None-Match: * (create only) or
 * If-Match (replace only what we read), MKCOL and PROPFIND, through
 * libsoup, with the user's name and password (Basic, over HTTPS unless
 * the server is on this computer). Its calls block: they run in the
 * sync's worker thread. Since libsoup 3.2 a session sends from any
 * thread; it is set up before the first request and not changed after.
 */

#define G_LOG_DOMAIN "clipper-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "clipper-error.h"
#include "clipper-sync-webdav.h"

#define DEFAULT_TIMEOUT 60
#define MAX_FILE        (64 * 1024 * 1024)

struct _ClipperSyncWebdav
{
  ClipperSyncTarget parent_instance;

  GUri        *base;       /* ends with "/" */
  char        *authorization;
  SoupSession *session;
  GMutex       mutex;       /* guards making the session */
  guint        timeout;
};

G_DEFINE_FINAL_TYPE (ClipperSyncWebdav, clipper_sync_webdav, CLIPPER_TYPE_SYNC_TARGET)

static SoupSession *
get_session (ClipperSyncWebdav *self)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);

  if (self->session == NULL)
    self->session = soup_session_new_with_options ("user-agent", PACKAGE_NAME "/" PACKAGE_VERSION,
                                                   "timeout", self->timeout, "idle-timeout", 30, NULL);
  return self->session;
}

static char *
url_for (ClipperSyncWebdav *self,
         const char        *path)
{
  g_autoptr(GString) escaped = g_string_new (NULL);
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  g_autoptr(GUri) uri = NULL;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *part = NULL;

      if (parts[i][0] == '\0' || g_str_equal (parts[i], "."))
        continue;
      part = g_uri_escape_string (parts[i], NULL, FALSE);
      if (escaped->len > 0)
        g_string_append_c (escaped, '/');
      g_string_append (escaped, part);
    }
  /* A folder's address ends with a slash, or the server redirects. */
  if (escaped->len > 0 && g_str_has_suffix (path, "/"))
    g_string_append_c (escaped, '/');
  uri = g_uri_parse_relative (self->base, escaped->str, G_URI_FLAGS_ENCODED, NULL);
  return uri ? g_uri_to_string (uri) : g_uri_to_string (self->base);
}

/* An answer that is not what was asked, in a sentence. */
static void
set_status_error (GError     **error,
                  guint        status,
                  const char  *path)
{
  switch (status)
    {
    case 401:
    case 403:
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_REFUSED,
                   _("The server refused the user name or password (it answered %u)."), status);
      break;
    case 404:
    case 409:
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND, _("%s is not on the server."), path);
      break;
    case 412:
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_CONFLICT, _("%s was written meanwhile."), path);
      break;
    case 423:
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_UNAVAILABLE,
                   _("The server has locked %s; sync will try again later."), path);
      break;
    case 507:
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NO_SPACE,
                   _("The server is out of space (it answered 507); nothing was lost here."));
      break;
    default:
      if (status >= 500)
        g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_UNAVAILABLE,
                     _("The server is failing for now (it answered %u); sync will try again later."), status);
      else
        g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_HTTP, _("The server answered %u for %s."), status, path);
    }
}

/* One request, waited for; its status, or 0 with @error set when no
 * answer came. */
static guint
send (ClipperSyncWebdav  *self,
      const char         *method,
      const char         *path,
      GBytes             *body,
      const char         *content_type,
      const char * const *headers,
      GBytes            **response,
      char              **etag,
      GCancellable       *cancellable,
      GError            **error)
{
  g_autofree char *url = url_for (self, path);
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) local_error = NULL;
  SoupMessageHeaders *request_headers;

  if (message == NULL)
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT, _("“%s” is not an address."), url);
      return 0;
    }
  request_headers = soup_message_get_request_headers (message);
  if (self->authorization != NULL)
    soup_message_headers_replace (request_headers, "Authorization", self->authorization);
  for (guint i = 0; headers != NULL && headers[i] != NULL; i += 2)
    soup_message_headers_replace (request_headers, headers[i], headers[i + 1]);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (message, content_type, body);

  answer = soup_session_send_and_read (get_session (self), message, cancellable, &local_error);
  if (answer == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NETWORK, _("Could not reach the sync server: %s"),
                     local_error->message);
      return 0;
    }
  if (g_bytes_get_size (answer) > MAX_FILE)
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_TOO_LARGE, _("%s on the server is too large to be Clipper’s."),
                   path);
      return 0;
    }
  if (etag != NULL)
    *etag = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (message), "ETag"));
  if (response != NULL)
    *response = g_steal_pointer (&answer);
  return soup_message_get_status (message);
}

static GBytes *
clipper_sync_webdav_get (ClipperSyncTarget  *target,
                         const char         *path,
                         const char         *if_none_match,
                         char              **etag,
                         GCancellable       *cancellable,
                         GError            **error)
{
  ClipperSyncWebdav *self = CLIPPER_SYNC_WEBDAV (target);
  const char *headers[] = { "If-None-Match", if_none_match, NULL };
  g_autoptr(GBytes) body = NULL;
  g_autofree char *tag = NULL;
  guint status;

  status = send (self, "GET", path, NULL, NULL, if_none_match ? headers : NULL, &body, &tag, cancellable, error);
  if (status == 0)
    return NULL;
  if (status == 304)
    return NULL;
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      set_status_error (error, status, path);
      return NULL;
    }
  if (etag != NULL)
    *etag = g_steal_pointer (&tag);
  return g_steal_pointer (&body);
}

static char *
clipper_sync_webdav_put (ClipperSyncTarget  *target,
                         const char         *path,
                         GBytes             *bytes,
                         const char         *if_match,
                         GCancellable       *cancellable,
                         GError            **error)
{
  ClipperSyncWebdav *self = CLIPPER_SYNC_WEBDAV (target);
  const char *create[] = { "If-None-Match", "*", NULL };
  const char *replace[] = { "If-Match", if_match, NULL };
  g_autofree char *tag = NULL;
  guint status;

  /* A weak tag (a file changed within the second) never matches: the
   * file is ours alone (a device writes its own folder), so it is
   * replaced without the condition. */
  status = send (self, "PUT", path, bytes, "application/json",
                 if_match == NULL ? create : g_str_has_prefix (if_match, "W/") ? NULL : replace, NULL, &tag,
                 cancellable, error);
  if (status == 0)
    return NULL;
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      set_status_error (error, status, path);
      return NULL;
    }
  /* Not every server says the new tag: then it is asked. */
  if (tag == NULL)
    {
      g_autoptr(GError) head_error = NULL;

      send (self, "HEAD", path, NULL, NULL, NULL, NULL, &tag, cancellable, &head_error);
    }
  return tag ? g_steal_pointer (&tag) : g_strdup ("");
}

static gboolean
clipper_sync_webdav_make_dir (ClipperSyncTarget  *target,
                              const char         *path,
                              GCancellable       *cancellable,
                              GError            **error)
{
  ClipperSyncWebdav *self = CLIPPER_SYNC_WEBDAV (target);
  g_autofree char *dir = g_str_has_suffix (path, "/") ? g_strdup (path) : g_strconcat (path, "/", NULL);
  guint status = send (self, "MKCOL", dir, NULL, NULL, NULL, NULL, NULL, cancellable, error);

  if (status == 0)
    return FALSE;
  /* 405: there already. */
  if (SOUP_STATUS_IS_SUCCESSFUL (status) || status == 405)
    return TRUE;
  {
    g_autofree char *where = g_str_equal (path, ".") ? clipper_sync_target_describe (target) : g_strdup (path);

    set_status_error (error, status, where);
  }
  return FALSE;
}

/* A path without its trailing slashes, unescaped. */
static char *
plain_path (GUri *uri)
{
  g_autofree char *path = g_uri_unescape_string (g_uri_get_path (uri), NULL);
  char *plain = g_strdup (path ? path : g_uri_get_path (uri));

  while (strlen (plain) > 1 && g_str_has_suffix (plain, "/"))
    plain[strlen (plain) - 1] = '\0';
  return plain;
}

static char **
clipper_sync_webdav_list (ClipperSyncTarget  *target,
                          const char         *path,
                          GCancellable       *cancellable,
                          GError            **error)
{
  ClipperSyncWebdav *self = CLIPPER_SYNC_WEBDAV (target);
  static const char query[] = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                              "<propfind xmlns=\"DAV:\"><prop><resourcetype/></prop></propfind>";
  const char *headers[] = { "Depth", "1", NULL };
  g_autoptr(GBytes) request = g_bytes_new_static (query, sizeof query - 1);
  g_autoptr(GBytes) body = NULL;
  g_autofree char *dir = g_str_has_suffix (path, "/") ? g_strdup (path) : g_strconcat (path, "/", NULL);
  g_autofree char *dir_url = url_for (CLIPPER_SYNC_WEBDAV (target), dir);
  g_autoptr(GUri) dir_uri = NULL;
  g_autofree char *dir_path = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  xmlDocPtr doc;
  gsize size;
  const char *data;
  guint status;

  status = send (self, "PROPFIND", dir, request, "application/xml", headers, &body, NULL, cancellable, error);
  if (status == 0)
    return NULL;
  if (status != 207)
    {
      set_status_error (error, status, path);
      return NULL;
    }

  data = g_bytes_get_data (body, &size);
  doc = xmlReadMemory (data, size, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_HTTP, _("The server’s listing of %s could not be read."), path);
      return NULL;
    }
  /* <multistatus><response><href>…</href>…: every href but the folder's own. */
  dir_uri = g_uri_parse (dir_url, SOUP_HTTP_URI_FLAGS, NULL);
  dir_path = dir_uri ? plain_path (dir_uri) : g_strdup ("");
  for (xmlNodePtr response = xmlDocGetRootElement (doc)->children; response != NULL; response = response->next)
    for (xmlNodePtr child = response->children; child != NULL; child = child->next)
      if (child->type == XML_ELEMENT_NODE && xmlStrEqual (child->name, (const xmlChar *)"href") && dir_uri != NULL)
        {
          xmlChar *href = xmlNodeGetContent (child);
          g_autoptr(GUri) entry = g_uri_parse_relative (dir_uri, (const char *)href, SOUP_HTTP_URI_FLAGS, NULL);
          g_autofree char *entry_path = entry ? plain_path (entry) : NULL;
          const char *slash = entry_path ? strrchr (entry_path, '/') : NULL;

          if (entry_path != NULL && !g_str_equal (entry_path, dir_path) && slash != NULL && slash[1] != '\0')
            g_ptr_array_add (names, g_strdup (slash + 1));
          xmlFree (href);
        }
  xmlFreeDoc (doc);
  g_ptr_array_add (names, NULL);
  return (char **)g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

static char *
clipper_sync_webdav_describe (ClipperSyncTarget *target)
{
  return g_uri_to_string_partial (CLIPPER_SYNC_WEBDAV (target)->base, G_URI_HIDE_PASSWORD | G_URI_HIDE_USERINFO);
}

static void
clipper_sync_webdav_finalize (GObject *object)
{
  ClipperSyncWebdav *self = CLIPPER_SYNC_WEBDAV (object);

  g_clear_pointer (&self->base, g_uri_unref);
  g_clear_object (&self->session);
  g_mutex_clear (&self->mutex);
  if (self->authorization != NULL)
    memset (self->authorization, 0, strlen (self->authorization));
  g_clear_pointer (&self->authorization, g_free);

  G_OBJECT_CLASS (clipper_sync_webdav_parent_class)->finalize (object);
}

static void
clipper_sync_webdav_class_init (ClipperSyncWebdavClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ClipperSyncTargetClass *target_class = CLIPPER_SYNC_TARGET_CLASS (klass);

  object_class->finalize = clipper_sync_webdav_finalize;
  target_class->get = clipper_sync_webdav_get;
  target_class->put = clipper_sync_webdav_put;
  target_class->make_dir = clipper_sync_webdav_make_dir;
  target_class->list = clipper_sync_webdav_list;
  target_class->describe = clipper_sync_webdav_describe;
}

static void
clipper_sync_webdav_init (ClipperSyncWebdav *self)
{
  g_mutex_init (&self->mutex);
  self->timeout = DEFAULT_TIMEOUT;
}

/* Before the first request: the session is not changed once in use. */
void
clipper_sync_webdav_set_timeout (ClipperSyncWebdav *self,
                                 guint              seconds)
{
  g_return_if_fail (CLIPPER_IS_SYNC_WEBDAV (self));
  g_return_if_fail (self->session == NULL);

  self->timeout = seconds;
}

/**
 * clipper_sync_webdav_new:
 * @url: the folder on the server, http(s)
 * @user: (nullable): the user name
 * @password: (nullable): the password
 *
 * Returns: (transfer full): the target, or %NULL with @error set when
 *   @url is not a WebDAV address this can use
 */
ClipperSyncTarget *
clipper_sync_webdav_new (const char  *url,
                         const char  *user,
                         const char  *password,
                         GError     **error)
{
  g_autoptr(GUri) parsed = NULL;
  g_autofree char *with_slash = NULL;
  ClipperSyncWebdav *self;
  const char *scheme;

  with_slash = g_str_has_suffix (url, "/") ? g_strdup (url) : g_strconcat (url, "/", NULL);
  parsed = g_uri_parse (with_slash, SOUP_HTTP_URI_FLAGS, NULL);
  scheme = parsed ? g_uri_get_scheme (parsed) : NULL;
  if (parsed == NULL || g_uri_get_host (parsed) == NULL ||
      (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0))
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT, _("“%s” is not a WebDAV address (http or https)."),
                   url);
      return NULL;
    }

  self = g_object_new (CLIPPER_TYPE_SYNC_WEBDAV, NULL);
  self->base = g_steal_pointer (&parsed);
  if (user != NULL && user[0] != '\0')
    {
      g_autofree char *pair = g_strconcat (user, ":", password ? password : "", NULL);
      g_autofree char *encoded = g_base64_encode ((const guchar *)pair, strlen (pair));

      self->authorization = g_strconcat ("Basic ", encoded, NULL);
      memset (pair, 0, strlen (pair));
    }
  return CLIPPER_SYNC_TARGET (self);
}
