# lpeg.mk: LPeg 1.1 (Debian's lua-lpeg) compiled into moonbox as the
# module lpeg. Included by the top Makefile because modules.def has
# LINKED("lpeg", lpeg, lpeg). See LICENSE.
#
# The C files are compiled unmodified and without our warning list, as
# LPeg's own makefile builds them (-O2 -DNDEBUG, its lpprint.c included);
# their luaopen_lpeg is what package.preload["lpeg"] calls. re.lua, its
# licence and LPeg's are staged into /zip/.lua/ by the Makefile's
# $(B)/stamps/lua rule.
#
# LPeg's files share extern functions named as plainly as match, compile
# and getcaptures: they are linked into one relocatable object in which
# only luaopen_lpeg stays global, so no other module's names can clash
# with them. -fno-lto: ld -r needs machine code (the release build's LTO
# objects hold none), so LPeg is optimised on its own there.

LPEG_DIR := $(DEPS)/lpeg
LPEG_SRC := lpvm lpcap lptree lpcode lpprint lpcset
LPEG_PARTS := $(LPEG_SRC:%=$(O)/lpeg/%.o)
LPEG_OBJ := $(O)/lpeg.o

EXTRA_OBJ += $(LPEG_OBJ)

$(LPEG_OBJ): $(LPEG_PARTS)
	ld -r -o $@.tmp $^
	objcopy --keep-global-symbol=luaopen_lpeg $@.tmp $@
	rm -f $@.tmp

$(O)/lpeg/%.o: $(LPEG_DIR)/.sha256 $(DEPS)/lua/.sha256 src/modules/lpeg.mk
	@mkdir -p $(@D)
	$(CC) $(OPT) -fno-lto -std=c99 -DNDEBUG -I$(DEPS)/lua/src \
	  -c $(LPEG_DIR)/$*.c -o $@
