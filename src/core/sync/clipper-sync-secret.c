/* clipper-sync-secret.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The WebDAV password, kept in the user's keyring through the Secret
 * Service (GNOME Keyring, KWallet), by server address and user name; never
 * in the library or a settings file.
 */

#define G_LOG_DOMAIN "clipper-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "clipper-error.h"
#include "clipper-sync-secret.h"

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = { "com.example.Clipper.Sync",
                                       SECRET_SCHEMA_NONE,
                                       {
                                           { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
                                           { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
                                           { NULL, 0 },
                                       } };

  return &schema;
}

/* The keyring's own errors say "org.freedesktop.DBus.Error.ServiceUnknown";
 * the user needs to know that it is the keyring that is missing. */
static gboolean
translate_error (GError  *error,
                 GError **out)
{
  if (error == NULL)
    return TRUE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (out, error);
      return FALSE;
    }
  g_dbus_error_strip_remote_error (error);
  g_set_error (out, CLIPPER_ERROR, CLIPPER_ERROR_UNAVAILABLE,
               _ ("The keyring that keeps the sync password could not be used (%s)."),
               error->message);
  g_error_free (error);
  return FALSE;
}

void
clipper_sync_password_store_async (const char         *location,
                                   const char         *user,
                                   const char         *password,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  /* Translators: the keyring's name for the password; %s is the server */
  g_autofree char *label = g_strdup_printf (_ ("Clipper sync with %s"), location);

  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, password, cancellable,
                         callback, user_data, "server", location, "user", user ? user : "", NULL);
}

gboolean
clipper_sync_password_store_finish (GAsyncResult *result,
                                    GError      **error)
{
  GError *local = NULL;

  secret_password_store_finish (result, &local);
  return translate_error (local, error);
}

void
clipper_sync_password_lookup_async (const char         *location,
                                    const char         *user,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data)
{
  secret_password_lookup (get_schema (), cancellable, callback, user_data, "server", location,
                          "user", user ? user : "", NULL);
}

/* The password, or %NULL without an error when the keyring has none. */
char *
clipper_sync_password_lookup_finish (GAsyncResult *result,
                                     GError      **error)
{
  GError *local = NULL;
  char *secret = secret_password_lookup_finish (result, &local);
  char *password;

  if (!translate_error (local, error))
    return NULL;
  password = g_strdup (secret);
  secret_password_free (secret);
  return password;
}

char *
clipper_sync_password_lookup (const char   *location,
                              const char   *user,
                              GCancellable *cancellable,
                              GError      **error)
{
  GError *local = NULL;
  char *secret = secret_password_lookup_sync (get_schema (), cancellable, &local, "server",
                                              location, "user", user ? user : "", NULL);
  char *password;

  if (!translate_error (local, error))
    return NULL;
  password = g_strdup (secret);
  secret_password_free (secret);
  return password;
}

void
clipper_sync_password_clear_async (const char         *location,
                                   const char         *user,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  secret_password_clear (get_schema (), cancellable, callback, user_data, "server", location,
                         "user", user ? user : "", NULL);
}

gboolean
clipper_sync_password_clear_finish (GAsyncResult *result,
                                    GError      **error)
{
  GError *local = NULL;

  secret_password_clear_finish (result, &local);
  return translate_error (local, error);
}
