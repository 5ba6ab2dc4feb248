#!/usr/bin/env bash
# Validates docker-compose.yml without a Docker engine: Debian's docker-compose (v1) parses the file,
# resolves .env, anchors, profiles and depends_on conditions (`config -q`). Without a .env, a
# temporary one is made from .env.example. Also checks the JSON and YAML files under deploy/.
# Usage: bash bench/validate-compose.sh          (prints OK)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v docker-compose >/dev/null 2>&1; then
  echo "==> installing docker-compose (Debian, v1)"
  if command -v sudo >/dev/null 2>&1 && [ "$(id -u)" != 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get install -y --no-install-recommends docker-compose >/dev/null 2>&1 \
    || { $SUDO apt-get update -qq && $SUDO apt-get install -y --no-install-recommends docker-compose >/dev/null; }
fi

tmp_env=""
cleanup() { if [ -n "$tmp_env" ]; then rm -f .env; fi; }
trap cleanup EXIT
if [ ! -f .env ]; then
  cp .env.example .env
  tmp_env=1
fi

docker-compose -f docker-compose.yml config -q
docker-compose -f docker-compose.yml --profile monitoring config -q
# every service of the monitoring profile is there, and every service has a health check
services=$(docker-compose -f docker-compose.yml --profile monitoring config --services | sort | tr '\n' ' ')
for s in postgres oversight-1 oversight-2 nginx prometheus grafana; do
  case " $services " in *" $s "*) ;; *) echo "missing service $s (have: $services)" >&2; exit 1;; esac
done
rendered=$(docker-compose -f docker-compose.yml --profile monitoring config)
checks=$(printf '%s\n' "$rendered" | grep -c '^    healthcheck:' || true)
[ "$checks" -ge 6 ] || { echo "expected a healthcheck on every service, found $checks" >&2; exit 1; }

for f in deploy/grafana/dashboards/*.json; do
  python3 -m json.tool "$f" >/dev/null || { echo "invalid JSON: $f" >&2; exit 1; }
done
# docker-compose v1 is Python with PyYAML: its interpreter parses the other YAML files
py=$(head -1 "$(command -v docker-compose)" | sed -n 's/^#! *//p'); py=${py:-python3}
for f in deploy/prometheus/*.yml deploy/grafana/provisioning/*/*.yml; do
  $py -c 'import sys, yaml; yaml.safe_load(open(sys.argv[1]))' "$f" || { echo "invalid YAML: $f" >&2; exit 1; }
done
echo "OK"
