# luasocket.mk: LuaSocket 3.1.0 (socket.core, mime.core, socket.unix,
# socket.serial) compiled into moonbox. Included by the top Makefile because
# modules.def names luasocket in its LINKED lines. See LICENSE.
#
# The sources in build/deps/luasocket/src are compiled unmodified, without
# our warning list, with -Os (docs/modules.md has the sizes). The objects of
# upstream's four Linux libraries (one copy of the files they share) are
# joined into one relocatable object, luasocket.o, and every symbol that
# upstream's headers declare hidden (#pragma GCC visibility) is made local
# to it: its generic names (buffer_*, timeout_*, inet_*, socket_*, io_*,
# opt_*, unix_*...) cannot meet ours, SQLite's or libc's at the link. The
# rule then fails unless the only global definitions left are the four
# luaopen_* functions.

LUASOCKET_DIR := $(DEPS)/luasocket/src
LUASOCKET_SRC := luasocket timeout buffer io auxiliar compat options inet \
  usocket except select tcp udp mime unix unixstream unixdgram serial
LUASOCKET_PARTS := $(LUASOCKET_SRC:%=$(O)/luasocket/%.o)
LUASOCKET_OPEN := luaopen_socket_core luaopen_mime_core luaopen_socket_unix \
  luaopen_socket_serial
LUASOCKET_CFLAGS := $(OPT) $(if $(SAN),,-Os) -std=gnu99 -DLUASOCKET_NODEBUG \
  -I$(DEPS)/lua/src

EXTRA_OBJ += $(O)/luasocket.o

$(O)/luasocket/%.o: $(DEPS)/luasocket/.sha256 $(DEPS)/lua/.sha256 \
  src/modules/luasocket.mk
	@mkdir -p $(@D)
	$(CC) $(LUASOCKET_CFLAGS) -c $(LUASOCKET_DIR)/$*.c -o $@

$(O)/luasocket.o: $(LUASOCKET_PARTS)
	ld -r -o $@.tmp $^
	objcopy --localize-hidden $@.tmp
	nm -g --defined-only $@.tmp | awk '{print $$3}' | LC_ALL=C sort > $@.globals
	printf '%s\n' $(LUASOCKET_OPEN) | LC_ALL=C sort | diff - $@.globals || \
	  { echo "luasocket.o: global symbols beyond luaopen_* (above)"; exit 1; }
	mv $@.tmp $@
