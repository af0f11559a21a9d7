/* clipper-image-saver.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Makes a clipping readable offline: downloads the images its HTML refers
 * to (a few at a time, each with a size cap and a deadline), keeps only
 * what really is an image, stores each once by its content's hash and
 * points the HTML at clipper://resource/HASH. An image that cannot be
 * saved keeps its address and says why in its title.
 */

#define G_LOG_DOMAIN "clipper-image-saver"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "clipper-error.h"
#include "clipper-html.h"
#include "clipper-image-saver.h"
#include "clipper-net-guard.h"

#define MAX_PARALLEL        4
#define MAX_IMAGE_SIZE      (15 * 1024 * 1024)
#define MAX_CLIPPING_SIZE   (60 * 1024 * 1024)
#define IMAGE_TIMEOUT       20
#define READ_CHUNK          (64 * 1024)

struct _ClipperImageSaver
{
  GObject       parent_instance;

  ClipperStore *store;
  SoupSession  *session;
  gsize         max_image_size;
  gsize         max_total_size;
  guint         timeout;
};

G_DEFINE_FINAL_TYPE (ClipperImageSaver, clipper_image_saver, G_TYPE_OBJECT)

typedef struct
{
  char         *url;
  GBytes       *data;
  char         *mime_type;
  char         *hash;
  char         *failure;
  /* while downloading */
  SoupMessage  *message;
  GInputStream *stream;
  GByteArray   *buffer;
  GCancellable *cancellable;
  GSource      *deadline;
  gboolean      timed_out;
  ClipperNetGuard guard;
} Image;

typedef struct
{
  char       *html;
  GPtrArray  *images;     /* Image*, one per distinct address */
  guint       next;
  guint       running;
  gsize       total;
  GTask      *task;       /* borrowed: the task owns this */
  char       *page_uri;
  ClipperNetPolicy policy;
} SaveData;

static void start_next (SaveData *save);

static void
image_stop_deadline (Image *image)
{
  if (image->deadline != NULL)
    g_source_destroy (image->deadline);
  g_clear_pointer (&image->deadline, g_source_unref);
}

static void
image_free (Image *image)
{
  image_stop_deadline (image);
  clipper_net_guard_clear (&image->guard);
  g_clear_pointer (&image->url, g_free);
  g_clear_pointer (&image->data, g_bytes_unref);
  g_clear_pointer (&image->mime_type, g_free);
  g_clear_pointer (&image->hash, g_free);
  g_clear_pointer (&image->failure, g_free);
  g_clear_object (&image->message);
  g_clear_object (&image->stream);
  g_clear_pointer (&image->buffer, g_byte_array_unref);
  g_clear_object (&image->cancellable);
  g_free (image);
}

static void
save_data_free (SaveData *save)
{
  g_clear_pointer (&save->html, g_free);
  g_clear_pointer (&save->page_uri, g_free);
  g_clear_pointer (&save->images, g_ptr_array_unref);
  g_free (save);
}

/**
 * clipper_image_saver_sniff:
 *
 * The image type of @data judged by its first bytes, or %NULL when it is
 * not an image we keep.
 */
const char *
clipper_image_saver_sniff (const guchar *data,
                           gsize         length)
{
  if (length >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (length >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return "image/jpeg";
  if (length >= 6 && (memcmp (data, "GIF87a", 6) == 0 || memcmp (data, "GIF89a", 6) == 0))
    return "image/gif";
  if (length >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return "image/webp";
  if (length >= 12 && memcmp (data + 4, "ftypavif", 8) == 0)
    return "image/avif";
  if (length >= 2 && data[0] == 'B' && data[1] == 'M')
    return "image/bmp";

  /* SVG: XML whose first element is <svg>. In an <img> it runs no script. */
  if (length >= 5)
    {
      g_autofree char *head = g_ascii_strdown ((const char *)data, MIN (length, 1024));
      const char *p = head;

      while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t' || (guchar)*p == 0xef ||
             (guchar)*p == 0xbb || (guchar)*p == 0xbf)
        p++;
      if (g_str_has_prefix (p, "<svg") ||
          ((g_str_has_prefix (p, "<?xml") || g_str_has_prefix (p, "<!doctype svg")) &&
           strstr (p, "<svg") != NULL && strstr (p, "<html") == NULL))
        return "image/svg+xml";
    }

  return NULL;
}

static void
image_done (SaveData *save,
            Image    *image)
{
  image_stop_deadline (image);
  g_clear_object (&image->stream);
  g_clear_object (&image->message);

  if (image->failure == NULL && image->buffer != NULL)
    {
      ClipperImageSaver *self = g_task_get_source_object (save->task);
      const char *mime = clipper_image_saver_sniff (image->buffer->data, image->buffer->len);

      if (mime == NULL)
        image->failure = g_strdup (_("it is not an image"));
      else if (save->total + image->buffer->len > self->max_total_size)
        image->failure = g_strdup (_("the clipping’s images are too large altogether"));
      else
        {
          save->total += image->buffer->len;
          image->mime_type = g_strdup (mime);
          image->hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                     image->buffer->data, image->buffer->len);
          image->data = g_byte_array_free_to_bytes (g_steal_pointer (&image->buffer));
        }
    }
  g_clear_pointer (&image->buffer, g_byte_array_unref);

  save->running--;
  start_next (save);
}

static void
image_fail (SaveData   *save,
            Image      *image,
            const char *reason)
{
  if (image->failure == NULL && image->guard.refused != NULL)
    image->failure = g_strdup_printf (_("its address (%s) is on this computer or its local network"),
                                      image->guard.refused);
  else if (image->failure == NULL)
    image->failure = g_strdup (image->timed_out ? _("it did not arrive in time") : reason);
  image_done (save, image);
}

static gboolean
on_image_timeout_cb (gpointer user_data)
{
  Image *image = user_data;

  g_clear_pointer (&image->deadline, g_source_unref);
  image->timed_out = TRUE;
  g_cancellable_cancel (image->cancellable);

  return G_SOURCE_REMOVE;
}

typedef struct
{
  SaveData *save;
  Image    *image;
} Job;

static void on_image_read_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data);

/* The job ends here: its image failed, for @reason. */
static void
job_fail (Job        *job,
          const char *reason)
{
  image_fail (job->save, job->image, reason);
  g_free (job);
}

/* A transfer error ends the job; a timeout is told apart for the report. */
static void
job_fail_with_error (Job          *job,
                     const GError *error)
{
  job->image->timed_out |= g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  job_fail (job, error->message);
}

static void
read_next_chunk (Job *job)
{
  g_input_stream_read_bytes_async (job->image->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   job->image->cancellable, on_image_read_cb, job);
}

static void
on_image_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Job *job = user_data;
  ClipperImageSaver *self = g_task_get_source_object (job->save->task);
  g_autoptr(GBytes) chunk = NULL;
  g_autoptr(GError) error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      job_fail_with_error (job, error);
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      image_done (job->save, job->image);
      g_free (job);
      return;
    }

  if (job->image->buffer->len + g_bytes_get_size (chunk) > self->max_image_size)
    {
      job_fail (job, _("it is too large"));
      return;
    }

  g_byte_array_append (job->image->buffer, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  read_next_chunk (job);
}

static void
on_image_sent_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Job *job = user_data;
  ClipperImageSaver *self = g_task_get_source_object (job->save->task);
  g_autoptr(GError) error = NULL;
  guint status;
  goffset length;

  job->image->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (job->image->stream == NULL)
    {
      job_fail_with_error (job, error);
      return;
    }

  status = soup_message_get_status (job->image->message);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_autofree char *reason = g_strdup_printf (_("the server answered %u"), status);

      job_fail (job, reason);
      return;
    }

  length = soup_message_headers_get_content_length (soup_message_get_response_headers (job->image->message));
  if (length > 0 && (guint64)length > self->max_image_size)
    {
      job_fail (job, _("it is too large"));
      return;
    }

  job->image->buffer = g_byte_array_new ();
  read_next_chunk (job);
}

static void
on_file_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Job *job = user_data;
  ClipperImageSaver *self = g_task_get_source_object (job->save->task);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    image_fail (job->save, job->image, error->message);
  else if (length > self->max_image_size)
    {
      g_free (contents);
      image_fail (job->save, job->image, _("it is too large"));
    }
  else
    {
      job->image->buffer = g_byte_array_new_take ((guint8 *)contents, length);
      image_done (job->save, job->image);
    }

  g_free (job);
}

static void
start_image (SaveData *save,
             Image    *image)
{
  ClipperImageSaver *self = g_task_get_source_object (save->task);
  Job *job = g_new0 (Job, 1);

  job->save = save;
  job->image = image;
  image->cancellable = g_cancellable_new ();
  clipper_net_guard_init (&image->guard, save->policy, image->cancellable);
  /* On the task's context: the command line does not run the default one. */
  image->deadline = g_timeout_source_new_seconds (self->timeout);
  g_source_set_callback (image->deadline, on_image_timeout_cb, image, NULL);
  g_source_attach (image->deadline, g_task_get_context (save->task));
  save->running++;

  if (g_str_has_prefix (image->url, "file:"))
    {
      g_autoptr(GFile) file = g_file_new_for_uri (image->url);

      g_file_load_contents_async (file, image->cancellable, on_file_loaded_cb, job);
      return;
    }

  image->message = soup_message_new (SOUP_METHOD_GET, image->url);
  if (image->message == NULL)
    {
      g_free (job);
      image_fail (save, image, _("its address is not valid"));
      return;
    }

  soup_message_headers_replace (soup_message_get_request_headers (image->message),
                                "Accept", "image/avif,image/webp,image/png,image/*;q=0.8");
  clipper_net_guard_watch (&image->guard, image->message);
  soup_session_send_async (self->session, image->message, G_PRIORITY_DEFAULT,
                           image->cancellable, on_image_sent_cb, job);
}

static gboolean
is_saved (Image *image)
{
  return image->hash != NULL;
}

static Image *
find_image (SaveData   *save,
            const char *url)
{
  for (guint i = 0; i < save->images->len; i++)
    {
      Image *image = g_ptr_array_index (save->images, i);

      if (g_str_equal (image->url, url))
        return image;
    }
  return NULL;
}

static void
store_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ClipperImageSaver *self = source_object;
  SaveData *save = task_data;
  g_autoptr(xmlDoc) doc = NULL;
  xmlNode *body;
  ClipperImageReport *report = g_new0 (ClipperImageReport, 1);

  for (guint i = 0; i < save->images->len; i++)
    {
      Image *image = g_ptr_array_index (save->images, i);
      g_autoptr(GError) error = NULL;

      if (is_saved (image) &&
          !clipper_store_add_resource (self->store, image->hash, image->mime_type, image->data, &error))
        {
          g_clear_pointer (&image->hash, g_free);
          image->failure = g_strdup (error->message);
        }
    }

  doc = clipper_html_read (save->html, strlen (save->html), "UTF-8");
  body = doc ? clipper_html_get_body (doc) : NULL;

  for (xmlNode *node = body; node; )
    {
      if (node->type == XML_ELEMENT_NODE && clipper_html_is_element (node, "img"))
        {
          g_autofree xmlChar *src = xmlGetProp (node, (const xmlChar *)"src");
          Image *image = src ? find_image (save, (const char *)src) : NULL;

          if (image != NULL && is_saved (image))
            {
              g_autofree char *uri = g_strconcat ("clipper://resource/", image->hash, NULL);

              /* Exports may link to where it came from. */
              xmlSetProp (node, (const xmlChar *)"data-original-src", src);
              xmlSetProp (node, (const xmlChar *)"src", (const xmlChar *)uri);
              report->saved++;
            }
          else if (image != NULL)
            {
              g_autofree char *note = g_strdup_printf (_("Not saved for offline reading: %s"),
                                                       image->failure ? image->failure : "");

              xmlSetProp (node, (const xmlChar *)"title", (const xmlChar *)note);
              report->failed++;
            }
        }

      /* Document order */
      if (node->children && node->type == XML_ELEMENT_NODE)
        node = node->children;
      else
        {
          while (node && node != body && node->next == NULL)
            node = node->parent;
          node = (node && node != body) ? node->next : NULL;
        }
    }

  report->html = body ? clipper_html_serialize_children (doc, body) : g_strdup (save->html);
  g_task_return_pointer (task, report, (GDestroyNotify)clipper_image_report_free);
}

static void
start_next (SaveData *save)
{
  GCancellable *cancellable = g_task_get_cancellable (save->task);

  if (cancellable != NULL && g_cancellable_is_cancelled (cancellable))
    {
      /* Stop the others, and return once the last one has ended. */
      for (guint i = 0; i < save->images->len; i++)
        {
          Image *image = g_ptr_array_index (save->images, i);

          if (image->cancellable)
            g_cancellable_cancel (image->cancellable);
        }
      save->next = save->images->len;

      if (save->running == 0)
        {
          GTask *task = save->task;

          g_task_return_error_if_cancelled (task);
          g_object_unref (task);
        }
      return;
    }

  while (save->running < MAX_PARALLEL && save->next < save->images->len)
    start_image (save, g_ptr_array_index (save->images, save->next++));

  if (save->running == 0 && save->next >= save->images->len)
    {
      GTask *task = save->task;

      /* Storing blobs and rewriting the page happen off the main loop. */
      g_task_run_in_thread (task, store_thread);
      g_object_unref (task);
    }
}

static void
clipper_image_saver_finalize (GObject *object)
{
  ClipperImageSaver *self = (ClipperImageSaver *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (clipper_image_saver_parent_class)->finalize (object);
}

static void
clipper_image_saver_class_init (ClipperImageSaverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = clipper_image_saver_finalize;
}

static void
clipper_image_saver_init (ClipperImageSaver *self)
{
  self->max_image_size = MAX_IMAGE_SIZE;
  self->max_total_size = MAX_CLIPPING_SIZE;
  self->timeout = IMAGE_TIMEOUT;
  self->session = soup_session_new_with_options ("user-agent", PACKAGE_NAME "/" PACKAGE_VERSION,
                                                 "timeout", IMAGE_TIMEOUT,
                                                 "max-conns-per-host", MAX_PARALLEL,
                                                 NULL);
}

ClipperImageSaver *
clipper_image_saver_new (ClipperStore *store)
{
  ClipperImageSaver *self;

  g_return_val_if_fail (CLIPPER_IS_STORE (store), NULL);

  self = g_object_new (CLIPPER_TYPE_IMAGE_SAVER, NULL);
  self->store = g_object_ref (store);

  return self;
}

void
clipper_image_saver_set_limits (ClipperImageSaver *self,
                                gsize              max_image_size,
                                gsize              max_total_size,
                                guint              timeout)
{
  g_return_if_fail (CLIPPER_IS_IMAGE_SAVER (self));

  self->max_image_size = max_image_size;
  self->max_total_size = max_total_size;
  self->timeout = MAX (timeout, 1);
  g_object_set (self->session, "timeout", self->timeout, NULL);
}

static void
on_page_host_resolved_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  SaveData *save = user_data;
  g_autolist(GInetAddress) addresses = NULL;

  addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (object), result, NULL);
  save->policy = CLIPPER_NET_PUBLIC_ONLY;
  for (GList *l = addresses; l; l = l->next)
    if (!clipper_inet_address_is_public (l->data))
      save->policy = CLIPPER_NET_ANY;

  start_next (save);
}

/* A page on this machine or the LAN may show images from there; a public
 * page may not. Its host's addresses decide, as resolved now. */
static void
decide_policy_and_start (SaveData *save)
{
  g_autoptr(GUri) uri = save->page_uri ? g_uri_parse (save->page_uri, SOUP_HTTP_URI_FLAGS, NULL) : NULL;
  const char *scheme = uri ? g_uri_get_scheme (uri) : NULL;
  const char *host = uri ? g_uri_get_host (uri) : NULL;
  g_autoptr(GInetAddress) literal = NULL;

  if (host == NULL || host[0] == '\0' ||
      (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0))
    {
      save->policy = CLIPPER_NET_ANY;
      start_next (save);
      return;
    }

  literal = g_inet_address_new_from_string (host);
  if (literal != NULL)
    {
      save->policy = clipper_inet_address_is_public (literal) ? CLIPPER_NET_PUBLIC_ONLY : CLIPPER_NET_ANY;
      start_next (save);
      return;
    }

  g_resolver_lookup_by_name_async (g_resolver_get_default (), host,
                                   g_task_get_cancellable (save->task),
                                   on_page_host_resolved_cb, save);
}

/**
 * clipper_image_saver_save_async:
 * @html: a clipping's sanitised HTML, with absolute image addresses
 * @page_uri: (nullable): the page's address. A public page's images are
 *   never fetched from this computer or its local network; file: images
 *   are read only for a page that is itself a file.
 *
 * Downloads and stores the images of @html; the result is the HTML that
 * refers to the stored copies. Never fails for an image's sake.
 */
void
clipper_image_saver_save_async (ClipperImageSaver   *self,
                                const char          *html,
                                const char          *page_uri,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(xmlDoc) doc = NULL;
  SaveData *save;
  GTask *task;
  xmlNode *body;

  g_return_if_fail (CLIPPER_IS_IMAGE_SAVER (self));
  g_return_if_fail (html != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, clipper_image_saver_save_async);

  save = g_new0 (SaveData, 1);
  save->html = g_strdup (html);
  save->images = g_ptr_array_new_with_free_func ((GDestroyNotify)image_free);
  save->task = task;
  save->page_uri = g_strdup (page_uri);
  g_task_set_task_data (task, save, (GDestroyNotify)save_data_free);

  doc = clipper_html_read (html, strlen (html), "UTF-8");
  body = doc ? clipper_html_get_body (doc) : NULL;
  for (xmlNode *node = body; node; )
    {
      if (clipper_html_is_element (node, "img"))
        {
          g_autofree xmlChar *src = xmlGetProp (node, (const xmlChar *)"src");

          if (src != NULL &&
              (g_str_has_prefix ((const char *)src, "http://") ||
               g_str_has_prefix ((const char *)src, "https://") ||
               (g_str_has_prefix ((const char *)src, "file:") &&
                (page_uri == NULL || g_str_has_prefix (page_uri, "file:")))) &&
              find_image (save, (const char *)src) == NULL)
            {
              Image *image = g_new0 (Image, 1);

              image->url = g_strdup ((const char *)src);
              g_ptr_array_add (save->images, image);
            }
        }

      if (node->children && node->type == XML_ELEMENT_NODE)
        node = node->children;
      else
        {
          while (node && node != body && node->next == NULL)
            node = node->parent;
          node = (node && node != body) ? node->next : NULL;
        }
    }

  /* The task holds itself until every download has ended. */
  decide_policy_and_start (save);
}

ClipperImageReport *
clipper_image_saver_save_finish (ClipperImageSaver  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clipper_image_report_free (ClipperImageReport *report)
{
  if (report == NULL)
    return;

  g_free (report->html);
  g_free (report);
}
