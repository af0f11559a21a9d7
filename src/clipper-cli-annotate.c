/* clipper-cli-annotate.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Verbs that annotate: highlights, highlight, note and tag.
 */

#define G_LOG_DOMAIN "clipper-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>

#include "clipper-anchor.h"
#include "clipper-cli-private.h"
#include "clipper-error.h"
#include "clipper-store.h"

static void
add_highlight (JsonBuilder      *builder,
               ClipperHighlight *highlight)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, clipper_highlight_get_id (highlight));
  clipper_json_add_string_member (builder, "color", clipper_highlight_get_color (highlight));
  clipper_json_add_string_member (builder, "exact", clipper_highlight_get_exact (highlight));
  clipper_json_add_string_member (builder, "prefix", clipper_highlight_get_prefix (highlight));
  clipper_json_add_string_member (builder, "suffix", clipper_highlight_get_suffix (highlight));
  json_builder_set_member_name (builder, "start");
  json_builder_add_int_value (builder, clipper_highlight_get_start (highlight));
  json_builder_set_member_name (builder, "end");
  json_builder_add_int_value (builder, clipper_highlight_get_end (highlight));
  json_builder_set_member_name (builder, "orphaned");
  json_builder_add_boolean_value (builder, clipper_highlight_get_orphaned (highlight));
  clipper_json_add_string_member (builder, "note", clipper_highlight_get_note (highlight));
  clipper_cli_add_strv_member (builder, "tags", clipper_highlight_get_tags (highlight));
  json_builder_end_object (builder);
}

int
clipper_cli_run_highlights (int    argc,
                            char **argv)
{
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperClipping) clipping = NULL;
  g_autoptr(GPtrArray) highlights = NULL;
  gboolean json = FALSE;
  GError *error = NULL;
  gint64 id;
  int status;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!clipper_cli_parse_options ("highlights", entries, &argc, &argv, 1, 1, &status))
    return status;

  if (!clipper_cli_parse_id (argv[1], &id, &error) ||
      !(store = clipper_cli_open_store (&error)) ||
      !(clipping = clipper_store_find_clipping (store, id, &error)) ||
      !(highlights = clipper_store_list_highlights (store, id, &error)))
    return clipper_cli_fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < highlights->len; i++)
        add_highlight (builder, g_ptr_array_index (highlights, i));
      json_builder_end_array (builder);
      clipper_cli_print_json (builder);
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < highlights->len; i++)
    {
      ClipperHighlight *highlight = g_ptr_array_index (highlights, i);
      g_autofree char *tags = g_strjoinv (", ", (char **)clipper_highlight_get_tags (highlight));

      g_print ("%" G_GINT64_FORMAT "\t%s%s\t%s\n", clipper_highlight_get_id (highlight),
               clipper_highlight_get_color (highlight),
               clipper_highlight_get_orphaned (highlight) ? _(" (orphaned)") : "",
               clipper_highlight_get_exact (highlight));
      if (clipper_highlight_get_note (highlight))
        g_print ("\t%s\n", clipper_highlight_get_note (highlight));
      if (tags[0])
        g_print ("\t%s %s\n", _("Tags:"), tags);
    }

  return EXIT_SUCCESS;
}

int
clipper_cli_run_highlight (int    argc,
                           char **argv)
{
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperClipping) clipping = NULL;
  g_autoptr(ClipperAnchorText) text = NULL;
  g_autoptr(ClipperSelector) selector = NULL;
  g_autoptr(ClipperHighlight) highlight = NULL;
  g_autofree char *quote = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  g_autofree char *color = NULL;
  g_autofree char *note = NULL;
  g_auto(GStrv) tags = NULL;
  GError *error = NULL;
  gint64 id, start, end;
  int found;
  int status;
  const GOptionEntry entries[] = {
    { "quote", 'q', 0, G_OPTION_ARG_STRING, &quote, N_("The exact text to highlight"), N_("TEXT") },
    { "prefix", 0, 0, G_OPTION_ARG_STRING, &prefix, N_("Text just before it, when it occurs more than once"), N_("TEXT") },
    { "suffix", 0, 0, G_OPTION_ARG_STRING, &suffix, N_("Text just after it, when it occurs more than once"), N_("TEXT") },
    { "color", 'c', 0, G_OPTION_ARG_STRING, &color, N_("yellow, green, blue, pink or purple"), N_("COLOR") },
    { "note", 'n', 0, G_OPTION_ARG_STRING, &note, N_("A note on the highlight"), N_("TEXT") },
    { "tag", 't', 0, G_OPTION_ARG_STRING_ARRAY, &tags, N_("Tag the highlight (may be repeated)"), N_("TAG") },
    { NULL }
  };

  if (!clipper_cli_parse_options ("highlight", entries, &argc, &argv, 1, 1, &status))
    return status;

  if (quote == NULL || quote[0] == '\0')
    return clipper_cli_usage_error (_("Give the text to highlight with --quote."));
  if (!g_utf8_validate (quote, -1, NULL))
    return clipper_cli_usage_error (_("The quote is not valid text."));
  if (color != NULL && !clipper_highlight_is_color (color))
    return clipper_cli_usage_error (_("“%s” is not a highlight colour; use yellow, green, blue, pink or purple."), color);
  for (guint i = 0; tags != NULL && tags[i]; i++)
    if (g_strstrip (tags[i])[0] == '\0')
      return clipper_cli_usage_error (_("A tag cannot be empty."));

  if (!clipper_cli_parse_id (argv[1], &id, &error) ||
      !(store = clipper_cli_open_store (&error)) ||
      !(clipping = clipper_store_find_clipping (store, id, &error)))
    return clipper_cli_fail (error);

  text = clipper_anchor_text_new_from_html (clipper_clipping_get_content (clipping));
  found = clipper_anchor_find_quote (text, quote, prefix, suffix, &start, &end);
  if (found == 0)
    {
      g_set_error (&error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND,
                   _("The text “%s” is not in clipping %s."), quote, argv[1]);
      return clipper_cli_fail (error);
    }
  if (found > 1)
    {
      g_set_error (&error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT,
                   _("The text “%s” occurs %d times; add --prefix or --suffix to say which."),
                   quote, found);
      return clipper_cli_fail (error);
    }

  selector = clipper_selector_new (text, start, end);
  highlight = clipper_highlight_new ();
  clipper_highlight_set_clipping_id (highlight, id);
  clipper_highlight_set_color (highlight, color ? color : "yellow");
  clipper_highlight_set_selector (highlight, selector);
  clipper_highlight_set_note (highlight, note);
  clipper_highlight_set_tags (highlight, (const char * const *)tags);

  if (clipper_store_add_highlight (store, highlight, &error) == 0)
    return clipper_cli_fail (error);

  g_print ("%" G_GINT64_FORMAT "\n", clipper_highlight_get_id (highlight));
  return EXIT_SUCCESS;
}

int
clipper_cli_run_note (int    argc,
                      char **argv)
{
  g_autoptr(ClipperStore) store = NULL;
  GError *error = NULL;
  gint64 id;
  int status;

  if (!clipper_cli_parse_options ("note", NULL, &argc, &argv, 2, 2, &status))
    return status;

  if (!g_utf8_validate (argv[2], -1, NULL))
    return clipper_cli_usage_error (_("The note is not valid text."));

  if (!clipper_cli_parse_id (argv[1], &id, &error) ||
      !(store = clipper_cli_open_store (&error)) ||
      !clipper_store_set_clipping_note (store, id, argv[2], &error))
    return clipper_cli_fail (error);

  return EXIT_SUCCESS;
}

int
clipper_cli_run_archive (int    argc,
                         char **argv)
{
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean restore = FALSE;
  GError *error = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "restore", 0, 0, G_OPTION_ARG_NONE, &restore, N_("Bring the clippings back into the Library's list"), NULL },
    { NULL }
  };

  if (!clipper_cli_parse_options ("archive", entries, &argc, &argv, 1, -1, &status))
    return status;

  /* Every id is checked before any is changed. */
  if (!clipper_cli_parse_ids (argv + 1, argc - 1, ids, &error))
    return clipper_cli_fail (error);
  if (!(store = clipper_cli_open_store (&error)))
    return clipper_cli_fail (error);
  for (guint i = 0; i < ids->len; i++)
    if (!clipper_store_find_clipping_meta (store, g_array_index (ids, gint64, i), &error))
      return clipper_cli_fail (error);
  for (guint i = 0; i < ids->len; i++)
    if (!clipper_store_set_archived (store, g_array_index (ids, gint64, i), !restore, &error))
      return clipper_cli_fail (error);

  return EXIT_SUCCESS;
}

int
clipper_cli_run_tag (int    argc,
                     char **argv)
{
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();
  GError *error = NULL;
  gint64 id;
  int status;

  if (!clipper_cli_parse_options ("tag", NULL, &argc, &argv, 2, -1, &status))
    return status;

  for (int i = 2; i < argc; i++)
    {
      if (!g_utf8_validate (argv[i], -1, NULL) || g_strstrip (argv[i])[0] == '\0')
        return clipper_cli_usage_error (_("A tag cannot be empty."));
      g_ptr_array_add (tags, argv[i]);
    }
  g_ptr_array_add (tags, NULL);

  if (!clipper_cli_parse_id (argv[1], &id, &error) ||
      !(store = clipper_cli_open_store (&error)) ||
      !clipper_store_add_clipping_tags (store, id, (const char * const *)tags->pdata, &error))
    return clipper_cli_fail (error);

  return EXIT_SUCCESS;
}

