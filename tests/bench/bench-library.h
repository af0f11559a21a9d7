/* bench-library.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "clipper-store.h"

G_BEGIN_DECLS

#define BENCH_N_QUERIES 50

typedef struct
{
  const char *kind;
  char       *text;
} BenchQuery;

ClipperStore *bench_library_open     (const char  *path,
                                      guint        clippings,
                                      guint        highlights,
                                      GError     **error);
GPtrArray    *bench_library_queries  (ClipperStore *store);
void          bench_query_free       (BenchQuery  *query);
double        bench_median           (GArray      *times);
double        bench_percentile       (GArray      *times,
                                      double       fraction);
gint64        bench_status_kib       (const char  *pid,
                                      const char  *field);

G_END_DECLS
