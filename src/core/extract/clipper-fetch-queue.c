/* clipper-fetch-queue.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fetches the text of pages imported as addresses: several at a time but
 * only a few from any one server, each clipped into its clipping as it
 * arrives (its own transaction, so that a crash or a Cancel loses no page
 * already fetched), with a few more tries, further apart, for failures
 * that may pass (a timeout, a busy or failing server).
 */

#define G_LOG_DOMAIN "clipper-fetch-queue"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "clipper-clip-controller.h"
#include "clipper-error.h"
#include "clipper-fetch-queue.h"
#include "clipper-fetcher.h"

#define DEFAULT_PARALLEL    4
#define DEFAULT_PER_HOST    2
#define DEFAULT_RETRIES     2
#define DEFAULT_RETRY_DELAY 2000 /* ms, doubled at each try */

struct _ClipperFetchQueue
{
  GObject                parent_instance;

  ClipperStore          *store;
  ClipperFetcher        *fetcher;
  ClipperClipController *controller;
  guint                  parallel;
  guint                  per_host;
  guint                  retries;
  guint                  retry_delay;
};

G_DEFINE_FINAL_TYPE (ClipperFetchQueue, clipper_fetch_queue, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  PROGRESS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct _Run Run;

typedef struct
{
  Run     *run;
  gint64   id;
  char    *url;
  char    *host;
  guint    attempts;
  GSource *timer;    /* while it waits for another try */
} Item;

struct _Run
{
  ClipperFetchQueue   *self;
  GTask               *task;
  GQueue               pending;
  GHashTable          *busy_hosts; /* host → how many of its pages are being fetched */
  GPtrArray           *waiting;    /* items waiting for another try */
  GSource             *on_cancel;
  guint                active;
  guint                done;
  ClipperFetchSummary *summary;
};

void
clipper_fetch_summary_free (ClipperFetchSummary *summary)
{
  if (summary == NULL)
    return;

  g_clear_pointer (&summary->problems, g_ptr_array_unref);
  g_free (summary);
}

static void
item_free (Item *item)
{
  if (item->timer != NULL)
    {
      g_source_destroy (item->timer);
      g_source_unref (item->timer);
    }
  g_free (item->url);
  g_free (item->host);
  g_free (item);
}

static void
run_free (Run *run)
{
  g_queue_clear_full (&run->pending, (GDestroyNotify)item_free);
  g_clear_pointer (&run->waiting, g_ptr_array_unref);
  g_clear_pointer (&run->busy_hosts, g_hash_table_unref);
  if (run->on_cancel != NULL)
    {
      g_source_destroy (run->on_cancel);
      g_source_unref (run->on_cancel);
    }
  g_clear_pointer (&run->summary, clipper_fetch_summary_free);
  g_clear_object (&run->task);
  g_free (run);
}

static void pump (Run *run);

/* Ends the run when nothing is in flight and nothing more will start. */
static void
maybe_finish (Run *run)
{
  gboolean cancelled = g_cancellable_is_cancelled (g_task_get_cancellable (run->task));
  g_autoptr(GTask) task = NULL;
  ClipperFetchSummary *summary;

  if (run->active > 0 || run->waiting->len > 0 || (!g_queue_is_empty (&run->pending) && !cancelled))
    return;

  summary = g_steal_pointer (&run->summary);
  summary->cancelled = cancelled && summary->fetched + summary->failed < summary->total;
  task = g_steal_pointer (&run->task);
  run_free (run);
  g_task_return_pointer (task, summary, (GDestroyNotify)clipper_fetch_summary_free);
}

static void
release_host (Run  *run,
              Item *item)
{
  guint busy = GPOINTER_TO_UINT (g_hash_table_lookup (run->busy_hosts, item->host));

  if (busy <= 1)
    g_hash_table_remove (run->busy_hosts, item->host);
  else
    g_hash_table_insert (run->busy_hosts, g_strdup (item->host), GUINT_TO_POINTER (busy - 1));
}

static gboolean
on_retry_time_cb (gpointer user_data)
{
  Item *item = user_data;
  Run *run = item->run;
  guint index;

  g_clear_pointer (&item->timer, g_source_unref);
  if (g_ptr_array_find (run->waiting, item, &index))
    g_ptr_array_steal_index (run->waiting, index);
  g_queue_push_head (&run->pending, item);
  pump (run);
  return G_SOURCE_REMOVE;
}

static gboolean
may_pass (const GError *error)
{
  return g_error_matches (error, CLIPPER_ERROR, CLIPPER_ERROR_NETWORK) ||
         g_error_matches (error, CLIPPER_ERROR, CLIPPER_ERROR_UNAVAILABLE);
}

/* @item's fetch (or clip) ended, with @error or not: it is counted, tried
 * again later, or (cancelled) left waiting in the library. */
static void
item_ended (Item         *item,
            const GError *error,
            gboolean      fetching)
{
  Run *run = item->run;
  ClipperFetchQueue *self = run->self;

  run->active--;
  release_host (run, item);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    item_free (item);
  else if (error != NULL && fetching && may_pass (error) && item->attempts <= self->retries)
    {
      guint delay = self->retry_delay << MIN (item->attempts - 1, 10);

      g_debug ("%s: %s; trying again in %u ms", item->url, error->message, delay);
      item->timer = g_timeout_source_new (delay);
      g_source_set_callback (item->timer, on_retry_time_cb, item, NULL);
      g_source_set_static_name (item->timer, "[clipper] fetch retry");
      g_source_attach (item->timer, g_task_get_context (run->task));
      g_ptr_array_add (run->waiting, item);
    }
  else
    {
      if (error != NULL)
        {
          run->summary->failed++;
          g_ptr_array_add (run->summary->problems, g_strdup_printf ("%s: %s", item->url, error->message));
        }
      item_free (item);
      run->done++;
      g_signal_emit (self, signals[PROGRESS], 0, run->done, run->summary->total);
    }

  pump (run);
}

static void
on_clipped_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Item *item = user_data;
  g_autoptr(ClipperClipResult) clipped = NULL;
  g_autoptr(GError) error = NULL;

  clipped = clipper_clip_controller_clip_finish (CLIPPER_CLIP_CONTROLLER (object), result, &error);
  if (clipped != NULL)
    {
      ClipperFetchSummary *summary = item->run->summary;

      summary->fetched++;
      summary->highlights_placed += clipped->n_placed;
      summary->images_failed += clipped->n_failed_images;
    }
  item_ended (item, error, FALSE);
}

static void
on_fetched_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Item *item = user_data;
  Run *run = item->run;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *final_url = NULL;
  g_autofree char *charset = NULL;
  g_autoptr(GError) error = NULL;

  bytes = clipper_fetcher_fetch_page_finish (CLIPPER_FETCHER (object), result, &final_url, &charset, &error);
  if (bytes == NULL)
    {
      item_ended (item, error, TRUE);
      return;
    }

  clipper_clip_controller_clip_into_async (run->self->controller, item->id, bytes, final_url, charset,
                                           g_task_get_cancellable (run->task), on_clipped_cb, item);
}

static void
start (Run  *run,
       Item *item)
{
  guint busy = GPOINTER_TO_UINT (g_hash_table_lookup (run->busy_hosts, item->host));

  run->active++;
  item->attempts++;
  g_hash_table_insert (run->busy_hosts, g_strdup (item->host), GUINT_TO_POINTER (busy + 1));
  clipper_fetcher_fetch_page_async (run->self->fetcher, item->url, g_task_get_cancellable (run->task),
                                    on_fetched_cb, item);
}

/* Starts what the limits allow, in order, skipping pages whose server has
 * its share already. */
static void
pump (Run *run)
{
  ClipperFetchQueue *self = run->self;

  if (!g_cancellable_is_cancelled (g_task_get_cancellable (run->task)))
    for (GList *link = run->pending.head; link != NULL && run->active < self->parallel;)
      {
        GList *next = link->next;
        Item *item = link->data;

        if (GPOINTER_TO_UINT (g_hash_table_lookup (run->busy_hosts, item->host)) < self->per_host)
          {
            g_queue_delete_link (&run->pending, link);
            start (run, item);
          }
        link = next;
      }

  maybe_finish (run);
}

/* A Cancel ends the waits for another try at once. */
static gboolean
on_cancelled_cb (GCancellable *cancellable,
                 gpointer      user_data)
{
  Run *run = user_data;

  g_ptr_array_set_size (run->waiting, 0);
  g_clear_pointer (&run->on_cancel, g_source_unref);
  maybe_finish (run);
  return G_SOURCE_REMOVE;
}

static gpointer
list_job (ClipperStore  *store,
          gpointer       data,
          GError       **error)
{
  GArray *ids = data;

  return clipper_store_list_unfetched (store, ids ? (const gint64 *)ids->data : NULL, ids ? ids->len : 0,
                                       error);
}

static void
ids_free (GArray *ids)
{
  g_clear_pointer (&ids, g_array_unref);
}

static char *
host_of (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);

  return uri && g_uri_get_host (uri) ? g_ascii_strdown (g_uri_get_host (uri), -1) : g_strdup ("");
}

static void
on_listed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ClipperFetchQueue *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) clippings = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;
  Run *run;

  if (!(clippings = clipper_store_run_finish (CLIPPER_STORE (object), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  run = g_new0 (Run, 1);
  run->self = self;
  run->task = g_steal_pointer (&task);
  run->busy_hosts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->waiting = g_ptr_array_new_with_free_func ((GDestroyNotify)item_free);
  run->summary = g_new0 (ClipperFetchSummary, 1);
  run->summary->problems = g_ptr_array_new_with_free_func (g_free);
  run->summary->total = clippings->len;

  for (guint i = 0; i < clippings->len; i++)
    {
      ClipperClipping *clipping = g_ptr_array_index (clippings, i);
      Item *item = g_new0 (Item, 1);

      item->run = run;
      item->id = clipper_clipping_get_id (clipping);
      item->url = g_strdup (clipper_clipping_get_url (clipping));
      item->host = host_of (item->url);
      g_queue_push_tail (&run->pending, item);
    }

  if (cancellable != NULL)
    {
      run->on_cancel = g_cancellable_source_new (cancellable);
      g_source_set_callback (run->on_cancel, G_SOURCE_FUNC (on_cancelled_cb), run, NULL);
      g_source_attach (run->on_cancel, g_task_get_context (run->task));
    }

  g_signal_emit (self, signals[PROGRESS], 0, 0, run->summary->total);
  pump (run);
}

/**
 * clipper_fetch_queue_run_async:
 * @ids: (nullable) (array length=n_ids): the clippings to fetch, or %NULL
 *   for every page of the library still waiting for its text
 *
 * Fetches and clips the pages among @ids that were imported as addresses;
 * the others are passed over. #ClipperFetchQueue::progress tells how far
 * it is. A cancelled run finishes with what it did.
 */
void
clipper_fetch_queue_run_async (ClipperFetchQueue   *self,
                               const gint64        *ids,
                               guint                n_ids,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GArray *wanted = NULL;

  g_return_if_fail (CLIPPER_IS_FETCH_QUEUE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, clipper_fetch_queue_run_async);
  /* A cancelled run still says what it did. */
  g_task_set_check_cancellable (task, FALSE);

  if (ids != NULL)
    {
      wanted = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
      g_array_append_vals (wanted, ids, n_ids);
    }
  /* Listed even when cancelled meanwhile, so that the summary counts the
   * pages left waiting. */
  clipper_store_run_async (self->store, list_job, wanted, (GDestroyNotify)ids_free,
                           (GDestroyNotify)g_ptr_array_unref, NULL, on_listed_cb, g_steal_pointer (&task));
}

/**
 * clipper_fetch_queue_run_finish:
 *
 * Returns: (transfer full): what was fetched and what failed, or %NULL
 *   with @error set when the library could not be read
 */
ClipperFetchSummary *
clipper_fetch_queue_run_finish (ClipperFetchQueue  *self,
                                GAsyncResult       *result,
                                GError            **error)
{
  g_return_val_if_fail (CLIPPER_IS_FETCH_QUEUE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * clipper_fetch_queue_set_limits:
 * @parallel: pages fetched at once, at least 1
 * @per_host: of those, at most this many from one server, at least 1
 */
void
clipper_fetch_queue_set_limits (ClipperFetchQueue *self,
                                guint              parallel,
                                guint              per_host)
{
  g_return_if_fail (CLIPPER_IS_FETCH_QUEUE (self));
  g_return_if_fail (parallel > 0 && per_host > 0);

  self->parallel = parallel;
  self->per_host = per_host;
}

/**
 * clipper_fetch_queue_set_retries:
 * @retries: further tries after a failure that may pass
 * @first_delay_ms: the wait before the first of them, doubled for each next
 */
void
clipper_fetch_queue_set_retries (ClipperFetchQueue *self,
                                 guint              retries,
                                 guint              first_delay_ms)
{
  g_return_if_fail (CLIPPER_IS_FETCH_QUEUE (self));

  self->retries = retries;
  self->retry_delay = first_delay_ms;
}

void
clipper_fetch_queue_set_timeout (ClipperFetchQueue *self,
                                 guint              seconds)
{
  g_return_if_fail (CLIPPER_IS_FETCH_QUEUE (self));

  clipper_fetcher_set_timeout (self->fetcher, seconds);
}

static void
clipper_fetch_queue_constructed (GObject *object)
{
  ClipperFetchQueue *self = CLIPPER_FETCH_QUEUE (object);

  G_OBJECT_CLASS (clipper_fetch_queue_parent_class)->constructed (object);

  self->controller = clipper_clip_controller_new (self->store);
}

static void
clipper_fetch_queue_dispose (GObject *object)
{
  ClipperFetchQueue *self = CLIPPER_FETCH_QUEUE (object);

  g_clear_object (&self->controller);
  g_clear_object (&self->fetcher);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (clipper_fetch_queue_parent_class)->dispose (object);
}

static void
clipper_fetch_queue_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ClipperFetchQueue *self = CLIPPER_FETCH_QUEUE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clipper_fetch_queue_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ClipperFetchQueue *self = CLIPPER_FETCH_QUEUE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clipper_fetch_queue_class_init (ClipperFetchQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = clipper_fetch_queue_constructed;
  object_class->dispose = clipper_fetch_queue_dispose;
  object_class->get_property = clipper_fetch_queue_get_property;
  object_class->set_property = clipper_fetch_queue_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CLIPPER_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ClipperFetchQueue::progress:
   * @done: pages fetched or given up on so far
   * @total: pages to fetch in this run
   */
  signals[PROGRESS] =
    g_signal_new ("progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
clipper_fetch_queue_init (ClipperFetchQueue *self)
{
  self->fetcher = clipper_fetcher_new ();
  self->parallel = DEFAULT_PARALLEL;
  self->per_host = DEFAULT_PER_HOST;
  self->retries = DEFAULT_RETRIES;
  self->retry_delay = DEFAULT_RETRY_DELAY;
}

ClipperFetchQueue *
clipper_fetch_queue_new (ClipperStore *store)
{
  g_return_val_if_fail (CLIPPER_IS_STORE (store), NULL);

  return g_object_new (CLIPPER_TYPE_FETCH_QUEUE, "store", store, NULL);
}
