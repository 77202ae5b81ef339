/**
 * The stamp every synced record carries: a hybrid logical clock (wall milliseconds, a counter,
 * the device's id), written `2026-12-06T08:25:30.123Z-0000-0123456789abcdef`. Strings of this
 * form sort in the order of the clock: later wall time first, then counter, then device, so two
 * devices order the same pair of edits alike. The counter keeps stamps increasing when the wall
 * clock stands still or goes back (a clock set back by hand, two writes in one millisecond).
 *
 * Pure: the wall time is a parameter, never read here.
 */

export interface ClockState {
  /** The largest wall time seen, epoch ms. */
  wall: number;
  counter: number;
}

export interface Rev extends ClockState {
  device: string;
}

const MAX_COUNTER = 0xffff;
const DEVICE = /^[0-9a-f]{16}$/;
const REV = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9a-f]{4})-([0-9a-f]{16})$/;

/** A new device id: 16 random hex digits, made once per browser profile. */
export function newDeviceId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function isDeviceId(value: unknown): value is string {
  return typeof value === 'string' && DEVICE.test(value);
}

/**
 * The clock after a local event at wall time `now`: the wall part never goes back, and the
 * counter tells apart events within one millisecond. Past 65,535 events in one millisecond the
 * wall part moves on by one (never reached by hand, but the order must still hold).
 */
export function tick(state: ClockState | undefined, now: number): ClockState {
  const wall = Math.max(state?.wall ?? 0, Math.trunc(now));
  if (state === undefined || wall > state.wall) return { wall, counter: 0 };
  if (state.counter < MAX_COUNTER) return { wall, counter: state.counter + 1 };
  return { wall: wall + 1, counter: 0 };
}

/** The clock after a remote stamp was received (for sync): never behind what it has seen. */
export function receive(state: ClockState | undefined, remote: ClockState, now: number): ClockState {
  const local = state ?? { wall: 0, counter: 0 };
  const wall = Math.max(local.wall, remote.wall, Math.trunc(now));
  const counter =
    wall === local.wall && wall === remote.wall
      ? Math.max(local.counter, remote.counter) + 1
      : wall === local.wall
        ? local.counter + 1
        : wall === remote.wall
          ? remote.counter + 1
          : 0;
  return counter > MAX_COUNTER ? { wall: wall + 1, counter: 0 } : { wall, counter };
}

export function formatRev({ wall, counter, device }: Rev): string {
  return `${new Date(wall).toISOString()}-${counter.toString(16).padStart(4, '0')}-${device}`;
}

/** The parts of a stamp, or null for anything that is not one. */
export function parseRev(value: unknown): Rev | null {
  if (typeof value !== 'string') return null;
  const match = REV.exec(value);
  if (!match) return null;
  const [, iso = '', counter = '', device = ''] = match;
  const wall = Date.parse(iso);
  if (!Number.isFinite(wall) || new Date(wall).toISOString() !== iso) return null;
  return { wall, counter: Number.parseInt(counter, 16), device };
}
