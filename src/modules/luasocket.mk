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
# -fno-lto: the release build's LTO objects hold no code for ld -r and
# objcopy to work on (and LuaSocket's speed is the network's)
LUASOCKET_CFLAGS := $(OPT) $(if $(SAN),,-Os -fno-lto) -std=gnu99 \
  -DLUASOCKET_NODEBUG -I$(DEPS)/lua/src

EXTRA_OBJ += $(O)/luasocket.o

# The sanitizer build: UBSan reports two idioms of upstream's code that C
# leaves undefined but that work as meant: mime.c adds a length of 0 to the
# NULL of an absent string argument (pointer-overflow), and glibc's SUN_LEN,
# used by unixdgram.c, takes a member's offset through a null pointer (null
# and object-size both report it). Those checks are off for those two files
# only; ASan and every other check stay on everywhere.
ifdef SAN
$(O)/luasocket/mime.o $(O)/luasocket-debug/mime.o: \
  LUASOCKET_CFLAGS += -fno-sanitize=pointer-overflow
$(O)/luasocket/unixdgram.o $(O)/luasocket-debug/unixdgram.o: \
  LUASOCKET_CFLAGS += -fno-sanitize=null,object-size
endif

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

# {==== the test build: upstream's client/server suite (test/testclnt.lua)
# refuses to run unless LuaSocket was compiled with LUASOCKET_DEBUG, which
# sets socket._DEBUG and makes send and receive return the time they took as
# one more result. $(O)/moonbox-lsdebug is moonbox with that one object
# compiled so, for tests/run's luasocket section only; nothing ships it. Its link
# line is expanded when it runs: EXTRA_OBJ is complete only by then.
LUASOCKET_DEBUG_PARTS := $(LUASOCKET_SRC:%=$(O)/luasocket-debug/%.o)

$(O)/luasocket-debug/%.o: $(DEPS)/luasocket/.sha256 $(DEPS)/lua/.sha256 \
  src/modules/luasocket.mk
	@mkdir -p $(@D)
	$(CC) $(LUASOCKET_CFLAGS) -DLUASOCKET_DEBUG -c $(LUASOCKET_DIR)/$*.c -o $@

$(O)/luasocket-debug.o: $(LUASOCKET_DEBUG_PARTS)
	ld -r -o $@.tmp $^
	objcopy --localize-hidden $@.tmp
	mv $@.tmp $@

$(O)/moonbox-lsdebug: $(BIN) $(O)/luasocket-debug.o
	$(CC) $(LDFLAGS) $(ENTRY) -o $@.elf \
	  $(filter-out $(O)/luasocket.o,$(OURS_OBJ) $(EXTRA_OBJ)) \
	  $(O)/luasocket-debug.o $(LUA_OBJ) $(ZLIB_OBJ) -lm -lpthread
	cd $(B)/archive && MOONBOX_NOZIP=1 $(abspath $@.elf) --bundle \
	  -o $(abspath $@) $(ARCHIVE_DIRS)
	rm -f $@.elf

test: $(O)/moonbox-lsdebug
# }====
