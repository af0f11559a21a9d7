/* clipper-file.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef gboolean (*ClipperFileWriter) (GOutputStream  *stream,
                                       gpointer        user_data,
                                       GError        **error);

GOutputStream *clipper_file_begin        (const char     *path,
                                          char          **temp_path,
                                          GError        **error);
gboolean       clipper_file_commit       (GOutputStream  *stream,
                                          const char     *temp_path,
                                          const char     *path,
                                          gboolean        overwrite,
                                          GError        **error);
void           clipper_file_abandon      (GOutputStream  *stream,
                                          const char     *temp_path);
gboolean       clipper_file_write_with   (const char         *path,
                                          gboolean            overwrite,
                                          ClipperFileWriter   write,
                                          gpointer            user_data,
                                          GError            **error);
gboolean       clipper_file_write        (const char     *path,
                                          const void     *data,
                                          gsize           length,
                                          gboolean        overwrite,
                                          GError        **error);
void           clipper_file_set_error    (GError        **error,
                                          const char     *path,
                                          const GError   *cause);

G_END_DECLS
