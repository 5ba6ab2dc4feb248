#!/usr/bin/env python3
"""Summarises a JFR recording's CPU samples (jdk.ExecutionSample) without JDK 21's `jfr view`.

    python3 bench/jfr-top.py recording.jfr [N]

Prints the top N methods by self time (top frame), by inclusive time (anywhere in the stack), and
the share of samples whose stack passes through a few areas of interest (JDBC/PostgreSQL driver,
MyBatis, Camunda engine, Jackson, Spring Security, Tomcat, logging).
"""
import collections
import json
import subprocess
import sys

path = sys.argv[1]
top_n = int(sys.argv[2]) if len(sys.argv) > 2 else 15
raw = subprocess.run(["jfr", "print", "--json", "--stack-depth", "256", "--events", "jdk.ExecutionSample", path],
                     check=True, capture_output=True, text=True).stdout
events = json.loads(raw)["recording"]["events"]
self_count = collections.Counter()
incl_count = collections.Counter()
areas = collections.Counter()
AREAS = {
    "PostgreSQL JDBC driver": "org.postgresql.",
    "HikariCP": "com.zaxxer.hikari.",
    "MyBatis (engine SQL mapping)": "org.apache.ibatis.",
    "Camunda engine": "org.camunda.bpm.engine.",
    "Camunda DMN / FEEL": "org.camunda.bpm.dmn.",
    "feel-scala (FEEL parser and interpreter)": "org.camunda.feel.",
    "feel-scala built-in functions (root context)": "org.camunda.feel.impl.interpreter.BuiltinFunctions.<init>",
    "Oversight audit ledger": "io.oversight.audit.",
    "Jackson": "com.fasterxml.jackson.",
    "Spring Security": "org.springframework.security.",
    "Tomcat": "org.apache.catalina.",
    "Oversight code": "io.oversight.",
    "Logging": "ch.qos.logback.",
    "Regex": "java.util.regex.",
}
total = 0


def name(frame):
    m = frame["method"]
    return m["type"]["name"].replace("/", ".") + "." + m["name"]


for e in events:
    frames = (e["values"].get("stackTrace") or {}).get("frames") or []
    if not frames:
        continue
    total += 1
    names = [name(f) for f in frames]
    self_count[names[0]] += 1
    for n in set(names):
        incl_count[n] += 1
    for area, prefix in AREAS.items():
        if any(n.startswith(prefix) for n in names):
            areas[area] += 1

print(f"{total} CPU samples")
print("\nTop methods, self time:")
for n, c in self_count.most_common(top_n):
    print(f"  {100 * c / total:5.1f}%  {n}")
print("\nTop Oversight methods, inclusive:")
for n, c in [(n, c) for n, c in incl_count.most_common() if n.startswith("io.oversight.")][:top_n]:
    print(f"  {100 * c / total:5.1f}%  {n}")
print("\nTop methods, inclusive (any code):")
for n, c in incl_count.most_common(top_n):
    print(f"  {100 * c / total:5.1f}%  {n}")
print("\nSamples whose stack passes through:")
for area, c in areas.most_common():
    print(f"  {100 * c / total:5.1f}%  {area}")
