/* The chrome colours the widgets share (widget.h). */
#include "widget.h"

const lt_rgb LT_UI_ACCENT = {86, 180, 233};      /* Okabe-Ito sky blue */
const lt_rgb LT_UI_SELECT_BG = {38, 79, 120};
const lt_rgb LT_UI_HEADER_BG = {48, 48, 48};
const lt_rgb LT_UI_ERROR = {230, 85, 70};
const lt_rgb LT_UI_MATCH_BG = {160, 120, 0};
