#!/usr/bin/env bash
# Start-up of the packaged app, side by side in one run (docs/performance.md, "Start-up of the packaged app"):
#   1. java -version of the image's own runtime (the floor: a JVM that starts and stops);
#   2. the smallest JavaFX window on that runtime (the floor for any JavaFX window);
#   3. ThreadLab's launcher, bin/ThreadLab, to its first frame;
#   4. the same without its start-up cache (a copy of the image whose launcher does not name it);
#   5. the developers' start, mvn javafx:run (compiled classes, Maven in front), for comparison;
# REPS times each, in turn, on a virtual X display. A window's time runs from the command to the line
# its first frame prints on stderr (ThreadLab with -Dthreadlab.startupLog=true, given through
# JAVA_TOOL_OPTIONS; the minimal window always): the frame laid out and handed to the renderer. The
# script waits on that pipe and polls nothing, so it takes no processor time from the app it measures.
# Needs Xvfb; build the image first:
#   mvn -B -P dist package -DskipTests && src/dist/startup-bench.sh [REPS]
set -euo pipefail
cd "$(dirname "$0")/../.."
reps=${1:-7}
app=target/dist/ThreadLab
java=$app/lib/runtime/bin/java
work=$(mktemp -d)
disp=":$(( 100 + RANDOM % 800 ))"
Xvfb "$disp" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
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
# the cache is named in the launcher's options: the .cfg file, and on Linux the launcher script too
sed -i '/AOTCache=\|SharedArchiveFile=/d' "$work/nocache/lib/app/ThreadLab.cfg" "$work/nocache/bin/ThreadLab"
# shellcheck source=first-frame.sh
source src/dist/first-frame.sh
declare -a jv fx tl nc mv
for i in $(seq 1 "$reps"); do
  t0=$(now); "$java" -version >/dev/null 2>&1; jv+=($(( ($(now) - t0) / 1000000 )))
  fx+=($(frame_ms "$java" -cp "$work" MinimalWindow))
  tl+=($(frame_ms "$app/bin/ThreadLab"))
  nc+=($(frame_ms "$work/nocache/bin/ThreadLab"))
  mv+=($(frame_ms mvn -B -q javafx:run))
done
echo "java -version of the image's runtime (ms): ${jv[*]}  median $(median "${jv[@]}")"
echo "minimal JavaFX window, first frame (ms):   ${fx[*]}  median $(median "${fx[@]}")"
echo "ThreadLab image, first frame (ms):         ${tl[*]}  median $(median "${tl[@]}")"
echo "the same without its start-up cache (ms):  ${nc[*]}  median $(median "${nc[@]}")"
echo "mvn javafx:run, first frame (ms):          ${mv[*]}  median $(median "${mv[@]}")"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
