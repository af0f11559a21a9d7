/* clipper-library-model.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clipper-library-model"

#include "config.h"

#include "clipper-error.h"
#include "clipper-library-model.h"
#include "clipper-query.h"

/* Rows are read a page at a time as the list asks for them (a page is
 * about what the sidebar shows, as each row's snippet costs a fraction of
 * a millisecond); only the ids of the whole library (8 bytes each) are
 * held. */
#define PAGE_SIZE 24
#define MAX_CACHED_ROWS 2048

/* A list filled from empty shows this many rows first and the rest once
 * the main loop is idle, so the first rows are painted before a list view
 * builds all the rows it keeps around (200 in GTK 4.8). */
#define FIRST_ROWS 16

struct _ClipperLibraryModel
{
  GObject        parent_instance;

  ClipperStore  *store;
  char          *query_text;
  ClipperQuery  *query;
  ClipperSort    sort;
  GArray        *ids;
  GArray        *pending;   /* ids still to be appended, or NULL */
  guint          pending_id;
  GHashTable    *rows;      /* id → ClipperSearchResult */
  GHashTable    *hidden;    /* ids kept out, such as deletions that can be undone */
  GCancellable  *cancellable;
  gboolean       loading;
  gboolean       ranked_only;    /* the search running reads the ranked part */
  gboolean       older_running;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ClipperLibraryModel, clipper_library_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_QUERY,
  PROP_SORT,
  PROP_LOADING,
  PROP_N_ITEMS,
  N_PROPS
};

enum {
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  ClipperQuery      *query;
  ClipperSort        sort;
  ClipperSearchPart  part;
} Search;

static void
search_free (Search *search)
{
  clipper_query_free (search->query);
  g_free (search);
}

static gpointer
search_job (ClipperStore  *store,
            gpointer       data,
            GError       **error)
{
  Search *search = data;

  return clipper_store_search_ids_part (store, search->query, search->sort, search->part, error);
}

static void
set_loading (ClipperLibraryModel *self,
             gboolean             loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
append_ids (ClipperLibraryModel *self,
            GArray              *ids)
{
  guint position = self->ids->len;

  if (ids->len == 0)
    return;

  g_array_append_vals (self->ids, ids->data, ids->len);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, ids->len);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* Returns whether there were rows waiting. */
static gboolean
append_pending (ClipperLibraryModel *self)
{
  g_autoptr(GArray) pending = g_steal_pointer (&self->pending);

  g_clear_handle_id (&self->pending_id, g_source_remove);
  if (pending == NULL)
    return FALSE;

  append_ids (self, pending);
  return TRUE;
}

static gboolean
on_append_pending_cb (gpointer user_data)
{
  ClipperLibraryModel *self = user_data;

  self->pending_id = 0;
  append_pending (self);
  if (!self->older_running)
    set_loading (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
replace_ids (ClipperLibraryModel *self,
             GArray              *ids)
{
  guint old_len;
  guint prefix = 0, suffix = 0;
  g_autoptr(GArray) old = NULL;

  append_pending (self);
  old_len = self->ids->len;

  if (old_len == 0 && ids->len > FIRST_ROWS)
    {
      self->pending = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len - FIRST_ROWS);
      g_array_append_vals (self->pending, &g_array_index (ids, gint64, FIRST_ROWS), ids->len - FIRST_ROWS);
      g_array_set_size (ids, FIRST_ROWS);
      self->pending_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, on_append_pending_cb, self, NULL);
    }

  /* Only the part that changed is reported, so an insertion or a deletion
   * keeps the list's scroll position and selection. */
  while (prefix < old_len && prefix < ids->len &&
         g_array_index (self->ids, gint64, prefix) == g_array_index (ids, gint64, prefix))
    prefix++;
  while (suffix < old_len - prefix && suffix < ids->len - prefix &&
         g_array_index (self->ids, gint64, old_len - 1 - suffix) ==
         g_array_index (ids, gint64, ids->len - 1 - suffix))
    suffix++;

  old = g_steal_pointer (&self->ids);
  self->ids = g_array_ref (ids);
  g_hash_table_remove_all (self->rows);

  if (prefix != old_len || prefix != ids->len)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                                  old_len - prefix - suffix, ids->len - prefix - suffix);
      if (old_len != ids->len)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
}

static void
drop_hidden (ClipperLibraryModel *self,
             GArray              *ids)
{
  guint kept = 0;

  if (g_hash_table_size (self->hidden) == 0)
    return;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (!g_hash_table_contains (self->hidden, &id))
        g_array_index (ids, gint64, kept++) = id;
    }
  g_array_set_size (ids, kept);
}

static void run_search (ClipperLibraryModel *self,
                        ClipperSearchPart    part);
static void load       (ClipperLibraryModel *self,
                        gboolean             new_search);

/* The ids a search found, or NULL: silently when it was cancelled, with
 * ::failed otherwise. */
static GArray *
finish_search (ClipperLibraryModel *self,
               GObject             *object,
               GAsyncResult        *result)
{
  g_autoptr(GError) error = NULL;
  GArray *ids;

  ids = clipper_store_run_finish (CLIPPER_STORE (object), result, &error);
  if (ids == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->older_running = FALSE;
      append_pending (self);
      set_loading (self, FALSE);
      g_signal_emit (self, signals[FAILED], 0, error->message);
    }

  return ids;
}

static void
on_older_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ClipperLibraryModel) self = user_data;
  g_autoptr(GArray) ids = NULL;

  if (!(ids = finish_search (self, object, result)))
    return;

  self->older_running = FALSE;
  append_pending (self);
  drop_hidden (self, ids);
  append_ids (self, ids);
  set_loading (self, FALSE);
}

static void
on_search_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ClipperLibraryModel) self = user_data;
  g_autoptr(GArray) ids = NULL;
  gboolean ranked_only;

  if (!(ids = finish_search (self, object, result)))
    return;

  drop_hidden (self, ids);
  ranked_only = self->ranked_only;
  replace_ids (self, ids);

  /* The best matches are shown; the older ones of a broad search follow. */
  if (ranked_only && self->query->match != NULL)
    {
      self->older_running = TRUE;
      run_search (self, CLIPPER_SEARCH_OLDER);
      return;
    }

  /* Loading ends once the last rows are in. */
  if (self->pending == NULL)
    set_loading (self, FALSE);
}

static void
load_page (ClipperLibraryModel *self,
           guint                position)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  guint start = position - position % PAGE_SIZE;
  guint n = MIN (PAGE_SIZE, self->ids->len - start);

  if (g_hash_table_size (self->rows) + n > MAX_CACHED_ROWS)
    g_hash_table_remove_all (self->rows);

  /* A page is one indexed query of a few dozen rows, quick enough to read
   * when the list asks; the slow part, finding the ids, ran in a thread. */
  results = clipper_store_list_summaries (self->store,
                                          &g_array_index (self->ids, gint64, start), n,
                                          self->query, &error);
  if (results == NULL)
    {
      /* A damaged library is shown as such by the window; its rows stay
       * empty meanwhile. */
      if (g_error_matches (error, CLIPPER_ERROR, CLIPPER_ERROR_CORRUPT_DATABASE))
        g_message ("Could not read clippings: %s", error->message);
      else
        g_warning ("Could not read clippings: %s", error->message);
      return;
    }

  for (guint i = 0; i < results->len; i++)
    {
      ClipperSearchResult *result = g_ptr_array_index (results, i);
      gint64 id = clipper_clipping_get_id (result->clipping);

      g_hash_table_insert (self->rows, g_memdup2 (&id, sizeof id), result);
      results->pdata[i] = NULL;
    }
}

static GType
clipper_library_model_get_item_type (GListModel *model)
{
  return CLIPPER_TYPE_CLIPPING;
}

static guint
clipper_library_model_get_n_items (GListModel *model)
{
  return CLIPPER_LIBRARY_MODEL (model)->ids->len;
}

static gpointer
clipper_library_model_get_item (GListModel *model,
                                guint       position)
{
  ClipperLibraryModel *self = CLIPPER_LIBRARY_MODEL (model);
  ClipperSearchResult *result;
  ClipperClipping *gone;
  gint64 id;

  if (position >= self->ids->len)
    return NULL;

  id = g_array_index (self->ids, gint64, position);
  if (!(result = g_hash_table_lookup (self->rows, &id)))
    {
      load_page (self, position);
      result = g_hash_table_lookup (self->rows, &id);
    }
  if (result != NULL)
    return g_object_ref (result->clipping);

  /* Deleted since the ids were read; the reload that follows drops it. */
  gone = clipper_clipping_new ();
  clipper_clipping_set_id (gone, id);
  return gone;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = clipper_library_model_get_item_type;
  iface->get_n_items = clipper_library_model_get_n_items;
  iface->get_item = clipper_library_model_get_item;
}

static void
clipper_library_model_dispose (GObject *object)
{
  ClipperLibraryModel *self = (ClipperLibraryModel *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->pending_id, g_source_remove);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (clipper_library_model_parent_class)->dispose (object);
}

static void
clipper_library_model_finalize (GObject *object)
{
  ClipperLibraryModel *self = (ClipperLibraryModel *)object;

  g_clear_pointer (&self->query_text, g_free);
  g_clear_pointer (&self->query, clipper_query_free);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->hidden, g_hash_table_unref);

  G_OBJECT_CLASS (clipper_library_model_parent_class)->finalize (object);
}

static void
clipper_library_model_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ClipperLibraryModel *self = CLIPPER_LIBRARY_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_QUERY:
      g_value_set_string (value, self->query_text);
      break;

    case PROP_SORT:
      g_value_set_int (value, self->sort);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clipper_library_model_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ClipperLibraryModel *self = CLIPPER_LIBRARY_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_QUERY:
      clipper_library_model_set_query (self, g_value_get_string (value));
      break;

    case PROP_SORT:
      clipper_library_model_set_sort (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clipper_library_model_class_init (ClipperLibraryModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = clipper_library_model_dispose;
  object_class->finalize = clipper_library_model_finalize;
  object_class->get_property = clipper_library_model_get_property;
  object_class->set_property = clipper_library_model_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CLIPPER_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_QUERY] =
    g_param_spec_string ("query", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SORT] =
    g_param_spec_int ("sort", NULL, NULL,
                      CLIPPER_SORT_CLIPPED, CLIPPER_SORT_SITE, CLIPPER_SORT_CLIPPED,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[FAILED] =
    g_signal_new ("failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
clipper_library_model_init (ClipperLibraryModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                      (GDestroyNotify)clipper_search_result_free);
  self->hidden = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->query = clipper_query_parse ("");
}

/**
 * clipper_library_model_new:
 *
 * A list of the library's clippings (without their content) in the order
 * of its sort or, with a query that has words, by relevance. It starts
 * empty; call clipper_library_model_reload() to fill it.
 */
ClipperLibraryModel *
clipper_library_model_new (ClipperStore *store)
{
  g_return_val_if_fail (CLIPPER_IS_STORE (store), NULL);

  return g_object_new (CLIPPER_TYPE_LIBRARY_MODEL, "store", store, NULL);
}

ClipperStore *
clipper_library_model_get_store (ClipperLibraryModel *self)
{
  g_return_val_if_fail (CLIPPER_IS_LIBRARY_MODEL (self), NULL);

  return self->store;
}

const char *
clipper_library_model_get_query (ClipperLibraryModel *self)
{
  g_return_val_if_fail (CLIPPER_IS_LIBRARY_MODEL (self), NULL);

  return self->query_text;
}

/* Shows what @query finds, as typed in the search entry; NULL for all. */
void
clipper_library_model_set_query (ClipperLibraryModel *self,
                                 const char          *query)
{
  g_return_if_fail (CLIPPER_IS_LIBRARY_MODEL (self));

  if (query != NULL && query[0] == '\0')
    query = NULL;
  if (g_strcmp0 (self->query_text, query) == 0)
    return;

  g_free (self->query_text);
  self->query_text = g_strdup (query);
  g_clear_pointer (&self->query, clipper_query_free);
  self->query = clipper_query_parse (query ? query : "");

  load (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
}

ClipperSort
clipper_library_model_get_sort (ClipperLibraryModel *self)
{
  g_return_val_if_fail (CLIPPER_IS_LIBRARY_MODEL (self), CLIPPER_SORT_CLIPPED);

  return self->sort;
}

/* The order when the query has no words; relevance wins otherwise. */
void
clipper_library_model_set_sort (ClipperLibraryModel *self,
                                ClipperSort          sort)
{
  g_return_if_fail (CLIPPER_IS_LIBRARY_MODEL (self));
  g_return_if_fail (sort <= CLIPPER_SORT_SITE);

  if (self->sort == sort)
    return;

  self->sort = sort;
  load (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
}

gboolean
clipper_library_model_get_loading (ClipperLibraryModel *self)
{
  g_return_val_if_fail (CLIPPER_IS_LIBRARY_MODEL (self), FALSE);

  return self->loading;
}

static void
run_search (ClipperLibraryModel *self,
            ClipperSearchPart    part)
{
  Search *search = g_new0 (Search, 1);

  search->query = clipper_query_parse (self->query_text ? self->query_text : "");
  search->sort = self->sort;
  search->part = part;
  clipper_store_run_async (self->store, search_job, search, (GDestroyNotify)search_free,
                           (GDestroyNotify)g_array_unref, self->cancellable,
                           part == CLIPPER_SEARCH_OLDER ? on_older_done_cb : on_search_done_cb,
                           g_object_ref (self));
}

/* A new search shows its best matches first and the older ones of a broad
 * search after; a reload of the same search reads it whole, so that the
 * rows that did not change stay as they are. */
static void
load (ClipperLibraryModel *self,
      gboolean             new_search)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  append_pending (self);
  self->older_running = FALSE;
  self->ranked_only = new_search || self->ids->len == 0;

  set_loading (self, TRUE);
  run_search (self, self->ranked_only ? CLIPPER_SEARCH_RANKED : CLIPPER_SEARCH_ALL);
}

/**
 * clipper_library_model_refresh:
 *
 * Reads clipping @id's row again, for a change that leaves the list as
 * it is (how far it was read).
 */
void
clipper_library_model_refresh (ClipperLibraryModel *self,
                               gint64               id)
{
  g_return_if_fail (CLIPPER_IS_LIBRARY_MODEL (self));

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      {
        g_hash_table_remove (self->rows, &id);
        g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 1);
        return;
      }
}

/**
 * clipper_library_model_reload:
 *
 * Reads the ids again in the store's thread; a newer reload cancels an
 * older one. Rows are read again as they are shown.
 */
void
clipper_library_model_reload (ClipperLibraryModel *self)
{
  g_return_if_fail (CLIPPER_IS_LIBRARY_MODEL (self));

  load (self, FALSE);
}

/* Takes @id out of the list now, and out of every reload until unhidden. */
void
clipper_library_model_hide (ClipperLibraryModel *self,
                            gint64               id)
{
  guint position;

  g_return_if_fail (CLIPPER_IS_LIBRARY_MODEL (self));

  g_hash_table_add (self->hidden, g_memdup2 (&id, sizeof id));
  /* Rows waiting exist only while no reload runs. */
  if (append_pending (self))
    set_loading (self, FALSE);
  if (clipper_library_model_find (self, id, &position))
    {
      g_array_remove_index (self->ids, position);
      g_hash_table_remove (self->rows, &id);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
}

void
clipper_library_model_unhide (ClipperLibraryModel *self,
                              gint64               id)
{
  g_return_if_fail (CLIPPER_IS_LIBRARY_MODEL (self));

  if (g_hash_table_remove (self->hidden, &id))
    clipper_library_model_reload (self);
}

gboolean
clipper_library_model_find (ClipperLibraryModel *self,
                            gint64               id,
                            guint               *position)
{
  g_return_val_if_fail (CLIPPER_IS_LIBRARY_MODEL (self), FALSE);

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      {
        if (position != NULL)
          *position = i;
        return TRUE;
      }

  return FALSE;
}

/* The id at @position without reading its row; 0 past the end. */
gint64
clipper_library_model_get_id (ClipperLibraryModel *self,
                              guint                position)
{
  g_return_val_if_fail (CLIPPER_IS_LIBRARY_MODEL (self), 0);

  if (position >= self->ids->len)
    return 0;

  return g_array_index (self->ids, gint64, position);
}

/**
 * clipper_library_model_get_snippet:
 *
 * The matched words of clipping @id in context, with \x02 and \x03 around
 * each match, or %NULL when the query has no words or the row has not
 * been read.
 */
const char *
clipper_library_model_get_snippet (ClipperLibraryModel *self,
                                   gint64               id)
{
  ClipperSearchResult *result;

  g_return_val_if_fail (CLIPPER_IS_LIBRARY_MODEL (self), NULL);

  if (!(result = g_hash_table_lookup (self->rows, &id)))
    return NULL;

  return result->snippet;
}
