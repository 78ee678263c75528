#!/bin/sh
# argon2.sh: hashing time of build/moonbox's argon2 module against Debian's
# argon2 CLI for the same parameters (hyperfine). See LICENSE.
# usage: bench/argon2.sh [moonbox binary]   (needs hyperfine and argon2)
set -eu
MB=${1:-build/moonbox}
RUNS=${RUNS:-20}
pw=$(mktemp)
trap 'rm -f "$pw"' EXIT
printf password > "$pw"
for p in 1 4; do
  for v in id i; do
    # through the shell for both (its start-up is measured and subtracted):
    # hyperfine 1.15 has no --input for the CLI's stdin
    hyperfine --warmup 3 --runs "$RUNS" \
      -n "moonbox argon2$v t=3 m=2^16 p=$p" \
      "$MB -e \"assert(require'argon2'.hash_encoded('password','somesalt',{t_cost=3,m_cost=65536,parallelism=$p,variant=require'argon2'.variants.argon2_$v}))\"" \
      -n "argon2 CLI argon2$v t=3 m=2^16 p=$p" \
      "argon2 somesalt -$v -t 3 -m 16 -p $p -e < $pw"
  done
done
