/* clipper-citation-editor.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "clipper-citation.h"

G_BEGIN_DECLS

#define CLIPPER_TYPE_CITATION_EDITOR (clipper_citation_editor_get_type ())

G_DECLARE_FINAL_TYPE (ClipperCitationEditor, clipper_citation_editor, CLIPPER, CITATION_EDITOR, GtkWidget)

GtkWidget *clipper_citation_editor_new          (void);
void       clipper_citation_editor_set_citation (ClipperCitationEditor *self,
                                                 const ClipperCitation *citation);
void       clipper_citation_editor_finish_edit  (ClipperCitationEditor *self,
                                                 const char            *field,
                                                 const ClipperCitation *citation,
                                                 const char            *message);
GtkWidget *clipper_citation_editor_get_row      (ClipperCitationEditor *self,
                                                 const char            *field);

G_END_DECLS
