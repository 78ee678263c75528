# sqlitedb.mk: SQLite and the lsqlite3 binding, compiled into moonbox.
# Included by the top Makefile when modules.def names sqlitedb. See LICENSE.
#
# SQLite comes as its full source tree (Debian's orig tarball); its own
# configure and make generate the amalgamation (sqlite3.c, sqlite3.h) with
# the jimsh they build from their bundled source, so gcc and make are all it
# needs (--disable-tcl: no tclsh is looked for). The result is kept in
# $(SQLITE_GEN), beside the fetched sources rather than under $(O), so the
# normal, sanitizer and release builds share it and make clean keeps it.
# The sub-make runs with MAKEFLAGS cleared: our command-line variables
# (SAN=, OPT=, LDFLAGS= of the release build) are not SQLite's.
#
# Third-party code is compiled unmodified and without our warning list.

SQLITE_DIR := $(DEPS)/sqlite3
SQLITE_GEN := $(DEPS)/sqlite3-amalgamation
LSQLITE_DIR := $(DEPS)/lsqlite3
# docs/sqlite.md explains each choice
SQLITE_DEFS := -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_SESSION \
  -DSQLITE_ENABLE_PREUPDATE_HOOK -DSQLITE_ENABLE_MATH_FUNCTIONS \
  -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_THREADSAFE=0 \
  -DSQLITE_DEFAULT_MEMSTATUS=0
# -Os: SQLite is most of the binary's size (docs/sqlite.md has the figures).
# The sanitizer build keeps every check but compiles SQLite at -O0: clang
# needs 30 s of CPU for it there, and over 6 minutes at -O1.
SQLITE_OPT := $(if $(SAN),$(OPT) -O0,$(OPT) -Os)
SQLITE_CFLAGS := $(SQLITE_OPT) -std=gnu99 -DNDEBUG $(SQLITE_DEFS)
SQLITE_OBJ := $(O)/sqlite3/sqlite3.o $(O)/sqlite3/lsqlite3.o

EXTRA_OBJ += $(SQLITE_OBJ)

$(SQLITE_GEN)/sqlite3.c: $(SQLITE_DIR)/.sha256 | $(B)/.tools
	rm -rf $(SQLITE_GEN) $(SQLITE_GEN).tmp && mkdir -p $(SQLITE_GEN).tmp
	cd $(SQLITE_GEN).tmp && env -u MAKEFLAGS -u MFLAGS -u MAKEOVERRIDES \
	  CC=gcc $(abspath $(SQLITE_DIR))/configure --disable-tcl >configure.log \
	  2>&1 || { cat configure.log; exit 1; }
	env -u MAKEFLAGS -u MFLAGS -u MAKEOVERRIDES \
	  make -C $(SQLITE_GEN).tmp sqlite3.c >$(SQLITE_GEN).tmp/make.log 2>&1 || \
	  { tail -n 30 $(SQLITE_GEN).tmp/make.log; exit 1; }
	mkdir -p $(SQLITE_GEN).new
	cp $(SQLITE_GEN).tmp/sqlite3.c $(SQLITE_GEN).tmp/sqlite3.h $(SQLITE_GEN).new/
	rm -rf $(SQLITE_GEN).tmp && mv $(SQLITE_GEN).new $(SQLITE_GEN)

$(SQLITE_GEN)/sqlite3.h: $(SQLITE_GEN)/sqlite3.c

$(O)/sqlite3/sqlite3.o: $(SQLITE_GEN)/sqlite3.c src/modules/sqlitedb.mk
	@mkdir -p $(@D)
	$(CC) $(SQLITE_CFLAGS) -c $< -o $@

$(O)/sqlite3/lsqlite3.o: $(LSQLITE_DIR)/.sha256 $(SQLITE_GEN)/sqlite3.h \
  $(DEPS)/lua/.sha256 src/modules/sqlitedb.mk
	@mkdir -p $(@D)
	$(CC) $(OPT) -std=gnu99 $(SQLITE_DEFS) -DLSQLITE_VERSION='"0.9.6"' \
	  -I$(SQLITE_GEN) -I$(DEPS)/lua/src -c $(LSQLITE_DIR)/lsqlite3.c -o $@

# the binding includes sqlite3.h
$(O)/src/modules/sqlitedb.o: CFLAGS_OURS += $(SQLITE_DEFS) -I$(SQLITE_GEN)
$(O)/src/modules/sqlitedb.o: $(SQLITE_GEN)/sqlite3.h src/modules/sqlitedb.mk

# the changeset methods: a file of their own, sharing sqlitedb.h
EXTRA_OBJ += $(O)/src/modules/sqlitedb_changeset.o
$(O)/src/modules/sqlitedb_changeset.o: CFLAGS_OURS += $(SQLITE_DEFS) -I$(SQLITE_GEN)
$(O)/src/modules/sqlitedb_changeset.o: $(SQLITE_GEN)/sqlite3.h src/modules/sqlitedb.mk
