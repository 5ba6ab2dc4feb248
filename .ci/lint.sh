#!/usr/bin/env bash
# Lints the process models as a process designer leaves them in Camunda Modeler:
#   every processes/*.bpmn with bpmnlint (bpmnlint:recommended + camunda-compat for Camunda 7.24),
#   every processes/*.dmn  with dmnlint  (dmnlint:recommended).
# The linters are pinned in .ci/lint/package-lock.json and installed with `npm ci`.
# Usage (from anywhere): bash .ci/lint.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lint_dir="$root/.ci/lint"
bin="$lint_dir/node_modules/.bin"

if ! command -v npm >/dev/null 2>&1; then
  echo "lint: npm not found (install Node.js and npm)" >&2
  exit 1
fi

echo "==> installing the model linters (npm ci in .ci/lint)"
(cd "$lint_dir" && npm ci --no-audit --no-fund)

# The linters run from the repository root, so reported paths are repository paths. bpmnlint looks up
# plugins (bpmnlint-plugin-camunda-compat) from the working directory; NODE_PATH lets it find them in
# .ci/lint/node_modules.
export NODE_PATH="$lint_dir/node_modules${NODE_PATH:+:$NODE_PATH}"
cd "$root"

shopt -s nullglob
bpmn_files=(processes/*.bpmn)
dmn_files=(processes/*.dmn)
status=0

if ((${#bpmn_files[@]})); then
  echo "==> bpmnlint ${bpmn_files[*]}"
  "$bin/bpmnlint" --config "$lint_dir/.bpmnlintrc" "${bpmn_files[@]}" || status=1
else
  echo "==> bpmnlint: no processes/*.bpmn"
fi

if ((${#dmn_files[@]})); then
  echo "==> dmnlint ${dmn_files[*]}"
  "$bin/dmnlint" --config "$lint_dir/.dmnlintrc" "${dmn_files[@]}" || status=1
else
  echo "==> dmnlint: no processes/*.dmn"
fi

if ((status != 0)); then
  echo "model lint FAILED" >&2
  exit "$status"
fi
echo "model lint OK (${#bpmn_files[@]} BPMN, ${#dmn_files[@]} DMN)"
