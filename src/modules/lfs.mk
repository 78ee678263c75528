# lfs.mk: LuaFileSystem 1.8 (Debian's lua-filesystem) compiled into
# moonbox as the module lfs. Included by the top Makefile because
# modules.def has LINKED("lfs", lfs, lfs). See LICENSE.
#
# src/lfs.c is compiled unmodified and without our warning list; its
# luaopen_lfs is what package.preload["lfs"] calls. lfs.c sets _FILE_OFFSET_BITS itself.

LFS_DIR := $(DEPS)/lfs
LFS_OBJ := $(O)/lfs/lfs.o

EXTRA_OBJ += $(LFS_OBJ)

$(LFS_OBJ): $(LFS_DIR)/.sha256 $(DEPS)/lua/.sha256 src/modules/lfs.mk
	@mkdir -p $(@D)
	$(CC) $(OPT) -std=gnu99 -DNDEBUG -I$(DEPS)/lua/src \
	  -c $(LFS_DIR)/src/lfs.c -o $@
