# Makefile: builds build/moonbox, a static musl Lua 5.4.7 runtime. See LICENSE.
# make | make test | make dist | make install PREFIX=... [LUA_LINK=1]
# make release   (build/release/moonbox: -O2, LTO, PGO; make dist uses it)
# make SAN=address,undefined test   (sanitizer build with clang, not static)

.DEFAULT_GOAL := all
B := build
DEPS := $(B)/deps

ifdef SAN
CC := clang-14
O := $(B)/san
STATIC :=
OPT := -O1 -g -fsanitize=$(SAN) -fno-omit-frame-pointer
else
CC := musl-gcc
O := $(B)/obj
STATIC := -static
OPT := -O2
endif

WARN := -Wall -Wextra -Wshadow -Wmissing-prototypes -Wstrict-prototypes -Werror
LUA_DEFS := -DLUA_COMPAT_5_3 -DLUA_USE_POSIX
CFLAGS_LUA := $(OPT) -std=gnu99 $(LUA_DEFS)
CFLAGS_ZLIB := $(OPT) -DHAVE_UNISTD_H -D_LARGEFILE64_SOURCE=1
CFLAGS_OURS := $(OPT) -std=gnu11 $(WARN) $(LUA_DEFS) -Isrc -Isrc/engine -I$(O) \
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
ENGINES := zip zipw tz lineedit alloc memcopy
MODULES := $(shell sed -n 's/^MODULE(\(.*\))$$/\1/p' src/modules/modules.def)
ENGINE_SRC := $(ENGINES:%=src/engine/%.c)
MODULE_SRC := $(MODULES:%=src/modules/%.c)
FRONT_SRC := $(wildcard src/*.c)
ENGINE_OBJ := $(ENGINE_SRC:%.c=$(O)/%.o)
OURS_OBJ := $(FRONT_SRC:%.c=$(O)/%.o) $(MODULE_SRC:%.c=$(O)/%.o) \
  $(ENGINE_OBJ)
EXTRA_OBJ :=

UNIT_SRC := $(filter-out tests/unit/unit.h,$(wildcard $(ENGINES:%=tests/unit/%*.c)))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(O)/unit/%)

# Module-specific third-party builds (e.g. argon2) add to EXTRA_OBJ here.
-include $(wildcard $(MODULES:%=src/modules/%.mk))

.PHONY: all test dist install clean fuzz bench release FORCE

all: $(B)/moonbox

$(B)/.tools:
	@build-aux/need-tools musl-gcc=musl-tools tar=tar xz=xz-utils
	@mkdir -p $(B) && touch $@

$(DEPS)/%/.sha256: deps/deps.lock | $(B)/.tools
	deps/fetch $*

$(O)/buildinfo.h: FORCE | $(B)/.tools
	@mkdir -p $(O) && build-aux/buildinfo $@

$(O)/lua/%.o: $(DEPS)/lua/.sha256
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_LUA) -c $(DEPS)/lua/src/$*.c -o $@

$(O)/zlib/%.o: $(DEPS)/zlib/.sha256
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ZLIB) -c $(DEPS)/zlib/$*.c -o $@

$(O)/src/%.o: src/%.c $(DEPS)/lua/.sha256 $(DEPS)/zlib/.sha256 $(O)/buildinfo.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_OURS) -include $(O)/buildinfo.h -c $< -o $@

$(B)/moonbox: $(OURS_OBJ) $(EXTRA_OBJ) $(LUA_OBJ) $(ZLIB_OBJ)
	$(CC) $(LDFLAGS) -o $@.tmp $^ -lm -lpthread
	mv $@.tmp $@

# {==== tests

$(O)/unit/%: tests/unit/%.c $(ENGINE_OBJ) $(ZLIB_OBJ)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_OURS) -Isrc/engine -Itests/unit $(LDFLAGS) -o $@ $^ -lm \
	  -lpthread -lutil

$(O)/canary: tests/gvisor/canary.c
	@mkdir -p $(@D)
	musl-gcc -static -O2 -o $@ $<

test: $(B)/moonbox $(UNIT_BIN) $(O)/canary
	@tests/run --unit-dir $(O)/unit --canary $(O)/canary

# }====

# {==== release: the fast build
# Measured with bench/run (README, Performance): -O3 and LTO alone gained
# nothing over -O2; LTO with profile-guided optimisation did.  It builds
# twice around a training run (bench/train), over twice the time of a
# plain build, so it is a target of its own.  -march stays generic.
R := $(B)/release
RELEASE_OPT := -O2 -flto=auto
RELEASE_VARS = B=$(R)/work DEPS=$(DEPS) O=$(R)/obj R=$(R)

release: $(R)/moonbox

$(R)/moonbox: $(OURS_OBJ:$(O)/%.o=%.c) $(DEPS)/lua/.sha256 \
  $(DEPS)/zlib/.sha256 bench/train $(wildcard bench/programs/*.lua)
	rm -rf $(R)
	$(MAKE) $(RELEASE_VARS) $(R)/moonbox.gen \
	  OPT="$(RELEASE_OPT) -fprofile-generate -fprofile-update=single" \
	  LDFLAGS="-static $(RELEASE_OPT) -fprofile-generate"
	bench/train $(R)/moonbox.gen
	find $(R)/obj -name '*.o' -delete
	$(MAKE) $(RELEASE_VARS) $(R)/moonbox.use \
	  OPT="$(RELEASE_OPT) -fprofile-use -fprofile-partial-training -Wno-missing-profile" \
	  LDFLAGS="-static $(RELEASE_OPT)"
	mv $(R)/moonbox.use $@

$(R)/moonbox.gen $(R)/moonbox.use: $(OURS_OBJ) $(EXTRA_OBJ) $(LUA_OBJ) \
  $(ZLIB_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ -lm -lpthread

# }====

dist: $(R)/moonbox
	@mkdir -p dist
	strip -o dist/lua-linux-x86_64.tmp $(R)/moonbox
	mv dist/lua-linux-x86_64.tmp dist/lua-linux-x86_64
	cd dist && sha256sum lua-linux-x86_64 > SHA256SUMS

PREFIX ?= /usr/local
install: $(B)/moonbox
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 $(B)/moonbox $(DESTDIR)$(PREFIX)/bin/moonbox
	$(if $(LUA_LINK),ln -sf moonbox $(DESTDIR)$(PREFIX)/bin/lua)

bench: $(R)/moonbox
	bench/run --moonbox $(R)/moonbox

clean:
	rm -rf $(O) $(B)/san $(B)/moonbox $(R) dist

FORCE:

-include $(wildcard $(O)/src/*.d $(O)/src/*/*.d)
