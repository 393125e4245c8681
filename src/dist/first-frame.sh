# Sourced by startup-bench.sh and startup-compare.sh: timing a start to its first frame.
# A start's time runs from the command to the line its first frame prints on stderr (ThreadLab with
# -Dthreadlab.startupLog=true, given through JAVA_TOOL_OPTIONS; the minimal window always). The caller
# sets: disp, the X display; FRAME_PAUSE, seconds to rest after each start (default 0.3);
# FRAME_PREFS, a preferences folder of its own for each start, removed after it (default: none);
# FRAME_OPTIONS, more JVM options (default: none).
now() { date +%s%N; }
# ms from the command ("$@") to the first-frame line on its stderr, or "timeout"; the app is then closed
frame_ms() {
  local t0 pid line t="" options="-Dthreadlab.startupLog=true"
  [ -n "${FRAME_PREFS:-}" ] && options+=" -Djava.util.prefs.userRoot=$FRAME_PREFS"
  [ -n "${FRAME_OPTIONS:-}" ] && options+=" $FRAME_OPTIONS"
  t0=$(now)
  exec 3< <(DISPLAY=$disp JAVA_TOOL_OPTIONS="$options" exec "$@" 2>&1 >/dev/null)
  pid=$!
  while IFS= read -r -t 60 line <&3; do
    if [[ $line == *"first frame"* ]]; then t=$(( ($(now) - t0) / 1000000 )); break; fi
  done
  pkill -P "$pid" 2>/dev/null || true; kill "$pid" 2>/dev/null || true
  exec 3<&-
  sleep "${FRAME_PAUSE:-0.3}"
  [ -n "${FRAME_PREFS:-}" ] && rm -rf "$FRAME_PREFS"
  echo "${t:-timeout}"
}
# the median of the samples that are numbers ("timeout" ones are left out), or "none"
median() { printf '%s\n' "$@" | grep -E '^[0-9]+$' | sort -n | awk '{a[NR]=$1} END {print (NR ? a[int((NR+1)/2)] : "none")}'; }
