/* clipper-csl-engine.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libclipper-csl.so: citeproc-js in JavaScriptCore, loaded only when a
 * reference is formatted, so that the command line and the window start
 * without JavaScriptCore. It takes and gives text alone; the core finds
 * the style, the locale and the items (see clipper-csl.c).
 */

#define G_LOG_DOMAIN "clipper-csl"

#include "config.h"

#include <gmodule.h>
#include <jsc/jsc.h>

#include "clipper-csl.h"

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

static gsize options_set;

static void
set_exception_error (JSCException  *exception,
                     GError       **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s", jsc_exception_get_message (exception));
}

/* The module's one entry, found by name (CLIPPER_CSL_MODULE_ENTRY):
 * {"bibliography": [reference, …], "order": [id, …] (whose each reference
 * is), "citations": {id: in-text citation}}. */
G_MODULE_EXPORT char *
clipper_csl_module_format (GBytes      *citeproc,
                           const char  *items_json,
                           const char  *style_xml,
                           const char  *locale_xml,
                           const char  *lang,
                           const char  *format,
                           GError     **error)
{
  g_autoptr(JSCContext) context = NULL;
  g_autoptr(JSCValue) setup = NULL;
  g_autoptr(JSCValue) loaded = NULL;
  g_autoptr(JSCValue) function = NULL;
  g_autoptr(JSCValue) result = NULL;
  JSCException *exception;
  gsize length;
  const char *source = g_bytes_get_data (citeproc, &length);

  /* JavaScriptCore's JIT (2.50) crashes the process on some inputs that
   * citeproc-js handles well in its interpreter (a thousand items without
   * authors, say): slower, but no crash. Options can be set only before
   * the first context: setting one later crashes too. */
  if (g_once_init_enter (&options_set))
    {
      jsc_options_set_boolean (JSC_OPTIONS_USE_JIT, FALSE);
      g_once_init_leave (&options_set, 1);
    }
  context = jsc_context_new ();

  /* citeproc.js is a CommonJS module. */
  setup = jsc_context_evaluate (context, "var module = { exports: {} }; var exports = module.exports;", -1);
  loaded = jsc_context_evaluate_with_source_uri (context, source, length, "resource:///citeproc.js", 1);
  if ((exception = jsc_context_get_exception (context)) != NULL)
    {
      set_exception_error (exception, error);
      return NULL;
    }

  function = jsc_context_evaluate (context, glue, -1);
  result = jsc_value_function_call (function,
                                    G_TYPE_STRING, items_json,
                                    G_TYPE_STRING, style_xml,
                                    G_TYPE_STRING, locale_xml,
                                    G_TYPE_STRING, lang,
                                    G_TYPE_STRING, format,
                                    G_TYPE_NONE);
  if ((exception = jsc_context_get_exception (context)) != NULL)
    {
      set_exception_error (exception, error);
      return NULL;
    }

  return jsc_value_to_string (result);
}
