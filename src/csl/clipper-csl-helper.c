/* clipper-csl-helper.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * clipper-csl: citeproc-js in JavaScriptCore, in a process of its own.
 * The core (clipper-csl.c) finds the style, the locale and the items and
 * writes them to this program's standard input as one GVariant, (items,
 * style, locale, language, output format); the result comes back on
 * standard output as JSON. citeproc.js is in this program's resources. A process of its own
 * because JavaScriptCore's JIT (2.50) crashes on some inputs: the core
 * runs this with the JIT, fast, and again with --no-jit when it dies.
 * It also keeps JavaScriptCore out of the window and the command line.
 */

#define G_LOG_DOMAIN "clipper-csl"

#include "config.h"

#include <gio/gio.h>
#include <gio/gunixinputstream.h>
#include <jsc/jsc.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

/* Exit statuses the core tells apart: anything else is a crash. */
#define EXIT_FORMAT_FAILED 2
#define EXIT_BAD_INPUT     3

/* At most what the core sends: a large library's items and a style. */
#define MAX_REQUEST (256 * 1024 * 1024)

/* Runs in the context where citeproc.js was evaluated: builds an engine
 * for the style and formats every item, as the bibliography (in the
 * style's order) and as an in-text citation of its own. */
static const char glue[] =
  "(function (items, style, locale, lang, format) {\n"
  "  var CSL = module.exports;\n"
  "  var byId = {};\n"
  "  JSON.parse (items).forEach (function (item) { byId[item.id] = item; });\n"
  "  var ids = Object.keys (byId);\n"
  "  var sys = {\n"
  "    retrieveLocale: function (wanted) { return locale; },\n"
  "    retrieveItem: function (id) { return byId[id]; }\n"
  "  };\n"
  "  var engine = new CSL.Engine (sys, style, lang, true);\n"
  "  engine.setOutputFormat (format);\n"
  "  engine.updateItems (ids);\n"
  "  var bibliography = engine.makeBibliography ();\n"
  "  var citations = {};\n"
  "  ids.forEach (function (id) { citations[id] = engine.makeCitationCluster ([{ id: id }]); });\n"
  "  return JSON.stringify ({ bibliography: bibliography ? bibliography[1] : [],\n"
  "                           order: bibliography ? bibliography[0].entry_ids.map (function (e) { return e[0]; }) : [],\n"
  "                           citations: citations });\n"
  "})";

#ifdef __SANITIZE_ADDRESS__
/* JavaScriptCore stops its threads with signals, which LeakSanitizer
 * cannot survive; the sanitizers still check this program's memory. */
int __lsan_is_turned_off (void);

int
__lsan_is_turned_off (void)
{
  return 1;
}
#endif

static void
fail (int         status,
      const char *message)
{
  g_printerr ("%s\n", message);
  exit (status);
}

static char *
format_references (GBytes      *citeproc,
                   const char  *items_json,
                   const char  *style_xml,
                   const char  *locale_xml,
                   const char  *lang,
                   const char  *format)
{
  g_autoptr(JSCContext) context = jsc_context_new ();
  g_autoptr(JSCValue) setup = NULL;
  g_autoptr(JSCValue) loaded = NULL;
  g_autoptr(JSCValue) function = NULL;
  g_autoptr(JSCValue) result = NULL;
  JSCException *exception;
  gsize length;
  const char *source = g_bytes_get_data (citeproc, &length);

  /* citeproc.js is a CommonJS module. */
  setup = jsc_context_evaluate (context, "var module = { exports: {} }; var exports = module.exports;", -1);
  loaded = jsc_context_evaluate_with_source_uri (context, source, length, "resource:///citeproc.js", 1);
  if ((exception = jsc_context_get_exception (context)) == NULL)
    {
      function = jsc_context_evaluate (context, glue, -1);
      result = jsc_value_function_call (function,
                                        G_TYPE_STRING, items_json,
                                        G_TYPE_STRING, style_xml,
                                        G_TYPE_STRING, locale_xml,
                                        G_TYPE_STRING, lang,
                                        G_TYPE_STRING, format,
                                        G_TYPE_NONE);
      exception = jsc_context_get_exception (context);
    }
  if (exception != NULL)
    fail (EXIT_FORMAT_FAILED, jsc_exception_get_message (exception));

  return jsc_value_to_string (result);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GInputStream) in = g_unix_input_stream_new (0, FALSE);
  g_autoptr(GOutputStream) buffer = g_memory_output_stream_new_resizable ();
  g_autoptr(GBytes) input = NULL;
  g_autoptr(GVariant) request = NULL;
  g_autoptr(GBytes) citeproc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  const char *items, *style, *locale, *lang, *format;
  gssize read;

  setlocale (LC_ALL, "");
  if (argc > 2 || (argc == 2 && g_strcmp0 (argv[1], "--no-jit") != 0))
    fail (EXIT_BAD_INPUT, "usage: clipper-csl [--no-jit] < REQUEST");

  /* Options are taken only before the first context. */
  if (argc == 2)
    jsc_options_set_boolean (JSC_OPTIONS_USE_JIT, FALSE);

  read = g_output_stream_splice (buffer, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  if (read < 0)
    fail (EXIT_BAD_INPUT, error->message);
  if (read > MAX_REQUEST)
    fail (EXIT_BAD_INPUT, "the request is too large");
  input = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (buffer));
  request = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE ("(sssss)"), input, FALSE));
  if (!g_variant_is_normal_form (request))
    fail (EXIT_BAD_INPUT, "the request is not a (sssss) GVariant");
  g_variant_get (request, "(&s&s&s&s&s)", &items, &style, &locale, &lang, &format);

  citeproc = g_resources_lookup_data ("/com/example/Clipper/citeproc/citeproc.js", G_RESOURCE_LOOKUP_FLAGS_NONE,
                                      &error);
  if (citeproc == NULL)
    fail (EXIT_BAD_INPUT, error->message);
  json = format_references (citeproc, items, style, locale, lang, format);

  if (fputs (json, stdout) == EOF || fflush (stdout) != 0)
    fail (EXIT_FAILURE, "the references could not be written");
  return EXIT_SUCCESS;
}
