#!/usr/bin/env bash
# Two (or more) builds of the packaged app, started in turn to their first frame on a virtual X display,
# REPS times each; prints each one's times and median (docs/performance.md, "Start-up of the packaged app").
# A start's time runs from the command to the line its first frame prints on stderr, as in
# startup-bench.sh. Starting them in turn, not one after the other, keeps the shared machine's
# changing speed out of the difference.
#   src/dist/startup-compare.sh REPS LABEL=COMMAND [LABEL=COMMAND ...]
# e.g. src/dist/startup-compare.sh 9 before=/tmp/old/bin/ThreadLab after=target/dist/ThreadLab/bin/ThreadLab
# COMMAND may carry words of its own (another user: "setpriv --reuid=65534 ... /path/bin/ThreadLab").
# Each start gets -Dthreadlab.startupLog=true and preferences of its own folder through JAVA_TOOL_OPTIONS
# (EXTRA_OPTIONS adds more), so no start reads another's window size or touches your own settings.
set -euo pipefail
reps=${1:?REPS}; shift
[ $# -ge 1 ] || { echo "usage: $0 REPS LABEL=COMMAND..." >&2; exit 2; }
work=$(mktemp -d); chmod 777 "$work"
disp=":$(( 100 + RANDOM % 800 ))"
Xvfb "$disp" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$work"' EXIT
sleep 1
now() { date +%s%N; }
frame_ms() {
  local t0 pid line t=""
  t0=$(now)
  # shellcheck disable=SC2086 # the command's words are split on purpose
  exec 3< <(DISPLAY=$disp JAVA_TOOL_OPTIONS="-Dthreadlab.startupLog=true -Djava.util.prefs.userRoot=$work/prefs ${EXTRA_OPTIONS:-}" \
    exec $1 2>&1 >/dev/null)
  pid=$!
  while IFS= read -r -t 60 line <&3; do
    if [[ $line == *"first frame"* ]]; then t=$(( ($(now) - t0) / 1000000 )); break; fi
  done
  pkill -P "$pid" 2>/dev/null || true; kill "$pid" 2>/dev/null || true
  exec 3<&-
  sleep 0.4
  rm -rf "$work/prefs"
  echo "${t:-timeout}"
}
declare -A times
for _ in $(seq 1 "$reps"); do
  for spec in "$@"; do
    times[${spec%%=*}]+="$(frame_ms "${spec#*=}") "
  done
done
# the median of the starts that reached their first frame ("timeout" ones are left out, and counted)
median() { printf '%s\n' "$@" | grep -E '^[0-9]+$' | sort -n | awk '{a[NR]=$1} END {print (NR ? a[int((NR+1)/2)] : "none")}'; }
for spec in "$@"; do
  label=${spec%%=*}
  # shellcheck disable=SC2086
  failed=$(printf '%s\n' ${times[$label]} | grep -vcE '^[0-9]+$' || true)
  printf '%-12s first frame (ms): %s median %s%s\n' "$label" "${times[$label]}" "$(median ${times[$label]})" \
    "$([ "$failed" -gt 0 ] && echo " ($failed starts never drew a frame)")"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
