/* clipper-cli.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clipper-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>

#include "clipper-cli.h"
#include "clipper-cli-private.h"
#include "clipper-error.h"
#include "clipper-json.h"
#include "clipper-store.h"

typedef struct
{
  const char *name;
  const char *parameters;
  const char *summary;
  int       (*run) (int argc, char **argv);
} CliVerb;

static char *library_path;

static const GOptionEntry global_entries[] = {
  { "library", 0, 0, G_OPTION_ARG_FILENAME, &library_path,
    N_("Use the library at PATH instead of the default one"), N_("PATH") },
  { NULL }
};

/* Every verb of the command line; later verbs add a row here. */
static const CliVerb verbs[] = {
  { "clip", N_("FILE.html|URL"), N_("Save a page as a clipping and print its id"), clipper_cli_run_clip },
  { "list", N_("[--tag TAG…] [--site SITE] [--highlighted] [--sort ORDER]"),
    N_("List the clippings in the library, newest first"), clipper_cli_run_list },
  { "search", N_("QUERY…"), N_("Search titles, text, highlights, notes and tags"), clipper_cli_run_search },
  { "show", N_("ID"), N_("Show a clipping’s details and text"), clipper_cli_run_show },
  { "delete", N_("ID"), N_("Delete a clipping"), clipper_cli_run_delete },
  { "extract", N_("FILE.html"), N_("Print the article found in a page, without saving it"), clipper_cli_run_extract },
  { "highlights", N_("ID"), N_("List a clipping’s highlights and notes"), clipper_cli_run_highlights },
  { "highlight", N_("ID --quote TEXT"), N_("Highlight a passage of a clipping"), clipper_cli_run_highlight },
  { "note", N_("ID TEXT"), N_("Set the note on a clipping (empty text removes it)"), clipper_cli_run_note },
  { "archive", N_("ID… [--restore]"),
    N_("Archive clippings: kept and searchable, out of the list (--restore brings them back)"),
    clipper_cli_run_archive },
  { "tag", N_("ID TAG…"), N_("Tag a clipping"), clipper_cli_run_tag },
  { "tags", N_("[rename TAG NEW-NAME]"),
    N_("List the tags with their counts, or rename one (merging it into a tag of that name)"), clipper_cli_run_tags },
  { "sites", N_("[--json]"), N_("List the sites of the clippings with their counts, most clippings first"), clipper_cli_run_sites },
  { "export", N_("[ID…|--all|--search QUERY]"),
    N_("Export clippings with their highlights and notes, or their citations"), clipper_cli_run_export },
  { "import", N_("FILE [--fetch|--no-fetch] [--tag TAG] [--json]"),
    N_("Import the pages and annotations of Pocket, Omnivore, Wallabag, Instapaper, Readwise, Hypothesis or W3C Web Annotation exports"),
    clipper_cli_run_import },
  { "sync", N_("[--target URL|FOLDER [--user NAME]] [--status] [--json]"),
    N_("Sync the library with the other machines through a WebDAV server or a folder they share"),
    clipper_cli_run_sync },
  { "fetch", N_("[ID…] [--json]"),
    N_("Fetch the text of pages imported as addresses (all of them, or those given); fails if one could not be fetched"),
    clipper_cli_run_fetch },
  { "report", N_("QUERY…|--all --output FILE.md [--group-by clipping|tag|color] [--style STYLE]"),
    N_("Write a report of the clippings a search finds, with citations and a bibliography"), clipper_cli_run_report },
  { "zotero", N_("ID"),
    N_("Send a clipping, with its note and highlights, to the Zotero desktop on this computer"),
    clipper_cli_run_zotero },
  { "cite", N_("ID [--format FORMAT] [--set FIELD=VALUE…]"),
    N_("Show or set a clipping’s citation, or print it as CSL-JSON, BibTeX or RIS"), clipper_cli_run_cite },
  { "check", N_("[--thorough]"), N_("Check the library file and its search index for damage"), clipper_cli_run_check },
  { "repair", N_("[--output PATH]"),
    N_("Rebuild a damaged search index, or copy what can be read of a damaged library into a new file"),
    clipper_cli_run_repair },
};

int
clipper_cli_fail (GError *error)
{
  g_printerr ("clipper: %s\n", error->message);
  g_error_free (error);
  return EXIT_FAILURE;
}

int
clipper_cli_usage_error (const char *format,
                         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("clipper: %s\n", message);
  return EXIT_USAGE;
}

static const CliVerb *
find_verb (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    if (g_strcmp0 (verbs[i].name, name) == 0)
      return &verbs[i];
  return NULL;
}

/* Parses a verb's options; on failure prints the message and returns FALSE. */
gboolean
clipper_cli_parse_options (const char         *verb,
                           const GOptionEntry *entries,
                           int                *argc,
                           char             ***argv,
                           int                 min_args,
                           int                 max_args,
                           int                *status)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const CliVerb *info = find_verb (verb);
  g_autofree char *parameters = g_strdup_printf ("%s %s", verb, _(info->parameters));

  context = g_option_context_new (parameters);
  g_option_context_set_summary (context, _(info->summary));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, global_entries, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = clipper_cli_usage_error ("%s", error->message);
      return FALSE;
    }

  /* argv[0] is the verb itself. */
  if (*argc - 1 < min_args || (max_args >= 0 && *argc - 1 > max_args))
    {
      *status = clipper_cli_usage_error (_("Usage: clipper %s"), parameters);
      return FALSE;
    }

  return TRUE;
}

char *
clipper_cli_dup_library_path (void)
{
  return library_path ? g_strdup (library_path) : clipper_store_dup_default_path ();
}

ClipperStore *
clipper_cli_open_store (GError **error)
{
  g_autofree char *path = clipper_cli_dup_library_path ();
  ClipperStore *store;

  /* SQLite would open a throwaway database for an empty name. */
  if (path[0] == '\0')
    {
      g_set_error_literal (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT,
                           _("--library needs the path of a library file."));
      return NULL;
    }

  store = clipper_store_open (path, error);
  if (store != NULL && clipper_store_get_was_empty (store))
    g_printerr (_("clipper: “%s” was an empty file; a new library was made in it.\n"), path);
  return store;
}

gboolean
clipper_cli_parse_id (const char  *text,
                      gint64      *id,
                      GError     **error)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT,
                   _("“%s” is not a clipping id (a whole number, as “clipper list” shows)."),
                   text);
      return FALSE;
    }

  *id = (gint64)value;
  return TRUE;
}

/* The ids in @args, each checked, appended to @ids. */
gboolean
clipper_cli_parse_ids (char   **args,
                       int      n_args,
                       GArray  *ids,
                       GError **error)
{
  for (int i = 0; i < n_args; i++)
    {
      gint64 id;

      if (!clipper_cli_parse_id (args[i], &id, error))
        return FALSE;
      g_array_append_val (ids, id);
    }
  return TRUE;
}

static char *
format_iso8601 (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_time);

  return dt ? g_date_time_format_iso8601 (dt) : NULL;
}

/* The clipping's members, in an object the caller has begun. */
void
clipper_cli_add_clipping_members (JsonBuilder     *builder,
                                  ClipperClipping *clipping,
                                  gboolean         full)
{
  g_autofree char *clipped = format_iso8601 (clipper_clipping_get_clipped_at (clipping));

  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, clipper_clipping_get_id (clipping));
  clipper_json_add_string_member (builder, "url", clipper_clipping_get_url (clipping));
  clipper_json_add_string_member (builder, "title", clipper_clipping_get_title (clipping));
  clipper_json_add_string_member (builder, "byline", clipper_clipping_get_byline (clipping));
  clipper_json_add_string_member (builder, "siteName", clipper_clipping_get_site_name (clipping));
  clipper_json_add_string_member (builder, "publishedTime", clipper_clipping_get_published (clipping));
  clipper_json_add_string_member (builder, "excerpt", clipper_clipping_get_excerpt (clipping));
  clipper_json_add_string_member (builder, "lang", clipper_clipping_get_lang (clipping));
  clipper_json_add_string_member (builder, "dir", clipper_clipping_get_dir (clipping));
  json_builder_set_member_name (builder, "archived");
  json_builder_add_boolean_value (builder, clipper_clipping_get_archived (clipping));
  json_builder_set_member_name (builder, "progress");
  json_builder_add_double_value (builder, clipper_clipping_get_progress (clipping));

  if (full)
    {
      clipper_cli_add_strv_member (builder, "tags", clipper_clipping_get_tags (clipping));
      clipper_json_add_string_member (builder, "content", clipper_clipping_get_content (clipping));
      clipper_json_add_string_member (builder, "textContent", clipper_clipping_get_text (clipping));
    }

  clipper_json_add_string_member (builder, "clippedAt", clipped);
}

void
clipper_cli_add_strv_member (JsonBuilder        *builder,
                             const char         *name,
                             const char * const *values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values && values[i]; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

/* Prints what @builder built, on one line. */
void
clipper_cli_print_json (JsonBuilder *builder)
{
  g_autofree char *json = clipper_json_builder_to_string (builder);

  fputs (json, stdout);
  fputc ('\n', stdout);
}

#define HELP_PARAMETERS_WIDTH 16

static void
print_help (void)
{
  g_print ("%s\n  clipper [--library PATH] [URL|FILE.html]\n"
           "  clipper [--library PATH] COMMAND [OPTIONS…]\n\n%s\n",
           _("Usage:"), _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    {
      const char *parameters = _(verbs[i].parameters);
      glong width = g_utf8_strlen (parameters, -1);

      /* Columns counted in characters, not bytes; parameters too long for
       * theirs put the summary on a line of its own, still aligned. */
      if (width <= HELP_PARAMETERS_WIDTH)
        g_print ("  %-10s %s%*s %s\n", verbs[i].name, parameters,
                 (int)(HELP_PARAMETERS_WIDTH - width), "", _(verbs[i].summary));
      else
        g_print ("  %-10s %s\n  %-10s %*s %s\n", verbs[i].name, parameters, "",
                 HELP_PARAMETERS_WIDTH, "", _(verbs[i].summary));
    }
  g_print ("\n%s\n  --library PATH  %s\n  --version       %s\n  --help          %s\n\n%s\n",
           _("Options:"),
           _("Use the library at PATH (or set CLIPPER_LIBRARY)"),
           _("Print the version and exit"),
           _("Print this help and exit"),
           _("“clipper COMMAND --help” describes a command’s options."));
}

/* The index of the first argument that is not a global option, or argc. */
static int
first_word (int    argc,
            char **argv)
{
  int i;

  for (i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--library"))
        i++;
      else if (!g_str_has_prefix (argv[i], "--library="))
        break;
    }

  return i;
}

gboolean
clipper_cli_handles (int    argc,
                     char **argv)
{
  int i = first_word (argc, argv);

  if (i >= argc)
    return FALSE;

  return find_verb (argv[i]) != NULL ||
         g_str_equal (argv[i], "--version") ||
         g_str_equal (argv[i], "--help") ||
         g_str_equal (argv[i], "-h");
}

/* Text from pages (titles, bylines, the article) must not drive the
 * terminal: control characters but tab and newline, DEL and the C1
 * controls are written as \u00XX, which JSON output reads back as the
 * same character. */
static void
write_escaped (FILE       *stream,
               const char *text)
{
  const char *run = text;
  const char *p;

  for (p = text; *p;)
    {
      guchar c = (guchar)*p;
      guint code;
      gsize width;

      if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f)
        code = c, width = 1;
      else if (c == 0xc2 && (guchar)p[1] >= 0x80 && (guchar)p[1] <= 0x9f)
        code = (guchar)p[1], width = 2;
      else
        {
          p++;
          continue;
        }

      fwrite (run, 1, p - run, stream);
      fprintf (stream, "\\u%04x", code);
      p += width;
      run = p;
    }
  fwrite (run, 1, p - run, stream);
  fflush (stream);
}

static void
print_escaped (const char *text)
{
  write_escaped (stdout, text);
}

static void
printerr_escaped (const char *text)
{
  write_escaped (stderr, text);
}

int
clipper_cli_run (int    argc,
                 char **argv)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const CliVerb *verb;
  int i = first_word (argc, argv);
  int status;

  g_return_val_if_fail (i < argc, EXIT_USAGE);

  g_set_print_handler (print_escaped);
  g_set_printerr_handler (printerr_escaped);

  if (g_str_equal (argv[i], "--version"))
    {
      g_print ("clipper %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
    {
      print_help ();
      return EXIT_SUCCESS;
    }

  verb = find_verb (argv[i]);

  /* The verb's own option parser sees the global options too, right after
   * the verb: before any "--", after which all is the verb's words. */
  g_ptr_array_add (args, argv[i]);
  for (int j = 1; j < i; j++)
    g_ptr_array_add (args, argv[j]);
  for (int j = i + 1; j < argc; j++)
    g_ptr_array_add (args, argv[j]);
  g_ptr_array_add (args, NULL);

  {
    int verb_argc = args->len - 1;
    char **verb_argv = (char **)args->pdata;

    status = verb->run (verb_argc, verb_argv);
  }

  g_clear_pointer (&library_path, g_free);
  return status;
}

