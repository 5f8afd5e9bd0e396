// A hybrid logical clock (Kulkarni et al.): wall-clock milliseconds, a counter for events in
// the same millisecond (or while the wall clock lags one seen from another machine), and the
// machine id to break ties. Stamps from every machine are totally ordered, a stamp is always
// later than every stamp its machine had seen, and a clock that runs behind cannot make a
// later decision lose to an earlier one it has already seen.

export interface Hlc {
  wall: number;
  counter: number;
  machine: string;
}

/** The stamp for a local event at wall time `now`, after `last` (this machine's latest). */
export function tick(last: Hlc, now: number): Hlc {
  if (now > last.wall) return { wall: now, counter: 0, machine: last.machine };
  return { wall: last.wall, counter: last.counter + 1, machine: last.machine };
}

/** This machine's clock after seeing `remote` at wall time `now`. */
export function receive(last: Hlc, remote: Hlc, now: number): Hlc {
  const wall = Math.max(last.wall, remote.wall, now);
  let counter = 0;
  if (wall === last.wall && wall === remote.wall) counter = Math.max(last.counter, remote.counter) + 1;
  else if (wall === last.wall) counter = last.counter + 1;
  else if (wall === remote.wall) counter = remote.counter + 1;
  return { wall, counter, machine: last.machine };
}

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 8;

/** A fixed-width text form whose string order is the clock order. */
export function encodeHlc(stamp: Hlc): string {
  return `${String(stamp.wall).padStart(WALL_DIGITS, '0')}.${String(stamp.counter).padStart(COUNTER_DIGITS, '0')}.${stamp.machine}`;
}

const ENCODED = /^(\d{15})\.(\d{8})\.([0-9a-f-]{36})$/;

/** The stamp encoded in `text`, or null when it is not one. */
export function decodeHlc(text: string): Hlc | null {
  const match = ENCODED.exec(text);
  if (!match) return null;
  return { wall: Number(match[1]), counter: Number(match[2]), machine: match[3]! };
}
