#!/usr/bin/env bash
# Start-up of the product jar with the production profile (postgres, demo OFF) to readiness UP.
#
#   bash bench/startup.sh [database] [port]      # default: a fresh database, port 18200
#   BENCH_CDS=1 bash bench/startup.sh …          # the jar extracted (java -Djarmode=tools … extract) and
#                                                # started with a class data sharing archive of one training start
#
# Without a database argument it creates oversight_startup_<timestamp> (empty: the first start creates
# Camunda's and Oversight's schemas), starts the jar twice (empty, then restart on the same database)
# and drops the database. With a database name it starts once on that (populated) database and keeps it.
# Prints "<label> ready_s=<wall clock to readiness> spring_s=<Started … in> load=<load average>", and writes
# the app logs, Spring's startup steps (/actuator/startup, enabled by -Doversight.startup-steps=true)
# and the 40 longest steps to target/bench/startup-<timestamp>/. The secrets are throwaway values of
# this run (the administrator's bcrypt hash is of the password used below to read /actuator/startup).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
PGHOST=${PGHOST:-127.0.0.1}; PGPORT=${PGPORT:-5432}; PGUSER=${PGUSER:-postgres}; export PGHOST PGPORT PGUSER
PORT=${2:-18200}
JAR=${BENCH_JAR:-$(ls "$ROOT"/target/oversight-*.jar | grep -v '\.original$' | head -1)}
STAMP=$(date -u +%Y%m%d%H%M%S)
OUT=$ROOT/target/bench/startup-$STAMP; mkdir -p "$OUT"
KEEP=1; DB=${1:-}
if [ -z "$DB" ]; then DB=oversight_startup_$STAMP; KEEP=0; psql -qX -d postgres -c "create database $DB"; fi
APP_PID=""
cleanup() {
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; fi
  [ "$KEEP" = 1 ] || psql -qX -d postgres -c "drop database if exists $DB with (force)" >/dev/null 2>&1 || true
}
trap cleanup EXIT
AGENT_KEY=$(head -c 24 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9')
app() { # java options and arguments of the product; the production settings in the environment
  SPRING_PROFILES_ACTIVE=postgres \
  OVERSIGHT_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" OVERSIGHT_DB_USER="$PGUSER" OVERSIGHT_DB_PASSWORD="startup-$STAMP-$RANDOM" \
  OVERSIGHT_SECURITY_AGENTKEYS_0_AGENTID=bench-agent \
  OVERSIGHT_SECURITY_AGENTKEYS_0_SHA256="$(printf %s "$AGENT_KEY" | sha256sum | cut -d' ' -f1)" \
  OVERSIGHT_SECURITY_INITIALADMIN_USERID=bench-admin \
  OVERSIGHT_SECURITY_INITIALADMIN_PASSWORDBCRYPT='$2a$10$gkDzSK3tFh1JQn4RgOgns.FAN0GhaNeobJPwInF2SGgc.VIvL1Uja' \
  OVERSIGHT_WEBHOOK_SECRET="webhook-$STAMP-$RANDOM$RANDOM" OVERSIGHT_AUDIT_LEDGER_KEY="ledger-key-$STAMP-0123456789abcdef0123456789" \
  OVERSIGHT_AUDIT_CHECKPOINT_FILE="$OUT/checkpoints.jsonl" \
    exec java -Xmx256m -Doversight.startup-steps=true ${BENCH_JAVA_OPTS:-} "$@" --server.port="$PORT" --server.address=127.0.0.1 \
      --management.endpoints.web.exposure.include=health,startup
}
RUN_JAR=(-jar "$JAR")
if [ "${BENCH_CDS:-0}" = 1 ]; then
  # Spring Boot's CDS recipe: extract; one training start that exits after the context refresh and
  # writes the archive; then every start maps the archived classes instead of loading them.
  java -Djarmode=tools -jar "$JAR" extract --force --destination "$OUT/extracted" > /dev/null
  EXTRACTED="$OUT/extracted/$(basename "$JAR")"
  t0=$(date +%s)
  # the training start runs on a throwaway database of its own, so the measured starts see an empty one
  TRAIN_DB=${DB}_cds; psql -qX -d postgres -c "create database $TRAIN_DB"
  ( DB=$TRAIN_DB; app -XX:ArchiveClassesAtExit="$OUT/app.jsa" -Dspring.context.exit=onRefresh -jar "$EXTRACTED" ) \
    > "$OUT/app-cds-training.log" 2>&1 || true
  psql -qX -d postgres -c "drop database if exists $TRAIN_DB with (force)" > /dev/null
  [ -f "$OUT/app.jsa" ] || { tail -30 "$OUT/app-cds-training.log" >&2; echo "startup: no CDS archive written" >&2; exit 1; }
  echo "cds training start ${DB}: $(( $(date +%s) - t0 ))s, archive $(du -m "$OUT/app.jsa" | cut -f1) MB" | tee -a "$OUT/startup.txt"
  RUN_JAR=(-XX:SharedArchiveFile="$OUT/app.jsa" -jar "$EXTRACTED")
fi
start() { # $1 label
  local log="$OUT/app-$1.log" t0 t1 spring
  t0=$(date +%s%N)
  app "${RUN_JAR[@]}" > "$log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 3000); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/actuator/health/readiness")" = 200 ] && break
    kill -0 "$APP_PID" 2>/dev/null || { tail -40 "$log" >&2; echo "startup: the app died" >&2; exit 1; }
    sleep 0.1
  done
  t1=$(date +%s%N)
  spring=$(sed -n 's/.*Started OversightApplication in \([0-9.]*\) seconds.*/\1/p' "$log" | tail -1)
  printf '%s%s ready_s=%s spring_s=%s load=%s\n' "$1" "$( [ "${BENCH_CDS:-0}" = 1 ] && echo ' (CDS)')" \
    "$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", (b-a)/1e9}')" "$spring" "$(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/startup.txt"
  curl -s -u bench-admin:bench-admin-pass-9f3 "http://127.0.0.1:$PORT/actuator/startup" > "$OUT/steps-$1.json" 2>/dev/null || true
  # the longest steps (nested steps are inside their parents' durations): ms, step, bean or detail
  jq -r '.timeline.events[] | [(.duration | sub("^PT"; "") | sub("S$"; "") | tonumber * 1000 | floor),
      .startupStep.name, ((.startupStep.tags // []) | map(.value) | join(" "))] | @tsv' "$OUT/steps-$1.json" 2>/dev/null \
    | sort -rn | head -40 > "$OUT/steps-$1.top.tsv" || true
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
}
if [ "$KEEP" = 1 ]; then start populated
else start empty; start restart; fi
echo "logs: $OUT"
