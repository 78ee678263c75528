# unix.mk: the unix module is unix.c plus one file per theme listed in
# src/modules/unix.def (unix_THEME.c). Included by the top Makefile when
# modules.def lists unix. See LICENSE.

UNIX_THEMES := $(shell sed -n 's/^THEME(\(.*\))$$/\1/p' src/modules/unix.def)
EXTRA_OBJ += $(UNIX_THEMES:%=$(O)/src/modules/unix_%.o)
# /zip/ paths for the files theme (unix_zip.h): not a theme of its own
EXTRA_OBJ += $(O)/src/modules/unix_zip.o
