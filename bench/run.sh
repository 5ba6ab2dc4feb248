#!/usr/bin/env bash
# Oversight benchmark harness — one command, see docs/benchmarks.md.
#
#   bash bench/run.sh                      # full run, ~20-25 minutes on 2 cores
#   BENCH_DURATION=10 BENCH_WARMUP=5 BENCH_QUEUE_SIZES="1000 10000" BENCH_METRICS_ROWS=100000 bash bench/run.sh   # quick
#   BENCH_SMOKE=1 bash bench/run.sh        # CI smoke run (~30 s of measuring): fails on no figures or any error
#
# On the machine's PostgreSQL (127.0.0.1:5432, trust auth, user postgres) it creates a fresh database
# oversight_bench_<timestamp>, starts the built jar ONCE with profiles demo,postgres,bench and -Xmx256m,
# and measures, side by side:
#   1. start-up: process start -> /actuator/health/readiness UP, and Spring's "Started ... in X seconds"
#   2. throughput/latency at 4 clients (wrk -t2 -c4, warm-up then measured run; the bare engine measured again after
#      the proposals, and the ratios taken against the mean of both, since a shared machine drifts) of
#        bare       POST /engine-rest/process-definition/key/bench-bare/start   (start -> trivial DMN -> end)
#        routine    POST /api/v1/proposals  routine reply (auto-approved in the request)
#        escalated  POST /api/v1/proposals  angry customer (review task in support-leads)
#      every proposal with a fresh idempotency key; RSS of the app sampled during each measured run
#   3. what a reviewer waits for when opening a queue in Tasklist (TasklistReplay: the filter list, the
#      queue's first page as hal+json with its variables, the first task's form and variables), as
#      lena in "Queue: support-leads", at BENCH_QUEUE_SIZES open review tasks over several queues
#      (default 1 000 10 000 50 000 100 000), filled by the bench-only loader (bench/src/main/java,
#      BenchFillController; mode sql copies proposals submitted through the product inside PostgreSQL)
#   4. GET /api/v1/metrics over BENCH_METRICS_ROWS (default 1 000 000) historic proposals inserted with SQL
#   5. a restart on the now populated database
# BENCH_QUEUE_SIZES="", BENCH_METRICS_ROWS=0 or BENCH_RESTART=0 skip those parts; BENCH_JAVA_OPTS adds JVM
# options (e.g. "-XX:+UseSerialGC" to compare resident size); BENCH_JAR picks another jar.
# Results: target/bench/<timestamp>/ (results.md, results.json, app log, wrk output, JFR summaries,
# PostgreSQL slow statements). BENCH_UPDATE_DOC=1 also writes the results block of docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD

# ---------------------------------------------------------------- settings (env overrides)
DURATION=${BENCH_DURATION:-30}            # measured seconds per throughput scenario
WARMUP=${BENCH_WARMUP:-15}                # warm-up seconds per throughput scenario
PROFILE_SECONDS=${BENCH_PROFILE_SECONDS:-15}   # extra run per scenario with JFR + pg sampling; 0 = off
SMOKE=${BENCH_SMOKE:-0}                   # 1: the CI smoke run (short everything, assert figures and no errors)
if [ "$SMOKE" = 1 ]; then
  : "${BENCH_DURATION:=8}" "${BENCH_WARMUP:=3}" "${BENCH_PROFILE_SECONDS:=0}" "${BENCH_QUEUE_SIZES:=300}"
  : "${BENCH_QUEUE_SAMPLES:=5}" "${BENCH_METRICS_ROWS:=0}" "${BENCH_RESTART:=0}" "${BENCH_PG_LOG:=0}"
  DURATION=$BENCH_DURATION; WARMUP=$BENCH_WARMUP; PROFILE_SECONDS=$BENCH_PROFILE_SECONDS
fi
QUEUE_SIZES=${BENCH_QUEUE_SIZES-1000 10000 50000 100000}   # open review tasks over all queues
FILL_SECONDS=${BENCH_FILL_SECONDS:-1500}  # time budget for creating them (fill time only, all sizes together)
FILL_MODE=${BENCH_FILL_MODE:-sql}         # sql (copies inside PostgreSQL), clone (engine starts) or submit (full path)
QUEUE_SAMPLES=${BENCH_QUEUE_SAMPLES:-30}  # queue page openings per size
QUEUE_MAX_SECONDS=${BENCH_QUEUE_MAX_SECONDS:-120}  # stop sampling one size after this long
QUEUE_USER=${BENCH_QUEUE_USER:-lena}; QUEUE_FILTER=${BENCH_QUEUE_FILTER:-Queue: support-leads}
# proposals copied by the fill, one template per example: support-leads (3), legal, trust-safety
QUEUE_TEMPLATES=${BENCH_QUEUE_TEMPLATES:-angry-customer legal-question account-access vip-low-confidence refund-approval}
METRICS_ROWS=${BENCH_METRICS_ROWS:-1000000}
METRICS_SAMPLES=${BENCH_METRICS_SAMPLES:-10}
HEAP=${BENCH_HEAP:-256m}
JAVA_OPTS_EXTRA=${BENCH_JAVA_OPTS:-}
# the documented production JVM settings (README, docker-compose.yml): serial GC, a smaller code cache and thread
# stacks, two malloc arenas (ONNX Runtime and many threads otherwise keep one arena per thread)
JVM_OPTS=${BENCH_JVM_OPTS:--XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m -Xss512k}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
RESTART=${BENCH_RESTART:-1}
CONCURRENCY=${BENCH_CONNECTIONS:-4}
THREADS=${BENCH_THREADS:-2}
PGHOST=${PGHOST:-127.0.0.1}; PGPORT=${PGPORT:-5432}; PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER
STAMP=$(date -u +%Y%m%d%H%M%S)
DB=${BENCH_DB:-oversight_bench_$STAMP}
OUT=${BENCH_OUT:-$ROOT/target/bench/$STAMP}
mkdir -p "$OUT"
HARNESS_START=$(date +%s)

log() { printf '%s ==> %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$OUT/harness.log" >&2; }
need() { command -v "$1" >/dev/null 2>&1; }
apt_install() {
  log "installing $*"
  if need sudo && [ "$(id -u)" != 0 ]; then sudo apt-get install -y --no-install-recommends "$@" >/dev/null || { sudo apt-get update -qq && sudo apt-get install -y --no-install-recommends "$@" >/dev/null; }
  else apt-get install -y --no-install-recommends "$@" >/dev/null || { apt-get update -qq && apt-get install -y --no-install-recommends "$@" >/dev/null; }; fi
}
need wrk || apt_install wrk
need jq || apt_install jq
need psql || apt_install postgresql-client
need curl || apt_install curl
need jcmd || { echo "bench: a JDK 17 (java, jcmd) is needed" >&2; exit 1; }

# ---------------------------------------------------------------- the jar and the bench-only code
# The build compiles bench/src/main (loader, baseline models, the bench profile) into
# target/bench-classes beside the product jar, which holds none of it (ProductJarIT).
JAR=${BENCH_JAR:-$(ls "$ROOT"/target/oversight-*.jar 2>/dev/null | grep -v '\.original$' | head -1 || true)}
CLASSES=${BENCH_CLASSES:-$ROOT/target/bench-classes}
if [ -z "$JAR" ] || [ ! -f "$JAR" ] || [ ! -d "$CLASSES/io/oversight/bench" ]; then
  log "no jar or bench classes in target/: ./mvnw -q -DskipTests package"
  ./mvnw -q -DskipTests package
  JAR=$(ls "$ROOT"/target/oversight-*.jar | grep -v '\.original$' | head -1)
fi
log "jar $JAR, bench classes $CLASSES"

# ---------------------------------------------------------------- PostgreSQL: fresh database
if ! pg_isready -h "$PGHOST" -p "$PGPORT" -q; then
  log "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
  for _ in $(seq 1 30); do pg_isready -h "$PGHOST" -p "$PGPORT" -q && break; sleep 1; done
fi
psql -qX -d postgres -c "create database $DB"
APP_PID=""
cleanup() {
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi
  if [ "${BENCH_KEEP_DB:-0}" != 1 ]; then psql -qX -d postgres -c "drop database if exists $DB with (force)" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
if [ "${BENCH_PG_LOG:-1}" = 1 ]; then
  # Slow statements of this database only, with their plans, into the server log (extracted at the end).
  psql -qX -d postgres \
    -c "alter database $DB set session_preload_libraries = 'auto_explain'" \
    -c "alter database $DB set auto_explain.log_min_duration = '1s'" \
    -c "alter database $DB set log_min_duration_statement = '1s'" 2>/dev/null || log "auto_explain not available"
fi
PG_LOG=$(ls -t /var/log/postgresql/postgresql-*-main.log 2>/dev/null | head -1 || true)
PG_LOG_START=$( [ -n "$PG_LOG" ] && [ -r "$PG_LOG" ] && wc -l < "$PG_LOG" || echo 0)
psqlb() { psql -qX -d "$DB" -v ON_ERROR_STOP=1 "$@"; }

# ---------------------------------------------------------------- machine
PORT=${BENCH_PORT:-}
if [ -z "$PORT" ]; then
  for p in $(seq 18380 18480); do ss -ltn "sport = :$p" 2>/dev/null | grep -q LISTEN || { PORT=$p; break; }; done
fi
BASE="http://127.0.0.1:$PORT"
{
  echo "date_utc=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc=$(nproc)"
  echo "cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)"
  echo "mem_total_gib=$(free -g | awk '/^Mem:/{print $2}')"
  echo "java=$(java -version 2>&1 | head -1)"
  echo "postgres=$(psql -qXtA -d postgres -c 'select version()' | cut -d, -f1)"
  echo "wrk=$(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
  echo "load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/machine.txt"
free -g > "$OUT/free.txt"
log "machine: $(tr '\n' ' ' < "$OUT/machine.txt")"

# ---------------------------------------------------------------- app
# shellcheck disable=SC2206
APP_CMD=(java "-Xmx$HEAP" $JVM_OPTS -XX:FlightRecorderOptions=stackdepth=256 $JAVA_OPTS_EXTRA "-Dloader.path=$CLASSES"
  -cp "$JAR" org.springframework.boot.loader.launch.PropertiesLauncher
  --spring.profiles.active=demo,postgres,bench "--server.port=$PORT"
  --oversight.demo.seed-proposals=false --oversight.action-worker.enabled=false
  --camunda.bpm.job-execution.enabled=true)
start_app() { # $1 = log file; sets APP_PID, STARTUP_S
  local t0 t1
  t0=$(date +%s%N)
  OVERSIGHT_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" OVERSIGHT_DB_USER="$PGUSER" OVERSIGHT_DB_PASSWORD="" \
    "${APP_CMD[@]}" > "$1" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 1800); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/actuator/health/readiness")" = 200 ]; then break; fi
    kill -0 "$APP_PID" 2>/dev/null || { tail -50 "$1" >&2; echo "bench: the app died" >&2; exit 1; }
    sleep 0.1
  done
  t1=$(date +%s%N)
  STARTUP_S=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", (b-a)/1e9}')
}
stop_app() { [ -n "$APP_PID" ] || return 0; kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""; }
spring_started() { sed -n 's/.*Started OversightApplication in \([0-9.]*\) seconds.*/\1/p' "$1" | tail -1; }

log "starting the app on port $PORT (database $DB, -Xmx$HEAP)"
start_app "$OUT/app.log"
STARTUP_FIRST=$STARTUP_S; STARTED_FIRST=$(spring_started "$OUT/app.log")
log "ready after ${STARTUP_FIRST}s (Spring: Started in ${STARTED_FIRST}s) on an empty database"

ADMIN="Basic $(printf admin:admin | base64)"
AGENT="Bearer demo-agent-key"

# ---------------------------------------------------------------- request bodies
BODIES="$OUT/bodies"; mkdir -p "$BODIES"
echo '{}' > "$BODIES/bare.json"
for n in routine-reply angry-customer; do
  # every proposal is new, and so is its customer message (" (ref <key>)" appended): the detectors judge it
  # afresh, sentence embedding included, as for a real conversation's newest turn (their cache is per message)
  jq '.idempotencyKey = "__KEY__" | .conversation.messages[-1].text += " (ref __KEY__)"' \
    "$ROOT/src/main/resources/demo/examples/$n.json" > "$BODIES/$n.json"
  grep -q __KEY__ "$BODIES/$n.json" || { echo "bench: no idempotencyKey in $n.json" >&2; exit 1; }
done
sed 's/__KEY__/bench-template/' "$BODIES/angry-customer.json" > "$BODIES/fill-template.json"
# sanity: each scenario answers as expected before it is measured
check() { # $1 url $2 body $3 auth $4 jq test
  local r; r=$(sed "s/__KEY__/bench-check-$RANDOM$RANDOM/" "$2" | curl -s -H "Authorization: $3" -H 'Content-Type: application/json' -d @- "$1")
  echo "$r" | jq -e "$4" >/dev/null || { echo "bench: unexpected answer from $1: $r" >&2; exit 1; }
}
check "$BASE/engine-rest/process-definition/key/bench-bare/start" "$BODIES/bare.json" "$ADMIN" '.ended == true'
check "$BASE/api/v1/proposals" "$BODIES/routine-reply.json" "$AGENT" '.status == "APPROVED" and .escalated == false'
check "$BASE/api/v1/proposals" "$BODIES/angry-customer.json" "$AGENT" '.status == "PENDING_REVIEW" and .review.queue == "support-leads"'

# ---------------------------------------------------------------- throughput scenarios
declare -A URL=( [bare]="$BASE/engine-rest/process-definition/key/bench-bare/start"
                 [routine]="$BASE/api/v1/proposals" [escalated]="$BASE/api/v1/proposals" )
declare -A BODY=( [bare]="$BODIES/bare.json" [routine]="$BODIES/routine-reply.json" [escalated]="$BODIES/angry-customer.json" )
declare -A AUTH=( [bare]="$ADMIN" [routine]="$AGENT" [escalated]="$AGENT" )
run_wrk() { # $1 scenario $2 seconds $3 output file
  wrk -t"$THREADS" -c"$CONCURRENCY" -d"${2}s" --timeout 10s -s "$ROOT/bench/wrk/post.lua" "${URL[$1]}" \
    -- "${BODY[$1]}" "${AUTH[$1]}" > "$3" 2>&1
  sed -n 's/^BENCH_RESULT //p' "$3"
}
sample_rss() { while kill -0 "$APP_PID" 2>/dev/null; do ps -o rss= -p "$APP_PID" 2>/dev/null || true; sleep 0.5; done; }
sample_pg() { # active statements of the bench database, twice a second
  while :; do
    psql -qXtA -d "$DB" -c "select coalesce(wait_event_type,'CPU') || ' ' || coalesce(wait_event,'-') || ' | ' ||
      left(regexp_replace(query, '\s+', ' ', 'g'), 110) from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and state = 'active'" 2>/dev/null || true
    sleep 0.5
  done
}
declare -A RES RSS_MAX RSS_AVG
for s in bare routine escalated; do
  log "$s: warm-up ${WARMUP}s"
  run_wrk "$s" "$WARMUP" "$OUT/wrk-$s-warmup.txt" > /dev/null
  log "$s: measured ${DURATION}s at $CONCURRENCY connections"
  sample_rss > "$OUT/rss-$s.txt" & RSS_PID=$!
  RES[$s]=$(run_wrk "$s" "$DURATION" "$OUT/wrk-$s.txt")
  [ -n "${RES[$s]}" ] || { cat "$OUT/wrk-$s.txt" >&2; echo "bench: wrk gave no result for $s" >&2; exit 1; }
  kill "$RSS_PID" 2>/dev/null || true; wait "$RSS_PID" 2>/dev/null || true
  RSS_MAX[$s]=$(awk 'NF{if($1>m)m=$1} END{printf "%.0f", m/1024}' "$OUT/rss-$s.txt")
  RSS_AVG[$s]=$(awk 'NF{t+=$1;n++} END{printf "%.0f", n?t/n/1024:0}' "$OUT/rss-$s.txt")
  log "$s: ${RES[$s]} rss max ${RSS_MAX[$s]} MB"
done
# the bare engine once more, after the proposals: the machine's speed drifts (a shared VM), so the ratios use the
# mean of the bare engine measured before and after them, and both are reported
URL[bare_after]=${URL[bare]}; BODY[bare_after]=${BODY[bare]}; AUTH[bare_after]=${AUTH[bare]}
log "bare_after: measured ${DURATION}s at $CONCURRENCY connections"
RES[bare_after]=$(run_wrk bare_after "$DURATION" "$OUT/wrk-bare-after.txt")
[ -n "${RES[bare_after]}" ] || { cat "$OUT/wrk-bare-after.txt" >&2; echo "bench: wrk gave no result for bare_after" >&2; exit 1; }
log "bare_after: ${RES[bare_after]}"
if [ "$PROFILE_SECONDS" -gt 0 ]; then
  for s in bare routine escalated; do
    log "$s: profile run ${PROFILE_SECONDS}s (JFR + PostgreSQL activity)"
    jcmd "$APP_PID" JFR.start name="bench-$s" settings=profile filename="$OUT/profile-$s.jfr" > /dev/null
    sample_pg > "$OUT/pg-activity-$s.txt" & PG_PID=$!
    run_wrk "$s" "$PROFILE_SECONDS" "$OUT/wrk-$s-profile.txt" > /dev/null
    kill "$PG_PID" 2>/dev/null || true; wait "$PG_PID" 2>/dev/null || true
    jcmd "$APP_PID" JFR.stop name="bench-$s" > /dev/null
    { sort "$OUT/pg-activity-$s.txt" | uniq -c | sort -rn | head -15; } > "$OUT/pg-activity-$s.top.txt"
    if need python3; then python3 "$ROOT/bench/jfr-top.py" "$OUT/profile-$s.jfr" 20 > "$OUT/profile-$s.txt" 2>&1 || true; fi
  done
fi

# ---------------------------------------------------------------- open review tasks and the queue page
# The SLA timers of the thousands of escalations created from here on would all fall due while the
# queue and the metrics are measured; they are suspended (job definitions, existing and new jobs) so
# that those figures measure the queries, not a burst of SLA warnings. The job executor stays on.
curl -sf -o /dev/null -u admin:admin -X PUT -H 'Content-Type: application/json' \
  -d '{"processDefinitionKey":"agent-proposal","suspended":true,"includeJobs":true}' \
  "$BASE/engine-rest/job-definition/suspended"
open_tasks() { curl -s -u admin:admin "$BASE/engine-rest/task/count${1:+?candidateGroup=$1}" | jq .count; }
# percentiles of a file of numbers (one a line): prints "n p50 p95 max"
pstats() { sort -n "$1" | awk '{v[NR]=$1} END{if(!NR){print "0 - - -";exit}
  i50=int(NR*0.5+0.999); i95=int(NR*0.95+0.999); printf "%d %.1f %.1f %.1f\n", NR, v[i50], v[i95], v[NR]}'; }
replay() { # $1 samples $2 seconds $3 output json: Tasklist's requests as QUEUE_USER, see TasklistReplay
  java -Xmx128m -XX:TieredStopAtLevel=1 "-Dloader.path=$CLASSES" -Dloader.main=io.oversight.bench.TasklistReplay \
    -cp "$JAR" org.springframework.boot.loader.launch.PropertiesLauncher \
    "$BASE" "$QUEUE_USER" "$QUEUE_USER" "$QUEUE_FILTER" "$1" "$2" "$3" > /dev/null
}
jq -s 'map(.idempotencyKey = "template")' $(for t in $QUEUE_TEMPLATES; do echo "$ROOT/src/main/resources/demo/examples/$t.json"; done) \
  > "$BODIES/fill-templates.json"
# Checks the copies of the sql fill with the engine's own API: a copy and its template look alike to
# the reviewer (task, candidate groups, form variables), and a copy can be decided in the product.
validate_fill() { # $1 fill status json (with templates)
  local t run pid cpid tkey ckey task ttask diff code status
  t=$(echo "$1" | jq -c '.templates[0]'); run=$(echo "$t" | jq -r .run); pid=$(echo "$t" | jq -r .proposalId)
  tkey=$(echo "$t" | jq -r .idempotencyKey)
  cpid=$(psqlb -tA -c "select md5('$pid' || ':$run:' || 1)::uuid::text")
  ckey=$(psqlb -tA -c "select md5('$tkey' || ':$run:' || 1)::uuid::text")
  ttask=$(curl -s -u "$QUEUE_USER:$QUEUE_USER" "$BASE/engine-rest/task?processInstanceBusinessKey=$pid" | jq -c '.[0]')
  task=$(curl -s -u "$QUEUE_USER:$QUEUE_USER" "$BASE/engine-rest/task?processInstanceBusinessKey=$cpid" | jq -c '.[0]')
  [ "$(echo "$task" | jq -r '.name')" = "$(echo "$ttask" | jq -r '.name')" ] && [ "$(echo "$task" | jq -r .priority)" = "$(echo "$ttask" | jq -r .priority)" ] \
    || { echo "bench: fill validation: copy $cpid's task differs from its template's: $task vs $ttask" >&2; exit 1; }
  fv() { curl -s -u "$QUEUE_USER:$QUEUE_USER" "$BASE/engine-rest/task/$1/form-variables?deserializeValues=false" |
    jq -S --arg a "$2" --arg b "$3" 'with_entries(.value |= (tostring | gsub($a; "ID") | gsub($b; "ID")))'; }
  diff=$(diff <(fv "$(echo "$ttask" | jq -r .id)" "$pid" "$tkey") <(fv "$(echo "$task" | jq -r .id)" "$cpid" "$ckey") | head -20 || true)
  [ -z "$diff" ] || { echo "bench: fill validation: form variables of copy and template differ:" >&2; echo "$diff" >&2; exit 1; }
  curl -sf -o /dev/null -u "$QUEUE_USER:$QUEUE_USER" -H 'Content-Type: application/json' -d "{\"userId\":\"$QUEUE_USER\"}" \
    "$BASE/engine-rest/task/$(echo "$task" | jq -r .id)/claim"
  code=$(curl -s -o "$OUT/fill-validation-decide.json" -w '%{http_code}' -u "$QUEUE_USER:$QUEUE_USER" -H 'Content-Type: application/json' \
    -d '{"variables":{"decision":{"value":"REJECT"},"reviewComment":{"value":"bench: validating a copied proposal"}}}' \
    "$BASE/engine-rest/task/$(echo "$task" | jq -r .id)/submit-form")
  status=$(curl -s -H "Authorization: $AGENT" "$BASE/api/v1/proposals/$cpid" | jq -r .status)
  [ "$code" = 204 ] && [ "$status" = REJECTED ] \
    || { echo "bench: fill validation: deciding copy $cpid gave HTTP $code, status $status: $(cat "$OUT/fill-validation-decide.json")" >&2; exit 1; }
  log "fill validated: copy $cpid matches its template for the reviewer and was rejected through the engine (status $status)"
  FILL_VALIDATED=1
}
FILL_START=$(date +%s); FILL_USED=0; FILL_STOPPED=0; FILL_VALIDATED=0; FILL_RAN=0
: > "$OUT/queue-scaling.jsonl"; : > "$OUT/fill.jsonl"
for size in $QUEUE_SIZES; do
  have=$(open_tasks)
  if [ "$have" -lt "$size" ] && [ "$FILL_STOPPED" = 0 ]; then
    FILL_RAN=1
    log "filling to $size open review tasks over $(echo $QUEUE_TEMPLATES | wc -w) templates (have $have, mode $FILL_MODE)"
    body="$BODIES/fill-templates.json"; [ "$FILL_MODE" = sql ] || body="$BODIES/fill-template.json"
    FILL_DEADLINE=$(( $(date +%s) + FILL_SECONDS - FILL_USED )); FILL_T0=$(date +%s)   # the replays do not count
    first=$(curl -sf -u admin:admin -H 'Content-Type: application/json' -d @"$body" \
      "$BASE/api/bench/open-escalations?count=$((size - have))&threads=2&batch=100&mode=$FILL_MODE")
    while :; do
      sleep 2
      st=$(curl -s -u admin:admin "$BASE/api/bench/open-escalations")
      [ "$(echo "$st" | jq -r .running)" = true ] || break
      if [ "$(date +%s)" -ge "$FILL_DEADLINE" ]; then
        log "fill time budget (${FILL_SECONDS}s) spent: stopping at $(echo "$st" | jq .created) of $((size - have))"
        curl -s -o /dev/null -u admin:admin -X DELETE "$BASE/api/bench/open-escalations"; FILL_STOPPED=1
      fi
    done
    FILL_USED=$(( FILL_USED + $(date +%s) - FILL_T0 ))
    echo "$st" >> "$OUT/fill.jsonl"
    [ "$(echo "$st" | jq -r .error)" = null ] || { echo "bench: fill failed: $st" >&2; exit 1; }
    log "filled: $(echo "$st" | jq -c '{created, seconds, perSecond}')"
    [ "$FILL_MODE" = sql ] && [ "$FILL_VALIDATED" = 0 ] && validate_fill "$first"
  fi
  psqlb -c "analyze"
  n=$(open_tasks); mine=$(open_tasks support-leads)
  replay 3 30 "$OUT/queue-$n-warmup.json"
  replay "$QUEUE_SAMPLES" "$QUEUE_MAX_SECONDS" "$OUT/queue-$n.json"
  jq -c --argjson n "$n" --argjson mine "$mine" '{open: $n, support_leads: $mine, samples, errors, listCount,
    filters, list, task, page, errorSamples}' "$OUT/queue-$n.json" >> "$OUT/queue-scaling.jsonl"
  log "queue page at $n open tasks ($mine in support-leads): $(jq -c '{samples, errors, page, list}' "$OUT/queue-$n.json")"
  [ "$FILL_STOPPED" = 0 ] || break
done
FILL_SECONDS_USED=$(( $(date +%s) - FILL_START ))
FILL_RATE=$(jq -s '(map(.created) | add) as $c | (map(.seconds) | add) as $s | if $s > 0 then ($c / $s * 10 | round / 10) else 0 end' "$OUT/fill.jsonl" 2>/dev/null || echo 0)
FILL_S=$(jq -s 'map(.seconds) | add // 0' "$OUT/fill.jsonl" 2>/dev/null || echo 0)
QUEUE_ERRORS=$(jq -s 'map(.errors) | add // 0' "$OUT/queue-scaling.jsonl")

# ---------------------------------------------------------------- metrics over historic proposals
INSERT_S=0
if [ "$METRICS_ROWS" -gt 0 ]; then
  log "inserting $METRICS_ROWS historic proposals (SQL, generate_series)"
  t0=$(date +%s)
  psqlb -v rows="$METRICS_ROWS" -f "$ROOT/bench/sql/historic-proposals.sql" > "$OUT/historic-proposals.txt"
  psqlb -c "analyze ovs_proposal"
  INSERT_S=$(( $(date +%s) - t0 ))
fi
PROPOSAL_ROWS=$(psql -qXtA -d "$DB" -c "select count(*) from ovs_proposal")
log "ovs_proposal now holds $PROPOSAL_ROWS rows (insert took ${INSERT_S}s)"
: > "$OUT/metrics.txt"; METRICS_STATUS=""
code=skipped
[ "$METRICS_ROWS" -gt 0 ] && code=$(curl -s -o "$OUT/metrics-first.json" -w '%{http_code}' --max-time 120 -u lena:lena "$BASE/api/v1/metrics")
if [ "$code" = 200 ]; then
  for _ in $(seq 1 "$METRICS_SAMPLES"); do
    curl -s -o /dev/null -w '%{time_total}\n' --max-time 120 -u lena:lena "$BASE/api/v1/metrics" | awk '{printf "%.1f\n", $1*1000}' >> "$OUT/metrics.txt"
  done
  read -r mn m50 m95 mmax < <(pstats "$OUT/metrics.txt")
  METRICS_STATUS="ok"; METRICS_PROPOSALS=$(jq .proposals "$OUT/metrics-first.json")
  log "metrics: n=$mn p50=${m50}ms p95=${m95}ms max=${mmax}ms (window proposals: $METRICS_PROPOSALS)"
else
  METRICS_STATUS="pending (HTTP $code)"; [ "$code" = skipped ] && METRICS_STATUS="skipped"
  mn=0; m50=-; m95=-; mmax=-; METRICS_PROPOSALS=-
  log "metrics: $METRICS_STATUS"
fi
RSS_END=$(ps -o rss= -p "$APP_PID" | awk '{printf "%.0f", $1/1024}')
psql -qXt -d "$DB" -c "select relname, seq_scan, seq_tup_read, idx_scan, n_live_tup from pg_stat_user_tables
  order by seq_tup_read desc limit 15" > "$OUT/pg-seq-scans.txt"
psql -qXt -d "$DB" -c "select relname, pg_size_pretty(pg_total_relation_size(relid)), n_live_tup from pg_stat_user_tables
  order by pg_total_relation_size(relid) desc limit 15" > "$OUT/pg-sizes.txt"

# ---------------------------------------------------------------- restart on the populated database
STARTUP_RESTART=-; STARTED_RESTART=-
if [ "$RESTART" = 1 ]; then
  log "restart on the populated database"
  stop_app
  start_app "$OUT/app-restart.log"
  STARTUP_RESTART=$STARTUP_S; STARTED_RESTART=$(spring_started "$OUT/app-restart.log")
  log "restart ready after ${STARTUP_RESTART}s (Spring: Started in ${STARTED_RESTART}s)"
fi
stop_app
echo "load_at_end=$(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
if [ -n "$PG_LOG" ] && [ -r "$PG_LOG" ]; then
  tail -n +"$((PG_LOG_START + 1))" "$PG_LOG" | awk -v db="@$DB " '
    /^[0-9]{4}-[0-9]{2}-[0-9]{2} / { keep = index($0, db) > 0 } keep' > "$OUT/pg-slow.log" || true
fi
HARNESS_S=$(( $(date +%s) - HARNESS_START ))

# ---------------------------------------------------------------- results
j() { echo "${RES[$1]}" | jq -r ".$2"; }
BARE_MEAN=$(awk -v a="$(j bare rps)" -v b="$(j bare_after rps)" 'BEGIN{printf "%.1f", (a + b) / 2}')
ratio() { awk -v a="$(j "$1" rps)" -v b="$BARE_MEAN" 'BEGIN{printf "%.2f", (b > 0 ? a / b : 0)}'; }
met() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN{ if (v=="-"||v=="") {print "pending"; exit}
  ok = (op=="ge") ? (v+0 >= t+0) : (v+0 <= t+0); print ok ? "met" : "**missed**" }'; }
R_ROUT=$(ratio routine); R_ESC=$(ratio escalated)
ERR_ROUT=$(( $(j routine non2xx) + $(j routine socket_errors) + $(j routine timeouts) ))
ERR_ESC=$(( $(j escalated non2xx) + $(j escalated socket_errors) + $(j escalated timeouts) ))
ERR_BARE=$(( $(j bare non2xx) + $(j bare socket_errors) + $(j bare timeouts) + $(j bare_after non2xx) + $(j bare_after socket_errors) + $(j bare_after timeouts) ))
RSS_LOAD=$(printf '%s\n' "${RSS_MAX[@]}" | sort -n | tail -1)
QUEUE_WORST=$(jq -s 'map(.page.p95_ms) | max // "-"' "$OUT/queue-scaling.jsonl")
QUEUE_LARGEST=$(jq -s 'map(.open) | max // 0' "$OUT/queue-scaling.jsonl")
mget() { sed -n "s/^$1=//p" "$OUT/machine.txt" | head -1; }
{
  echo "Run $STAMP — $(mget date_utc) on $(mget nproc) cores ($(mget cpu)), $(mget mem_total_gib) GiB RAM, $(mget java), $(mget postgres), $(mget wrk);"
  echo "load average (1/5/15 min) at start $(mget load_at_start), at end $(mget load_at_end). App: -Xmx$HEAP $JVM_OPTS (MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX), profiles demo,postgres,bench, job executor on."
  echo "wrk -t$THREADS -c$CONCURRENCY, ${WARMUP}s warm-up + ${DURATION}s measured per scenario. Harness wall time: $((HARNESS_S / 60)) min $((HARNESS_S % 60)) s."
  echo
  echo "| figure | measured | target | |"
  echo "|---|---|---|---|"
  echo "| bare engine (bench-bare over engine-rest), before / after the proposals | $(j bare rps) / $(j bare_after rps) req/s (mean $BARE_MEAN, the ratios' reference), p50 $(j bare p50_ms) / $(j bare_after p50_ms) ms, p99 $(j bare p99_ms) / $(j bare_after p99_ms) ms, errors $ERR_BARE | reference | |"
  echo "| routine proposal | $(j routine rps) req/s, p50 $(j routine p50_ms) ms, p99 $(j routine p99_ms) ms | ≥ 1.5× bare (issue 13) | |"
  echo "| routine / bare | **${R_ROUT}×** | ≥ 1.5× | $(met "$R_ROUT" 1.5 ge) |"
  echo "| routine errors (non-2xx + socket + timeouts) | $ERR_ROUT of $(j routine requests) | 0 | $( [ "$ERR_ROUT" = 0 ] && echo met || echo '**missed**') |"
  echo "| routine p99 at $CONCURRENCY clients | $(j routine p99_ms) ms | ≤ bare p99 ($(j bare p99_ms) ms) | $(met "$(j routine p99_ms)" "$(j bare p99_ms)" le) |"
  echo "| escalated proposal | $(j escalated rps) req/s, p50 $(j escalated p50_ms) ms, p99 $(j escalated p99_ms) ms | | |"
  echo "| escalated / bare | **${R_ESC}×** | ≥ 0.6× | $(met "$R_ESC" 0.6 ge) |"
  echo "| escalated errors (non-2xx + socket + timeouts) | $ERR_ESC of $(j escalated requests) | 0 | $( [ "$ERR_ESC" = 0 ] && echo met || echo '**missed**') |"
  echo "| Tasklist queue page (filters + list + first task), worst p95 over the sizes up to $QUEUE_LARGEST open reviews | $QUEUE_WORST ms, errors $QUEUE_ERRORS | ≤ 300 ms p95 at every size | $(met "$QUEUE_WORST" 300 le) |"
  echo "| metrics over $PROPOSAL_ROWS proposals | $( [ "$METRICS_STATUS" = ok ] && echo "p95 $m95 ms (p50 $m50, max $mmax, n=$mn)" || echo "$METRICS_STATUS") | ≤ 1 s at 1 000 000 | $(met "$m95" 1000 le) |"
  echo "| RSS under load (max of samples, all scenarios) | $RSS_LOAD MB (bare ${RSS_MAX[bare]}, routine ${RSS_MAX[routine]}, escalated ${RSS_MAX[escalated]}; after metrics $RSS_END) with -Xmx$HEAP $JVM_OPTS, MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX | ≤ 700 MB (issue 8; earlier aim 512) | $(met "$RSS_LOAD" 700 le) |"
  echo "| start, empty database (schema created) | ${STARTUP_FIRST} s to readiness UP (Spring: Started in ${STARTED_FIRST} s) | ≤ 10 s | $(met "$STARTUP_FIRST" 10 le) |"
  echo "| restart, populated database | ${STARTUP_RESTART} s to readiness UP (Spring: Started in ${STARTED_RESTART} s) | ≤ 10 s | $(met "$STARTUP_RESTART" 10 le) |"
  echo
  echo "What $QUEUE_USER waits for opening \"$QUEUE_FILTER\" in Tasklist (TasklistReplay; ms, p50 / p95; page = the three steps one after the other):"
  echo
  echo "| open reviews (all queues) | in support-leads | openings | filters | list (hal+json, count, variables) | first task (task, form, variables) | **whole page** | errors |"
  echo "|---|---|---|---|---|---|---|---|"
  jq -r '"| \(.open) | \(.support_leads) | \(.samples) | \(.filters.p50_ms) / \(.filters.p95_ms) | \(.list.p50_ms) / \(.list.p95_ms) | \(.task.p50_ms) / \(.task.p95_ms) | **\(.page.p50_ms) / \(.page.p95_ms)** | \(.errors) |"' "$OUT/queue-scaling.jsonl"
  echo
  echo "Queue fill: mode $FILL_MODE, $(jq -s 'map(.created) | add // 0' "$OUT/fill.jsonl") proposals in ${FILL_S}s ($FILL_RATE proposals/s)$( [ "$FILL_VALIDATED" = 1 ] && echo ', copies validated through the engine'). Historic proposals insert: ${INSERT_S}s."
} > "$OUT/results.md"
jq -n --arg stamp "$STAMP" --argjson bare "${RES[bare]}" --argjson bare_after "${RES[bare_after]}" --argjson routine "${RES[routine]}" --argjson escalated "${RES[escalated]}" \
  --arg ratio_routine "$R_ROUT" --arg ratio_escalated "$R_ESC" \
  --slurpfile queue "$OUT/queue-scaling.jsonl" --arg metrics "$METRICS_STATUS" --arg metrics_p50 "$m50" --arg metrics_p95 "$m95" \
  --arg proposals "$PROPOSAL_ROWS" --arg rss_max "$RSS_LOAD" --arg start "$STARTUP_FIRST" --arg started "$STARTED_FIRST" \
  --arg restart "$STARTUP_RESTART" --arg restarted "$STARTED_RESTART" --arg harness_s "$HARNESS_S" \
  --arg fill_rate "$FILL_RATE" --arg fill_s "$FILL_SECONDS_USED" \
  '{stamp:$stamp, bare:$bare, bare_after:$bare_after, routine:$routine, escalated:$escalated, ratio_routine:$ratio_routine,
    ratio_escalated:$ratio_escalated, queue:$queue, metrics:{status:$metrics, p50_ms:$metrics_p50, p95_ms:$metrics_p95, proposals:$proposals},
    rss_max_mb:$rss_max, start_s:$start, spring_started_s:$started, restart_s:$restart, spring_restarted_s:$restarted,
    fill:{seconds:$fill_s, per_second:$fill_rate}, harness_seconds:$harness_s}' > "$OUT/results.json"
cat "$OUT/results.md"
if [ "${BENCH_UPDATE_DOC:-0}" = 1 ]; then
  awk -v f="$OUT/results.md" '
    /<!-- bench:results:start -->/ { print; while ((getline l < f) > 0) print l; skip = 1; next }
    /<!-- bench:results:end -->/ { skip = 0 }
    !skip' docs/benchmarks.md > "$OUT/benchmarks.md.new" && mv "$OUT/benchmarks.md.new" docs/benchmarks.md
  log "docs/benchmarks.md updated"
fi
log "done in ${HARNESS_S}s; results in $OUT"
if [ "$SMOKE" = 1 ]; then
  # CI: the figures are recorded, not judged; the run must have produced them without a single error
  problems=""
  for sc in bare routine escalated; do
    [ "$(j "$sc" requests)" -gt 0 ] 2>/dev/null || problems="$problems; no $sc requests"
  done
  [ "$ERR_BARE" = 0 ] && [ "$ERR_ROUT" = 0 ] && [ "$ERR_ESC" = 0 ] || problems="$problems; throughput errors (bare $ERR_BARE, routine $ERR_ROUT, escalated $ERR_ESC)"
  [ "$(jq -s 'map(.samples) | add // 0' "$OUT/queue-scaling.jsonl")" -gt 0 ] || problems="$problems; no queue page figures"
  [ "$QUEUE_ERRORS" = 0 ] || problems="$problems; $QUEUE_ERRORS queue page errors"
  # (the load scenarios may already have opened more reviews than a small size asks for: then nothing was filled)
  [ -z "$QUEUE_SIZES" ] || [ "$FILL_MODE" != sql ] || [ "$FILL_RAN" = 0 ] || [ "$FILL_VALIDATED" = 1 ] || problems="$problems; fill not validated"
  if [ -n "$problems" ]; then echo "bench smoke: FAILED${problems}" >&2; exit 1; fi
  log "bench smoke: figures produced, no errors"
fi
