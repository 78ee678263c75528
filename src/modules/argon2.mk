# argon2.mk: how the Argon2 reference library is compiled into moonbox.
# Included by the top Makefile when modules.def lists argon2; the sources in
# build/deps/argon2 are compiled unmodified. See LICENSE.
#
# Our strict warning list is not applied to third-party code. opt.c is the
# library's SIMD path; without -march it uses SSE2, the x86-64 baseline.

ARGON2_DIR := $(DEPS)/argon2
ARGON2_SRC := argon2 core encoding thread opt blake2/blake2b
ARGON2_OBJ := $(ARGON2_SRC:%=$(O)/argon2/%.o)
ARGON2_CFLAGS := $(OPT) -O3 -std=gnu99 -pthread -DNDEBUG \
  -I$(ARGON2_DIR)/include -I$(ARGON2_DIR)/src

EXTRA_OBJ += $(ARGON2_OBJ)

# the binding includes argon2.h and the library's encoding.h/core.h
$(O)/src/modules/argon2.o: CFLAGS_OURS += -I$(ARGON2_DIR)/include \
  -I$(ARGON2_DIR)/src
$(O)/src/modules/argon2.o: $(ARGON2_DIR)/.sha256

$(O)/argon2/%.o: $(ARGON2_DIR)/.sha256
	@mkdir -p $(@D)
	$(CC) $(ARGON2_CFLAGS) -c $(ARGON2_DIR)/src/$*.c -o $@
