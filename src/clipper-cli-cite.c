/* clipper-cli-cite.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cite verb: a clipping's citation shown, set, or written in a
 * reference manager's format.
 */

#define G_LOG_DOMAIN "clipper-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clipper-cite-formats.h"
#include "clipper-cli-private.h"
#include "clipper-csl.h"
#include "clipper-store.h"
#include "clipper-zotero.h"

static const struct
{
  const char          *name;
  ClipperCitationField bit;
} field_names[] = {
  { "key", CLIPPER_CITATION_FIELD_KEY },
  { "type", CLIPPER_CITATION_FIELD_TYPE },
  { "authors", CLIPPER_CITATION_FIELD_AUTHORS },
  { "title", CLIPPER_CITATION_FIELD_TITLE },
  { "container", CLIPPER_CITATION_FIELD_CONTAINER },
  { "publisher", CLIPPER_CITATION_FIELD_PUBLISHER },
  { "issued", CLIPPER_CITATION_FIELD_ISSUED },
  { "accessed", CLIPPER_CITATION_FIELD_ACCESSED },
  { "url", CLIPPER_CITATION_FIELD_URL },
  { "language", CLIPPER_CITATION_FIELD_LANGUAGE },
};

static char *
format_time (gint64      time,
             const char *format)
{
  g_autoptr(GDateTime) dt = time > 0 ? g_date_time_new_from_unix_utc (time) : NULL;

  return dt ? g_date_time_format (dt, format) : NULL;
}

static void
print_field (const char *name,
             const char *value)
{
  g_print ("%-12s %s\n", name, value ? value : "");
}

static void
print_citation (const ClipperCitation *citation)
{
  g_autofree char *authors = clipper_citation_format_authors (citation);
  g_autofree char *accessed = format_time (citation->accessed, "%Y-%m-%d");
  g_autofree char *captured = format_time (citation->captured_at, "%Y-%m-%dT%H:%M:%SZ");
  g_autoptr(GString) edited = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (field_names); i++)
    if (citation->edited & field_names[i].bit)
      g_string_append_printf (edited, "%s%s", edited->len ? ", " : "", field_names[i].name);

  print_field ("key", citation->key);
  print_field ("type", clipper_item_type_to_csl (citation->type));
  print_field ("authors", authors);
  print_field ("title", citation->title);
  print_field ("container", citation->container);
  print_field ("publisher", citation->publisher);
  print_field ("issued", citation->issued);
  print_field ("accessed", accessed);
  print_field ("url", citation->url);
  print_field ("language", citation->language);
  /* Provenance: what the page said when it was read. */
  print_field ("text-sha256", citation->text_sha256 && citation->text_sha256[0]
                              ? citation->text_sha256 : _("(not recorded)"));
  print_field ("captured", captured ? captured : _("(not recorded)"));
  print_field ("edited", edited->str);
}

int
clipper_cli_run_cite (int    argc,
                      char **argv)
{
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperCitation) citation = NULL;
  g_autofree char *format = NULL;
  g_autofree char *style = NULL;
  g_auto(GStrv) sets = NULL;
  ClipperCiteFormat cite_format = CLIPPER_CITE_FORMAT_CSL_JSON;
  GError *error = NULL;
  gint64 id;
  int status;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_("text (default), csl-json, bibtex or ris"), N_("FORMAT") },
    { "style", 0, 0, G_OPTION_ARG_STRING, &style,
      N_("Print the reference in a CSL style: apa, chicago, another style’s name or a .csl file"),
      N_("STYLE") },
    { "set", 's', 0, G_OPTION_ARG_STRING_ARRAY, &sets,
      N_("Set a field: key, type, authors (“Family, Given; {Organisation}”), title, container, "
         "publisher, issued, accessed, url or language (may be repeated)"),
      N_("FIELD=VALUE") },
    { NULL }
  };

  if (!clipper_cli_parse_options ("cite", entries, &argc, &argv, 1, 1, &status))
    return status;

  if (style != NULL && format != NULL)
    return clipper_cli_usage_error (_("Give --style or --format, not both."));
  if (format != NULL && !g_str_equal (format, "text") && !clipper_cite_format_from_name (format, &cite_format))
    return clipper_cli_usage_error (_("“%s” is not a format; use text, csl-json, bibtex or ris."), format);

  if (!clipper_cli_parse_id (argv[1], &id, &error) ||
      !(store = clipper_cli_open_store (&error)) ||
      !(citation = clipper_store_find_citation (store, id, &error)))
    return clipper_cli_fail (error);

  for (guint i = 0; sets != NULL && sets[i]; i++)
    {
      g_autofree char *field = NULL;
      const char *equals = strchr (sets[i], '=');

      if (equals == NULL)
        return clipper_cli_usage_error (_("“%s” is not FIELD=VALUE."), sets[i]);
      field = g_strndup (sets[i], equals - sets[i]);
      if (!clipper_citation_set_field (citation, g_strstrip (field), equals + 1, &error))
        return clipper_cli_fail (error);
    }

  if (sets != NULL && !clipper_store_set_citation (store, citation, &error))
    return clipper_cli_fail (error);

  if (style != NULL)
    {
      g_autoptr(GPtrArray) one = g_ptr_array_new ();
      g_autoptr(ClipperCslOutput) formatted = NULL;

      g_ptr_array_add (one, citation);
      if (!(formatted = clipper_csl_format (one, style, "text", &error)))
        return clipper_cli_fail (error);
      for (guint i = 0; i < formatted->references->len; i++)
        g_print ("%s\n", (char *)g_ptr_array_index (formatted->references, i));
      g_print ("%s\n", (char *)g_hash_table_lookup (formatted->in_text, citation->key) ?: "");
    }
  else if (format == NULL || g_str_equal (format, "text"))
    print_citation (citation);
  else
    {
      g_autoptr(GPtrArray) one = g_ptr_array_new ();
      g_autofree char *text = NULL;

      g_ptr_array_add (one, citation);
      text = clipper_cite_write (one, cite_format);
      fputs (text, stdout);
    }

  return EXIT_SUCCESS;
}

int
clipper_cli_run_zotero (int    argc,
                        char **argv)
{
  g_autoptr(ClipperStore) store = NULL;
  GError *error = NULL;
  gint64 id;
  int status;
  const GOptionEntry entries[] = { { NULL } };

  if (!clipper_cli_parse_options ("zotero", entries, &argc, &argv, 1, 1, &status))
    return status;

  if (!clipper_cli_parse_id (argv[1], &id, &error) ||
      !(store = clipper_cli_open_store (&error)) ||
      !clipper_zotero_send (store, id, g_getenv ("CLIPPER_ZOTERO_URL"), &error))
    return clipper_cli_fail (error);

  g_print (_("Sent to Zotero\n"));
  return EXIT_SUCCESS;
}
