#!/bin/bash
# The README's picture of what a phone's calendar shows: GNOME Calendar (the calendar app of Linux
# phones running Phosh) at a phone's width under Xvfb, reading through the Evolution data server
# the events that the extension's own code pushed into Radicale (push-events.mjs). Not a test.
# Needs Debian's radicale gnome-calendar evolution-data-server xvfb dbus-x11 xdotool imagemagick.
# Usage: bash scripts/phone-calendar/shoot.sh   (writes docs/screenshots/phone-calendar-*.png)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
PORT=5232
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

TZ=Asia/Shanghai node "$ROOT/scripts/phone-calendar/push-events.mjs" "$WORK/radicale" "$PORT" > "$WORK/push.log" 2>&1 &
for _ in $(seq 100); do grep -q '^ready' "$WORK/push.log" && break; sleep 0.2; done
grep -q '^ready' "$WORK/push.log" || { cat "$WORK/push.log"; exit 1; }

# The calendar as the phone's account settings would add it: CalDAV, that server, that calendar.
mkdir -p "$WORK/home/.config/evolution/sources"
cat > "$WORK/home/.config/evolution/sources/repay.source" <<SOURCE
[Data Source]
DisplayName=还款提醒
Enabled=true
Parent=caldav-stub

[Authentication]
Host=127.0.0.1
Method=none
Port=$PORT
RememberPassword=false
User=

[Calendar]
BackendName=caldav
Color=#1c71d8
Selected=true

[Security]
Method=none

[WebDAV Backend]
DisplayName=还款提醒
ResourcePath=/repay/repay-reminders/
SOURCE

cat > "$WORK/session.sh" <<'SESSION'
set -u
Xvfb :99 -screen 0 1024x800x24 -nolisten tcp &
sleep 1
export DISPLAY=:99 GSK_RENDERER=cairo GDK_BACKEND=x11 NO_AT_BRIDGE=1
/usr/libexec/evolution-source-registry &
sleep 3
/usr/libexec/evolution-calendar-factory -r &
sleep 3
gnome-calendar &
sleep 25
# A phone's screen: 412 × 780 (no window manager here, so the window is sized directly).
WINDOW=$(xdotool search --onlyvisible --name Calendar | head -1)
xdotool windowsize "$WINDOW" 412 780
sleep 3
xdotool getwindowgeometry "$WINDOW"
import -window "$WINDOW" "$OUT/phone-calendar-today.png"
# The payment's day (15 December) in the month above the list.
xdotool mousemove 181 222 click 1
sleep 3
import -window "$WINDOW" "$OUT/phone-calendar-due-day.png"
kill $(jobs -p)
SESSION
mkdir -p "$WORK/runtime" && chmod 700 "$WORK/runtime"
HOME="$WORK/home" XDG_RUNTIME_DIR="$WORK/runtime" TZ=Asia/Shanghai LANG=C.UTF-8 OUT="$ROOT/docs/screenshots" \
  dbus-run-session -- bash "$WORK/session.sh" > "$WORK/session.log" 2>&1 || { tail -20 "$WORK/session.log"; exit 1; }
grep -A2 '^Window' "$WORK/session.log" || true
echo "wrote $ROOT/docs/screenshots/phone-calendar-today.png and phone-calendar-due-day.png"
