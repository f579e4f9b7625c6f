/* What the widgets share (widget.h): the chrome colours, text cut to fit. */
#include "widget.h"

const lt_rgb LT_UI_ACCENT = {86, 180, 233};      /* Okabe-Ito sky blue */
const lt_rgb LT_UI_SELECT_BG = {38, 79, 120};
const lt_rgb LT_UI_HEADER_BG = {48, 48, 48};
const lt_rgb LT_UI_ERROR = {230, 85, 70};
const lt_rgb LT_UI_MATCH_BG = {160, 120, 0};

int lt_widget_put_fit(lt_canvas *c, int x, int y, const char *s, int maxw, bool ascii,
                      const lt_rgb *fg, uint8_t flags)
{
    if (s == NULL || maxw <= 0)
        return 0;
    if (lt_text_width(s) <= maxw)
        return lt_canvas_text(c, x, y, s, maxw, fg, flags);
    int used = lt_canvas_text(c, x, y, s, maxw - 1, fg, flags);
    lt_canvas_put(c, x + used, y, ascii ? '~' : 0x2026, fg, flags);
    return used + 1;
}
