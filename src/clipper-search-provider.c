/* clipper-search-provider.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Clipper's results in GNOME Shell's overview: the Library's own search
 * (its query language, its ranking) run on the library's worker thread,
 * never on the main loop; a result opens its clipping, and "more" opens
 * the window with the search filled in.
 */

#define G_LOG_DOMAIN "clipper-search-provider"

#include "config.h"

#include <glib/gi18n.h>

#include "clipper-application.h"
#include "clipper-search-provider.h"
#include "clipper-shell-search-provider-generated.h"
#include "clipper-window.h"

#define MAX_RESULTS 20

struct _ClipperSearchProvider
{
  GObject                   parent_instance;

  GApplication             *application;  /* unowned: it owns us */
  ClipperShellSearchProvider2 *skeleton;
  GHashTable               *metas;        /* id text → GVariant a{sv}, from the last searches */
  GPtrArray                *waiting;      /* searches asked for before the library was open */
};

G_DEFINE_FINAL_TYPE (ClipperSearchProvider, clipper_search_provider, G_TYPE_OBJECT)

typedef struct
{
  ClipperSearchProvider *self;
  GDBusMethodInvocation *invocation;
  char                  *query;
} Search;

static void
search_free (Search *search)
{
  g_object_unref (search->self);
  g_object_unref (search->invocation);
  g_free (search->query);
  g_free (search);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Search, search_free)

/* The Shell gives the words typed; the Library's language reads them. */
static char *
query_from_terms (const char * const *terms)
{
  return g_strjoinv (" ", (char **)terms);
}

static gpointer
search_job (ClipperStore  *store,
            gpointer       data,
            GError       **error)
{
  Search *search = data;
  g_autoptr(ClipperQuery) query = clipper_query_parse (search->query);

  return clipper_store_search (store, query, CLIPPER_SORT_CLIPPED, MAX_RESULTS, error);
}

/* A snippet as the Shell shows it: one line, no match marks. */
static char *
plain_snippet (const char *snippet)
{
  GString *text = g_string_new (NULL);

  for (const char *p = snippet; p && *p; p++)
    {
      if (*p == '\x02' || *p == '\x03')
        continue;
      g_string_append_c (text, *p == '\n' ? ' ' : *p);
    }
  return g_string_free (text, FALSE);
}

static GVariant *
meta_for (ClipperSearchResult *result)
{
  ClipperClipping *clipping = result->clipping;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, clipper_clipping_get_id (clipping));
  g_autofree char *snippet = plain_snippet (result->snippet);
  const char *site = clipper_clipping_get_site_name (clipping);
  const char *title = clipper_clipping_get_title (clipping);
  g_autofree char *description = NULL;
  GVariantBuilder builder;

  if (site != NULL && *site != '\0' && *snippet != '\0')
    /* Translators: a search result in GNOME Shell: the site, then a passage of the clipping */
    description = g_strdup_printf (_("%s — %s"), site, snippet);
  else
    description = g_strdup (*snippet != '\0' ? snippet : site ? site : "");

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (&builder, "{sv}", "id", g_variant_new_string (id));
  g_variant_builder_add (&builder, "{sv}", "name",
                         g_variant_new_string (title && *title ? title : clipper_clipping_get_url (clipping)));
  g_variant_builder_add (&builder, "{sv}", "description", g_variant_new_string (description));
  g_variant_builder_add (&builder, "{sv}", "gicon", g_variant_new_string (APP_ID));
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

static void
on_searched_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Search) search = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = clipper_store_run_finish (CLIPPER_STORE (object), result, &error);
  GVariantBuilder builder;

  if (results == NULL)
    {
      g_dbus_method_invocation_return_gerror (search->invocation, error);
      g_application_release (search->self->application);
      return;
    }

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("as"));
  for (guint i = 0; i < results->len; i++)
    {
      ClipperSearchResult *found = g_ptr_array_index (results, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, clipper_clipping_get_id (found->clipping));

      g_hash_table_replace (search->self->metas, g_strdup (id), meta_for (found));
      g_variant_builder_add (&builder, "s", id);
    }
  g_dbus_method_invocation_return_value (search->invocation, g_variant_new ("(as)", &builder));
  g_application_release (search->self->application);
}

static void
run_search (Search *search)
{
  ClipperStore *store = clipper_application_get_store (CLIPPER_APPLICATION (search->self->application));

  if (store == NULL)
    {
      g_dbus_method_invocation_return_error_literal (search->invocation, G_DBUS_ERROR, G_DBUS_ERROR_FAILED,
                                                     _("The library could not be opened."));
      g_application_release (search->self->application);
      search_free (search);
      return;
    }
  clipper_store_run_async (store, search_job, search, NULL, (GDestroyNotify)g_ptr_array_unref, NULL,
                           on_searched_cb, search);
}

static void
start_search (ClipperSearchProvider *self,
              GDBusMethodInvocation *invocation,
              const char * const    *terms)
{
  Search *search = g_new0 (Search, 1);

  search->self = g_object_ref (self);
  search->invocation = g_object_ref (invocation);
  search->query = query_from_terms (terms);

  /* Activated by the Shell, the app lives while it answers. */
  g_application_hold (self->application);
  if (clipper_application_get_store (CLIPPER_APPLICATION (self->application)) == NULL &&
      !clipper_application_get_store_failed (CLIPPER_APPLICATION (self->application)))
    {
      g_ptr_array_add (self->waiting, search);
      return;
    }
  run_search (search);
}

static void
on_store_notify_cb (ClipperSearchProvider *self)
{
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting);

  self->waiting = g_ptr_array_new ();
  for (guint i = 0; i < waiting->len; i++)
    run_search (g_ptr_array_index (waiting, i));
}

static gboolean
handle_get_initial_result_set (ClipperSearchProvider  *self,
                               GDBusMethodInvocation  *invocation,
                               const char * const     *terms)
{
  start_search (self, invocation, terms);
  return TRUE;
}

/* A narrower search is searched again: the ranking may change. */
static gboolean
handle_get_subsearch_result_set (ClipperSearchProvider  *self,
                                 GDBusMethodInvocation  *invocation,
                                 const char * const     *previous,
                                 const char * const     *terms)
{
  start_search (self, invocation, terms);
  return TRUE;
}

static gboolean
handle_get_result_metas (ClipperSearchProvider  *self,
                         GDBusMethodInvocation  *invocation,
                         const char * const     *ids)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; ids[i] != NULL; i++)
    {
      GVariant *meta = g_hash_table_lookup (self->metas, ids[i]);

      /* Only ids the searches gave are asked for. */
      if (meta != NULL)
        g_variant_builder_add_value (&builder, meta);
    }
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(aa{sv})", &builder));
  return TRUE;
}

static gboolean
handle_activate_result (ClipperSearchProvider  *self,
                        GDBusMethodInvocation  *invocation,
                        const char             *id,
                        const char * const     *terms,
                        guint                   timestamp)
{
  gint64 clipping_id = g_ascii_strtoll (id, NULL, 10);

  if (clipping_id > 0)
    g_action_group_activate_action (G_ACTION_GROUP (self->application), "open-clipping",
                                    g_variant_new_int64 (clipping_id));
  clipper_shell_search_provider2_complete_activate_result (self->skeleton, invocation);
  return TRUE;
}

static gboolean
handle_launch_search (ClipperSearchProvider  *self,
                      GDBusMethodInvocation  *invocation,
                      const char * const     *terms,
                      guint                   timestamp)
{
  g_autofree char *query = query_from_terms (terms);

  g_action_group_activate_action (G_ACTION_GROUP (self->application), "search", g_variant_new_string (query));
  clipper_shell_search_provider2_complete_launch_search (self->skeleton, invocation);
  return TRUE;
}

gboolean
clipper_search_provider_export (ClipperSearchProvider  *self,
                                GDBusConnection        *connection,
                                const char             *object_path,
                                GError                **error)
{
  g_return_val_if_fail (CLIPPER_IS_SEARCH_PROVIDER (self), FALSE);

  return g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (self->skeleton), connection, object_path,
                                           error);
}

void
clipper_search_provider_unexport (ClipperSearchProvider *self)
{
  g_return_if_fail (CLIPPER_IS_SEARCH_PROVIDER (self));

  if (g_dbus_interface_skeleton_get_connection (G_DBUS_INTERFACE_SKELETON (self->skeleton)) != NULL)
    g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (self->skeleton));
}

ClipperSearchProvider *
clipper_search_provider_new (GApplication *application)
{
  ClipperSearchProvider *self = g_object_new (CLIPPER_TYPE_SEARCH_PROVIDER, NULL);

  self->application = application;
  g_signal_connect_object (application, "notify::store", G_CALLBACK (on_store_notify_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

static void
clipper_search_provider_dispose (GObject *object)
{
  ClipperSearchProvider *self = CLIPPER_SEARCH_PROVIDER (object);

  g_clear_object (&self->skeleton);
  g_clear_pointer (&self->metas, g_hash_table_unref);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);

  G_OBJECT_CLASS (clipper_search_provider_parent_class)->dispose (object);
}

static void
clipper_search_provider_class_init (ClipperSearchProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = clipper_search_provider_dispose;
}

static void
clipper_search_provider_init (ClipperSearchProvider *self)
{
  self->skeleton = clipper_shell_search_provider2_skeleton_new ();
  self->metas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_variant_unref);
  self->waiting = g_ptr_array_new ();
  g_signal_connect_swapped (self->skeleton, "handle-get-initial-result-set",
                            G_CALLBACK (handle_get_initial_result_set), self);
  g_signal_connect_swapped (self->skeleton, "handle-get-subsearch-result-set",
                            G_CALLBACK (handle_get_subsearch_result_set), self);
  g_signal_connect_swapped (self->skeleton, "handle-get-result-metas", G_CALLBACK (handle_get_result_metas), self);
  g_signal_connect_swapped (self->skeleton, "handle-activate-result", G_CALLBACK (handle_activate_result), self);
  g_signal_connect_swapped (self->skeleton, "handle-launch-search", G_CALLBACK (handle_launch_search), self);
}
