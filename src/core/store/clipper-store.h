/* clipper-store.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "clipper-citation.h"
#include "clipper-clipping.h"
#include "clipper-highlight.h"
#include "clipper-query.h"

G_BEGIN_DECLS

#define CLIPPER_TYPE_STORE (clipper_store_get_type ())

#define CLIPPER_STORE_SCHEMA_VERSION 10

G_DECLARE_FINAL_TYPE (ClipperStore, clipper_store, CLIPPER, STORE, GObject)

typedef enum
{
  CLIPPER_SORT_CLIPPED,
  CLIPPER_SORT_PUBLISHED,
  CLIPPER_SORT_TITLE,
  CLIPPER_SORT_SITE,
} ClipperSort;

typedef enum
{
  CLIPPER_SEARCH_ALL,
  CLIPPER_SEARCH_RANKED,  /* the matches ranked first */
  CLIPPER_SEARCH_OLDER,   /* the older matches after them, newest first */
} ClipperSearchPart;

typedef struct
{
  ClipperClipping *clipping;
  char            *snippet;     /* the match in context; \x02 and \x03 around matched words */
} ClipperSearchResult;

void clipper_search_result_free (ClipperSearchResult *result);

/* How many clippings and highlights carry a tag, or come from a site. */
typedef struct
{
  char   *name;
  gint64  clippings;
  gint64  highlights;
} ClipperCount;

void clipper_count_free (ClipperCount *count);

typedef gpointer (*ClipperStoreJob) (ClipperStore  *store,
                                     gpointer       data,
                                     GError       **error);

char            *clipper_store_dup_default_path       (void);
ClipperStore    *clipper_store_open                   (const char           *path,
                                                       GError              **error);
const char      *clipper_store_get_path               (ClipperStore         *self);
gboolean         clipper_store_get_was_empty          (ClipperStore         *self);
gboolean         clipper_store_get_read_only          (ClipperStore         *self);
char            *clipper_store_dup_read_only_reason   (ClipperStore         *self);
void             clipper_store_set_read_only          (ClipperStore         *self,
                                                       const char           *reason);
int              clipper_store_get_schema_version     (ClipperStore         *self);
gint64           clipper_store_add_clipping           (ClipperStore         *self,
                                                       ClipperClipping      *clipping,
                                                       GError              **error);
GPtrArray       *clipper_store_list_clippings         (ClipperStore         *self,
                                                       GError              **error);
ClipperClipping *clipper_store_find_clipping          (ClipperStore         *self,
                                                       gint64                id,
                                                       GError              **error);
ClipperClipping *clipper_store_find_clipping_meta     (ClipperStore         *self,
                                                       gint64                id,
                                                       GError              **error);
gboolean         clipper_store_delete_clipping        (ClipperStore         *self,
                                                       gint64                id,
                                                       GError              **error);
gint64           clipper_store_count_clippings        (ClipperStore         *self,
                                                       GError              **error);
GPtrArray       *clipper_store_list_tags              (ClipperStore         *self,
                                                       GError              **error);
gboolean         clipper_store_add_resource           (ClipperStore         *self,
                                                       const char           *hash,
                                                       const char           *mime_type,
                                                       GBytes               *data,
                                                       GError              **error);
GBytes          *clipper_store_dup_resource           (ClipperStore         *self,
                                                       const char           *hash,
                                                       char                **mime_type,
                                                       GError              **error);
gint64           clipper_store_add_highlight          (ClipperStore         *self,
                                                       ClipperHighlight     *highlight,
                                                       GError              **error);
gboolean         clipper_store_add_highlights         (ClipperStore         *self,
                                                       GPtrArray            *highlights,
                                                       GError              **error);
gboolean         clipper_store_update_highlight       (ClipperStore         *self,
                                                       ClipperHighlight     *highlight,
                                                       GError              **error);
gboolean         clipper_store_delete_highlight       (ClipperStore         *self,
                                                       gint64                id,
                                                       GError              **error);
GPtrArray       *clipper_store_list_highlights        (ClipperStore         *self,
                                                       gint64                clipping_id,
                                                       GError              **error);
gboolean         clipper_store_set_progress           (ClipperStore         *self,
                                                       gint64                id,
                                                       double                progress,
                                                       GError              **error);
gboolean         clipper_store_set_archived           (ClipperStore         *self,
                                                       gint64                id,
                                                       gboolean              archived,
                                                       GError              **error);
gboolean         clipper_store_set_clipping_note      (ClipperStore         *self,
                                                       gint64                clipping_id,
                                                       const char           *note,
                                                       GError              **error);
char            *clipper_store_dup_clipping_note      (ClipperStore         *self,
                                                       gint64                clipping_id,
                                                       GError              **error);
gboolean         clipper_store_add_clipping_tags      (ClipperStore         *self,
                                                       gint64                clipping_id,
                                                       const char * const   *tags,
                                                       GError              **error);
gboolean         clipper_store_replace_clipping       (ClipperStore         *self,
                                                       gint64                id,
                                                       ClipperClipping      *clipping,
                                                       GPtrArray            *highlights,
                                                       GError              **error);
gboolean         clipper_store_set_clipping_details   (ClipperStore         *self,
                                                       gint64                clipping_id,
                                                       const char           *note,
                                                       const char * const   *tags,
                                                       GError              **error);
gboolean         clipper_store_set_clipping_tags      (ClipperStore         *self,
                                                       gint64                clipping_id,
                                                       const char * const   *tags,
                                                       GError              **error);
GPtrArray       *clipper_store_count_sites            (ClipperStore         *self,
                                                       GError              **error);
gint64           clipper_store_find_clipping_by_url   (ClipperStore         *self,
                                                       const char           *url,
                                                       GError              **error);
GPtrArray       *clipper_store_list_unfetched         (ClipperStore         *self,
                                                       const gint64         *ids,
                                                       guint                 n_ids,
                                                       GError              **error);

guint64          clipper_store_get_data_version       (ClipperStore         *self,
                                                       GError              **error);
void             clipper_store_run_async              (ClipperStore         *self,
                                                       ClipperStoreJob       job,
                                                       gpointer              data,
                                                       GDestroyNotify        data_free,
                                                       GDestroyNotify        result_free,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
void             clipper_store_drain                  (ClipperStore         *self);
gpointer         clipper_store_run_finish             (ClipperStore         *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

GPtrArray       *clipper_store_search                 (ClipperStore         *self,
                                                       const ClipperQuery   *query,
                                                       ClipperSort           sort,
                                                       guint                 limit,
                                                       GError              **error);
GArray          *clipper_store_search_ids             (ClipperStore         *self,
                                                       const ClipperQuery   *query,
                                                       ClipperSort           sort,
                                                       GError              **error);
GArray          *clipper_store_search_ids_part        (ClipperStore         *self,
                                                       const ClipperQuery   *query,
                                                       ClipperSort           sort,
                                                       ClipperSearchPart     part,
                                                       GError              **error);
GPtrArray       *clipper_store_list_summaries         (ClipperStore         *self,
                                                       const gint64         *ids,
                                                       guint                 n_ids,
                                                       const ClipperQuery   *query,
                                                       GError              **error);
gboolean         clipper_store_rename_tag             (ClipperStore         *self,
                                                       const char           *name,
                                                       const char           *new_name,
                                                       GError              **error);
GPtrArray       *clipper_store_count_tags             (ClipperStore         *self,
                                                       GError              **error);

gboolean         clipper_store_begin_batch            (ClipperStore         *self,
                                                       GError              **error);
gboolean         clipper_store_end_batch              (ClipperStore         *self,
                                                       GError              **error);

ClipperCitation *clipper_store_find_citation          (ClipperStore         *self,
                                                       gint64                clipping_id,
                                                       GError              **error);
GPtrArray       *clipper_store_list_citations         (ClipperStore         *self,
                                                       const gint64         *ids,
                                                       guint                 n_ids,
                                                       GError              **error);
gboolean         clipper_store_set_citation           (ClipperStore         *self,
                                                       ClipperCitation      *citation,
                                                       GError              **error);

G_END_DECLS
