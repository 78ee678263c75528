# argon2.mk: how the Argon2 reference library is compiled into moonbox.
# Included by the top Makefile when modules.def lists argon2; the sources in
# build/deps/argon2 are compiled unmodified. See LICENSE.
#
# Our strict warning list is not applied to third-party code. opt.c, the
# library's SIMD block filler, is compiled three times (SSE2 = the x86-64
# baseline, AVX2, AVX-512F) with its one export renamed in each, and
# src/modules/argon2_cpu.c chooses among them at run time.

ARGON2_DIR := $(DEPS)/argon2
ARGON2_SRC := argon2 core encoding thread blake2/blake2b
ARGON2_SIMD := sse2 avx2 avx512
ARGON2_OBJ := $(ARGON2_SRC:%=$(O)/argon2/%.o) \
  $(ARGON2_SIMD:%=$(O)/argon2/opt_%.o) $(O)/argon2/argon2_cpu.o
ARGON2_INC := -I$(ARGON2_DIR)/include -I$(ARGON2_DIR)/src
ARGON2_CFLAGS := $(OPT) -O3 -std=gnu99 -pthread -DNDEBUG $(ARGON2_INC)
ARGON2_MFLAGS_sse2 :=
ARGON2_MFLAGS_avx2 := -mavx2
ARGON2_MFLAGS_avx512 := -mavx512f

EXTRA_OBJ += $(ARGON2_OBJ)

# the binding includes argon2.h and the library's encoding.h/core.h
$(O)/src/modules/argon2.o: CFLAGS_OURS += $(ARGON2_INC)
$(O)/src/modules/argon2.o: $(ARGON2_DIR)/.sha256

$(O)/argon2/opt_%.o: $(ARGON2_DIR)/.sha256
	@mkdir -p $(@D)
	$(CC) $(ARGON2_CFLAGS) $(ARGON2_MFLAGS_$*) \
	  -Dfill_segment=argon2_fill_segment_$* -c $(ARGON2_DIR)/src/opt.c -o $@

# ours, so with our warnings; -O3 like the code it dispatches to
$(O)/argon2/argon2_cpu.o: src/modules/argon2_cpu.c $(ARGON2_DIR)/.sha256
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_OURS) $(ARGON2_INC) -c $< -o $@

$(O)/argon2/%.o: $(ARGON2_DIR)/.sha256
	@mkdir -p $(@D)
	$(CC) $(ARGON2_CFLAGS) -c $(ARGON2_DIR)/src/$*.c -o $@

# tests/unit/argon2.c: RFC 9106 vectors against the library as linked here
UNIT_BIN += $(O)/unit/argon2
$(O)/unit/argon2: tests/unit/argon2.c $(ARGON2_OBJ)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_OURS) $(ARGON2_INC) -Itests/unit $(LDFLAGS) -o $@ $^ \
	  -lpthread
