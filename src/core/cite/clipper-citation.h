/* clipper-citation.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "clipper-clipping.h"

G_BEGIN_DECLS

/* The kinds of item a clipping can be cited as, by their CSL names. */
typedef enum
{
  CLIPPER_ITEM_WEBPAGE,
  CLIPPER_ITEM_NEWSPAPER_ARTICLE,
  CLIPPER_ITEM_BLOG_POST,
  CLIPPER_ITEM_MAGAZINE_ARTICLE,
} ClipperItemType;

/* The fields a person can set; set ones survive re-clipping. */
typedef enum
{
  CLIPPER_CITATION_FIELD_KEY       = 1 << 0,
  CLIPPER_CITATION_FIELD_TYPE      = 1 << 1,
  CLIPPER_CITATION_FIELD_AUTHORS   = 1 << 2,
  CLIPPER_CITATION_FIELD_TITLE     = 1 << 3,
  CLIPPER_CITATION_FIELD_CONTAINER = 1 << 4,
  CLIPPER_CITATION_FIELD_PUBLISHER = 1 << 5,
  CLIPPER_CITATION_FIELD_ISSUED    = 1 << 6,
  CLIPPER_CITATION_FIELD_ACCESSED  = 1 << 7,
  CLIPPER_CITATION_FIELD_URL       = 1 << 8,
  CLIPPER_CITATION_FIELD_LANGUAGE  = 1 << 9,
} ClipperCitationField;

/* A person (family and given names) or an organisation (literal). */
typedef struct
{
  char *family;
  char *given;
  char *literal;
} ClipperName;

typedef struct
{
  gint64           clipping_id;
  char            *key;
  ClipperItemType  type;
  GPtrArray       *authors;      /* ClipperName */
  char            *title;
  char            *container;    /* the site or publication */
  char            *publisher;
  char            *issued;       /* "YYYY", "YYYY-MM" or "YYYY-MM-DD"; NULL when unknown */
  gint64           accessed;     /* Unix time the page was read */
  char            *url;
  char            *language;
  /* Provenance: the SHA-256 of the clipping's canonical text, and when
   * that text was captured. */
  char            *text_sha256;
  gint64           captured_at;
  guint            edited;       /* ClipperCitationField */
} ClipperCitation;

#define CLIPPER_TYPE_CITATION (clipper_citation_get_type ())

GType            clipper_citation_get_type      (void) G_GNUC_CONST;
ClipperCitation *clipper_citation_new           (void);
ClipperCitation *clipper_citation_copy          (const ClipperCitation *citation);
void             clipper_citation_free          (ClipperCitation       *citation);
ClipperCitation *clipper_citation_new_for_clipping (ClipperClipping    *clipping);
char            *clipper_citation_dup_key_base  (const ClipperCitation *citation);
char            *clipper_citation_dup_year      (const ClipperCitation *citation);
char            *clipper_citation_format_authors (const ClipperCitation *citation);
gboolean         clipper_citation_set_field     (ClipperCitation       *citation,
                                                 const char            *field,
                                                 const char            *value,
                                                 GError               **error);

const char      *clipper_item_type_to_csl       (ClipperItemType        type);
gboolean         clipper_item_type_from_csl     (const char            *name,
                                                 ClipperItemType       *type);

ClipperName     *clipper_name_new               (const char            *family,
                                                 const char            *given,
                                                 const char            *literal);
void             clipper_name_free              (ClipperName           *name);
GPtrArray       *clipper_names_parse            (const char            *byline);
char            *clipper_names_to_json          (GPtrArray             *names);
GPtrArray       *clipper_names_from_json        (const char            *json);

char            *clipper_issued_from_date       (const char            *published);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipperCitation, clipper_citation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipperName, clipper_name_free)

G_END_DECLS
