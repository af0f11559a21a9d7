/* clipper-uri-scheme.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clipper-uri-scheme"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "clipper-error.h"
#include "clipper-html.h"
#include "clipper-uri-scheme.h"
#include "clipper-uri.h"

/* Stored pages never run their own script and never reach the network:
 * only our own resources and inline images may load. */
#define CLIPPING_CSP "default-src 'none'; img-src clipper: data:; style-src 'unsafe-inline'; " \
                     "script-src 'none'; base-uri 'none'; form-action 'none'"

struct _ClipperUriScheme
{
  GObject       parent_instance;

  ClipperStore *store;
  GError       *error;
  /* Requests that came before the library finished opening. */
  GPtrArray    *waiting;
};

G_DEFINE_FINAL_TYPE (ClipperUriScheme, clipper_uri_scheme, G_TYPE_OBJECT)

static void
finish_with_html (WebKitURISchemeRequest *request,
                  const char             *html,
                  guint                   status)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(WebKitURISchemeResponse) response = NULL;
  SoupMessageHeaders *headers;
  gsize length = strlen (html);

  stream = g_memory_input_stream_new_from_data (g_strdup (html), length, g_free);
  response = webkit_uri_scheme_response_new (stream, length);
  webkit_uri_scheme_response_set_status (response, status, NULL);
  webkit_uri_scheme_response_set_content_type (response, "text/html; charset=utf-8");

  headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  soup_message_headers_append (headers, "Content-Security-Policy", CLIPPING_CSP);
  webkit_uri_scheme_response_set_http_headers (response, headers);

  webkit_uri_scheme_request_finish_with_response (request, response);
}

static char *
render_error_page (const char *message)
{
  g_autofree char *escaped = clipper_html_escape (message);
  g_autofree char *title = clipper_html_escape (_("This clipping cannot be shown"));

  return g_strdup_printf ("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                          "<title>%s</title><style>body{font:16px sans-serif;max-width:40em;"
                          "margin:4em auto;color:#444}@media(prefers-color-scheme:dark)"
                          "{body{background:#242424;color:#ddd}}</style></head>"
                          "<body><h1>%s</h1><p>%s</p></body></html>",
                          title, title, escaped);
}

static gpointer
get_clipping_job (ClipperStore  *store,
                  gpointer       data,
                  GError       **error)
{
  return clipper_store_find_clipping (store, *(gint64 *)data, error);
}

static void
on_clipping_loaded_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(WebKitURISchemeRequest) request = user_data;
  g_autoptr(ClipperClipping) clipping = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;

  clipping = clipper_store_run_finish (CLIPPER_STORE (object), result, &error);
  if (clipping == NULL)
    {
      g_autofree char *page = render_error_page (error->message);

      finish_with_html (request, page,
                        g_error_matches (error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND) ? 404 : 500);
      return;
    }

  html = clipper_uri_scheme_render_clipping (clipping);
  finish_with_html (request, html, 200);
}

static void
resource_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ClipperUriScheme *self = source_object;
  g_autofree char *mime_type = NULL;
  GError *error = NULL;
  GBytes *data;

  data = clipper_store_dup_resource (self->store, task_data, &mime_type, &error);
  if (data == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_object_set_data_full (G_OBJECT (task), "mime-type", g_steal_pointer (&mime_type), g_free);
  g_task_return_pointer (task, data, (GDestroyNotify)g_bytes_unref);
}

static void
on_resource_loaded_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(WebKitURISchemeRequest) request = user_data;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(WebKitURISchemeResponse) response = NULL;

  data = g_task_propagate_pointer (G_TASK (result), &error);
  if (data == NULL)
    {
      webkit_uri_scheme_request_finish_error (request, error);
      return;
    }

  stream = g_memory_input_stream_new_from_bytes (data);
  response = webkit_uri_scheme_response_new (stream, g_bytes_get_size (data));
  webkit_uri_scheme_response_set_content_type (response,
                                               g_object_get_data (G_OBJECT (result), "mime-type"));
  webkit_uri_scheme_request_finish_with_response (request, response);
}

/* clipper://resource/HASH: a stored image, by its SHA-256. */
static gboolean
serve_resource (ClipperUriScheme       *self,
                WebKitURISchemeRequest *request)
{
  const char *uri = webkit_uri_scheme_request_get_uri (request);
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GTask) task = NULL;
  const char *hash;

  if (parsed == NULL || g_strcmp0 (g_uri_get_host (parsed), "resource") != 0)
    return FALSE;

  hash = g_uri_get_path (parsed);
  if (hash[0] == '/')
    hash++;

  if (!clipper_resource_hash_is_valid (hash))
    {
      g_autoptr(GError) error = g_error_new (CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND,
                                             _("There is nothing at this address."));

      webkit_uri_scheme_request_finish_error (request, error);
      return TRUE;
    }

  task = g_task_new (self, NULL, on_resource_loaded_cb, g_object_ref (request));
  g_task_set_source_tag (task, serve_resource);
  g_task_set_task_data (task, g_strdup (hash), g_free);
  g_task_run_in_thread (task, resource_thread);

  return TRUE;
}

static void
handle_request (WebKitURISchemeRequest *request,
                gpointer                user_data)
{
  ClipperUriScheme *self = user_data;
  const char *uri = webkit_uri_scheme_request_get_uri (request);
  gint64 id;

  id = clipper_uri_parse_clipping_id (uri);

  if (self->error != NULL)
    {
      g_autofree char *page = render_error_page (self->error->message);

      finish_with_html (request, page, 500);
      return;
    }

  if (self->store == NULL)
    {
      g_ptr_array_add (self->waiting, g_object_ref (request));
      return;
    }

  if (serve_resource (self, request))
    return;

  if (id <= 0)
    {
      g_autofree char *page = render_error_page (_("There is nothing at this address."));

      finish_with_html (request, page, 404);
      return;
    }

  clipper_store_run_async (self->store, get_clipping_job, g_memdup2 (&id, sizeof id), g_free, g_object_unref,
                           NULL, on_clipping_loaded_cb, g_object_ref (request));
}

static void
clipper_uri_scheme_finalize (GObject *object)
{
  ClipperUriScheme *self = (ClipperUriScheme *)object;

  g_clear_object (&self->store);
  g_clear_error (&self->error);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);

  G_OBJECT_CLASS (clipper_uri_scheme_parent_class)->finalize (object);
}

static void
clipper_uri_scheme_class_init (ClipperUriSchemeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = clipper_uri_scheme_finalize;
}

static void
clipper_uri_scheme_init (ClipperUriScheme *self)
{
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
}

ClipperUriScheme *
clipper_uri_scheme_new (void)
{
  return g_object_new (CLIPPER_TYPE_URI_SCHEME, NULL);
}

static void
serve_waiting (ClipperUriScheme *self)
{
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting);

  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < waiting->len; i++)
    handle_request (g_ptr_array_index (waiting, i), self);
}

void
clipper_uri_scheme_set_store (ClipperUriScheme *self,
                              ClipperStore     *store)
{
  g_return_if_fail (CLIPPER_IS_URI_SCHEME (self));
  g_return_if_fail (CLIPPER_IS_STORE (store));

  g_set_object (&self->store, store);
  g_clear_error (&self->error);
  serve_waiting (self);
}

void
clipper_uri_scheme_set_error (ClipperUriScheme *self,
                              const GError     *error)
{
  g_return_if_fail (CLIPPER_IS_URI_SCHEME (self));
  g_return_if_fail (error != NULL);

  g_clear_error (&self->error);
  self->error = g_error_copy (error);
  serve_waiting (self);
}

void
clipper_uri_scheme_register (ClipperUriScheme *self,
                             WebKitWebContext *context)
{
  WebKitSecurityManager *security;

  g_return_if_fail (CLIPPER_IS_URI_SCHEME (self));
  g_return_if_fail (WEBKIT_IS_WEB_CONTEXT (context));

  webkit_web_context_register_uri_scheme (context, CLIPPER_SCHEME_NAME, handle_request,
                                          g_object_ref (self), g_object_unref);

  /* Web pages must not be able to load or link into the library. */
  security = webkit_web_context_get_security_manager (context);
  webkit_security_manager_register_uri_scheme_as_local (security, CLIPPER_SCHEME_NAME);
  webkit_security_manager_register_uri_scheme_as_secure (security, CLIPPER_SCHEME_NAME);
}

static char *
load_reader_css (void)
{
  g_autoptr(GBytes) bytes = NULL;

  bytes = g_resources_lookup_data ("/com/example/Clipper/reader/reader.css",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL)
    return g_strdup ("");

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* The reader page around a stored clipping. Every field but the sanitised
 * content is escaped. */
char *
clipper_uri_scheme_render_clipping (ClipperClipping *clipping)
{
  g_autoptr(GString) meta = g_string_new (NULL);
  g_autofree char *css = load_reader_css ();
  g_autofree char *title = clipper_html_escape (clipper_clipping_get_title (clipping));
  g_autofree char *lang = clipper_html_escape (clipper_clipping_get_lang (clipping));
  g_autofree char *site = clipper_clipping_dup_display_site (clipping);
  g_autofree char *site_escaped = clipper_html_escape (site);
  g_autofree char *date = clipper_clipping_format_clipped_at (clipping);
  g_autofree char *published = clipper_clipping_format_published (clipping);
  g_autofree char *url = NULL;
  const char *dir = clipper_clipping_get_dir (clipping);
  const char *original = clipper_clipping_get_url (clipping);

  if (g_strcmp0 (dir, "rtl") != 0)
    dir = "ltr";

  if (clipper_clipping_get_byline (clipping) != NULL)
    {
      g_autofree char *byline = clipper_html_escape (clipper_clipping_get_byline (clipping));

      g_string_append_printf (meta, "<span class=\"byline\">%s</span>", byline);
    }

  if (site[0] != '\0')
    g_string_append_printf (meta, "<span class=\"site\">%s</span>", site_escaped);

  if (published != NULL)
    {
      g_autofree char *escaped = clipper_html_escape (published);
      /* Translators: %s is a date, as in “4 Mar 2025” */
      g_autofree char *published_text = g_strdup_printf (_("Published %s"), escaped);
      /* Translators: %s is a date, as in “2 Dec 2026” */
      g_autofree char *clipped_text = g_strdup_printf (_("Clipped %s"), date);

      g_string_append_printf (meta, "<span class=\"date published\">%s</span><span class=\"date\">%s</span>",
                              published_text, clipped_text);
    }
  else
    g_string_append_printf (meta, "<span class=\"date\">%s</span>", date);

  if (original != NULL && (g_str_has_prefix (original, "http://") ||
                           g_str_has_prefix (original, "https://")))
    {
      url = clipper_html_escape (original);
      g_string_append_printf (meta, "<a class=\"source\" href=\"%s\">%s</a>", url,
                              _("Original page"));
    }

  return g_strdup_printf ("<!DOCTYPE html>\n"
                          "<html lang=\"%s\" dir=\"%s\"><head><meta charset=\"utf-8\">"
                          "<meta http-equiv=\"Content-Security-Policy\" content=\"%s\">"
                          "<meta name=\"viewport\" content=\"width=device-width\">"
                          "<title>%s</title><style>%s</style></head>\n"
                          "<body><article class=\"clipper-reader\">"
                          "<header><h1 class=\"clipper-title\">%s</h1>"
                          "<p class=\"clipper-meta\">%s</p></header>\n"
                          "<div id=\"clipper-content\">%s</div>"
                          "</article></body></html>\n",
                          lang, dir, CLIPPING_CSP, title, css, title, meta->str,
                          clipper_clipping_get_content (clipping));
}
