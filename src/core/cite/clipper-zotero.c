/* clipper-zotero.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Send to Zotero: a clipping's item (type, creators, title, site, dates,
 * address), with its note and highlights as a child note, to the Zotero
 * desktop on this computer, through the connector server its browser
 * extensions use (chrome/content/zotero/xpcom/server/server_connector.js:
 * /connector/ping, then /connector/saveItems with a session, API version
 * 3 in a header, and a User-Agent that is not a browser's).
 */

#define G_LOG_DOMAIN "clipper-zotero"

#include "config.h"

#include <cmark.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <stdlib.h>
#include <string.h>

#include "clipper-error.h"
#include "clipper-json.h"
#include "clipper-zotero.h"

#define CONNECTOR_API_VERSION "3"

static const char *
zotero_item_type (ClipperItemType type,
                  const char    **container_field)
{
  switch (type)
    {
    case CLIPPER_ITEM_NEWSPAPER_ARTICLE:
      *container_field = "publicationTitle";
      return "newspaperArticle";
    case CLIPPER_ITEM_MAGAZINE_ARTICLE:
      *container_field = "publicationTitle";
      return "magazineArticle";
    case CLIPPER_ITEM_BLOG_POST:
      *container_field = "blogTitle";
      return "blogPost";
    case CLIPPER_ITEM_WEBPAGE:
    default:
      *container_field = "websiteTitle";
      return "webpage";
    }
}

static char *
markdown_html (const char *markdown)
{
  char *html = cmark_markdown_to_html (markdown, strlen (markdown), CMARK_OPT_DEFAULT);
  char *copy = g_strdup (html);

  free (html);
  return copy;
}

/* The clipping's note and its highlights, as the HTML of a Zotero note. */
static char *
child_note (const char *title,
            const char *note,
            GPtrArray  *highlights)
{
  GString *html = g_string_new (NULL);
  g_autofree char *escaped_title = g_markup_escape_text (title ? title : "", -1);

  g_string_append_printf (html, "<h1>%s</h1>", escaped_title);
  if (note != NULL && note[0] != '\0')
    {
      g_autofree char *rendered = markdown_html (note);

      g_string_append (html, rendered);
    }

  for (guint i = 0; highlights && i < highlights->len; i++)
    {
      ClipperHighlight *highlight = g_ptr_array_index (highlights, i);
      g_autofree char *quote = g_markup_escape_text (clipper_highlight_get_exact (highlight), -1);
      const char * const *tags = clipper_highlight_get_tags (highlight);
      const char *highlight_note = clipper_highlight_get_note (highlight);
      g_autofree char *tag_list = tags && tags[0] ? g_strjoinv (", ", (char **)tags) : NULL;
      g_autofree char *escaped_tags = tag_list ? g_markup_escape_text (tag_list, -1) : NULL;

      g_string_append_printf (html, "<blockquote><p>%s</p></blockquote><p><em>%s%s%s</em></p>", quote,
                              clipper_highlight_color_label (clipper_highlight_get_color (highlight)),
                              escaped_tags ? " · " : "", escaped_tags ? escaped_tags : "");
      if (highlight_note != NULL && highlight_note[0] != '\0')
        {
          g_autofree char *rendered = markdown_html (highlight_note);

          g_string_append (html, rendered);
        }
    }

  return g_string_free (html, FALSE);
}

/**
 * clipper_zotero_item_json:
 *
 * The item as Zotero's connector takes it.
 */
char *
clipper_zotero_item_json (const ClipperCitation *citation,
                          const char            *note,
                          GPtrArray             *highlights)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(GDateTime) accessed = g_date_time_new_from_unix_utc (citation->accessed);
  g_autofree char *access_date = accessed ? g_date_time_format (accessed, "%Y-%m-%d %H:%M:%S") : NULL;
  g_autofree char *html = child_note (citation->title, note, highlights);
  const char *container_field;
  const char *type = zotero_item_type (citation->type, &container_field);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  clipper_json_add_string_member (builder, "itemType", type);
  clipper_json_add_string_member (builder, "title", citation->title);
  json_builder_set_member_name (builder, "creators");
  json_builder_begin_array (builder);
  for (guint i = 0; i < citation->authors->len; i++)
    {
      ClipperName *name = g_ptr_array_index (citation->authors, i);

      json_builder_begin_object (builder);
      if (name->literal != NULL)
        clipper_json_add_string_member (builder, "name", name->literal);
      else
        {
          clipper_json_add_string_member (builder, "lastName", name->family);
          clipper_json_add_string_member (builder, "firstName", name->given ? name->given : "");
        }
      clipper_json_add_string_member (builder, "creatorType", "author");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (citation->container != NULL)
    clipper_json_add_string_member (builder, container_field, citation->container);
  if (citation->publisher != NULL && g_str_equal (type, "webpage"))
    clipper_json_add_string_member (builder, "websiteType", citation->publisher);
  if (citation->issued != NULL)
    clipper_json_add_string_member (builder, "date", citation->issued);
  if (access_date != NULL && citation->accessed > 0)
    clipper_json_add_string_member (builder, "accessDate", access_date);
  clipper_json_add_string_member (builder, "url", citation->url);
  if (citation->language != NULL)
    clipper_json_add_string_member (builder, "language", citation->language);
  json_builder_set_member_name (builder, "notes");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  clipper_json_add_string_member (builder, "note", html);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "attachments");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  {
    g_autofree char *session = g_uuid_string_random ();

    clipper_json_add_string_member (builder, "sessionID", session);
  }
  clipper_json_add_string_member (builder, "uri", citation->url);
  json_builder_end_object (builder);

  return clipper_json_builder_to_string (builder);
}

static SoupMessage *
connector_message (const char *base,
                   const char *method,
                   const char *path)
{
  g_autofree char *url = g_strconcat (base, path, NULL);
  SoupMessage *message = soup_message_new (method, url);

  if (message != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (message), "X-Zotero-Connector-API-Version",
                                  CONNECTOR_API_VERSION);
  return message;
}

/**
 * clipper_zotero_send:
 * @base: (nullable): the connector server's address; Zotero's own,
 *   http://127.0.0.1:23119, when %NULL
 *
 * Sends a clipping's item, with its note and highlights as a child note,
 * to the Zotero desktop. Zotero not running is said in one sentence.
 */
gboolean
clipper_zotero_send (ClipperStore  *store,
                     gint64         clipping_id,
                     const char    *base,
                     GError       **error)
{
  g_autoptr(ClipperCitation) citation = NULL;
  g_autoptr(GPtrArray) highlights = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) ping = NULL;
  g_autoptr(SoupMessage) save = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *note = NULL;
  g_autofree char *json = NULL;
  guint status;

  g_return_val_if_fail (CLIPPER_IS_STORE (store), FALSE);

  if (base == NULL)
    base = CLIPPER_ZOTERO_DEFAULT_URL;

  if (!(citation = clipper_store_find_citation (store, clipping_id, error)) ||
      !(highlights = clipper_store_list_highlights (store, clipping_id, error)))
    return FALSE;
  note = clipper_store_dup_clipping_note (store, clipping_id, NULL);

  /* Zotero refuses a browser's User-Agent on this server. */
  session = soup_session_new_with_options ("user-agent", "Clipper/" PACKAGE_VERSION, "timeout", 10, NULL);

  ping = connector_message (base, "GET", "/connector/ping");
  if (ping == NULL)
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT, _("“%s” is not an address for Zotero."), base);
      return FALSE;
    }
  answer = soup_session_send_and_read (session, ping, NULL, &local_error);
  if (answer == NULL || !SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (ping)))
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NETWORK,
                   _("Zotero is not running on this computer: start Zotero and try again."));
      return FALSE;
    }

  json = clipper_zotero_item_json (citation, note, highlights);
  save = connector_message (base, "POST", "/connector/saveItems");
  body = g_bytes_new (json, strlen (json));
  soup_message_set_request_body_from_bytes (save, "application/json", body);
  g_clear_pointer (&answer, g_bytes_unref);
  answer = soup_session_send_and_read (session, save, NULL, &local_error);
  if (answer == NULL)
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NETWORK, _("Zotero did not answer: %s"), local_error->message);
      return FALSE;
    }

  status = soup_message_get_status (save);
  if (status != SOUP_STATUS_CREATED)
    {
      gsize size = 0;
      const char *data = g_bytes_get_data (answer, &size);
      g_autofree char *text = g_strndup (data ? data : "", MIN (size, 200));

      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_HTTP, _("Zotero did not save the item (%u %s)."), status,
                   g_utf8_validate (text, -1, NULL) ? g_strstrip (text) : "");
      return FALSE;
    }
  return TRUE;
}
