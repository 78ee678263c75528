/*
** os.c: moonbox's replacements in Lua's os library: os.setlocale, and
** os.date / os.time on the tz engine with glibc's choice of zone.
** See LICENSE.
*/
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lauxlib.h"
#include "lua.h"
#include "lualib.h"

#include "runtime/archive.h"
#include "engine/file.h"
#include "engine/tz.h"
#include "engine/zipfs.h"

/* {==== os.setlocale */

/* glibc's categories in the order of its composite names. musl has the
** first six (lc_cats); the others' names are kept only to answer as
** glibc does. */
#define NCAT 12
#define MUSL_NCAT 6
static const int lc_cats[MUSL_NCAT] = {LC_CTYPE,   LC_NUMERIC, LC_TIME,
                                       LC_COLLATE, LC_MONETARY, LC_MESSAGES};
static const char *const cat_vars[NCAT] = {
    "LC_CTYPE", "LC_NUMERIC", "LC_TIME", "LC_COLLATE", "LC_MONETARY",
    "LC_MESSAGES", "LC_PAPER", "LC_NAME", "LC_ADDRESS", "LC_TELEPHONE",
    "LC_MEASUREMENT", "LC_IDENTIFICATION"};

/* Lua's category options and their index in cat_vars (-1: all). */
static const char *const category_names[] = {
    "all", "collate", "ctype", "monetary", "numeric", "time", NULL};
static const int category_index[] = {-1, 3, 0, 4, 1, 2};

/* The name of each category, as glibc would give it. musl's own names
** cannot serve: it calls LC_TIME "C" after setting "C.UTF-8", and its
** LC_ALL name is "C.UTF-8;C;C;C;C;C" where glibc says "C.UTF-8". The
** locale is process-wide, so this table is too; it starts as "C", as a
** process does, and only os.setlocale changes the locale. */
static const char *cur_names[NCAT] = {"C", "C", "C", "C", "C", "C",
                                      "C", "C", "C", "C", "C", "C"};

/* The locales musl really provides, in the spelling glibc answers
** with (it calls POSIX "C"), or NULL. musl's setlocale takes any name
** and then behaves as C.UTF-8; Lua programs expect an unknown name to
** fail. The result is a static string. */
static const char *available(const char *name, size_t len) {
  static const char *const known[] = {"C", "C.UTF-8", "C.utf8", NULL};
  int i;
  if (len == 5 && memcmp(name, "POSIX", 5) == 0) return "C";
  for (i = 0; known[i]; i++)
    if (strlen(known[i]) == len && memcmp(name, known[i], len) == 0)
      return known[i];
  return NULL;
}

static const char *env_nonempty(const char *var) {
  const char *v = getenv(var);
  return v && *v ? v : NULL;
}

/* The locale "" stands for in category i, by POSIX precedence (LC_ALL,
** LC_xxx, LANG, else C), or NULL when that locale is not available. */
static const char *env_name(int i) {
  const char *v = env_nonempty("LC_ALL");
  if (v == NULL) v = env_nonempty(cat_vars[i]);
  if (v == NULL) v = env_nonempty("LANG");
  return v ? available(v, strlen(v)) : "C";
}

/* glibc's composite name "LC_CTYPE=a;LC_NUMERIC=b;..." into names:
** every category once, each locale available. Returns 0 if not. */
static int parse_composite(const char *s, const char **names) {
  int i, seen = 0;
  while (*s) {
    const char *eq = strchr(s, '='), *end;
    if (eq == NULL) return 0;
    end = eq + strcspn(eq, ";");
    for (i = 0; i < NCAT; i++)
      if (strlen(cat_vars[i]) == (size_t)(eq - s) &&
          memcmp(s, cat_vars[i], (size_t)(eq - s)) == 0)
        break;
    if (i == NCAT || (names[i] = available(eq + 1, (size_t)(end - eq - 1)))
                         == NULL)
      return 0;
    seen |= 1 << i;
    s = *end ? end + 1 : end;
  }
  return seen == (1 << NCAT) - 1;
}

/* The new names for setting name in category index op (-1: all), into
** names; 0 when a locale is not available. */
static int new_names(const char *name, int op, const char **names) {
  int i;
  memcpy(names, cur_names, sizeof cur_names);
  if (op < 0 && strchr(name, ';')) return parse_composite(name, names);
  for (i = 0; i < NCAT; i++) {
    if (op >= 0 && i != op) continue;
    names[i] = *name ? available(name, strlen(name)) : env_name(i);
    if (names[i] == NULL) return 0;
  }
  return 1;
}

/* Pushes the name of category op (-1: all) as glibc gives it: for all,
** one name when every category agrees, else the composite name. */
static void push_name(lua_State *L, int op) {
  luaL_Buffer b;
  int i;
  for (i = 1; op < 0 && i < NCAT; i++)
    if (strcmp(cur_names[i], cur_names[0]) != 0) break;
  if (op >= 0 || i == NCAT) {
    lua_pushstring(L, cur_names[op < 0 ? 0 : op]);
    return;
  }
  luaL_buffinit(L, &b);
  for (i = 0; i < NCAT; i++) {
    if (i > 0) luaL_addchar(&b, ';');
    luaL_addstring(&b, cat_vars[i]);
    luaL_addchar(&b, '=');
    luaL_addstring(&b, cur_names[i]);
  }
  luaL_pushresult(&b);
}

/* -- os.setlocale([locale [, category]]) -> name | fail
** As Lua's on glibc (names, "" from the environment, composite names),
** but fails for locales musl does not really have. */
static int os_setlocale(lua_State *L) {
  const char *name = luaL_optstring(L, 1, NULL);
  int op = category_index[luaL_checkoption(L, 2, "all", category_names)];
  const char *names[NCAT];
  int i;
  if (name != NULL) {
    if (!new_names(name, op, names)) {
      luaL_pushfail(L);
      return 1;
    }
    for (i = 0; i < NCAT; i++) {
      if (i < MUSL_NCAT && setlocale(lc_cats[i], names[i]) == NULL) {
        luaL_pushfail(L); /* not seen: musl takes every name */
        return 1;
      }
      cur_names[i] = names[i];
    }
  }
  push_name(L, op);
  return 1;
}

/* }==== */

/* {==== zone choice: the local zone as glibc's tzset picks it */

/* Largest zone file read: real ones are under 4 KB. A bigger "file"
** (TZ=/dev/zero) is cut here and then fails as a truncated TZif. */
#define TZIF_MAX (1 << 20)

#define TZ_DEFAULT_FILE "/etc/localtime"
#define TZ_DEFAULT_DIR "/usr/share/zoneinfo"
#define TZ_EMBEDDED_DIR "usr/share/zoneinfo"

/* The local zone of one lua_State, in a userdata shared by os.date and
** os.time as their upvalue. Per state, not per process: states living
** in different threads never share it, and closing a state frees it.
** Like glibc's tzset it is re-read only when the value of TZ changes. */
typedef struct zonecache {
  tz_zone *zone; /* NULL until the first use */
  int unset;     /* zone was chosen with TZ unset */
  char *key;     /* the TZ value it was chosen for (from alloc), or NULL */
  size_t keycap; /* size of the key block */
  lua_Alloc alloc;
  void *ud;
} zonecache;

enum found { NO_FILE, BAD_FILE, ZONE_FILE }; /* no such file / not a zone / zone */

/* A block of n bytes (n > 0) from the state's allocator. */
static char *block(zonecache *c, size_t n) {
  return c->alloc(c->ud, NULL, 0, n);
}

static void unblock(zonecache *c, void *p, size_t n) {
  if (p) c->alloc(c->ud, p, n, 0);
}

/* Parses bytes as TZif into *out; ENOMEM is reported, not hidden. */
static enum found parse(zonecache *c, const char *b, size_t n, tz_zone **out,
                        tz_result *rc) {
  *rc = tz_load_tzif(out, b, n, c->alloc, c->ud, NULL);
  return *rc == TZ_OK ? ZONE_FILE : BAD_FILE;
}

/* A zone file from the file system; NO_FILE when it cannot be opened.
** At most TZIF_MAX bytes are read, so TZ=/dev/zero cannot hang, and no
** more memory is taken than the file needs (os.date under a small
** MOONBOX_MEMLIMIT). */
static enum found from_file(zonecache *c, const char *path, tz_zone **out,
                            tz_result *rc) {
  size_t n, size;
  char *b;
  file_result r = file_read_upto(path, TZIF_MAX, c->alloc, c->ud, &b, &n,
                                 &size);
  enum found f = BAD_FILE;
  if (r == FILE_ERRNO) return NO_FILE;
  if (r == FILE_NOMEM) *rc = TZ_ENOMEM;
  else f = parse(c, b, n, out, rc);
  unblock(c, b, size);
  return f;
}

/* The embedded copy of a zone: entry usr/share/zoneinfo/NAME of the
** archive, symbolic links followed (the build stores each zone once and
** its other names as links). */
static enum found from_archive(zonecache *c, const char *name,
                               tz_zone **out, tz_result *rc) {
  char path[PATH_MAX];
  const size_t d = sizeof TZ_EMBEDDED_DIR; /* with its '/' */
  size_t n = strlen(name);
  zip *z;
  const zip_entry *e;
  enum found f = BAD_FILE;
  unsigned how;
  char *b;
  if (n >= sizeof path - d) return NO_FILE;
  memcpy(path, TZ_EMBEDDED_DIR "/", d);
  memcpy(path + d, name, n);
  n = zipfs_clean(path, path, d + n, &how);
  if (n < d || memcmp(path, TZ_EMBEDDED_DIR "/", d) != 0)
    return NO_FILE; /* "..": only zone names are looked up here */
  z = archive_get(); /* opened here, not for a name refused above */
  if (zipfs_file(z, path, n, &e) != ZIP_OK) return NO_FILE;
  if (e->size == 0 || e->size > TZIF_MAX) return BAD_FILE;
  if ((b = block(c, e->size)) == NULL) {
    *rc = TZ_ENOMEM;
    return BAD_FILE;
  }
  if (zip_read(z, e, b) == ZIP_OK)
    f = parse(c, b, e->size, out, rc);
  unblock(c, b, e->size);
  return f;
}

/* A named zone (TZ=Area/City, :Area/City or /path): the file from TZDIR
** (or /usr/share/zoneinfo), else the embedded copy for relative names. */
static enum found from_name(zonecache *c, const char *name, tz_zone **out,
                            tz_result *rc) {
  char path[PATH_MAX];
  const char *dir = getenv("TZDIR");
  enum found f;
  if (name[0] == '/') return from_file(c, name, out, rc);
  if (dir == NULL || *dir == '\0') dir = TZ_DEFAULT_DIR;
  if (strlen(dir) + 1 + strlen(name) >= sizeof path) return NO_FILE;
  strcpy(path, dir);
  strcat(path, "/");
  strcat(path, name);
  f = from_file(c, path, out, rc);
  return f == NO_FILE ? from_archive(c, name, out, rc) : f;
}

/* The zone for TZ value tz (NULL: unset), as glibc 2.36's tzset chooses:
** unset -> /etc/localtime, else UTC; "" -> the file "Universal", else UTC;
** [:]name -> a zone file (from_name); then a POSIX TZ string; then UTC
** named by the string's leading name ("Europe/Nowhere" -> "Europe"). */
static tz_result choose(zonecache *c, const char *tz, tz_zone **out) {
  char name[TZ_ABBR_MAX + 1];
  tz_result rc = TZ_OK;
  if (tz == NULL) {
    if (from_file(c, TZ_DEFAULT_FILE, out, &rc) == ZONE_FILE) return TZ_OK;
    if (rc == TZ_ENOMEM) return rc;
    return tz_load_fixed(out, "UTC", 0, c->alloc, c->ud);
  }
  if (*tz == '\0') tz = "Universal";
  else if (*tz == ':') tz++;
  if (*tz == '\0') return tz_load_fixed(out, "UTC", 0, c->alloc, c->ud);
  if (from_name(c, tz, out, &rc) == ZONE_FILE) return TZ_OK;
  if (rc == TZ_ENOMEM) return rc;
  if (strcmp(tz, "Universal") == 0)
    return tz_load_fixed(out, "UTC", 0, c->alloc, c->ud);
  rc = tz_load_posix(out, tz, strlen(tz), c->alloc, c->ud);
  if (rc != TZ_EPOSIX) return rc;
  tz_posix_name(tz, strlen(tz), name);
  return tz_load_fixed(out, name, 0, c->alloc, c->ud);
}

extern char **environ;

/* getenv("TZ"), without a strncmp call per variable: it runs on every
** os.date and musl's getenv was a fifth of a "*t" call's time. */
static const char *env_tz(void) {
  char **e;
  for (e = environ; e && *e; e++)
    if ((*e)[0] == 'T' && (*e)[1] == 'Z' && (*e)[2] == '=') return *e + 3;
  return NULL;
}

/* The state's local zone for the current TZ, reloaded when TZ changed.
** Raises only "not enough memory"; the cache is consistent before. */
static const tz_zone *local_zone(lua_State *L) {
  zonecache *c = lua_touserdata(L, lua_upvalueindex(1));
  const char *tz = env_tz();
  size_t len = tz ? strlen(tz) : 0;
  tz_zone *z = NULL;
  char *key = NULL;
  if (c->zone && (tz ? !c->unset && c->keycap == len + 1 &&
                           memcmp(c->key, tz, len) == 0
                     : c->unset))
    return c->zone;
  if ((tz && (key = block(c, len + 1)) == NULL) || choose(c, tz, &z)) {
    unblock(c, key, len + 1);
    luaL_error(L, "not enough memory");
  }
  if (key) memcpy(key, tz, len + 1);
  tz_free(c->zone);
  unblock(c, c->key, c->keycap);
  c->zone = z;
  c->key = key;
  c->keycap = tz ? len + 1 : 0;
  c->unset = tz == NULL;
  return z;
}

static int zonecache_gc(lua_State *L) {
  zonecache *c = lua_touserdata(L, 1);
  tz_free(c->zone);
  unblock(c, c->key, c->keycap);
  c->zone = NULL;
  c->key = NULL;
  return 0;
}

/* Pushes a new, empty cache with its finalizer. */
static void zonecache_new(lua_State *L) {
  zonecache *c = lua_newuserdatauv(L, sizeof *c, 0);
  memset(c, 0, sizeof *c);
  c->alloc = lua_getallocf(L, &c->ud);
  lua_createtable(L, 0, 1);
  lua_pushcfunction(L, zonecache_gc);
  lua_setfield(L, -2, "__gc");
  lua_setmetatable(L, -2);
}

/* }==== */

/* {==== os.date and os.time */

/* tz_strftime's sink: the text into the luaL_Buffer at ud (which raises
** if memory runs out; the engine holds nothing to lose). */
static int add_text(void *ud, const char *s, size_t n) {
  luaL_addlstring((luaL_Buffer *)ud, s, n);
  return 0;
}

static void set_int(lua_State *L, const char *key, int64_t v) {
  lua_pushinteger(L, (lua_Integer)v);
  lua_setfield(L, -2, key);
}

/* Lua's setallfields: the table at the top gets the fields of tm. */
static void set_fields(lua_State *L, const tz_tm *tm) {
  set_int(L, "year", tm->year);
  set_int(L, "month", tm->mon + 1);
  set_int(L, "day", tm->mday);
  set_int(L, "hour", tm->hour);
  set_int(L, "min", tm->min);
  set_int(L, "sec", tm->sec);
  set_int(L, "yday", tm->yday + 1);
  set_int(L, "wday", tm->wday + 1);
  if (tm->isdst >= 0) {
    lua_pushboolean(L, tm->isdst);
    lua_setfield(L, -2, "isdst");
  }
}

/* -- os.date([format [, time]]) -> string | table
** As Lua 5.4's (format "%c", time now; "!" for UTC, "*t" for a table),
** the local zone chosen from TZ as glibc does. Misuse raises. */
static int os_date(lua_State *L) {
  size_t len;
  const char *s = luaL_optlstring(L, 1, "%c", &len), *e = s + len;
  int64_t t = luaL_opt(L, luaL_checkinteger, 2, (lua_Integer)time(NULL));
  const tz_zone *zone = NULL;
  tz_tm tm;
  if (*s == '!') s++;
  else zone = local_zone(L);
  if (tz_localtime(zone, t, &tm) != TZ_OK)
    return luaL_error(L, "date result cannot be represented in this "
                         "installation");
  if (strcmp(s, "*t") == 0) {
    lua_createtable(L, 0, 9);
    set_fields(L, &tm);
    return 1;
  } else {
    luaL_Buffer b;
    size_t stop;
    luaL_buffinit(L, &b);
    if (tz_strftime(&tm, s, (size_t)(e - s), add_text, &b, &stop) != TZ_OK)
      return luaL_argerror(L, 1, lua_pushfstring(L, "invalid conversion "
                                                    "specifier '%%%s'",
                                                 s + stop));
    luaL_pushresult(&b);
  }
  return 1;
}

/* Lua's getfield: field key as an int minus delta, or d when absent
** (d < 0: required). */
static int get_field(lua_State *L, const char *key, int d, int delta) {
  int isnum;
  int type = lua_getfield(L, -1, key);
  lua_Integer v = lua_tointegerx(L, -1, &isnum);
  if (!isnum) {
    if (type != LUA_TNIL)
      return luaL_error(L, "field '%s' is not an integer", key);
    if (d < 0) return luaL_error(L, "field '%s' missing in date table", key);
    v = d;
  } else {
    if (!(v >= 0 ? v - delta <= INT_MAX : INT_MIN + delta <= v))
      return luaL_error(L, "field '%s' is out-of-bound", key);
    v -= delta;
  }
  lua_pop(L, 1);
  return (int)v;
}

static int get_bool(lua_State *L, const char *key) {
  int r = lua_getfield(L, -1, key) == LUA_TNIL ? -1 : lua_toboolean(L, -1);
  lua_pop(L, 1);
  return r;
}

/* -- os.time([table]) -> integer
** As Lua 5.4's: the fields of table normalized in place (mktime as glibc
** does it, in the zone chosen from TZ). Misuse and unrepresentable times
** raise, with Lua's messages. */
static int os_time(lua_State *L) {
  int64_t t = (int64_t)time(NULL);
  if (!lua_isnoneornil(L, 1)) {
    tz_tm tm;
    const tz_zone *zone;
    tz_result rc;
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    memset(&tm, 0, sizeof tm);
    tm.year = (int64_t)get_field(L, "year", -1, 1900) + 1900;
    tm.mon = get_field(L, "month", -1, 1);
    tm.mday = get_field(L, "day", -1, 0);
    tm.hour = get_field(L, "hour", 12, 0);
    tm.min = get_field(L, "min", 0, 0);
    tm.sec = get_field(L, "sec", 0, 0);
    tm.isdst = get_bool(L, "isdst");
    zone = local_zone(L);
    rc = tz_mktime(zone, &tm, &t);
    if (rc != TZ_OK) { /* glibc leaves tm as it was; Lua stores it back */
      tm.yday = tm.wday = -1;
      t = -1;
    }
    set_fields(L, &tm);
  }
  if (t == -1)
    return luaL_error(L, "time result cannot be represented in this "
                         "installation");
  lua_pushinteger(L, (lua_Integer)t);
  return 1;
}

/* }==== */


static const luaL_Reg os_funcs[] = {{"setlocale", os_setlocale},
                                    {NULL, NULL}};

/* os.date and os.time share one upvalue: the state's local-zone cache. */
static const luaL_Reg time_funcs[] = {
    {"date", os_date}, {"time", os_time}, {NULL, NULL}};

/* Patches the global os table with moonbox's functions. */
int luaopen_moonbox_os(lua_State *L);
int luaopen_moonbox_os(lua_State *L) {
  lua_getglobal(L, LUA_OSLIBNAME);
  luaL_setfuncs(L, os_funcs, 0);
  zonecache_new(L);
  luaL_setfuncs(L, time_funcs, 1);
  return 1;
}
