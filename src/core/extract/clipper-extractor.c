/* clipper-extractor.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * HTML → article, stage by stage: the bytes to UTF-8 without scripts
 * (clipper-extract-input.c), the metadata (-metadata.c), the content found
 * (-scoring.c) and cleaned (-cleaning.c), its addresses (-links.c), and the
 * sanitised result.
 */

#define G_LOG_DOMAIN "clipper-extractor"

#include "config.h"

#include <math.h>
#include <string.h>

#include "clipper-extractor.h"
#include "clipper-extract-dom.h"
#include "clipper-extract-input.h"
#include "clipper-extract-links.h"
#include "clipper-extract-metadata.h"
#include "clipper-json.h"
#include "clipper-sanitizer.h"
#include "clipper-uri.h"

#define CHAR_THRESHOLD 500

void
clipper_article_free (ClipperArticle *article)
{
  if (article == NULL)
    return;

  g_free (article->title);
  g_free (article->byline);
  g_free (article->site_name);
  g_free (article->published);
  g_free (article->excerpt);
  g_free (article->lang);
  g_free (article->dir);
  g_free (article->lead_image);
  g_free (article->content);
  g_free (article->text);
  g_free (article->item_type);
  g_free (article);
}

static gboolean
is_probably_article (htmlDocPtr doc)
{
  xmlNode *root = xmlDocGetRootElement (doc);
  double score = 0;

  for (xmlNode *node = root; node; node = clipper_dom_next_any (node, root))
    {
      int length;

      if (!(clipper_dom_is (node, "p") || clipper_dom_is (node, "pre") || clipper_dom_is (node, "article")))
        continue;

      if (clipper_dom_is (node->parent, "li"))
        continue;

      /* One block of 541 characters is enough on its own: no need to
       * count an <article> of ten megabytes to the end. */
      length = _clipper_extractor_text_length_capped (node, 541);
      if (length < 140)
        continue;

      score += sqrt (length - 140);
      if (score > 20)
        return TRUE;
    }

  return FALSE;
}

static char *
first_paragraph (xmlNode *root)
{
  for (xmlNode *node = root; node; node = clipper_dom_next_any (node, root))
    if (clipper_dom_is (node, "p"))
      {
        g_autofree char *text = clipper_dom_inner_text (node);

        if (text[0] != '\0')
          return g_steal_pointer (&text);
      }

  return NULL;
}

/**
 * clipper_extractor_extract:
 * @data: the page's bytes, in any character set
 * @url: (nullable): the page's address, for relative links
 * @encoding: (nullable): the character set from the HTTP header, if any
 *
 * Finds the article in a page. Never fails: a page without an article
 * comes back whole and sanitised with is_article unset.
 */
ClipperArticle *
clipper_extractor_extract (const char *data,
                           gsize       length,
                           const char *url,
                           const char *encoding)
{
  g_autoptr(ClipperArticle) article = g_new0 (ClipperArticle, 1);
  g_autofree char *charset = NULL;
  g_autofree char *base = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *decoded = NULL;
  g_autoptr(xmlDoc) best_doc = NULL;
  xmlNode *best = NULL;
  int best_length = -1;
  char *best_byline = NULL;
  gboolean best_whole_body = FALSE;
  char *best_dir = NULL;
  g_auto(ClipperMetadata) meta = { 0 };
  ClipperGrabFlags flags[] = {
    CLIPPER_GRAB_ALL,
    CLIPPER_GRAB_ALL & ~CLIPPER_GRAB_STRIP_UNLIKELY,
    CLIPPER_GRAB_ALL & ~(CLIPPER_GRAB_STRIP_UNLIKELY | CLIPPER_GRAB_WEIGHT_CLASSES),
    0,
  };
  gboolean valid_utf8;

  if (data == NULL)
    length = 0;

  charset = clipper_input_decide_charset (data ? data : "", length, encoding, &valid_utf8);

  /* Everything else is decoded once, here, so that every pass below
   * reads UTF-8 and a bad sequence costs one character, not the rest. */
  if (!(valid_utf8 && g_str_equal (charset, "UTF-8")) && length > 0)
    {
      decoded = clipper_input_decode (data, length, charset, NULL);
      data = decoded;
      length = strlen (decoded);
      valid_utf8 = TRUE;
      g_free (charset);
      charset = g_strdup ("UTF-8");
    }

  if (data != NULL)
    {
      gsize stripped_length = 0;

      stripped = clipper_input_strip_scripts (data, length, &stripped_length);
      if (stripped != NULL)
        {
          data = stripped;
          length = stripped_length;
        }
    }

  for (guint attempt = 0; attempt < G_N_ELEMENTS (flags); attempt++)
    {
      g_autoptr(xmlDoc) doc = NULL;
      ClipperGrab grab = { 0 };
      xmlNode *content;
      int text_length;

      /* Valid UTF-8 needs no second check or repair. */
      if (valid_utf8 && g_str_equal (charset, "UTF-8"))
        doc = clipper_html_read (data, length, charset);
      else
        doc = clipper_html_parse (data ? data : "", length, charset);

      if (doc == NULL)
        break;

      if (attempt == 0)
        {
          g_autofree char *lang = clipper_html_dup_lang (doc);

          clipper_metadata_read (doc, &meta);
          base = clipper_links_document_base (doc, url);
          article->lang = g_steal_pointer (&lang);
          article->is_article = is_probably_article (doc);
        }

      _clipper_extractor_prepare_doc (doc);

      grab.title = meta.title;
      grab.flags = flags[attempt];
      content = _clipper_extractor_grab (doc, &grab);
      text_length = content ? grab.text_length : 0;

      if (text_length > best_length)
        {
          if (best != NULL)
            xmlFreeNode (best);
          g_clear_pointer (&best_doc, xmlFreeDoc);
          g_free (best_byline);
          g_free (best_dir);
          best = content;
          best_doc = g_steal_pointer (&doc);
          best_length = text_length;
          best_byline = g_steal_pointer (&grab.byline);
          best_dir = g_steal_pointer (&grab.dir);
          best_whole_body = grab.whole_body;
        }
      else
        {
          if (content)
            xmlFreeNode (content);
          g_free (grab.byline);
          g_free (grab.dir);
        }

      if (best_length >= CHAR_THRESHOLD)
        break;
    }

  article->title = g_strdup (meta.title ? meta.title : "");

  if (meta.byline != NULL)
    article->byline = g_steal_pointer (&meta.byline);
  else if (best_byline == NULL)
    article->byline = g_steal_pointer (&meta.item_author);
  else
    article->byline = g_steal_pointer (&best_byline);
  g_free (best_byline);

  article->excerpt = g_steal_pointer (&meta.excerpt);
  article->site_name = g_steal_pointer (&meta.site_name);
  article->published = g_steal_pointer (&meta.published);
  article->item_type = g_steal_pointer (&meta.item_type);
  article->lead_image = meta.image ? clipper_uri_resolve (base, meta.image) : NULL;

  article->dir = best_dir;

  /* Long paragraphs or enough text make an article; anything else
   * (a login form, search results, an empty page) is kept whole. */
  article->is_article = article->is_article || best_length >= CHAR_THRESHOLD / 2;

  if (!article->is_article)
    {
      g_autoptr(xmlDoc) doc = clipper_html_parse (data ? data : "", length, charset);
      xmlNode *body = doc ? clipper_html_get_body (doc) : NULL;

      if (body != NULL)
        _clipper_extractor_remove_hidden (body);

      /* A part of the page holds nearly all its visible text: the rest is
       * a heading or chrome, and that part is the better copy. */
      if (body != NULL && best != NULL && best_length > 0 && !best_whole_body &&
          best_length >= 0.9 * _clipper_extractor_text_length (body))
        article->is_article = TRUE;
      else if (body != NULL)
        {
          clipper_sanitizer_clean (body, base);
          article->content = clipper_html_serialize_children (doc, body);
          article->text = clipper_html_dup_text (body);
        }
    }

  if (article->content == NULL && best != NULL && best_length > 0)
    {
      clipper_sanitizer_clean (best, base);
      article->content = clipper_html_serialize_children (best_doc, best);
      article->text = clipper_html_dup_text (best);
      if (article->excerpt == NULL)
        article->excerpt = first_paragraph (best);
      if (article->lead_image == NULL)
        for (xmlNode *node = best; node; node = clipper_dom_next_any (node, best))
          if (clipper_dom_is (node, "img"))
            {
              g_autofree xmlChar *src = xmlGetProp (node, (const xmlChar *)"src");

              article->lead_image = g_strdup ((const char *)src);
              break;
            }
    }
  else if (article->content == NULL)
    {
      article->content = g_strdup ("");
      article->text = g_strdup ("");
      article->is_article = FALSE;
    }

  if (best != NULL)
    xmlFreeNode (best);

  if (article->title[0] == '\0')
    {
      g_free (article->title);
      article->title = g_strndup (article->text, strcspn (article->text, "\n"));
    }

  /* Metadata is shown in rows and printed to terminals: no controls. */
  clipper_html_strip_controls (article->title);
  clipper_html_strip_controls (article->byline);
  clipper_html_strip_controls (article->site_name);
  clipper_html_strip_controls (article->excerpt);
  clipper_html_strip_controls (article->published);
  clipper_html_strip_controls (article->lang);
  clipper_html_strip_controls (article->dir);

  /* The lead image is an address like any other in the article. */
  if (article->lead_image != NULL && !clipper_links_is_web_address (article->lead_image))
    g_clear_pointer (&article->lead_image, g_free);

  return g_steal_pointer (&article);
}

char *
clipper_article_to_json (const ClipperArticle *article)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  clipper_json_add_string_member (builder, "title", article->title);
  clipper_json_add_string_member (builder, "byline", article->byline);
  clipper_json_add_string_member (builder, "siteName", article->site_name);
  clipper_json_add_string_member (builder, "publishedTime", article->published);
  clipper_json_add_string_member (builder, "excerpt", article->excerpt);
  clipper_json_add_string_member (builder, "lang", article->lang);
  clipper_json_add_string_member (builder, "dir", article->dir);
  clipper_json_add_string_member (builder, "leadImage", article->lead_image);
  clipper_json_add_string_member (builder, "itemType", article->item_type);
  json_builder_set_member_name (builder, "isArticle");
  json_builder_add_boolean_value (builder, article->is_article);
  clipper_json_add_string_member (builder, "content", article->content);
  clipper_json_add_string_member (builder, "textContent", article->text);
  json_builder_end_object (builder);

  return clipper_json_builder_to_string (builder);
}
