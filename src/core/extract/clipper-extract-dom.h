/* clipper-extract-dom.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the extraction stages share: element tests and walks over a libxml2
 * tree, attribute and text counts, and the per-node record that scoring
 * writes and cleaning reads (kept in each element's _private pointer).
 */

#pragma once

#include <string.h>

#include <libxml/HTMLtree.h>

#include "clipper-extractor-private.h"

G_BEGIN_DECLS

typedef struct
{
  double   score;
  int      text_length;
  double   link_length;
  guint    scored : 1;
  guint    data_table : 1;
  guint    measured : 1;
} ClipperNodeInfo;

struct _ClipperGrabber
{
  ClipperGrab *grab;
  GPtrArray   *infos;      /* the ClipperNodeInfos, owned */
  GPtrArray   *candidates; /* elements scored so far */
};

/* The attributes the main walk looks at, found in one pass. */
typedef struct
{
  const char *klass;
  const char *id;
  const char *style;
  const char *aria_hidden;
  const char *aria_modal;
  const char *role;
  const char *rel;
  const char *itemprop;
  gboolean    hidden;
} ClipperAttrs;

typedef struct
{
  int      length;
  int      commas;
  gboolean pending_space;
  gboolean started;
} ClipperTextCount;

gboolean          clipper_dom_is_heading                (xmlNode *node);
const char       *clipper_dom_get_attr                  (xmlNode    *node,
                                                         const char *name);
gboolean          clipper_dom_contains_any              (const char         *haystack,
                                                         const char * const *needles);
const char       *clipper_dom_match_string              (xmlNode *node,
                                                         char    *buffer,
                                                         gsize    size);
void              clipper_dom_read_attrs                (xmlNode      *node,
                                                         ClipperAttrs *attrs);
const char       *clipper_dom_attrs_match_string        (const ClipperAttrs *attrs,
                                                         char               *buffer,
                                                         gsize               size);
guint             clipper_dom_count_elements            (xmlNode *node);
xmlNode          *clipper_dom_next_any                  (xmlNode *node,
                                                         xmlNode *root);
xmlNode          *clipper_dom_remove_and_next           (xmlNode *node,
                                                         xmlNode *root);
void              clipper_dom_count_text_node           (ClipperTextCount *count,
                                                         xmlNode          *text,
                                                         gboolean          cached);
void              clipper_dom_count_text                (xmlNode          *root,
                                                         ClipperTextCount *count,
                                                         gboolean          cached);
int               clipper_dom_text_length               (xmlNode  *node,
                                                         gboolean  cached);
char             *clipper_dom_inner_text                (xmlNode *node);
gboolean          clipper_dom_is_whitespace             (xmlNode *node);
gboolean          clipper_dom_is_phrasing               (xmlNode *node);
double            clipper_dom_link_density              (xmlNode *node);
void              clipper_dom_set_tag                   (xmlNode    *node,
                                                         const char *name);
gboolean          clipper_dom_has_ancestor              (xmlNode    *node,
                                                         const char *name,
                                                         int         max_depth);
gboolean          clipper_dom_has_text                  (xmlNode *root);
gboolean          clipper_dom_is_without_content        (xmlNode *node);
gboolean          clipper_dom_is_probably_visible       (const ClipperAttrs *attrs);

ClipperNodeInfo  *clipper_grabber_get_info              (ClipperGrabber *grabber,
                                                         xmlNode        *node);
int               clipper_grabber_class_weight          (ClipperGrabber *grabber,
                                                         xmlNode        *node);

/* Inline: these run for every node of every page. */

/* Comparing the first letter first skips most string comparisons. */
static inline gboolean
clipper_dom_is (xmlNode    *node,
                const char *name)
{
  const char *node_name;

  if (node == NULL || node->type != XML_ELEMENT_NODE)
    return FALSE;

  node_name = (const char *)node->name;
  return node_name[0] == name[0] && strcmp (node_name, name) == 0;
}

static inline gboolean
clipper_dom_is_one_of (xmlNode            *node,
                       const char * const *names)
{
  const char *node_name;

  if (node == NULL || node->type != XML_ELEMENT_NODE)
    return FALSE;

  node_name = (const char *)node->name;
  for (guint i = 0; names[i]; i++)
    if (node_name[0] == names[i][0] && strcmp (node_name, names[i]) == 0)
      return TRUE;

  return FALSE;
}

static inline xmlNode *
clipper_dom_first_element (xmlNode *node)
{
  for (xmlNode *child = node->children; child; child = child->next)
    if (child->type == XML_ELEMENT_NODE)
      return child;
  return NULL;
}

static inline xmlNode *
clipper_dom_next_element (xmlNode *node)
{
  for (node = node->next; node; node = node->next)
    if (node->type == XML_ELEMENT_NODE)
      return node;
  return NULL;
}

/* Depth-first order over elements, as Readability walks the page. */
static inline xmlNode *
clipper_dom_next (xmlNode  *node,
                  xmlNode  *root,
                  gboolean  skip_children)
{
  xmlNode *next;

  if (!skip_children && (next = clipper_dom_first_element (node)))
    return next;

  while (node != NULL && node != root)
    {
      if ((next = clipper_dom_next_element (node)))
        return next;
      node = node->parent;
    }

  return NULL;
}

G_END_DECLS
