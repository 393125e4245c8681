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
# shellcheck source=first-frame.sh
source "$(dirname "$0")/first-frame.sh"
FRAME_PAUSE=0.4 FRAME_PREFS=$work/prefs FRAME_OPTIONS=${EXTRA_OPTIONS:-}
declare -A times
for _ in $(seq 1 "$reps"); do
  for spec in "$@"; do
    # shellcheck disable=SC2086 # the command's words are split on purpose
    times[${spec%%=*}]+="$(frame_ms ${spec#*=}) "
  done
done
for spec in "$@"; do
  label=${spec%%=*}
  # shellcheck disable=SC2086
  failed=$(printf '%s\n' ${times[$label]} | grep -vcE '^[0-9]+$' || true)
  printf '%-12s first frame (ms): %s median %s%s\n' "$label" "${times[$label]}" "$(median ${times[$label]})" \
    "$([ "$failed" -gt 0 ] && echo " ($failed starts never drew a frame)")"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
