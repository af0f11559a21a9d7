/* clipper-count-list.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clipper-count-list"

#include "config.h"

#include "clipper-count-list.h"

/* The library's tags or sites with their counts, read in the store's
 * thread: names as a list model for a list view, counts by name. */

struct _ClipperCountList
{
  GObject           parent_instance;

  ClipperCountKind  kind;
  GtkStringList    *names;
  GHashTable       *counts;     /* name → ClipperCount */
  ClipperStore     *store;
  GCancellable     *cancellable;
  gboolean          loading;
};

G_DEFINE_FINAL_TYPE (ClipperCountList, clipper_count_list, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

enum {
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_loading (ClipperCountList *self,
             gboolean          loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static gpointer
count_job (ClipperStore  *store,
           gpointer       data,
           GError       **error)
{
  ClipperCountKind kind = GPOINTER_TO_INT (data);

  return kind == CLIPPER_COUNT_SITES ? clipper_store_count_sites (store, error)
                                     : clipper_store_count_tags (store, error);
}

static void
on_counted_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ClipperCountList) self = user_data;
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  counts = clipper_store_run_finish (CLIPPER_STORE (object), result, &error);
  if (counts == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      set_loading (self, FALSE);
      g_signal_emit (self, signals[FAILED], 0, error->message);
      return;
    }

  g_hash_table_remove_all (self->counts);
  for (guint i = 0; i < counts->len; i++)
    {
      ClipperCount *count = g_ptr_array_index (counts, i);

      g_strv_builder_add (builder, count->name);
      g_hash_table_insert (self->counts, count->name, count);
    }
  g_ptr_array_set_free_func (counts, NULL);

  /* Done before the names change, so views see the list as loaded. */
  set_loading (self, FALSE);
  names = g_strv_builder_end (builder);
  gtk_string_list_splice (self->names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->names)),
                          (const char * const *)names);
}

static void
clipper_count_list_dispose (GObject *object)
{
  ClipperCountList *self = (ClipperCountList *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (clipper_count_list_parent_class)->dispose (object);
}

static void
clipper_count_list_finalize (GObject *object)
{
  ClipperCountList *self = (ClipperCountList *)object;

  g_clear_object (&self->names);
  g_clear_pointer (&self->counts, g_hash_table_unref);

  G_OBJECT_CLASS (clipper_count_list_parent_class)->finalize (object);
}

static void
clipper_count_list_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ClipperCountList *self = CLIPPER_COUNT_LIST (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clipper_count_list_class_init (ClipperCountListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = clipper_count_list_dispose;
  object_class->finalize = clipper_count_list_finalize;
  object_class->get_property = clipper_count_list_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ClipperCountList::failed:
   * @message: why the counts could not be read
   */
  signals[FAILED] =
    g_signal_new ("failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
clipper_count_list_init (ClipperCountList *self)
{
  self->names = gtk_string_list_new (NULL);
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                        (GDestroyNotify)clipper_count_free);
}

ClipperCountList *
clipper_count_list_new (ClipperCountKind kind)
{
  ClipperCountList *self = g_object_new (CLIPPER_TYPE_COUNT_LIST, NULL);

  self->kind = kind;
  return self;
}

void
clipper_count_list_set_store (ClipperCountList *self,
                              ClipperStore     *store)
{
  g_return_if_fail (CLIPPER_IS_COUNT_LIST (self));
  g_return_if_fail (store == NULL || CLIPPER_IS_STORE (store));

  g_set_object (&self->store, store);
}

ClipperStore *
clipper_count_list_get_store (ClipperCountList *self)
{
  g_return_val_if_fail (CLIPPER_IS_COUNT_LIST (self), NULL);

  return self->store;
}

/* Counts again; the last reload asked for wins. */
void
clipper_count_list_reload (ClipperCountList *self)
{
  g_return_if_fail (CLIPPER_IS_COUNT_LIST (self));

  if (self->store == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  set_loading (self, TRUE);
  clipper_store_run_async (self->store, count_job, GINT_TO_POINTER (self->kind), NULL,
                           (GDestroyNotify)g_ptr_array_unref, self->cancellable,
                           on_counted_cb, g_object_ref (self));
}

gboolean
clipper_count_list_is_loading (ClipperCountList *self)
{
  g_return_val_if_fail (CLIPPER_IS_COUNT_LIST (self), FALSE);

  return self->loading;
}

/* The names, as #GtkStringObject, in the store's order. */
GListModel *
clipper_count_list_get_names (ClipperCountList *self)
{
  g_return_val_if_fail (CLIPPER_IS_COUNT_LIST (self), NULL);

  return G_LIST_MODEL (self->names);
}

/* The counts of @name, or %NULL for a name not listed. */
const ClipperCount *
clipper_count_list_lookup (ClipperCountList *self,
                           const char       *name)
{
  g_return_val_if_fail (CLIPPER_IS_COUNT_LIST (self), NULL);

  return g_hash_table_lookup (self->counts, name);
}
