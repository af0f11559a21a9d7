/* clipper-csl.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * References formatted with a real CSL processor and real CSL styles:
 * citeproc-js (resources/citeproc/) in JavaScriptCore, in a program of its
 * own (src/csl/) run for each formatting; the styles and locales are those
 * Debian packages (citation-style-language-styles and -locales), or any
 * .csl file.
 */

#define G_LOG_DOMAIN "clipper-csl"

/* memfd_create () */
#define _GNU_SOURCE

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "clipper-cite-formats.h"
#include "clipper-csl.h"
#include "clipper-error.h"
#include "clipper-json.h"

#define STYLES_DIR  "/usr/share/citation-style-language/styles"
#define LOCALES_DIR "/usr/share/citation-style-language/locales"

/* The names people use for the styles offered first. */
static const struct { const char *name, *file; } aliases[] = {
  { "apa", "apa" },
  { "chicago", "chicago-author-date" },
};

static const char *
styles_dir (void)
{
  const char *dir = g_getenv ("CLIPPER_CSL_STYLES_DIR");

  return dir && dir[0] ? dir : STYLES_DIR;
}

static const char *
locales_dir (void)
{
  const char *dir = g_getenv ("CLIPPER_CSL_LOCALES_DIR");

  return dir && dir[0] ? dir : LOCALES_DIR;
}

/**
 * clipper_csl_find_style:
 * @style: a style's name ("apa", "chicago", "harvard-cite-them-right"…)
 *   or the path of a .csl file
 *
 * Returns: (transfer full): the style's file, or %NULL with @error set
 */
char *
clipper_csl_find_style (const char  *style,
                        GError     **error)
{
  g_autofree char *path = NULL;
  const char *name = style;

  g_return_val_if_fail (style != NULL, NULL);

  if (strchr (style, G_DIR_SEPARATOR) != NULL || g_str_has_suffix (style, ".csl"))
    {
      if (g_file_test (style, G_FILE_TEST_IS_REGULAR))
        return g_strdup (style);
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND, _("There is no style file “%s”."), style);
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_str_equal (style, aliases[i].name))
      name = aliases[i].file;

  path = g_strconcat (styles_dir (), G_DIR_SEPARATOR_S, name, ".csl", NULL);
  if (strspn (name, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen (name) &&
      g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&path);

  g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND,
               _("There is no citation style called “%s” in %s; give the name of one there "
                 "(apa, chicago, …) or the path of a .csl file."),
               style, styles_dir ());
  return NULL;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *)a, *(char * const *)b);
}

/**
 * clipper_csl_list_styles:
 *
 * The names of the installed styles, as clipper_csl_find_style() takes
 * them, in alphabetical order; dependent styles are left out, since a
 * style that only points to another cannot be formatted alone.
 *
 * Returns: (transfer full): the names, perhaps none
 */
GStrv
clipper_csl_list_styles (void)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (styles_dir (), 0, NULL);
  const char *file;

  while (dir != NULL && (file = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (file, ".csl"))
      g_ptr_array_add (names, g_strndup (file, strlen (file) - 4));

  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return (GStrv)g_ptr_array_steal (names, NULL);
}

/* The style's own default locale, if it names one; checks that the file
 * is a CSL style at all. */
static gboolean
read_style (const char  *path,
            char       **xml,
            char       **default_locale,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  xmlDoc *doc;
  xmlNode *root;
  gsize length;

  if (!g_file_get_contents (path, xml, &length, &local_error))
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND, _("The style “%s” could not be read: %s"),
                   path, local_error->message);
      return FALSE;
    }

  doc = xmlReadMemory (*xml, (int)MIN (length, G_MAXINT), path, NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  root = doc ? xmlDocGetRootElement (doc) : NULL;
  if (root == NULL || !xmlStrEqual (root->name, (const xmlChar *)"style"))
    {
      if (doc != NULL)
        xmlFreeDoc (doc);
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT,
                   _("“%s” is not a CSL style: it is not XML with a <style> element."), path);
      g_clear_pointer (xml, g_free);
      return FALSE;
    }

  {
    gboolean bibliography = FALSE;

    for (xmlNode *child = root->children; child; child = child->next)
      bibliography |= child->type == XML_ELEMENT_NODE && xmlStrEqual (child->name, (const xmlChar *)"bibliography");
    if (!bibliography)
      {
        xmlFreeDoc (doc);
        g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT,
                     _("The style “%s” makes no bibliography, so it cannot format references."), path);
        g_clear_pointer (xml, g_free);
        return FALSE;
      }
  }

  {
    xmlChar *locale = xmlGetProp (root, (const xmlChar *)"default-locale");

    *default_locale = locale ? g_strdup ((const char *)locale) : NULL;
    xmlFree (locale);
  }
  xmlFreeDoc (doc);
  return TRUE;
}

/* The locale file for @lang ("de-DE", "de", "en-US"), else American
 * English, which every style can fall back to. */
static char *
read_locale (const char  *lang,
             char       **found,
             GError     **error)
{
  g_autoptr(GPtrArray) tries = g_ptr_array_new_with_free_func (g_free);
  char *xml = NULL;

  if (lang != NULL && lang[0] != '\0')
    {
      g_ptr_array_add (tries, g_strdup (lang));
      /* "de" → "de-DE" */
      if (strchr (lang, '-') == NULL)
        {
          g_autofree char *upper = g_ascii_strup (lang, -1);

          g_ptr_array_add (tries, g_strdup_printf ("%s-%s", lang, upper));
        }
    }
  g_ptr_array_add (tries, g_strdup ("en-US"));

  for (guint i = 0; i < tries->len; i++)
    {
      g_autofree char *file = g_strdup_printf ("locales-%s.xml", (char *)g_ptr_array_index (tries, i));
      g_autofree char *path = g_build_filename (locales_dir (), file, NULL);

      if (g_file_get_contents (path, &xml, NULL, NULL))
        {
          *found = g_strdup (g_ptr_array_index (tries, i));
          return xml;
        }
    }

  g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND,
               _("No CSL locale was found in %s: install citation-style-language-locales."), locales_dir ());
  return NULL;
}

/* The helper's exit statuses (src/csl/clipper-csl-helper.c). */
#define HELPER_FORMAT_FAILED 2
#define HELPER_BAD_INPUT     3

static const char *
helper_path (void)
{
  const char *path = g_getenv ("CLIPPER_CSL_HELPER");

  return path && path[0] ? path : CLIPPER_LIBEXECDIR "/clipper-csl";
}

static gssize
write_all (int         fd,
           const char *data,
           gsize       length)
{
  for (gsize done = 0; done < length;)
    {
      gssize n = write (fd, data + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return -1;
      done += n;
    }
  return length;
}

/* One run of the helper on @request. %FALSE with @crashed set when it
 * died rather than answered; otherwise %NULL with @error set, or its
 * JSON. */
static char *
run_helper (GBytes    *request,
            gboolean   jit,
            gboolean  *crashed,
            GError   **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (request, &length);
  int fd;
  int status;

  *crashed = FALSE;

  /* The request is read from memory, not a pipe: a helper that dies
   * before reading it all must not take this process with SIGPIPE. */
  fd = memfd_create ("clipper-csl-request", MFD_CLOEXEC);
  if (fd < 0 || write_all (fd, data, length) < 0 || lseek (fd, 0, SEEK_SET) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_FAILED, _("The citation formatter could not run: %s"),
                   g_strerror (saved));
      return NULL;
    }
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_take_stdin_fd (launcher, fd);
  process = g_subprocess_launcher_spawn (launcher, &local_error, helper_path (), jit ? NULL : "--no-jit", NULL);
  if (process == NULL || !g_subprocess_communicate (process, NULL, NULL, &out, &err, &local_error))
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_FAILED, _("The citation formatter could not run: %s"),
                   local_error->message);
      return NULL;
    }

  status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
  if (status == 0)
    return g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));
  if (status == HELPER_FORMAT_FAILED || status == HELPER_BAD_INPUT)
    {
      g_autofree char *message = g_strstrip (g_strndup (g_bytes_get_data (err, NULL), g_bytes_get_size (err)));

      g_set_error_literal (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT, message);
      return NULL;
    }

  *crashed = TRUE;
  g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_FAILED, _("The citation formatter stopped (%s)."),
               g_subprocess_get_if_signaled (process) ? g_strsignal (g_subprocess_get_term_sig (process))
                                                      : _("an error"));
  return NULL;
}

/**
 * clipper_csl_format:
 * @citations: (element-type ClipperCitation)
 * @style: a style's name or a .csl file (see clipper_csl_find_style())
 * @format: "text" or "html"
 *
 * Formats @citations as the style's bibliography: one reference a string,
 * in the style's order.
 *
 * Returns: (transfer full): the references and in-text citations, or
 *   %NULL with @error set
 */
ClipperCslOutput *
clipper_csl_format (GPtrArray   *citations,
                    const char  *style,
                    const char  *format,
                    GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *style_xml = NULL;
  g_autofree char *default_locale = NULL;
  g_autofree char *locale_xml = NULL;
  g_autofree char *lang = NULL;
  g_autofree char *items = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GVariant) request = NULL;
  g_autoptr(GBytes) request_bytes = NULL;
  gboolean crashed;
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonNode *bibliography;
  JsonNode *order;
  JsonNode *in_text;
  ClipperCslOutput *output;

  g_return_val_if_fail (citations != NULL, NULL);

  if (!(path = clipper_csl_find_style (style, error)) ||
      !read_style (path, &style_xml, &default_locale, error) ||
      !(locale_xml = read_locale (default_locale, &lang, error)))
    return NULL;

  items = clipper_cite_write (citations, CLIPPER_CITE_FORMAT_CSL_JSON);
  request = g_variant_ref_sink (g_variant_new ("(sssss)", items, style_xml, locale_xml, lang, format));
  request_bytes = g_variant_get_data_as_bytes (request);

  /* With the JIT, and without it if that crashed on this input. */
  json = run_helper (request_bytes, TRUE, &crashed, &local_error);
  if (json == NULL && crashed)
    {
      g_debug ("%s Again without the JIT.", local_error->message);
      g_clear_error (&local_error);
      json = run_helper (request_bytes, FALSE, &crashed, &local_error);
    }
  if (json == NULL && (crashed || g_error_matches (local_error, CLIPPER_ERROR, CLIPPER_ERROR_FAILED)))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (json == NULL || !(root = clipper_json_parse (json, -1, &local_error)))
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT,
                   _("The style “%s” could not format the references: %s"), style, local_error->message);
      return NULL;
    }

  output = g_new0 (ClipperCslOutput, 1);
  output->references = g_ptr_array_new_with_free_func (g_free);
  output->in_text = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  output->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  bibliography = clipper_json_get_member (root, "bibliography");
  order = clipper_json_get_member (root, "order");
  for (guint i = 0; i < clipper_json_get_length (bibliography); i++)
    {
      const char *reference = clipper_json_get_string (clipper_json_get_element (bibliography, i));
      const char *key = clipper_json_get_string (clipper_json_get_element (order, i));
      char *kept;

      if (reference == NULL)
        continue;
      kept = g_strstrip (g_strdup (reference));
      g_ptr_array_add (output->references, kept);
      if (key != NULL)
        g_hash_table_insert (output->by_key, g_strdup (key), kept);
    }
  in_text = clipper_json_get_member (root, "citations");
  for (guint i = 0; i < citations->len; i++)
    {
      ClipperCitation *citation = g_ptr_array_index (citations, i);
      const char *text = clipper_json_get_member_string (in_text, citation->key);

      if (text != NULL)
        g_hash_table_insert (output->in_text, g_strdup (citation->key), g_strdup (text));
    }
  return output;
}

void
clipper_csl_output_free (ClipperCslOutput *output)
{
  if (output == NULL)
    return;

  g_clear_pointer (&output->references, g_ptr_array_unref);
  g_clear_pointer (&output->in_text, g_hash_table_unref);
  g_clear_pointer (&output->by_key, g_hash_table_unref);
  g_free (output);
}
