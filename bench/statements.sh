#!/usr/bin/env bash
# SQL statements and rows written per proposal, counted rather than timed (a shared machine's load does not
# change them). Starts the built jar on a fresh PostgreSQL database with log_statement=all for that database
# only, submits BENCH_N (default 20) proposals of one example after BENCH_WARM (default 5) warm-up ones, and
# prints, per proposal: statements by kind and table (from the server log) and rows inserted per table
# (pg_stat_user_tables).
#
#   bash bench/statements.sh [example]     # example from src/main/resources/demo/examples, default angry-customer
#   BENCH_PORT=18290 BENCH_JAR=... BENCH_OUT=dir
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
EXAMPLE=${1:-angry-customer}
N=${BENCH_N:-20}; WARM=${BENCH_WARM:-5}
PORT=${BENCH_PORT:-18290}
PGHOST=${PGHOST:-127.0.0.1}; PGPORT=${PGPORT:-5432}; PGUSER=${PGUSER:-postgres}; export PGHOST PGPORT PGUSER
STAMP=$(date -u +%Y%m%d%H%M%S)
DB=${BENCH_DB:-oversight_stmts_$STAMP}
OUT=${BENCH_OUT:-$ROOT/target/bench/statements-$STAMP}; mkdir -p "$OUT"
JAR=${BENCH_JAR:-$(ls "$ROOT"/target/oversight-*.jar | grep -v '\.original$' | head -1)}
PG_LOG=$(ls -t /var/log/postgresql/postgresql-*-main.log | head -1)
psql -qX -d postgres -c "create database $DB"
psql -qX -d postgres -c "alter database $DB set log_statement = 'all'"
APP_PID=""
cleanup() {
  if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi
  psql -qX -d postgres -c "drop database if exists $DB with (force)" >/dev/null 2>&1 || true
}
trap cleanup EXIT
OVERSIGHT_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" OVERSIGHT_DB_USER="$PGUSER" OVERSIGHT_DB_PASSWORD="" \
  java -Xmx256m -XX:+UseSerialGC -jar "$JAR" --spring.profiles.active=demo,postgres "--server.port=$PORT" \
  --oversight.demo.seed-proposals=false --oversight.action-worker.enabled=false > "$OUT/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 1200); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/actuator/health/readiness")" = 200 ] && break
  kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$OUT/app.log" >&2; exit 1; }
  sleep 0.2
done
submit() { # $1 = idempotency key
  jq --arg k "$1" '.idempotencyKey = $k | .conversation.messages[-1].text += " (ref \($k))"' \
    "$ROOT/src/main/resources/demo/examples/$EXAMPLE.json" \
    | curl -s -o /dev/null -w '%{http_code}\n' -H 'Authorization: Bearer demo-agent-key' -H 'Content-Type: application/json' \
      -d @- "http://127.0.0.1:$PORT/api/v1/proposals" >> "$OUT/codes.txt"
}
for i in $(seq 1 "$WARM"); do submit "warm-$STAMP-$i"; done
sleep 1
psql -qXtA -d "$DB" -c "select relname, n_tup_ins, n_tup_upd, n_tup_del from pg_stat_user_tables order by 1" > "$OUT/tables-before.txt"
START=$(wc -l < "$PG_LOG")
for i in $(seq 1 "$N"); do submit "measure-$STAMP-$i"; done
sleep 1
END=$(wc -l < "$PG_LOG")
psql -qXtA -d "$DB" -c "select pg_stat_force_next_flush()" >/dev/null 2>&1 || true
sleep 1
psql -qXtA -d "$DB" -c "select relname, n_tup_ins, n_tup_upd, n_tup_del from pg_stat_user_tables order by 1" > "$OUT/tables-after.txt"
sed -n "$((START + 1)),${END}p" "$PG_LOG" | grep "@$DB " | grep -E 'LOG:  (execute|statement)' > "$OUT/statements.log" || true
echo "$EXAMPLE: $N proposals measured, answers: $(sort "$OUT/codes.txt" | uniq -c | tr -s ' ' | tr '\n' ' ')"
echo "statements per proposal: $(awk -v n="$N" 'END{printf "%.1f", NR/n}' "$OUT/statements.log")"
sed -E 's/.*LOG:  (execute [^:]*|statement): //' "$OUT/statements.log" \
  | awk '{ s=tolower($0); kind=$1;
      if (match(s, /(insert into|update|delete from|from) +[a-z_.]+/)) { t=substr(s, RSTART, RLENGTH); sub(/.* /, "", t) } else t="-";
      print toupper(kind) " " t }' \
  | sort | uniq -c | awk -v n="$N" '{printf "  %6.2f  %s %s\n", $1/n, $2, $3}' | sort -rn > "$OUT/by-kind.txt"
cat "$OUT/by-kind.txt"
echo "rows inserted per proposal (pg_stat_user_tables):"
join <(sort "$OUT/tables-before.txt" | tr '|' ' ') <(sort "$OUT/tables-after.txt" | tr '|' ' ') \
  | awk -v n="$N" '{ d=($5-$2)/n; u=($6-$3)/n; if (d>0 || u>0) printf "  %6.2f ins %6.2f upd  %s\n", d, u, $1 }' | sort -rn
