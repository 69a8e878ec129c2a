#!/bin/bash
# A real-window run of cnnlab-label under Xvfb: keys sent with xdotool (one at a time, each
# waited for in the app's --key-log, since the Qt backend keeps only the last pending key),
# a screenshot with ImageMagick, then checks of the exported dataset and that the screenshot
# is not blank. Exit 77 (reported by ctest as skipped) when the tools are missing; every wait
# is bounded.
#   usage: window_test.sh /path/to/cnnlab-label
set -u

if [ "${1:-}" = "--inside-xvfb" ]; then
  exe=$2 work=$3
  export XDG_RUNTIME_DIR="$work/runtime"
  mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
  "$exe" "$work/photos" --out "$work/dataset" --classes cat,dog --window 800x600 \
      --key-log "$work/keys.log" >"$work/app.out" 2>"$work/app.err" &
  app=$!
  window=$(timeout 20 xdotool search --sync --onlyvisible --name '^cnnlab-label' 2>/dev/null | head -n 1)
  if [ -z "$window" ]; then
    echo "FAIL: no window titled cnnlab-label* appeared"; kill "$app" 2>/dev/null; exit 1
  fi
  sent=0
  press() {
    xdotool key --window "$window" "$1" 2>>"$work/xdotool.err"
    sent=$((sent + 1))
    for _ in $(seq 1 100); do  # up to 10 s for the app to log the key
      [ "$(wc -l <"$work/keys.log" 2>/dev/null || echo 0)" -ge "$sent" ] && return 0
      sleep 0.1
    done
    echo "FAIL: key $1 was not handled within 10 s"; kill "$app" 2>/dev/null; exit 1
  }
  # a=cat, b=dog, Tab: auto-advance off, c=cat, Right to d, d=dog, Left, undo d's label.
  # Arrows after Tab check the Qt focus fix.
  for key in 1 2 Tab 1 Right 2 Left BackSpace; do press "$key"; done
  sleep 0.5  # let Qt paint the last frame
  import -window root "$work/shot.png" || { echo "FAIL: screenshot"; exit 1; }
  for key in h h r r q; do press "$key"; done
  for _ in $(seq 1 100); do kill -0 "$app" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$app" 2>/dev/null; then echo "FAIL: cnnlab-label did not quit"; kill -9 "$app"; exit 1; fi
  wait "$app"
  exit $?
fi

exe=${1:?usage: window_test.sh CNNLAB_LABEL}
for tool in xvfb-run xdotool import convert; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIP: '$tool' is not installed; the real-window test needs xvfb, xauth, xdotool and imagemagick"
    echo "      (apt-get install xvfb xauth xdotool imagemagick)"
    exit 77
  fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/photos"
convert -size 320x240 plasma:red-yellow "$work/photos/a.png"
convert -size 320x240 plasma:blue-green "$work/photos/b.png"
convert -size 240x320 plasma:red-blue "$work/photos/c.png"
convert -size 320x200 plasma:green-yellow "$work/photos/d.png"

timeout 120 xvfb-run -a -s "-screen 0 1024x768x24 -nolisten tcp" bash "$0" --inside-xvfb "$exe" "$work"
status=$?
echo "--- cnnlab-label stdout:"; cat "$work/app.out" 2>/dev/null
echo "--- cnnlab-label stderr:"; cat "$work/app.err" 2>/dev/null
echo "--- keys handled:"; tr '\n' ' ' <"$work/keys.log" 2>/dev/null; echo
[ "$status" -eq 0 ] || { echo "FAIL: the window session ended with status $status"; exit 1; }

fail=0
check() { if ! eval "$1"; then echo "FAIL: $2"; fail=1; fi; }
check '[ -f "$work/dataset/cat/a.png" ]' "cat/a.png was not exported"
check '[ -f "$work/dataset/dog/b.png" ]' "dog/b.png was not exported"
check '[ -f "$work/dataset/cat/c.png" ]' "cat/c.png was not exported"
check '[ ! -e "$work/dataset/dog/d.png" ]' "dog/d.png was exported although its label was undone"
check '[ "$(wc -l <"$work/dataset/manifest.csv")" -eq 4 ]' "manifest.csv should have a header and 3 rows"
check '[ "$(wc -l <"$work/dataset/split.csv")" -eq 4 ]' "split.csv should have a header and 3 rows"
# A blank screenshot has one color and no spread; the labelling frame has thousands.
colors=$(convert "$work/shot.png" -format '%k' info: 2>/dev/null || echo 0)
spread=$(convert "$work/shot.png" -format '%[fx:int(1000*standard_deviation)]' info: 2>/dev/null || echo 0)
echo "screenshot: $colors colors, standard deviation $spread/1000"
check '[ "$colors" -gt 500 ] && [ "$spread" -gt 30 ]' "the screenshot looks blank"
[ "$fail" -eq 0 ] && echo "PASS: real-window session under Xvfb"
exit "$fail"
