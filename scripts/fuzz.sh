#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each for a fixed time.
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]   (default 600 s, all targets)
# Corpora live in Fuzz/corpus/NAME (seeded from the example content); crashes are written to
# Fuzz/crashes/NAME/ and each becomes a regression test in Tests/PlaybookCoreTests/FuzzRegressionTests.swift.
# A summary line per target is appended to Fuzz/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzFrontMatter FuzzBlocks FuzzMarkdown FuzzTargets FuzzTemplates FuzzSeries FuzzTicks)
export PLAYBOOK_FUZZ=1
for target in "${targets[@]}"; do
  swift build -c release --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld --product "$target"
done
[ -z "${FUZZ_BUILD_ONLY:-}" ] || exit 0
for target in "${targets[@]}"; do
  corpus=Fuzz/corpus/$target
  crashes=Fuzz/crashes/$target
  mkdir -p "$corpus" "$crashes"
  if [ -z "$(ls -A "$corpus")" ]; then
    if [ "$target" = FuzzTemplates ]; then
      # Seeds: the default theme's templates, and a partial that includes itself.
      for f in themes/default/templates/*.mustache; do cp "$f" "$corpus/$(basename "$f")"; done
      printf '<ul>{{> nav}}</ul>\0{{#children}}{{> nav-item}}{{/children}}' > "$corpus/self-include"
    elif [ "$target" = FuzzSeries ]; then
      # Seeds: a CSV series and a Prometheus response, each after a line of window|stale_after.
      printf '\x0090d|14d\ndate,value,note\n2026-11-01,180ms,first\n2026-11-15,175,\n' > "$corpus/csv"
      printf '\x0112w|6m\n{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"job":"a"},"values":[[1764547200,"0.21"],[1764633600.5,"0.19"]]}]}}' > "$corpus/json"
    elif [ "$target" = FuzzTicks ]; then
      # Seeds: a ticks file, and pages with task lists and checklist blocks.
      printf '{"format":"playbook-ticks","version":1,"ticks":[{"page":"a.html","item":"one","done":true}]}' > "$corpus/ticks"
      printf '# A\n\n- [ ] one\n  - [x] two\n> - [ ] quoted\n\nNote.[^n]\n\n[^n]: Text.\n\n    - [ ] in note\n\n```checklist\n- plain\n- text: mapped\n  owner: |\n    Alice\n    # Bob\n- text: done\n  done: false\n```\n' > "$corpus/page"
      find content -name '*.md' | xargs grep -l -e '\[ \]' -e checklist | head -20 | while read -r f; do cp "$f" "$corpus/$(echo "$f" | tr '/' '_')"; done
    else
      find content Tests/PlaybookCoreTests/Fixtures -name '*.md' | head -40 | while read -r f; do cp "$f" "$corpus/$(echo "$f" | tr '/' '_')"; done
    fi
  fi
  log=$(mktemp)
  set +e
  .build-fuzz/release/"$target" "$corpus" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix="$crashes/" -print_final_stats=1 >"$log" 2>&1
  status=$?
  set -e
  runs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
  found=$(ls -A "$crashes" | wc -l)
  line="$(date -u +%Y-%m-%d) $target: ${seconds}s, ${runs:-?} executions, exit $status, ${found} crash/timeout/oom inputs"
  echo "$line" | tee -a Fuzz/RESULTS.md
  tail -5 "$log"
  rm -f "$log"
done
