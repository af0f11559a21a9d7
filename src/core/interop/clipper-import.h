/* clipper-import.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "clipper-store.h"

G_BEGIN_DECLS

/* The largest file read for an import. */
#define CLIPPER_IMPORT_MAX_SIZE (100 * 1024 * 1024)

typedef enum
{
  CLIPPER_IMPORT_UNKNOWN,
  CLIPPER_IMPORT_HYPOTHESIS, /* Hypothesis's JSON export */
  CLIPPER_IMPORT_W3C,        /* W3C Web Annotations: one, an array, a collection or a page */
  CLIPPER_IMPORT_READWISE,   /* Readwise's highlights CSV */
  CLIPPER_IMPORT_INSTAPAPER, /* Instapaper's CSV */
  CLIPPER_IMPORT_WALLABAG,   /* Wallabag's JSON export, with each article's HTML */
  CLIPPER_IMPORT_POCKET,     /* Pocket's ZIP (CSV parts and highlights), or one CSV part */
  CLIPPER_IMPORT_POCKET_HTML, /* Pocket's older export, ril_export.html */
  CLIPPER_IMPORT_OMNIVORE,   /* Omnivore's ZIP: metadata, each article's HTML, highlights */
} ClipperImportFormat;

/* One page as a file describes it, with its annotations. */
typedef struct
{
  char      *url;
  char      *title;
  char      *byline;
  char      *note;       /* Markdown, or NULL */
  char      *content;    /* the article's HTML, or NULL when the file has none */
  char      *published;  /* "YYYY-MM-DD…", or NULL */
  GPtrArray *tags;       /* (element-type utf8) */
  gint64     saved_at;   /* Unix time, or 0 */
  GPtrArray *highlights; /* (element-type ClipperHighlight): positions -1 when unknown */
} ClipperImportEntry;

typedef struct
{
  guint      entries;             /* pages read from the file */
  guint      created;             /* new clippings */
  guint      not_fetched;         /* of those, the ones without their text */
  guint      merged;              /* pages already in the library */
  guint      highlights_placed;   /* new highlights found in the text */
  guint      highlights_orphaned; /* new highlights kept without a place */
  guint      highlights_present;  /* highlights the library had already */
  guint      skipped;             /* records left out, each with a problem */
  GPtrArray *problems;            /* (element-type utf8): "line 4: …" */
  GArray    *pages;               /* (element-type gint64): the clippings of the pages imported */
  /* Pages merged so far, of how many: read with g_atomic_int_get () from
   * another thread while an import runs. */
  gint       done;
  gint       total;
} ClipperImportSummary;

void                 clipper_import_entry_free    (ClipperImportEntry   *entry);
void                 clipper_import_summary_init  (ClipperImportSummary *summary);
void                 clipper_import_summary_clear (ClipperImportSummary *summary);

ClipperImportFormat  clipper_import_detect        (const char           *data,
                                                   gsize                 length);
const char          *clipper_import_format_name   (ClipperImportFormat   format);
GPtrArray           *clipper_import_read          (const char           *data,
                                                   gsize                 length,
                                                   ClipperImportFormat   format,
                                                   ClipperImportSummary *summary,
                                                   GError              **error);
gboolean             clipper_import_apply         (ClipperStore         *store,
                                                   GPtrArray            *entries,
                                                   const char           *tag,
                                                   ClipperImportSummary *summary,
                                                   GCancellable         *cancellable,
                                                   GError              **error);
gboolean             clipper_import_file          (ClipperStore         *store,
                                                   const char           *path,
                                                   const char           *tag,
                                                   ClipperImportSummary *summary,
                                                   GCancellable         *cancellable,
                                                   GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipperImportEntry, clipper_import_entry_free)

G_END_DECLS
