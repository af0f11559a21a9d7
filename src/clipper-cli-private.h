/* clipper-cli-private.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the command line's verb files share: the output and error helpers
 * of clipper-cli.c, and each verb's entry point for its dispatch table.
 */

#pragma once

#include <glib.h>

#include "clipper-clipping.h"
#include "clipper-json.h"
#include "clipper-store.h"

G_BEGIN_DECLS

#define EXIT_USAGE 2

int           clipper_cli_fail                 (GError              *error);
int           clipper_cli_usage_error          (const char          *format,
                                                ...) G_GNUC_PRINTF (1, 2);
gboolean      clipper_cli_parse_options        (const char          *verb,
                                                const GOptionEntry  *entries,
                                                int                 *argc,
                                                char              ***argv,
                                                int                  min_args,
                                                int                  max_args,
                                                int                 *status);
char         *clipper_cli_dup_library_path     (void);
ClipperStore *clipper_cli_open_store           (GError             **error);
gboolean      clipper_cli_parse_id             (const char          *text,
                                                gint64              *id,
                                                GError             **error);
gboolean      clipper_cli_parse_ids            (char               **args,
                                                int                  n_args,
                                                GArray              *ids,
                                                GError             **error);
void          clipper_cli_add_clipping_members (JsonBuilder         *builder,
                                                ClipperClipping     *clipping,
                                                gboolean             full);
void          clipper_cli_add_strv_member      (JsonBuilder         *builder,
                                                const char          *name,
                                                const char * const  *values);
void          clipper_cli_print_json           (JsonBuilder         *builder);

int clipper_cli_run_cite (int argc, char **argv);
int clipper_cli_run_zotero (int argc, char **argv);
int clipper_cli_run_report (int argc, char **argv);
int clipper_cli_run_import (int argc, char **argv);
int clipper_cli_run_fetch (int argc, char **argv);
int clipper_cli_run_sync (int argc, char **argv);
int clipper_cli_run_clip (int argc, char **argv);
int clipper_cli_run_extract (int argc, char **argv);
int clipper_cli_run_list (int argc, char **argv);
int clipper_cli_run_search (int argc, char **argv);
int clipper_cli_run_tags (int argc, char **argv);
int clipper_cli_run_sites (int argc, char **argv);
int clipper_cli_run_show (int argc, char **argv);
int clipper_cli_run_delete (int argc, char **argv);
int clipper_cli_run_check (int argc, char **argv);
int clipper_cli_run_repair (int argc, char **argv);
int clipper_cli_run_highlights (int argc, char **argv);
int clipper_cli_run_highlight (int argc, char **argv);
int clipper_cli_run_note (int argc, char **argv);
int clipper_cli_run_archive (int argc, char **argv);
int clipper_cli_run_tag (int argc, char **argv);
int clipper_cli_run_export (int argc, char **argv);

G_END_DECLS
