/*
** memcopy.h: memcpy and memmove for the static musl build on x86-64.
** See LICENSE.
*/
#ifndef MOONBOX_MEMCOPY_H
#define MOONBOX_MEMCOPY_H

/*
** This engine has no API of its own: when config.h sets MOONBOX_OWN_MEMCPY
** (static musl, x86-64, GCC, no sanitizer), memcopy.c defines the C
** library's memcpy and memmove with their standard contracts, and linking
** it replaces musl's for the whole program, Lua included.  Elsewhere it
** compiles to nothing and the C library's are used.
**
** memcpy(d, s, n): copies n bytes; the areas must not overlap.
** memmove(d, s, n): copies n bytes as if through a temporary buffer; the
**   areas may overlap.
** Both return d and handle n == 0.  memcopy_own() says which are in use.
*/

/* 1 when this engine's memcpy and memmove are the program's, else 0. */
int memcopy_own(void);

#endif
