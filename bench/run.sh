#!/usr/bin/env bash
# Oversight benchmark harness — one command, see docs/benchmarks.md.
#
#   bash bench/run.sh                      # full run, ~20-25 minutes on 2 cores
#   BENCH_DURATION=10 BENCH_WARMUP=5 BENCH_OPEN_TASKS=5000 BENCH_METRICS_ROWS=100000 bash bench/run.sh   # quick
#
# On the machine's PostgreSQL (127.0.0.1:5432, trust auth, user postgres) it creates a fresh database
# oversight_bench_<timestamp>, starts the built jar ONCE with profiles demo,postgres,bench and -Xmx256m,
# and measures, side by side:
#   1. start-up: process start -> /actuator/health/readiness UP, and Spring's "Started ... in X seconds"
#   2. throughput/latency at 4 clients (wrk -t2 -c4, warm-up then measured run) of
#        bare       POST /engine-rest/process-definition/key/bench-bare/start   (start -> trivial DMN -> end)
#        routine    POST /api/v1/proposals  routine reply (auto-approved in the request)
#        escalated  POST /api/v1/proposals  angry customer (review task in support-leads)
#      every proposal with a fresh idempotency key; RSS of the app sampled during each measured run
#   3. the first page of Tasklist's "Queue: support-leads" filter as lena at growing numbers of open
#      review tasks, up to BENCH_OPEN_TASKS (default 100 000), filled through the engine by the
#      bench-only loader in bench/java (see BenchFillController) within BENCH_FILL_SECONDS
#   4. GET /api/v1/metrics over BENCH_METRICS_ROWS (default 1 000 000) historic proposals inserted with SQL
#   5. a restart on the now populated database
# BENCH_OPEN_TASKS=0, BENCH_METRICS_ROWS=0 or BENCH_RESTART=0 skip those parts; BENCH_JAVA_OPTS adds JVM
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
OPEN_TASKS=${BENCH_OPEN_TASKS:-100000}    # open review tasks in support-leads for the queue page
FILL_SECONDS=${BENCH_FILL_SECONDS:-720}   # time budget for creating them
FILL_MODE=${BENCH_FILL_MODE:-clone}       # clone (fast, see BenchFillController) or submit (full path)
QUEUE_SAMPLES=${BENCH_QUEUE_SAMPLES:-50}  # queue page requests at the final size
QUEUE_MAX_SECONDS=${BENCH_QUEUE_MAX_SECONDS:-150}  # stop sampling the queue page after this long
METRICS_ROWS=${BENCH_METRICS_ROWS:-1000000}
METRICS_SAMPLES=${BENCH_METRICS_SAMPLES:-10}
HEAP=${BENCH_HEAP:-256m}
JAVA_OPTS_EXTRA=${BENCH_JAVA_OPTS:-}
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
APP_CMD=(java "-Xmx$HEAP" -XX:FlightRecorderOptions=stackdepth=256 $JAVA_OPTS_EXTRA "-Dloader.path=$CLASSES"
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
  sed 's/"idempotencyKey": *"[^"]*"/"idempotencyKey": "__KEY__"/' "$ROOT/src/main/resources/demo/examples/$n.json" > "$BODIES/$n.json"
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
# that those figures measure the query, not a burst of SLA warnings. The job executor stays on.
curl -sf -o /dev/null -u admin:admin -X PUT -H 'Content-Type: application/json' \
  -d '{"processDefinitionKey":"agent-proposal","suspended":true,"includeJobs":true}' \
  "$BASE/engine-rest/job-definition/suspended"
open_tasks() { curl -s -u admin:admin "$BASE/engine-rest/task/count?candidateGroup=support-leads" | jq .count; }
FILTER_ID=$(curl -s -u admin:admin "$BASE/engine-rest/filter?name=Queue:%20support-leads" | jq -r '.[0].id')
[ -n "$FILTER_ID" ] && [ "$FILTER_ID" != null ] || { echo "bench: no filter 'Queue: support-leads'" >&2; exit 1; }
# percentiles of a file of numbers (one a line): prints "n p50 p95 max"
pstats() { sort -n "$1" | awk '{v[NR]=$1} END{if(!NR){print "0 - - -";exit}
  i50=int(NR*0.5+0.999); i95=int(NR*0.95+0.999); printf "%d %.1f %.1f %.1f\n", NR, v[i50], v[i95], v[NR]}'; }
queue_page() { # $1 samples $2 accept header $3 output file $4 time budget (s); ms per request, non-200 counted
  local deadline=$(( $(date +%s) + $4 )) code t
  : > "$3"; QUEUE_BAD=0
  for _ in $(seq 1 "$1"); do
    read -r code t < <(curl -s -o /dev/null -w '%{http_code} %{time_total}\n' --max-time 60 -u lena:lena \
      -H 'Content-Type: application/json' -H "Accept: $2" -d '{}' \
      "$BASE/engine-rest/filter/$FILTER_ID/list?firstResult=0&maxResults=15")
    [ "$code" = 200 ] || QUEUE_BAD=$((QUEUE_BAD + 1))
    awk -v t="$t" 'BEGIN{printf "%.1f\n", t*1000}' >> "$3"
    [ "$(date +%s)" -lt "$deadline" ] || break
  done
}
analyze_db() { psqlb -c "analyze" ; }
FILL_START=$(date +%s); FILL_DEADLINE=$((FILL_START + FILL_SECONDS)); FILL_STOPPED=0
QUEUE_N=0; QUEUE_SAMPLES_DONE=0; QUEUE_P50=-; QUEUE_P95=-; QUEUE_MAX=-; QUEUE_NON200=0; HAL_N=0; HAL_P50=-; HAL_P95=-; HAL_MAX=-
CHECKPOINTS=$(for c in 1000 10000 25000 50000 100000 200000 500000; do [ "$c" -lt "$OPEN_TASKS" ] && echo "$c"; done; [ "$OPEN_TASKS" -gt 0 ] && echo "$OPEN_TASKS"; true)
: > "$OUT/queue-scaling.txt"
for cp in $CHECKPOINTS; do
  have=$(open_tasks)
  if [ "$have" -lt "$cp" ] && [ "$FILL_STOPPED" = 0 ]; then
    log "filling support-leads to $cp open review tasks (have $have, mode $FILL_MODE)"
    curl -sf -o /dev/null -u admin:admin -H 'Content-Type: application/json' -d @"$BODIES/fill-template.json" \
      "$BASE/api/bench/open-escalations?count=$((cp - have))&threads=2&batch=100&mode=$FILL_MODE"
    while :; do
      sleep 5
      st=$(curl -s -u admin:admin "$BASE/api/bench/open-escalations")
      [ "$(echo "$st" | jq -r .running)" = true ] || break
      if [ "$(date +%s)" -ge "$FILL_DEADLINE" ]; then
        log "fill time budget (${FILL_SECONDS}s) spent: stopping at $(echo "$st" | jq .created) of $((cp - have))"
        curl -s -o /dev/null -u admin:admin -X DELETE "$BASE/api/bench/open-escalations"; FILL_STOPPED=1
      fi
    done
    echo "$st" >> "$OUT/fill.jsonl"
    [ "$(echo "$st" | jq -r .error)" = null ] || { echo "bench: fill failed: $st" >&2; exit 1; }
  fi
  analyze_db
  n=$(open_tasks)
  final=0; { [ "$cp" = "$OPEN_TASKS" ] || [ "$FILL_STOPPED" = 1 ]; } && final=1
  samples=5; budget=60; [ "$final" = 1 ] && { samples=$QUEUE_SAMPLES; budget=$QUEUE_MAX_SECONDS; }
  queue_page "$samples" application/json "$OUT/queue-$n.txt" "$budget"
  read -r qn q50 q95 qmax < <(pstats "$OUT/queue-$n.txt")
  echo "$n $qn $q50 $q95 $qmax $QUEUE_BAD" >> "$OUT/queue-scaling.txt"
  log "queue page at $n open tasks: n=$qn p50=${q50}ms p95=${q95}ms max=${qmax}ms non-200=$QUEUE_BAD"
  if [ "$final" = 1 ]; then
    QUEUE_N=$n; QUEUE_SAMPLES_DONE=$qn; QUEUE_P50=$q50; QUEUE_P95=$q95; QUEUE_MAX=$qmax; QUEUE_NON200=$QUEUE_BAD
    # what Tasklist itself asks for: HAL with the count and the list variables
    queue_page 10 application/hal+json "$OUT/queue-hal-$n.txt" 60
    read -r hn h50 h95 hmax < <(pstats "$OUT/queue-hal-$n.txt")
    HAL_N=$hn; HAL_P50=$h50; HAL_P95=$h95; HAL_MAX=$hmax
    log "queue page (hal+json, with count) at $n: n=$hn p50=${h50}ms p95=${h95}ms"
    break
  fi
done
FILL_SECONDS_USED=$(( $(date +%s) - FILL_START ))
FILL_RATE=$(jq -s '(map(.created) | add) as $c | (map(.seconds) | add) as $s | if $s > 0 then ($c / $s * 10 | round / 10) else 0 end' "$OUT/fill.jsonl" 2>/dev/null || echo 0)

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
QUEUE_FIXES=${BENCH_QUEUE_FIXES:-1}
[ "$QUEUE_N" -gt 0 ] || QUEUE_FIXES=0
STARTUP_RESTART=-; STARTED_RESTART=-; FIX_P50=-; FIX_P95=-; FIX_MAX=-; FIX_N=0; FIX_HAL_P95=-; FIX_HAL_P50=-
if [ "$RESTART" = 1 ]; then
log "restart on the populated database"
stop_app
if [ "$QUEUE_FIXES" = 1 ]; then
  # the proposed queue-page fixes take effect with the restart (new connections); they do not touch start-up
  log "applying the proposed queue-page fixes to the bench database (bench/sql/queue-fixes.sql)"
  psqlb -v db="$DB" -f "$ROOT/bench/sql/queue-fixes.sql" > "$OUT/queue-fixes.txt"
fi
start_app "$OUT/app-restart.log"
STARTUP_RESTART=$STARTUP_S; STARTED_RESTART=$(spring_started "$OUT/app-restart.log")
log "restart ready after ${STARTUP_RESTART}s (Spring: Started in ${STARTED_RESTART}s)"
if [ "$QUEUE_FIXES" = 1 ]; then
  queue_page 10 application/json "$OUT/queue-fixed-warmup.txt" 60   # after the restart: warm up this path first
  queue_page "$QUEUE_SAMPLES" application/json "$OUT/queue-fixed-$QUEUE_N.txt" "$QUEUE_MAX_SECONDS"
  read -r FIX_N FIX_P50 FIX_P95 FIX_MAX < <(pstats "$OUT/queue-fixed-$QUEUE_N.txt")
  queue_page 10 application/hal+json "$OUT/queue-fixed-hal-$QUEUE_N.txt" 60
  read -r _ FIX_HAL_P50 FIX_HAL_P95 _ < <(pstats "$OUT/queue-fixed-hal-$QUEUE_N.txt")
  log "queue page with the fixes at $QUEUE_N: n=$FIX_N p50=${FIX_P50}ms p95=${FIX_P95}ms max=${FIX_MAX}ms; hal+json p95=${FIX_HAL_P95}ms"
fi
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
ratio() { awk -v a="$(j "$1" rps)" -v b="$(j bare rps)" 'BEGIN{printf "%.2f", (b > 0 ? a / b : 0)}'; }
met() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN{ if (v=="-"||v=="") {print "pending"; exit}
  ok = (op=="ge") ? (v+0 >= t+0) : (v+0 <= t+0); print ok ? "met" : "**missed**" }'; }
R_ROUT=$(ratio routine); R_ESC=$(ratio escalated)
ERR_ROUT=$(( $(j routine non2xx) + $(j routine socket_errors) + $(j routine timeouts) ))
ERR_ESC=$(( $(j escalated non2xx) + $(j escalated socket_errors) + $(j escalated timeouts) ))
ERR_BARE=$(( $(j bare non2xx) + $(j bare socket_errors) + $(j bare timeouts) ))
RSS_LOAD=$(printf '%s\n' "${RSS_MAX[@]}" | sort -n | tail -1)
QUEUE_LABEL="$QUEUE_N open tasks"; [ "$QUEUE_N" -lt "$OPEN_TASKS" ] && QUEUE_LABEL="$QUEUE_N open tasks (target $OPEN_TASKS not reached)"
[ "$OPEN_TASKS" -gt 0 ] || QUEUE_LABEL="(skipped: BENCH_OPEN_TASKS=0)"
mget() { sed -n "s/^$1=//p" "$OUT/machine.txt" | head -1; }
{
  echo "Run $STAMP — $(mget date_utc) on $(mget nproc) cores ($(mget cpu)), $(mget mem_total_gib) GiB RAM, $(mget java), $(mget postgres), $(mget wrk);"
  echo "load average (1/5/15 min) at start $(mget load_at_start), at end $(mget load_at_end). App: -Xmx$HEAP, profiles demo,postgres,bench, job executor on."
  echo "wrk -t$THREADS -c$CONCURRENCY, ${WARMUP}s warm-up + ${DURATION}s measured per scenario. Harness wall time: $((HARNESS_S / 60)) min $((HARNESS_S % 60)) s."
  echo
  echo "| figure | measured | target | |"
  echo "|---|---|---|---|"
  echo "| bare engine (bench-bare over engine-rest) | $(j bare rps) req/s, p50 $(j bare p50_ms) ms, p99 $(j bare p99_ms) ms, errors $ERR_BARE | reference | |"
  echo "| routine proposal | $(j routine rps) req/s, p50 $(j routine p50_ms) ms, p99 $(j routine p99_ms) ms | ≥ 0.7× bare (aim ≥ 1.0×) | |"
  echo "| routine / bare | **${R_ROUT}×** | ≥ 0.7× | $(met "$R_ROUT" 0.7 ge) |"
  echo "| routine errors (non-2xx + socket + timeouts) | $ERR_ROUT of $(j routine requests) | 0 | $( [ "$ERR_ROUT" = 0 ] && echo met || echo '**missed**') |"
  echo "| routine p99 at $CONCURRENCY clients | $(j routine p99_ms) ms | ≤ 30 ms | $(met "$(j routine p99_ms)" 30 le) |"
  echo "| escalated proposal | $(j escalated rps) req/s, p50 $(j escalated p50_ms) ms, p99 $(j escalated p99_ms) ms, errors $ERR_ESC | | |"
  echo "| escalated / bare | **${R_ESC}×** | ≥ 0.5× | $(met "$R_ESC" 0.5 ge) |"
  echo "| queue page (filter list, first 15, lena) at $QUEUE_LABEL | p95 $QUEUE_P95 ms (p50 $QUEUE_P50, max $QUEUE_MAX, n=$QUEUE_SAMPLES_DONE, non-200 $QUEUE_NON200) | ≤ 100 ms p95 at 100 000 | $(met "$QUEUE_P95" 100 le) |"
  echo "| queue page as Tasklist asks (hal+json, with count) | p95 $HAL_P95 ms (p50 $HAL_P50, n=$HAL_N) | | |"
  [ "$QUEUE_FIXES" = 1 ] && echo "| queue page **with the proposed fixes** (bench/sql/queue-fixes.sql), same $QUEUE_N tasks | p95 $FIX_P95 ms (p50 $FIX_P50, max $FIX_MAX, n=$FIX_N); hal+json p95 $FIX_HAL_P95 ms (p50 $FIX_HAL_P50) | ≤ 100 ms p95 | $(met "$FIX_P95" 100 le) |"
  echo "| metrics over $PROPOSAL_ROWS proposals | $( [ "$METRICS_STATUS" = ok ] && echo "p95 $m95 ms (p50 $m50, max $mmax, n=$mn)" || echo "$METRICS_STATUS") | ≤ 1 s at 1 000 000 | $(met "$m95" 1000 le) |"
  echo "| RSS under load (max of samples, all scenarios) | $RSS_LOAD MB (bare ${RSS_MAX[bare]}, routine ${RSS_MAX[routine]}, escalated ${RSS_MAX[escalated]}; after metrics $RSS_END) with -Xmx$HEAP | ≤ 512 MB | $(met "$RSS_LOAD" 512 le) |"
  echo "| start, empty database (schema created) | ${STARTUP_FIRST} s to readiness UP (Spring: Started in ${STARTED_FIRST} s) | ≤ 10 s | $(met "$STARTUP_FIRST" 10 le) |"
  echo "| restart, populated database | ${STARTUP_RESTART} s to readiness UP (Spring: Started in ${STARTED_RESTART} s) | ≤ 10 s | $(met "$STARTUP_RESTART" 10 le) |"
  echo
  echo "Queue page by open review tasks (application/json, ms):"
  echo
  echo "| open tasks in support-leads | requests | p50 | p95 | max | non-200 |"
  echo "|---|---|---|---|---|---|"
  awk '{printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6}' "$OUT/queue-scaling.txt" 2>/dev/null || true
  echo
  echo "Queue fill: mode $FILL_MODE, ${FILL_SECONDS_USED}s, $FILL_RATE proposals/s. Historic proposals insert: ${INSERT_S}s."
} > "$OUT/results.md"
jq -n --arg stamp "$STAMP" --argjson bare "${RES[bare]}" --argjson routine "${RES[routine]}" --argjson escalated "${RES[escalated]}" \
  --arg ratio_routine "$R_ROUT" --arg ratio_escalated "$R_ESC" \
  --arg queue_open "$QUEUE_N" --arg queue_p50 "$QUEUE_P50" --arg queue_p95 "$QUEUE_P95" --arg queue_max "$QUEUE_MAX" \
  --arg hal_p95 "$HAL_P95" --arg fix_p50 "$FIX_P50" --arg fix_p95 "$FIX_P95" --arg fix_hal_p95 "$FIX_HAL_P95" --arg metrics "$METRICS_STATUS" --arg metrics_p50 "$m50" --arg metrics_p95 "$m95" \
  --arg proposals "$PROPOSAL_ROWS" --arg rss_max "$RSS_LOAD" --arg start "$STARTUP_FIRST" --arg started "$STARTED_FIRST" \
  --arg restart "$STARTUP_RESTART" --arg restarted "$STARTED_RESTART" --arg harness_s "$HARNESS_S" \
  --arg fill_rate "$FILL_RATE" --arg fill_s "$FILL_SECONDS_USED" \
  '{stamp:$stamp, bare:$bare, routine:$routine, escalated:$escalated, ratio_routine:$ratio_routine,
    ratio_escalated:$ratio_escalated, queue:{open:$queue_open, p50_ms:$queue_p50, p95_ms:$queue_p95, max_ms:$queue_max,
    hal_p95_ms:$hal_p95, with_fixes:{p50_ms:$fix_p50, p95_ms:$fix_p95, hal_p95_ms:$fix_hal_p95}}, metrics:{status:$metrics, p50_ms:$metrics_p50, p95_ms:$metrics_p95, proposals:$proposals},
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
