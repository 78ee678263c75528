/*
** replcomp.h: Tab completion of Lua names for the REPL's line editor.
** See LICENSE.
*/
#ifndef MOONBOX_REPLCOMP_H
#define MOONBOX_REPLCOMP_H

#include <stddef.h>

#include "engine/lineedit.h"

/*
** repl_complete: an le_complete_fn; ud is the lua_State. Completes the
** dotted path before the cursor (globals and keywords, `a.b.c`, methods
** after `a:`), reading tables only with raw access and following __index
** only when it is a table, so no Lua code runs. Lua errors (out of
** memory) are caught: the editor then just beeps.
*/
int repl_complete(void *ud, const char *buf, size_t len, size_t cursor,
                  size_t *start, le_completions *lc);

#endif
