#!/usr/bin/env bash
# Start-up of the packaged app, side by side in one run (docs/performance.md, "Start-up"):
#   1. java -version of the image's own runtime (the floor: a JVM that starts and stops);
#   2. the smallest JavaFX window on that runtime (the floor for any JavaFX window);
#   3. ThreadLab's launcher, bin/ThreadLab, to its window;
#   4. the same without its start-up cache (a copy of the image whose launcher does not name it);
# each from the command to its window mapped and visible on a virtual X display (polled with xdotool), REPS times
# in turn; prints every time and the medians. Needs Xvfb and xdotool; build the image first:
#   mvn -B -P dist package -DskipTests && src/dist/startup-bench.sh [REPS]
set -euo pipefail
cd "$(dirname "$0")/../.."
reps=${1:-7}
app=target/dist/ThreadLab
java=$app/lib/runtime/bin/java
work=$(mktemp -d)
disp=":$(( 100 + RANDOM % 800 ))"
Xvfb "$disp" -screen 0 1280x800x24 >/dev/null 2>&1 & xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$work"' EXIT
sleep 1
# the minimal window, compiled against the image's JavaFX (the JDK that built the image compiles it)
javac=${JAVAC:-}
for j in /usr/lib/jvm/*/bin/javac; do
  [ -z "$javac" ] && "$j" -version 2>&1 | grep -qE '^javac (2[1-9]|[3-9][0-9])' && javac=$j
done
"${javac:?no javac 21+ found; set JAVAC}" -d "$work" --module-path target/dist-work/javafx-modules --add-modules javafx.controls \
  src/dist/MinimalWindow.java
cp -a "$app" "$work/nocache"
sed -i '/AOTCache=\|SharedArchiveFile=/d' "$work/nocache/lib/app/ThreadLab.cfg"
now() { date +%s%N; }
# ms from the command to a visible window titled $1; the app is then closed
window_ms() {
  local title=$1; shift
  local t0 pid t
  t0=$(now)
  DISPLAY=$disp "$@" >"$work/out" 2>&1 & pid=$!
  # polled every 20 ms: xdotool's own --sync waits in steps of half a second
  until DISPLAY=$disp xdotool search --onlyvisible --name "^$title\$" >/dev/null 2>&1; do
    sleep 0.02
    [ $(( ($(now) - t0) / 1000000000 )) -lt 60 ] || break
  done
  t=$(( ($(now) - t0) / 1000000 ))
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  echo "$t"
}
declare -a jv fx tl nc
for i in $(seq 1 "$reps"); do
  t0=$(now); "$java" -version >/dev/null 2>&1; jv+=($(( ($(now) - t0) / 1000000 )))
  fx+=($(window_ms ThreadLab-minimal "$java" -cp "$work" MinimalWindow))
  tl+=($(window_ms ThreadLab "$app/bin/ThreadLab"))
  nc+=($(window_ms ThreadLab "$work/nocache/bin/ThreadLab"))
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "java -version of the image's runtime (ms): ${jv[*]}  median $(median "${jv[@]}")"
echo "minimal JavaFX window (ms):                ${fx[*]}  median $(median "${fx[@]}")"
echo "ThreadLab image to its window (ms):        ${tl[*]}  median $(median "${tl[@]}")"
echo "the same without its start-up cache (ms):  ${nc[*]}  median $(median "${nc[@]}")"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
