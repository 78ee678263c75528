/*
** config.h: moonbox's platform and build choices, decided at compile time.
** See LICENSE.
*/
#ifndef MOONBOX_CONFIG_H
#define MOONBOX_CONFIG_H

#define MOONBOX_NAME "moonbox"

#if !defined(MOONBOX_VERSION)
#define MOONBOX_VERSION "0.0.0"
#endif

#if !defined(MOONBOX_BUILD_ID)
#define MOONBOX_BUILD_ID "unknown"
#endif

/* Version of the embedded time-zone data (deps/deps.lock's tzdata). */
#if !defined(MOONBOX_TZDATA)
#define MOONBOX_TZDATA "none"
#endif

/* Registry field holding the chunk the command line runs as the main
** script (front/cli.c sets it, cosmo.is_main compares its caller). */
#define MOONBOX_MAIN_KEY "moonbox.main"

#if defined(__x86_64__)
#define MOONBOX_ARCH "x86_64"
#elif defined(__aarch64__)
#define MOONBOX_ARCH "aarch64"
#else
#define MOONBOX_ARCH "unknown"
#endif

#if defined(__linux__)
#define MOONBOX_OS "linux"
#else
#define MOONBOX_OS "unknown"
#endif

/* The C library we link: the binary is meant to be static musl. */
#if defined(__GLIBC__)
#define MOONBOX_LIBC "gnu"
#else
#define MOONBOX_LIBC "musl"
#endif

#define MOONBOX_TARGET MOONBOX_ARCH "-" MOONBOX_OS "-" MOONBOX_LIBC

/* Default prompts of the interactive loop, as lua.c has them. */
#define MOONBOX_PROMPT "> "
#define MOONBOX_PROMPT2 ">> "

/* Longest line the plain (non-editing) loop reads in one piece. */
#define MOONBOX_MAXINPUT 512

/* src/engine/memcopy.c replaces memcpy and memmove in the static musl build on
** x86-64 (musl's are slow for short copies).  Not under glibc, whose are
** fast, nor clang or sanitizers, which intercept them.  Include a libc
** header before this one so that __GLIBC__ is known. */
#if defined(__x86_64__) && !defined(__GLIBC__) && defined(__GNUC__) && \
    !defined(__clang__) && !defined(__SANITIZE_ADDRESS__)
#define MOONBOX_OWN_MEMCPY 1
#else
#define MOONBOX_OWN_MEMCPY 0
#endif

/* src/engine/strtod.c defines the C library's strtod in the musl build
** (musl's is exact but reads through a FILE shim, 2x slower than
** glibc's).  Not under glibc (the fuzz and sanitizer builds), whose is
** the reference.  It needs a 64x64->128-bit multiply (__int128). */
#if !defined(__GLIBC__) && defined(__SIZEOF_INT128__)
#define MOONBOX_OWN_STRTOD 1
#else
#define MOONBOX_OWN_STRTOD 0
#endif

/* Large zero-filled buffers a start does not touch (messages, paths, saved
** handlers) go after .bss, to ld's .lbss: the small variables every start
** writes then share fewer pages (each page a start touches costs a fault;
** src/front/start.ld says more).  GCC names .lbss.* sections NOBITS. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define MOONBOX_COLD_BSS __attribute__((section(".lbss.moonbox")))
#else
#define MOONBOX_COLD_BSS
#endif

#endif
