/* test-fetcher.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fetcher against a local SoupServer on 127.0.0.1: pages, and every
 * way fetching a page can fail.
 */

#include "config.h"

#include "clipper-test-util.h"

#include <libsoup/soup.h>
#include <string.h>

#include "clipper-error.h"
#include "clipper-fetcher.h"

static SoupServer *server;
static char *base;

static void
handle_cb (SoupServer        *srv,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  if (g_str_equal (path, "/page"))
    {
      const char *body = "<html><head><title>Caf\xe9</title></head><body><p>Hi</p></body></html>";

      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/html; charset=ISO-8859-1",
                                        SOUP_MEMORY_STATIC, body, strlen (body));
    }
  else if (g_str_equal (path, "/gzip"))
    {
      const char *body = "<html><body><p>Compressed page</p></body></html>";
      g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
      guchar out[1024];
      gsize read, written;

      g_converter_convert (G_CONVERTER (compressor), body, strlen (body), out, sizeof out,
                           G_CONVERTER_INPUT_AT_END, &read, &written, NULL);
      soup_message_headers_append (headers, "Content-Encoding", "gzip");
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_COPY, (const char *)out, written);
    }
  else if (g_str_equal (path, "/moved"))
    {
      soup_server_message_set_redirect (msg, 302, "/page");
    }
  else if (g_str_equal (path, "/loop"))
    {
      soup_server_message_set_redirect (msg, 302, "/loop");
    }
  else if (g_str_equal (path, "/to-ftp"))
    {
      soup_server_message_set_redirect (msg, 302, "ftp://127.0.0.1/x");
    }
  else if (g_str_equal (path, "/pdf"))
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/pdf", SOUP_MEMORY_STATIC, "%PDF-1.4", 8);
    }
  else if (g_str_equal (path, "/huge"))
    {
      gsize size = 3 * 1024 * 1024;
      char *body = g_malloc (size);

      memset (body, 'x', size);
      memcpy (body, "<p>", 3);
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_TAKE, body, size);
    }
  else if (g_str_equal (path, "/huge-chunked"))
    {
      SoupMessageBody *out = soup_server_message_get_response_body (msg);

      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_message_headers_set_content_type (headers, "text/html", NULL);
      soup_server_message_set_status (msg, 200, NULL);
      for (guint i = 0; i < 64; i++)
        {
          char *chunk = g_malloc (64 * 1024);

          memset (chunk, 'y', 64 * 1024);
          soup_message_body_append (out, SOUP_MEMORY_TAKE, chunk, 64 * 1024);
        }
      soup_message_body_complete (out);
    }
  else if (g_str_equal (path, "/slow"))
    {
      /* Never answers: the fetcher's deadline must end it. */
      soup_server_message_pause (msg);
    }
  else if (g_str_equal (path, "/error"))
    {
      soup_server_message_set_status (msg, 503, NULL);
    }
  else if (g_str_equal (path, "/forbidden"))
    {
      soup_server_message_set_status (msg, 403, NULL);
    }
  else if (g_str_equal (path, "/too-many"))
    {
      soup_server_message_set_status (msg, 429, NULL);
    }
  else
    {
      soup_server_message_set_status (msg, 404, NULL);
    }
}

typedef struct
{
  GBytes   *bytes;
  char     *final_url;
  char     *charset;
  GError   *error;
  gboolean  done;
} Fetch;

static void
on_fetched_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Fetch *fetch = user_data;

  fetch->bytes = clipper_fetcher_fetch_page_finish (CLIPPER_FETCHER (object), result,
                                                    &fetch->final_url, &fetch->charset,
                                                    &fetch->error);
  fetch->done = TRUE;
}

static void
fetch_clear (Fetch *fetch)
{
  g_clear_pointer (&fetch->bytes, g_bytes_unref);
  g_clear_pointer (&fetch->final_url, g_free);
  g_clear_pointer (&fetch->charset, g_free);
  g_clear_error (&fetch->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Fetch, fetch_clear)

static void
fetch_url (ClipperFetcher *fetcher,
           const char     *url,
           Fetch          *fetch)
{
  clipper_fetcher_fetch_page_async (fetcher, url, NULL, on_fetched_cb, fetch);
  clipper_test_iterate_until (clipper_test_flag_set, &fetch->done, "the fetch to end");
}

static void
fetch_path (const char *path,
            Fetch      *fetch)
{
  g_autoptr(ClipperFetcher) fetcher = clipper_fetcher_new ();
  g_autofree char *url = g_strconcat (base, path, NULL);

  clipper_fetcher_set_max_size (fetcher, 2 * 1024 * 1024);
  clipper_fetcher_set_timeout (fetcher, 2);
  fetch_url (fetcher, url, fetch);
}

static void
assert_fails (const char *path,
              int         code)
{
  g_auto(Fetch) fetch = { 0 };

  fetch_path (path, &fetch);
  g_assert_null (fetch.bytes);
  g_assert_error (fetch.error, CLIPPER_ERROR, code);
  g_assert_null (strchr (fetch.error->message, '\n'));
  g_test_message ("%s: %s", path, fetch.error->message);
}

static void
test_page (void)
{
  g_auto(Fetch) fetch = { 0 };
  g_autofree char *expected = g_strconcat (base, "/page", NULL);

  fetch_path ("/moved", &fetch);
  g_assert_no_error (fetch.error);
  g_assert_nonnull (fetch.bytes);
  g_assert_cmpstr (fetch.final_url, ==, expected);
  g_assert_cmpstr (fetch.charset, ==, "ISO-8859-1");
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (fetch.bytes, NULL),
                                  g_bytes_get_size (fetch.bytes), "<p>Hi</p>"));
}

static void
test_gzip (void)
{
  g_auto(Fetch) fetch = { 0 };

  fetch_path ("/gzip", &fetch);
  g_assert_no_error (fetch.error);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (fetch.bytes, NULL),
                                  g_bytes_get_size (fetch.bytes), "Compressed page"));
}

static void
test_http_errors (void)
{
  /* Only what may pass is worth another try. */
  assert_fails ("/missing", CLIPPER_ERROR_HTTP);
  assert_fails ("/forbidden", CLIPPER_ERROR_HTTP);
  assert_fails ("/error", CLIPPER_ERROR_UNAVAILABLE);
  assert_fails ("/too-many", CLIPPER_ERROR_UNAVAILABLE);
  assert_fails ("/loop", CLIPPER_ERROR_HTTP);
  assert_fails ("/to-ftp", CLIPPER_ERROR_HTTP);
}

static void
test_not_html (void)
{
  assert_fails ("/pdf", CLIPPER_ERROR_UNSUPPORTED_CONTENT);
}

static void
test_too_large (void)
{
  assert_fails ("/huge", CLIPPER_ERROR_TOO_LARGE);
  assert_fails ("/huge-chunked", CLIPPER_ERROR_TOO_LARGE);
}

static void
test_timeout (void)
{
  assert_fails ("/slow", CLIPPER_ERROR_NETWORK);
}

static void
test_refused (void)
{
  g_autoptr(SoupServer) closed = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperFetcher) fetcher = clipper_fetcher_new ();
  g_auto(Fetch) fetch = { 0 };
  g_autofree char *url = NULL;
  GSList *uris;

  /* A port that was just free: nothing listens there any more. */
  soup_server_listen_local (closed, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (closed);
  url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
  soup_server_disconnect (closed);

  fetch_url (fetcher, url, &fetch);
  g_assert_error (fetch.error, CLIPPER_ERROR, CLIPPER_ERROR_NETWORK);
  g_assert_nonnull (strstr (fetch.error->message, "refused"));
}

static void
test_bad_urls (void)
{
  const char *urls[] = { "", "not a url", "ftp://example.org/", "file:///etc/passwd", "http://", "javascript:alert(1)" };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(ClipperFetcher) fetcher = clipper_fetcher_new ();
      g_auto(Fetch) fetch = { 0 };

      fetch_url (fetcher, urls[i], &fetch);
      g_assert_error (fetch.error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT);
    }
}

/* A resolver that knows no names, so the test never asks real DNS. */
typedef struct { GResolver parent; } NoResolver;
typedef struct { GResolverClass parent_class; } NoResolverClass;
static GType no_resolver_get_type (void);
G_DEFINE_TYPE (NoResolver, no_resolver, G_TYPE_RESOLVER)

static void
no_resolver_lookup_by_name_async (GResolver           *resolver,
                                  const char          *hostname,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);

  g_task_return_new_error (task, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND,
                           "No such host “%s”", hostname);
}

static GList *
no_resolver_lookup_by_name_finish (GResolver     *resolver,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
no_resolver_lookup_by_name_with_flags_async (GResolver                *resolver,
                                             const char               *hostname,
                                             GResolverNameLookupFlags  flags,
                                             GCancellable             *cancellable,
                                             GAsyncReadyCallback       callback,
                                             gpointer                  user_data)
{
  no_resolver_lookup_by_name_async (resolver, hostname, cancellable, callback, user_data);
}

static void
no_resolver_class_init (NoResolverClass *klass)
{
  GResolverClass *resolver_class = G_RESOLVER_CLASS (klass);

  resolver_class->lookup_by_name_async = no_resolver_lookup_by_name_async;
  resolver_class->lookup_by_name_finish = no_resolver_lookup_by_name_finish;
  resolver_class->lookup_by_name_with_flags_async = no_resolver_lookup_by_name_with_flags_async;
  resolver_class->lookup_by_name_with_flags_finish = no_resolver_lookup_by_name_finish;
}

static void
no_resolver_init (NoResolver *self)
{
}

static void
test_dns (void)
{
  g_autoptr(GResolver) previous = g_resolver_get_default ();
  g_autoptr(GResolver) none = g_object_new (no_resolver_get_type (), NULL);
  g_autoptr(ClipperFetcher) fetcher = NULL;
  g_auto(Fetch) fetch = { 0 };

  g_resolver_set_default (none);
  fetcher = clipper_fetcher_new ();
  fetch_url (fetcher, "http://no-such-host.example/", &fetch);
  g_resolver_set_default (previous);

  g_assert_error (fetch.error, CLIPPER_ERROR, CLIPPER_ERROR_NETWORK);
  g_assert_nonnull (strstr (fetch.error->message, "no-such-host.example"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  GSList *uris;
  int status;

  g_test_init (&argc, &argv, NULL);

  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, handle_cb, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base = g_uri_to_string_partial (uris->data, G_URI_HIDE_PASSWORD);
  if (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  g_test_add_func ("/clipper/fetcher/page", test_page);
  g_test_add_func ("/clipper/fetcher/gzip", test_gzip);
  g_test_add_func ("/clipper/fetcher/http-errors", test_http_errors);
  g_test_add_func ("/clipper/fetcher/not-html", test_not_html);
  g_test_add_func ("/clipper/fetcher/too-large", test_too_large);
  g_test_add_func ("/clipper/fetcher/timeout", test_timeout);
  g_test_add_func ("/clipper/fetcher/refused", test_refused);
  g_test_add_func ("/clipper/fetcher/bad-urls", test_bad_urls);
  g_test_add_func ("/clipper/fetcher/dns", test_dns);

  status = g_test_run ();

  g_clear_object (&server);
  g_free (base);
  return status;
}
