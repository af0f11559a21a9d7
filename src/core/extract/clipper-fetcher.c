/* clipper-fetcher.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clipper-fetcher"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "clipper-error.h"
#include "clipper-fetcher.h"
#include "clipper-net-guard.h"

#define DEFAULT_MAX_SIZE     (20 * 1024 * 1024)
#define DEFAULT_TIMEOUT      30
#define MAX_REDIRECTS        10
#define READ_CHUNK           (64 * 1024)

struct _ClipperFetcher
{
  GObject      parent_instance;

  SoupSession *session;
  gsize        max_size;
  guint        timeout;
};

G_DEFINE_FINAL_TYPE (ClipperFetcher, clipper_fetcher, G_TYPE_OBJECT)

typedef struct
{
  GUri         *uri;
  SoupMessage  *message;
  GInputStream *stream;
  GByteArray   *body;
  GCancellable *cancellable;
  GCancellable *outer;
  gulong        outer_id;
  char         *charset;
  guint         redirects;
  GSource      *deadline;
  gboolean      timed_out;
  goffset       expected_length;   /* Content-Length of an unencoded body, or -1 */
  ClipperNetGuard guard;
} FetchData;

static void send_message (GTask *task);

static void
fetch_data_free (FetchData *data)
{
  if (data->deadline != NULL)
    g_source_destroy (data->deadline);
  g_clear_pointer (&data->deadline, g_source_unref);
  clipper_net_guard_clear (&data->guard);
  if (data->outer != NULL)
    g_cancellable_disconnect (data->outer, data->outer_id);
  g_clear_object (&data->outer);
  g_clear_pointer (&data->uri, g_uri_unref);
  g_clear_object (&data->message);
  g_clear_object (&data->stream);
  g_clear_pointer (&data->body, g_byte_array_unref);
  g_clear_object (&data->cancellable);
  g_clear_pointer (&data->charset, g_free);
  g_free (data);
}

static void
return_error (GTask  *task,
              GError *error)
{
  FetchData *data = g_task_get_task_data (task);
  g_autofree char *host = g_strdup (g_uri_get_host (data->uri));

  if (data->timed_out)
    {
      g_clear_error (&error);
      g_task_return_new_error (task, CLIPPER_ERROR, CLIPPER_ERROR_NETWORK,
                               _("%s did not answer in time (%u seconds)."),
                               host,
                               ((ClipperFetcher *)g_task_get_source_object (task))->timeout);
      return;
    }

  if (data->guard.refused != NULL)
    {
      g_clear_error (&error);
      g_task_return_new_error (task, CLIPPER_ERROR, CLIPPER_ERROR_REFUSED,
                               _("The page leads to %s (%s), an address on this computer or its "
                                 "local network, which a public page may not reach."),
                               host, data->guard.refused);
      return;
    }

  if (error->domain == G_IO_ERROR && error->code == G_IO_ERROR_CANCELLED)
    {
      g_task_return_error (task, error);
      return;
    }

  if (error->domain == G_RESOLVER_ERROR)
    {
      g_task_return_new_error (task, CLIPPER_ERROR, CLIPPER_ERROR_NETWORK,
                               _("The server “%s” could not be found."), host);
      g_error_free (error);
      return;
    }

  if (error->domain == G_IO_ERROR && error->code == G_IO_ERROR_CONNECTION_REFUSED)
    {
      g_task_return_new_error (task, CLIPPER_ERROR, CLIPPER_ERROR_NETWORK,
                               _("The server “%s” refused the connection."), host);
      g_error_free (error);
      return;
    }

  if (error->domain == G_IO_ERROR && error->code == G_IO_ERROR_TIMED_OUT)
    {
      g_task_return_new_error (task, CLIPPER_ERROR, CLIPPER_ERROR_NETWORK,
                               _("%s did not answer in time."), host);
      g_error_free (error);
      return;
    }

  if (error->domain == G_IO_ERROR && error->code == G_IO_ERROR_PARTIAL_INPUT)
    {
      g_task_return_new_error (task, CLIPPER_ERROR, CLIPPER_ERROR_NETWORK,
                               _("The connection to %s closed before the whole page arrived; "
                                 "the page was not clipped."), host);
      g_error_free (error);
      return;
    }

  if (error->domain == CLIPPER_ERROR)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_new_error (task, CLIPPER_ERROR, CLIPPER_ERROR_NETWORK,
                           _("Could not fetch the page from %s: %s"), host, error->message);
  g_error_free (error);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  FetchData *data = user_data;

  g_clear_pointer (&data->deadline, g_source_unref);
  data->timed_out = TRUE;
  g_cancellable_cancel (data->cancellable);

  return G_SOURCE_REMOVE;
}

static void
on_stream_closed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FetchData *data = g_task_get_task_data (task);

  g_input_stream_close_finish (G_INPUT_STREAM (object), result, NULL);

  g_task_return_pointer (task,
                         g_byte_array_free_to_bytes (g_steal_pointer (&data->body)),
                         (GDestroyNotify)g_bytes_unref);
}

static void
on_read_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ClipperFetcher *self = g_task_get_source_object (task);
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      return_error (task, error);
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      /* A connection that closes early ends the body too. */
      if (data->expected_length >= 0 && (goffset)data->body->len < data->expected_length)
        {
          g_autofree char *got = g_format_size (data->body->len);
          g_autofree char *expected = g_format_size (data->expected_length);

          g_task_return_new_error (task, CLIPPER_ERROR, CLIPPER_ERROR_NETWORK,
                                   _("The connection to %s closed after %s of %s; the page "
                                     "was not clipped."),
                                   g_uri_get_host (data->uri), got, expected);
          return;
        }

      g_input_stream_close_async (data->stream, G_PRIORITY_DEFAULT, NULL,
                                  on_stream_closed_cb, g_steal_pointer (&task));
      return;
    }

  if (data->body->len + g_bytes_get_size (chunk) > self->max_size)
    {
      g_autofree char *size = g_format_size (self->max_size);

      g_task_return_new_error (task, CLIPPER_ERROR, CLIPPER_ERROR_TOO_LARGE,
                               _("The page is larger than %s; it was not clipped."),
                               size);
      return;
    }

  g_byte_array_append (data->body,
                       g_bytes_get_data (chunk, NULL),
                       g_bytes_get_size (chunk));

  g_input_stream_read_bytes_async (data->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   data->cancellable, on_read_cb, g_steal_pointer (&task));
}

static gboolean
is_html (const char *content_type)
{
  return content_type == NULL ||
         g_ascii_strcasecmp (content_type, "text/html") == 0 ||
         g_ascii_strcasecmp (content_type, "application/xhtml+xml") == 0;
}

static void
on_send_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ClipperFetcher *self = g_task_get_source_object (task);
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GHashTable) params = NULL;
  SoupMessageHeaders *headers;
  const char *content_type;
  GError *error = NULL;
  goffset length;
  guint status;

  data->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (data->stream == NULL)
    {
      return_error (task, error);
      return;
    }

  status = soup_message_get_status (data->message);
  headers = soup_message_get_response_headers (data->message);

  if (SOUP_STATUS_IS_REDIRECTION (status) &&
      soup_message_headers_get_one (headers, "Location") != NULL)
    {
      const char *location = soup_message_headers_get_one (headers, "Location");
      GUri *next = g_uri_parse_relative (data->uri, location, SOUP_HTTP_URI_FLAGS, NULL);

      if (next == NULL || ++data->redirects > MAX_REDIRECTS ||
          (g_strcmp0 (g_uri_get_scheme (next), "http") != 0 &&
           g_strcmp0 (g_uri_get_scheme (next), "https") != 0))
        {
          g_clear_pointer (&next, g_uri_unref);
          g_task_return_new_error (task, CLIPPER_ERROR, CLIPPER_ERROR_HTTP,
                                   data->redirects > MAX_REDIRECTS ?
                                   _("The page redirects too many times.") :
                                   _("The page redirects to an address that cannot be fetched."));
          return;
        }

      g_clear_object (&data->stream);
      g_clear_object (&data->message);
      g_uri_unref (data->uri);
      data->uri = next;
      send_message (g_steal_pointer (&task));
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      const char *reason = soup_message_get_reason_phrase (data->message);

      /* Timeouts, rate limits and server errors pass; a missing page does not. */
      gboolean passing = status == 408 || status == 425 || status == 429 || status == 500 || status == 502 ||
                         status == 503 || status == 504;

      g_task_return_new_error (task, CLIPPER_ERROR, passing ? CLIPPER_ERROR_UNAVAILABLE : CLIPPER_ERROR_HTTP,
                               _("The server answered “%u %s”."),
                               status, reason ? reason : soup_status_get_phrase (status));
      return;
    }

  content_type = soup_message_headers_get_content_type (headers, &params);
  if (!is_html (content_type))
    {
      g_task_return_new_error (task, CLIPPER_ERROR, CLIPPER_ERROR_UNSUPPORTED_CONTENT,
                               _("The address points to “%s”, not to a web page."),
                               content_type);
      return;
    }

  if (params != NULL && g_hash_table_lookup (params, "charset"))
    data->charset = g_strdup (g_hash_table_lookup (params, "charset"));

  length = soup_message_headers_get_content_length (headers);
  if (length > 0 && (guint64)length > self->max_size)
    {
      g_autofree char *size = g_format_size (self->max_size);

      g_task_return_new_error (task, CLIPPER_ERROR, CLIPPER_ERROR_TOO_LARGE,
                               _("The page is larger than %s; it was not clipped."),
                               size);
      return;
    }

  /* Compressed bodies arrive decoded; only a plain one has a length to check. */
  {
    const char *coding = soup_message_headers_get_one (headers, "Content-Encoding");

    data->expected_length = (length > 0 && (coding == NULL || g_ascii_strcasecmp (coding, "identity") == 0))
                            ? length : -1;
  }

  data->body = g_byte_array_new ();
  g_input_stream_read_bytes_async (data->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   data->cancellable, on_read_cb, g_steal_pointer (&task));
}

static void
send_message (GTask *task)
{
  ClipperFetcher *self = g_task_get_source_object (task);
  FetchData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  data->message = soup_message_new_from_uri (SOUP_METHOD_GET, data->uri);
  soup_message_add_flags (data->message, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (data->message);
  soup_message_headers_replace (headers, "Accept",
                                "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5");
  clipper_net_guard_watch (&data->guard, data->message);

  soup_session_send_async (self->session, data->message, G_PRIORITY_DEFAULT,
                           data->cancellable, on_send_cb, task);
}

static void
clipper_fetcher_finalize (GObject *object)
{
  ClipperFetcher *self = (ClipperFetcher *)object;

  g_clear_object (&self->session);

  G_OBJECT_CLASS (clipper_fetcher_parent_class)->finalize (object);
}

static void
clipper_fetcher_class_init (ClipperFetcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = clipper_fetcher_finalize;
}

static void
clipper_fetcher_init (ClipperFetcher *self)
{
  self->max_size = DEFAULT_MAX_SIZE;
  self->timeout = DEFAULT_TIMEOUT;
  self->session = soup_session_new_with_options ("user-agent", PACKAGE_NAME "/" PACKAGE_VERSION,
                                                 "timeout", DEFAULT_TIMEOUT,
                                                 "idle-timeout", 10,
                                                 /* Callers that fetch many pages set their own
                                                  * limit per server, which libsoup's default of
                                                  * 2 would otherwise cap. */
                                                 "max-conns-per-host", 6,
                                                 NULL);
}

ClipperFetcher *
clipper_fetcher_new (void)
{
  return g_object_new (CLIPPER_TYPE_FETCHER, NULL);
}

void
clipper_fetcher_set_max_size (ClipperFetcher *self,
                              gsize           max_size)
{
  g_return_if_fail (CLIPPER_IS_FETCHER (self));

  self->max_size = max_size;
}

void
clipper_fetcher_set_timeout (ClipperFetcher *self,
                             guint           seconds)
{
  g_return_if_fail (CLIPPER_IS_FETCHER (self));

  self->timeout = seconds;
  soup_session_set_timeout (self->session, seconds);
}

static void
on_cancelled_cb (GCancellable *cancellable,
                 GCancellable *inner)
{
  g_cancellable_cancel (inner);
}

void
clipper_fetcher_fetch_page_async (ClipperFetcher      *self,
                                  const char          *url,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  FetchData *data;

  g_return_if_fail (CLIPPER_IS_FETCHER (self));
  g_return_if_fail (url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, clipper_fetcher_fetch_page_async);

  data = g_new0 (FetchData, 1);
  data->uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &error);
  data->cancellable = g_cancellable_new ();
  data->expected_length = -1;
  clipper_net_guard_init (&data->guard, CLIPPER_NET_UNDECIDED, data->cancellable);
  g_task_set_task_data (task, data, (GDestroyNotify)fetch_data_free);

  if (data->uri == NULL ||
      (g_strcmp0 (g_uri_get_scheme (data->uri), "http") != 0 &&
       g_strcmp0 (g_uri_get_scheme (data->uri), "https") != 0) ||
      g_uri_get_host (data->uri) == NULL || g_uri_get_host (data->uri)[0] == '\0')
    {
      g_clear_pointer (&data->uri, g_uri_unref);
      data->uri = g_uri_build (G_URI_FLAGS_NONE, "http", NULL, url, -1, "", NULL, NULL);
      g_task_return_new_error (task, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT,
                               _("“%s” is not a web address that can be fetched."), url);
      return;
    }

  /* The overall deadline covers slow servers that trickle bytes forever.
   * It runs where the task does: the command line iterates a context of
   * its own, never the global default one. */
  data->deadline = g_timeout_source_new_seconds (self->timeout);
  g_source_set_callback (data->deadline, on_timeout_cb, data, NULL);
  g_source_attach (data->deadline, g_task_get_context (task));
  if (cancellable != NULL)
    {
      data->outer = g_object_ref (cancellable);
      data->outer_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled_cb),
                                              g_object_ref (data->cancellable), g_object_unref);
    }

  send_message (g_steal_pointer (&task));
}

GBytes *
clipper_fetcher_fetch_page_finish (ClipperFetcher  *self,
                                   GAsyncResult    *result,
                                   char           **final_url,
                                   char           **charset,
                                   GError         **error)
{
  FetchData *data;
  GBytes *bytes;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  bytes = g_task_propagate_pointer (G_TASK (result), error);
  if (bytes == NULL)
    return NULL;

  data = g_task_get_task_data (G_TASK (result));
  if (final_url != NULL)
    *final_url = g_uri_to_string (data->uri);
  if (charset != NULL)
    *charset = g_strdup (data->charset);

  return bytes;
}
