# cosmo.mk: the cosmo module is cosmo.c plus one file per group of
# functions listed in src/modules/cosmo.def (cosmo_GROUP.c). Included by the
# top Makefile when modules.def lists cosmo. See LICENSE.

COSMO_GROUPS := $(shell sed -n 's/^GROUP(\(.*\))$$/\1/p' src/modules/cosmo.def)
EXTRA_OBJ += $(COSMO_GROUPS:%=$(O)/src/modules/cosmo_%.o)
