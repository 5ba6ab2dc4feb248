#!/usr/bin/env bash
# bench/cpu-per-request.sh LABEL JAR BENCH_CLASSES_DIR — CPU time per request of the bare engine, a routine
# and an escalated proposal: the app JVM's and its PostgreSQL backends' CPU (from /proc/<pid>/stat) over a
# measured wrk run, divided by the requests. Waiting for a core does not count, so on a machine shared
# with other work it compares two builds more steadily than requests per second (docs/benchmarks.md, run 4).
# Env: PORT (18301), DB_PREFIX (oversight_cpu), OUT_DIR (target/cpu), WARM / MEAS seconds (25 / 25).
# Appends one line per scenario to $OUT_DIR/results.txt.
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"; LABEL=$1; JAR=$2; CLASSES=$3
PORT=${PORT:-18301}; DB=${DB_PREFIX:-oversight_cpu}_$LABEL; BASE=http://127.0.0.1:$PORT
OUT_ROOT=${OUT_DIR:-$ROOT/target/cpu}; OUT=$OUT_ROOT/$LABEL; mkdir -p $OUT/bodies
WARM=${WARM:-25}; MEAS=${MEAS:-25}
psql -qX -h 127.0.0.1 -U postgres -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"
OVERSIGHT_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" OVERSIGHT_DB_USER=postgres OVERSIGHT_DB_PASSWORD="" \
  java -Xmx256m "-Dloader.path=$CLASSES" -cp "$JAR" org.springframework.boot.loader.launch.PropertiesLauncher \
  --spring.profiles.active=demo,postgres,bench --server.port=$PORT --server.address=127.0.0.1 \
  --oversight.demo.seed-proposals=false --oversight.action-worker.enabled=false \
  --camunda.bpm.job-execution.enabled=true > $OUT/app.log 2>&1 &
APP=$!
for _ in $(seq 1 3000); do [ "$(curl -s -o /dev/null -w '%{http_code}' $BASE/actuator/health/readiness)" = 200 ] && break; kill -0 $APP || exit 1; sleep 0.2; done
echo '{}' > $OUT/bodies/bare.json
for n in routine-reply angry-customer; do
  sed 's/"idempotencyKey": *"[^"]*"/"idempotencyKey": "__KEY__"/' $ROOT/src/main/resources/demo/examples/$n.json > $OUT/bodies/$n.json
done
declare -A URL=( [bare]="$BASE/engine-rest/process-definition/key/bench-bare/start" [routine]="$BASE/api/v1/proposals" [escalated]="$BASE/api/v1/proposals" )
declare -A BODY=( [bare]=$OUT/bodies/bare.json [routine]=$OUT/bodies/routine-reply.json [escalated]=$OUT/bodies/angry-customer.json )
declare -A AUTH=( [bare]="Basic $(printf admin:admin | base64)" [routine]="Bearer demo-agent-key" [escalated]="Bearer demo-agent-key" )
cpu() { # app JVM ms, pg backends of DB ms
  python3 - $APP $DB <<'PY'
import os,subprocess,sys
tick=os.sysconf('SC_CLK_TCK')
def c(pid):
    try:
        f=open(f"/proc/{pid}/stat").read().split(")")[-1].split(); return (int(f[11])+int(f[12]))*1000/tick
    except Exception: return 0
pids=subprocess.run(["psql","-h","127.0.0.1","-U","postgres","-d","postgres","-XAtq","-c",
  f"select pid from pg_stat_activity where datname='{sys.argv[2]}'"],capture_output=True,text=True).stdout.split()
print(c(sys.argv[1]), sum(c(p) for p in pids), len(pids))
PY
}
for s in bare routine escalated; do
  wrk -t2 -c4 -d${WARM}s --timeout 10s -s $ROOT/bench/wrk/post.lua "${URL[$s]}" -- "${BODY[$s]}" "${AUTH[$s]}" > $OUT/warm-$s.txt 2>&1
  read a0 p0 n0 < <(cpu); t0=$(date +%s.%N)
  wrk -t2 -c4 -d${MEAS}s --timeout 10s -s $ROOT/bench/wrk/post.lua "${URL[$s]}" -- "${BODY[$s]}" "${AUTH[$s]}" > $OUT/wrk-$s.txt 2>&1
  read a1 p1 n1 < <(cpu); t1=$(date +%s.%N)
  R=$(sed -n 's/^BENCH_RESULT //p' $OUT/wrk-$s.txt)
  REQ=$(echo "$R" | jq .requests)
  python3 -c "
a0,a1,p0,p1,req=$a0,$a1,$p0,$p1,$REQ
print('$LABEL $s: requests %d rps %s p50 %s p99 %s | app cpu %.2f ms/req, pg cpu %.2f ms/req, total %.2f ms/req (pg backends $n0/$n1) load %s' % (req, $(echo "$R" | jq .rps), $(echo "$R" | jq .p50_ms), $(echo "$R" | jq .p99_ms), (a1-a0)/req, (p1-p0)/req, (a1-a0+p1-p0)/req, open('/proc/loadavg').read().split()[0]))
" | tee -a $OUT_ROOT/results.txt
done
kill $APP; wait $APP 2>/dev/null
psql -qX -h 127.0.0.1 -U postgres -d postgres -c "drop database if exists $DB with (force)"
