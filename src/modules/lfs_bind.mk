# lfs_bind.mk: LuaFileSystem 1.8 (Debian's lua-filesystem) compiled into
# moonbox as the module lfs. Included by the top Makefile because
# modules.def has NAMED("lfs", lfs_bind). See LICENSE.
#
# src/lfs.c is compiled unmodified and without our warning list; its
# luaopen_lfs is called by src/modules/lfs_bind.c, the name the module
# list knows. lfs.c sets _FILE_OFFSET_BITS itself.

LFS_DIR := $(DEPS)/lfs
LFS_OBJ := $(O)/lfs/lfs.o

EXTRA_OBJ += $(LFS_OBJ)

$(LFS_OBJ): $(LFS_DIR)/.sha256 $(DEPS)/lua/.sha256 src/modules/lfs_bind.mk
	@mkdir -p $(@D)
	$(CC) $(OPT) -std=gnu99 -DNDEBUG -I$(DEPS)/lua/src \
	  -c $(LFS_DIR)/src/lfs.c -o $@
