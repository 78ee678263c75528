# luazlib.mk: lua-zlib (Debian's lua-zlib source) compiled into moonbox over
# the zlib the runtime already links. Included by the top Makefile because
# modules.def has LINKED("zlib", zlib, luazlib). See LICENSE.
#
# lua_zlib.c is compiled without our warning list (and with the patch of
# deps/patches/lua-zlib/, applied by deps/fetch), with
# LZLIB_COMPAT as its rockspec builds it (zlib.compress, zlib.decompress and
# lzlib's constants besides the streaming API). Its one export is
# luaopen_zlib, what package.preload["zlib"] calls.

LUAZLIB_DIR := $(DEPS)/lua-zlib
LUAZLIB_OBJ := $(O)/lua-zlib/lua_zlib.o
EXTRA_OBJ += $(LUAZLIB_OBJ)

$(LUAZLIB_OBJ): $(LUAZLIB_DIR)/.sha256 $(DEPS)/lua/.sha256 \
  $(DEPS)/zlib/.sha256 src/modules/luazlib.mk
	@mkdir -p $(@D)
	$(CC) $(OPT) -std=gnu99 -DLZLIB_COMPAT -I$(DEPS)/zlib -I$(DEPS)/lua/src \
	  -c $(LUAZLIB_DIR)/lua_zlib.c -o $@
