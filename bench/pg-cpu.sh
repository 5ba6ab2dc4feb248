#!/bin/bash
# bench/pg-cpu.sh file.sql [runs]: CPU ms per execution of a statement in its PostgreSQL backend (from
# /proc/<backend pid>/stat), which waiting for a core does not inflate; BENCH_DB names the database.
# Used for the plan comparisons in docs/benchmarks.md (run 3) on a machine too loaded for wall-clock figures.
runs=${2:-5}
python3 - "$1" "$runs" <<'PY'
import subprocess, sys, os, time
sql=open(sys.argv[1]).read(); runs=int(sys.argv[2])
import select
p=subprocess.Popen(["psql","-h","127.0.0.1","-U","postgres","-d",os.environ.get("BENCH_DB","postgres"),"-X","-q","-At"],stdin=subprocess.PIPE,stdout=subprocess.PIPE,stderr=subprocess.STDOUT,text=True,bufsize=1)
def run(cmd):
    p.stdin.write(cmd+"\n\\echo __END__\n"); p.stdin.flush()
    out=[]
    while True:
        l=p.stdout.readline()
        if l.strip()=="__END__": break
        out.append(l)
    return "".join(out)
run("set auto_explain.log_min_duration=-1;")
pid=int(run("select pg_backend_pid();").strip())
tick=os.sysconf('SC_CLK_TCK')
def cpu():
    f=open(f"/proc/{pid}/stat").read().split(")")[-1].split()
    return (int(f[11])+int(f[12]))*1000/tick
run(sql+";")  # warm
c0=cpu(); t0=time.time()
for i in range(runs): r=run(sql+";")
c1=cpu(); t1=time.time()
print(f"{sys.argv[1]}: cpu {(c1-c0)/runs:.0f} ms/exec, wall {(t1-t0)*1000/runs:.0f} ms/exec, result: {r.strip()[:60]!r}")
PY
