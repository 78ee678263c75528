# Makefile: builds build/moonbox, a static musl Lua 5.4.9 runtime. See LICENSE.
# make | make test | make dist | make install PREFIX=... [LUA_LINK=1]
#   make: the fast build (-O2, LTO, PGO trained by bench/train), what make
#   test tests and make dist ships
# make dev   (build/dev/moonbox: -O0 -g, one compile, for development)
# make SAN=address,undefined test   (sanitizer build with clang, not static)

.DEFAULT_GOAL := all
B := build
DEPS := $(B)/deps

ifdef SAN
CC := clang-14
O := $(B)/san
BIN := $(O)/moonbox
ELF := $(O)/moonbox.elf
STATIC :=
OPT := -O1 -g -fsanitize=$(SAN) -fno-omit-frame-pointer
else
CC := musl-gcc
STATIC := -static
ifdef DEV
O := $(B)/dev/obj
BIN := $(B)/dev/moonbox
ELF := $(B)/dev/moonbox.elf
OPT := -O0 -g
else
# build/obj: -O2 objects for the unit tests and make test's helper builds;
# build/moonbox.elf comes from the release section's LTO + PGO build
O := $(B)/obj
BIN := $(B)/moonbox
ELF := $(B)/moonbox.elf
OPT := -O2
FAST := 1
endif
# src/front/main.c: a check before musl's _start (a word, not a SIGSEGV, when a
# seccomp profile denies arch_prctl)
ENTRY := -Wl,-e,moonbox_entry
# src/front/start.ld: the code every start runs, in one place (its header)
ENTRY += -Wl,-T,src/front/start.ld
endif

WARN := -Wall -Wextra -Wshadow -Wmissing-prototypes -Wstrict-prototypes -Werror
LUA_DEFS := -DLUA_COMPAT_5_3 -DLUA_USE_POSIX
# package.path: the archive's .lua/, then its root (a bundle's modules where
# they were on disk), then Debian lua5.4's path: PUC's with /usr/share/lua
# before ./ (apt's pure-Lua modules). cpath as Debian's: a C module found
# there is a clear error (a static binary cannot load it).
DEB_LUA := /usr/share/lua/5.4/
DEB_CLUA := /usr/lib/x86_64-linux-gnu/lua/5.4/
LUA_DEFS += -DLUA_PATH_DEFAULT='"/zip/.lua/?.lua;/zip/.lua/?/init.lua;" \
  "/zip/?.lua;/zip/?/init.lua;" \
  LUA_LDIR"?.lua;" LUA_LDIR"?/init.lua;" LUA_CDIR"?.lua;" LUA_CDIR"?/init.lua;" \
  "$(DEB_LUA)?.lua;$(DEB_LUA)?/init.lua;" "./?.lua;" "./?/init.lua"'
LUA_DEFS += -DLUA_CPATH_DEFAULT='LUA_CDIR"?.so;" "$(DEB_CLUA)?.so;" \
  "/usr/lib/lua/5.4/?.so;" LUA_CDIR"loadall.so;" "./?.so"'
CFLAGS_LUA := $(OPT) -std=gnu99 $(LUA_DEFS)
# musl's ctype calls as inline code in Lua's sources (src/luactype.h says why)
CFLAGS_LUA += $(if $(SAN),,-include src/luactype.h)
CFLAGS_ZLIB := $(OPT) -DHAVE_UNISTD_H -D_LARGEFILE64_SOURCE=1
CFLAGS_OURS := $(OPT) -std=gnu11 $(WARN) $(LUA_DEFS) -Isrc -I$(O) \
  -I$(DEPS)/lua/src -I$(DEPS)/zlib -MMD -MP
LDFLAGS := $(STATIC) $(if $(SAN),-fsanitize=$(SAN))

LUA_CORE := lapi lcode lctype ldebug ldo ldump lfunc lgc llex lmem lobject \
  lopcodes lparser lstate lstring ltable ltm lundump lvm lzio lauxlib \
  lbaselib lcorolib ldblib liolib lmathlib loadlib loslib lstrlib ltablib \
  lutf8lib linit
ZLIB_CORE := adler32 crc32 deflate inflate inftrees inffast trees zutil
LUA_OBJ := $(LUA_CORE:%=$(O)/lua/%.o)
ZLIB_OBJ := $(ZLIB_CORE:%=$(O)/zlib/%.o)

# Engines and modules are linked once they are listed here (work in progress
# in src/ must not break the build).
ENGINES := zip zipw zipfs tz tz_strftime cal lineedit lineedit_term lineedit_width alloc \
  memcopy elfimage file hist cpath ip url http text json codec hash hwyhash crc32c rng \
  zcodec
# strtod: the program's strtod in the musl build (config.h MOONBOX_OWN_STRTOD)
ENGINES += strtod
MODULES := $(shell sed -n 's/^MODULE(\(.*\))$$/\1/p; s/^NAMED("[^"]*", *\(.*\))$$/\1/p' \
  src/modules/modules.def)
ENGINE_SRC := $(ENGINES:%=src/engine/%.c)
MODULE_SRC := $(MODULES:%=src/modules/%.c)
LAYER_SRC := $(wildcard src/front/*.c src/bind/*.c src/runtime/*.c)
ENGINE_OBJ := $(ENGINE_SRC:%.c=$(O)/%.o)
OURS_OBJ := $(LAYER_SRC:%.c=$(O)/%.o) $(MODULE_SRC:%.c=$(O)/%.o) \
  $(ENGINE_OBJ)
EXTRA_OBJ :=

UNIT_SRC := $(sort $(filter-out tests/unit/unit.h,$(wildcard $(ENGINES:%=tests/unit/%*.c))))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(O)/unit/%)

# Module-specific third-party builds (e.g. argon2) add to EXTRA_OBJ here;
# LINKED("pre.load", cname, mk) lines of modules.def name third-party
# luaopen_cname functions that src/modules/mk.mk builds.
LINKED_MK := $(shell sed -n 's/^LINKED([^,]*,[^,]*, *\(.*\))$$/\1/p' \
  src/modules/modules.def)
-include $(wildcard $(patsubst %,src/modules/%.mk,$(sort $(MODULES) $(LINKED_MK))))

.PHONY: all test dist install clean fuzz bench release tz-conformance FORCE \
  san-build bench-seeds test-tools dev

all: $(BIN)

dev:
	$(MAKE) DEV=1 $(B)/dev/moonbox

$(B)/.tools:
	@build-aux/need-tools musl-gcc=musl-tools gcc=gcc tar=tar xz=xz-utils zip=zip \
	  patch=patch
	@mkdir -p $(B) && touch $@

# What make test runs beyond the build (tests/run, fuzz, the sanitizer build),
# installed the same way on every make test (PROGRAM=PACKAGE; a /pattern
# names a file, for packages with no program of their own). The Lua
# packages are what tests/lua/search_paths.lua finds where apt puts them.
TEST_TOOLS := runsc=runsc argon2=argon2 unzip=unzip python3=python3 \
  unshare=util-linux setpriv=util-linux lua5.4=lua5.4 gcc=gcc \
  /usr/include/stdio.h=libc6-dev clang-14=clang-14 \
  '/usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a=libclang-rt-14-dev' \
  /usr/share/zoneinfo/Europe/Paris=tzdata man=man-db \
  /usr/share/lua/5.4/argparse.lua=lua-argparse \
  /usr/share/lua/5.4/say/init.lua=lua-say \
  /usr/lib/x86_64-linux-gnu/lua/5.4/cjson.so=lua-cjson
test-tools:
	@build-aux/need-tools $(TEST_TOOLS)

# deps/fetch redoes a tree when its entry or its patches
# (deps/patches/NAME/*.patch) change, and only touches the others
$(DEPS)/%/.sha256: deps/deps.lock $(wildcard deps/patches/*/*.patch) | $(B)/.tools
	deps/fetch $*

$(O)/buildinfo.h: FORCE | $(B)/.tools
	@mkdir -p $(O) && build-aux/buildinfo $@

$(O)/lua/%.o: $(DEPS)/lua/.sha256 $(if $(SAN),,src/luactype.h)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_LUA) -c $(DEPS)/lua/src/$*.c -o $@

$(O)/zlib/%.o: $(DEPS)/zlib/.sha256
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ZLIB) -c $(DEPS)/zlib/$*.c -o $@

$(O)/src/%.o: src/%.c $(DEPS)/lua/.sha256 $(DEPS)/zlib/.sha256 $(O)/buildinfo.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_OURS) -include $(O)/buildinfo.h -c $< -o $@

ifndef FAST
$(ELF): $(OURS_OBJ) $(EXTRA_OBJ) $(LUA_OBJ) $(ZLIB_OBJ) src/front/start.ld
	$(CC) $(LDFLAGS) $(ENTRY) -o $@.tmp $(filter-out %.ld,$^) -lm -lpthread
	mv $@.tmp $@
endif

# {==== the archive: build/moonbox = ELF + zip of the staging dir $(B)/archive/
# A feature adds files there with a stamp target that fills $(B)/archive/SUBDIR
# and appends the stamp to ARCHIVE_INPUTS; ARCHIVE_DIRS lists the top-level
# names to bundle. The archive is written by the fresh ELF's own --bundle
# (deterministic: same inputs, same bytes).
LUA_FILES := $(shell find lua -type f 2>/dev/null | LC_ALL=C sort)
ARCHIVE_INPUTS := $(B)/stamps/lua
ARCHIVE_DIRS := .lua

# LuaUnit 3.4 as the seed binary ships it (/zip/.lua/luaunit.lua), its
# licence beside it; lsqlite3's licence (the comment that opens its
# lsqlite3.c: it ships no licence file) as /zip/.lua/lsqlite3.LICENSE.
# LPeg's re.lua; LuaFileSystem's LICENSE; LPeg's licence, which is only
# the License section of its lpeg.html, as text (build-aux/lpeg-license).
# lua-term's Lua part as /zip/.lua/term/ with its licence; lua-zlib's
# licence (the MIT notice of its README, and lzlib's, whose compatibility
# functions it compiles in) as /zip/.lua/zlib.LICENSE.
# LuaSocket's Lua half where its makefile installs it (socket.lua, mime.lua,
# ltn12.lua; http, url, tp, ftp, headers, smtp under socket/), its licence
# as /zip/.lua/luasocket.LICENSE. The licences of what every binary links:
# Lua's (the MIT notice that ends its lua.h) as /zip/.lua/lua.LICENSE,
# argon2's as argon2.LICENSE, zlib's (the notice opening zlib.h) as
# libz.LICENSE; SQLite is in the public domain.
LUASOCKET_LUA := ltn12 socket mime
LUASOCKET_SUB := http url tp ftp headers smtp
$(B)/stamps/lua: $(LUA_FILES) $(DEPS)/luaunit/.sha256 $(DEPS)/lsqlite3/.sha256 \
  $(DEPS)/lfs/.sha256 $(DEPS)/lpeg/.sha256 build-aux/lpeg-license \
  $(DEPS)/lua-term/.sha256 $(DEPS)/lua-zlib/.sha256 $(DEPS)/luasocket/.sha256 \
  $(DEPS)/lua/.sha256 $(DEPS)/argon2/.sha256 $(DEPS)/zlib/.sha256
	rm -rf $(B)/archive/.lua && mkdir -p $(B)/archive/.lua $(@D)
	cp -R lua/. $(B)/archive/.lua/
	cp $(DEPS)/luaunit/luaunit.lua $(B)/archive/.lua/
	cp $(DEPS)/luaunit/LICENSE.txt $(B)/archive/.lua/luaunit.LICENSE.txt
	sed '/\*\/$$/q' $(DEPS)/lsqlite3/lsqlite3.c > $(B)/archive/.lua/lsqlite3.LICENSE
	cp $(DEPS)/lfs/LICENSE $(B)/archive/.lua/lfs.LICENSE
	cp $(DEPS)/lpeg/re.lua $(B)/archive/.lua/re.lua
	build-aux/lpeg-license $(DEPS)/lpeg/lpeg.html > $(B)/archive/.lua/lpeg.LICENSE
	cp -R $(DEPS)/lua-term/term $(B)/archive/.lua/
	cp $(DEPS)/lua-term/COPYING $(B)/archive/.lua/term.LICENSE
	{ sed -n '/The MIT License/,/^\*\*\*\*/p' $(DEPS)/lua-zlib/README; \
	  sed -n '/Author    : Tiago/,/SOFTWARE OR THE USE/p' \
	    $(DEPS)/lua-zlib/lua_zlib.c; } > $(B)/archive/.lua/zlib.LICENSE
	mkdir -p $(B)/archive/.lua/socket
	cp $(LUASOCKET_LUA:%=$(DEPS)/luasocket/src/%.lua) $(B)/archive/.lua/
	cp $(LUASOCKET_SUB:%=$(DEPS)/luasocket/src/%.lua) $(B)/archive/.lua/socket/
	cp $(DEPS)/luasocket/LICENSE $(B)/archive/.lua/luasocket.LICENSE
	sed -n '/^\* Copyright (C) 1994/,/^\*\*\*\*/{/^\*\*\*\*/d;s/^\* \{0,1\}//;p}' \
	  $(DEPS)/lua/src/lua.h > $(B)/archive/.lua/lua.LICENSE
	cp $(DEPS)/argon2/LICENSE $(B)/archive/.lua/argon2.LICENSE
	sed -n '/Copyright (C) 1995/,/madler@/p' $(DEPS)/zlib/zlib.h \
	  > $(B)/archive/.lua/libz.LICENSE
	touch $@

# {==== embedded time-zone data: the zone files of Debian's tzdata and
# tzdata-legacy (the old names, links into tzdata's zones) at
# /zip/usr/share/zoneinfo/ (staged under $(B)/archive/, bundled with the rest)
ARCHIVE_INPUTS += $(B)/archive/.tzdata
ARCHIVE_DIRS += usr
TZ_PACKAGES := tzdata tzdata-legacy
$(B)/archive/.tzdata: $(TZ_PACKAGES:%=$(DEPS)/%/.sha256) build-aux/stage-tzdata
	build-aux/stage-tzdata $(B)/archive/usr/share/zoneinfo \
	  $(TZ_PACKAGES:%=$(DEPS)/%/usr/share/zoneinfo)
	touch $@

tz-conformance:
	tests/tz/run --full
# }====

# MOONBOX_NOZIP: the ELF must not copy an archive of its own (it has none).
$(BIN): $(ELF) $(ARCHIVE_INPUTS)
	cd $(B)/archive && MOONBOX_NOZIP=1 $(abspath $(ELF)) --bundle \
	  -o $(abspath $(BIN)) $(ARCHIVE_DIRS)
# }====

# {==== tests

$(O)/unit/%: tests/unit/%.c $(ENGINE_OBJ) $(ZLIB_OBJ)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_OURS) -Isrc/engine -Itests/unit $(LDFLAGS) -o $@ $^ -lm \
	  -lpthread -lutil

$(O)/canary: tests/gvisor/canary.c
	@mkdir -p $(@D)
	musl-gcc -static -O2 -o $@ $<

# The REPL's tests type into a pseudo-terminal through this driver.
$(O)/repl-pty: tests/repl/pty.c
	@mkdir -p $(@D)
	$(CC) $(OPT) -std=gnu11 $(WARN) $(LDFLAGS) -o $@ $< -lutil

test: test-tools $(BIN) $(UNIT_BIN) $(O)/canary $(O)/repl-pty \
  $(if $(SAN),,san-build)
	@MOONBOX=$(BIN) FUZZ_SECONDS=$(FUZZ_SECONDS) tests/run --unit-dir $(O)/unit \
	  --canary $(O)/canary

# Test-only inputs (tests/run sections luacheck and luarocks), fetched here and
# by the sections themselves, never put in the archive.
TEST_DEPS_LUACHECK := luacheck argparse luarocks
test: $(TEST_DEPS_LUACHECK:%=$(DEPS)/%/.sha256)
# luacheck's report on moonbox is compared with Debian's lua5.4's: it needs lfs
TEST_TOOLS += '/usr/lib/*/lua/5.4/lfs.so=lua-filesystem'
# busted 2.2.0, its pure-Lua dependencies and Penlight 1.14.0 (tests/run
# sections busted and penlight, tests/busted.sh), test-only like those; on
# lua5.4 busted also loads term.core and system.core
TEST_DEPS_BUSTED := lua-busted lua-cliargs lua-say lua-luassert lua-mediator \
  lua-dkjson lua-penlight
test: $(TEST_DEPS_BUSTED:%=$(DEPS)/%/.sha256)
TEST_TOOLS += '/usr/lib/*/lua/5.4/term/core.so=lua-term' \
  '/usr/lib/*/lua/5.4/system/core.so=lua-system'

# make test also runs a short pass on the sanitizer build (tests/run).
san-build: | test-tools
	$(MAKE) SAN=address,undefined $(B)/san/moonbox \
	  $(UNIT_BIN:$(O)/unit/%=$(B)/san/unit/%) $(B)/san/moonbox-lsdebug

# }====

# {==== fuzz: libFuzzer targets (clang-14), each run for FUZZ_SECONDS
FUZZ_CC := clang-14
FUZZ_SECONDS ?= 10
FUZZ_TARGETS := zip zipfs tz tz_posix tz_strftime lineedit argon2_decode elfimage \
  cpath net text json codec
FZ := $(B)/fuzz
FUZZ_SAN := address,undefined
FUZZ_LIBFLAGS := -g -O1 -fsanitize=fuzzer-no-link,$(FUZZ_SAN)
FUZZ_FLAGS := -g -O1 -std=gnu11 -fsanitize=fuzzer,$(FUZZ_SAN) \
  -fno-sanitize-recover=undefined -Isrc/engine -I$(DEPS)/zlib
FUZZ_ZLIB := $(ZLIB_CORE:%=$(FZ)/zlib/%.o)
# the portable ref.c fill, not the SIMD dispatch: the decoder is the target
FUZZ_ARGON2 := $(addprefix $(FZ)/argon2/,argon2.o core.o encoding.o \
  thread.o blake2/blake2b.o ref.o)
FUZZ_DEPS_zip := src/engine/zip.c src/engine/cal.c $(FUZZ_ZLIB)
FUZZ_DEPS_zipfs := src/engine/zipfs.c $(FUZZ_DEPS_zip)
FUZZ_DEPS_tz := src/engine/tz.c src/engine/tz_strftime.c src/engine/cal.c
FUZZ_DEPS_tz_posix := $(FUZZ_DEPS_tz)
FUZZ_DEPS_tz_strftime := $(FUZZ_DEPS_tz)
FUZZ_DEPS_lineedit := $(filter src/engine/lineedit%,$(ENGINE_SRC))
FUZZ_DEPS_argon2_decode := $(FUZZ_ARGON2)
FUZZ_DEPS_elfimage := src/engine/elfimage.c
FUZZ_DEPS_cpath := src/engine/cpath.c
FUZZ_DEPS_net := src/engine/ip.c src/engine/url.c src/engine/http.c \
  src/engine/cal.c
FUZZ_DEPS_text := src/engine/text.c src/engine/lineedit_width.c
FUZZ_DEPS_json := src/engine/json.c
FUZZ_DEPS_codec := src/engine/codec.c src/engine/zcodec.c $(FUZZ_DEPS_zip)
# strtod: the engine against glibc's strtod (the fuzz build links glibc)
FUZZ_TARGETS += strtod
FUZZ_DEPS_strtod := src/engine/strtod.c
$(FZ)/strtod: FUZZ_FLAGS += -Isrc

$(FZ)/zlib/%.o: $(DEPS)/zlib/.sha256
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_LIBFLAGS) $(CFLAGS_ZLIB) -c $(DEPS)/zlib/$*.c -o $@

$(FZ)/argon2/%.o: $(DEPS)/argon2/.sha256
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_LIBFLAGS) -pthread -I$(DEPS)/argon2/include \
	  -I$(DEPS)/argon2/src -c $(DEPS)/argon2/src/$*.c -o $@

.SECONDEXPANSION:
$(FZ)/%: fuzz/%.c $$(FUZZ_DEPS_$$*)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -I$(DEPS)/argon2/include -o $@ $^ -lpthread

.PHONY: fuzz-bins print-fuzz-targets print-fuzz-seconds
fuzz-bins: $(FUZZ_TARGETS:%=$(FZ)/%)

# tests/run's fuzz section reads the list from here
print-fuzz-targets:
	@echo $(FUZZ_TARGETS)
print-fuzz-seconds:
	@echo $(FUZZ_SECONDS)

fuzz: fuzz-bins
	for t in $(FUZZ_TARGETS); do fuzz/run $$t $(FUZZ_SECONDS) || exit 1; done
# }====

# {==== release: the fast build, build/moonbox.elf
# Measured with bench/run (README, Performance): -O3 and LTO alone gained
# nothing over -O2; LTO with profile-guided optimisation did.  It compiles
# everything twice around a training run (bench/train) in $(R): once
# instrumented, once with the profile.  -march stays generic.  Any change
# under src/ rebuilds it all: make dev is the quick build for that.
R := $(B)/pgo
RELEASE_OPT := -O2 -flto=auto
RELEASE_VARS = B=$(R)/work DEPS=$(DEPS) O=$(R)/obj R=$(R)

release: $(BIN)

# Training runs tests/lua too, some of which read /zip/: the instrumented
# ELF gets the archive first. argon2 hashes lanes in threads, whose racy
# counters (-fprofile-update=single) -fprofile-correction smooths instead of
# failing the build with "corrupted value profile". $(O)/buildinfo.h
# changes with the commit: the binary's build id stays true.
ifdef FAST
$(ELF): $(wildcard src/*/*.c src/*/*.h src/*/*.def src/*/*.ld src/modules/*.mk) \
  Makefile $(DEPS)/lua/.sha256 $(DEPS)/zlib/.sha256 bench/train \
  $(wildcard bench/programs/*.lua) $(ARCHIVE_INPUTS) $(O)/buildinfo.h
	rm -rf $(R)
	$(MAKE) $(RELEASE_VARS) $(R)/moonbox.gen \
	  OPT="$(RELEASE_OPT) -fprofile-generate -fprofile-update=single" \
	  LDFLAGS="-static $(RELEASE_OPT) -fprofile-generate"
	mkdir -p $(R)/train && cd $(B)/archive && MOONBOX_NOZIP=1 \
	  $(abspath $(R))/moonbox.gen --bundle \
	  -o $(abspath $(R))/train/moonbox $(ARCHIVE_DIRS)
	bench/train $(R)/train/moonbox
	find $(R)/obj -name '*.o' -delete
	$(MAKE) $(RELEASE_VARS) $(R)/moonbox.use \
	  OPT="$(RELEASE_OPT) -fprofile-use -fprofile-partial-training -fprofile-correction -Wno-missing-profile" \
	  LDFLAGS="-static $(RELEASE_OPT)"
	mv $(R)/moonbox.use $@
endif

$(R)/moonbox.gen $(R)/moonbox.use: $(OURS_OBJ) $(EXTRA_OBJ) $(LUA_OBJ) \
  $(ZLIB_OBJ)
	$(CC) $(LDFLAGS) $(ENTRY) -o $@ $^ -lm -lpthread

# }====

# The stripped fast ELF bundles the staging dir itself.
dist: $(ELF) $(ARCHIVE_INPUTS)
	@mkdir -p dist
	strip -o $(B)/moonbox.stripped $(ELF)
	cd $(B)/archive && MOONBOX_NOZIP=1 $(abspath $(B))/moonbox.stripped \
	  --bundle -o $(abspath dist)/lua-linux-x86_64 $(ARCHIVE_DIRS)
	cd dist && sha256sum lua-linux-x86_64 > SHA256SUMS

PREFIX ?= /usr/local
install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/moonbox
	$(if $(LUA_LINK),ln -sf moonbox $(DESTDIR)$(PREFIX)/bin/lua)
	install -d $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 0644 docs/moonbox.1 $(DESTDIR)$(PREFIX)/share/man/man1/moonbox.1

bench: $(BIN)
	bench/run --moonbox $(BIN)

# The fast build again with its string-hash seed read from the
# environment, against lua5.4 with the seed pinned too (bench/seed/run).
SEEDREL := $(B)/seedrel
bench-seeds:
	$(MAKE) R=$(SEEDREL)/pgo BIN=$(SEEDREL)/moonbox \
	  ELF=$(SEEDREL)/moonbox.elf $(SEEDREL)/moonbox \
	  RELEASE_OPT="$(RELEASE_OPT) -include bench/seed/seed.h"
	gcc -O2 -shared -fPIC -o $(SEEDREL)/fixtime.so bench/seed/fixtime.c
	bench/seed/run --moonbox $(SEEDREL)/moonbox --fixtime $(SEEDREL)/fixtime.so

clean:
	rm -rf $(O) $(B)/san $(B)/dev $(B)/moonbox $(B)/moonbox.elf \
	  $(B)/moonbox.stripped $(R) $(B)/archive $(B)/stamps dist

FORCE:

# moonbox-lsdebug (src/modules/luasocket.mk) links the plain -O2 objects of
# $(O), which the fast build does not make: named here, where EXTRA_OBJ is
# complete, so that a clean make test builds them first.
$(O)/moonbox-lsdebug: $(filter-out $(O)/luasocket.o,$(OURS_OBJ) $(EXTRA_OBJ)) \
  $(LUA_OBJ) $(ZLIB_OBJ)

-include $(wildcard $(O)/src/*.d $(O)/src/*/*.d)
