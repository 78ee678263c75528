# termcore.mk: lua-term's core.c (Debian's lua-term source) compiled into
# moonbox, unmodified and without our warning list. Included by the top
# Makefile because modules.def names termcore; its Lua files (term/init.lua,
# colors.lua, cursor.lua) are staged by the $(B)/stamps/lua rule. See LICENSE.

LUATERM_DIR := $(DEPS)/lua-term
LUATERM_OBJ := $(O)/lua-term/core.o
EXTRA_OBJ += $(LUATERM_OBJ)

$(LUATERM_OBJ): $(LUATERM_DIR)/.sha256 $(DEPS)/lua/.sha256 \
  src/modules/termcore.mk
	@mkdir -p $(@D)
	$(CC) $(OPT) -std=gnu99 -I$(DEPS)/lua/src -c $(LUATERM_DIR)/core.c -o $@
