// A hybrid logical clock (Kulkarni et al.): wall-clock milliseconds, a counter for events in
// the same millisecond (or while the wall clock lags one seen from another machine), and the
// machine id to break ties. Stamps from every machine are totally ordered, a stamp is always
// later than every stamp its machine had seen, and a clock that runs behind cannot make a
// later decision lose to an earlier one it has already seen.

// Two guards make a stamp from outside harmless: a stamp further ahead of this machine's clock
// than MAX_AHEAD_MS is refused (it would win every later edit everywhere), and a counter never
// runs past its digits (the wall part moves on by a millisecond instead).
//
// A machine whose clock runs ahead would freeze the others' wall part at its stamps, leaving
// their later edits ordered by counter alone; so each machine carries the largest skew it has
// observed as an offset to its own wall clock, and edits between machines keep their physical
// order (see `observedOffset`).

const DAY_MS = 24 * 3600_000;

/** The furthest ahead of this machine's clock that another machine's stamp is believed. */
export const MAX_AHEAD_MS = 2 * DAY_MS;

/** The largest counter the text form holds. */
export const MAX_COUNTER = 99_999_999;

export interface Hlc {
  wall: number;
  counter: number;
  machine: string;
}

/** The stamp for a local event at wall time `now`, after `last` (this machine's latest). */
export function tick(last: Hlc, now: number): Hlc {
  if (now > last.wall) return { wall: now, counter: 0, machine: last.machine };
  return bounded(last.wall, last.counter + 1, last.machine);
}

/** A stamp whose counter fits its digits: past them, the next millisecond. */
function bounded(wall: number, counter: number, machine: string): Hlc {
  return counter > MAX_COUNTER ? { wall: wall + 1, counter: 0, machine } : { wall, counter, machine };
}

/**
 * This machine's offset after seeing a stamp of `remoteWall` when its own clock says `now`:
 * the largest skew observed so far (never negative, never past MAX_AHEAD_MS).
 */
export function observedOffset(offset: number, remoteWall: number, now: number): number {
  return Math.max(offset, Math.min(remoteWall - now, MAX_AHEAD_MS));
}

/** Why a stamp from another machine is refused, or null when it is believable. */
export function stampProblem(stamp: Hlc, now: number): string | null {
  if (stamp.wall - now > MAX_AHEAD_MS) {
    const days = Math.round((stamp.wall - now) / DAY_MS);
    return `its clock stamp is ${days.toLocaleString('en')} days ahead of this machine's clock (more than ${MAX_AHEAD_MS / DAY_MS} days is not believed)`;
  }
  return null;
}

/** This machine's clock after seeing `remote` at wall time `now`. */
export function receive(last: Hlc, remote: Hlc, now: number): Hlc {
  const wall = Math.max(last.wall, remote.wall, now);
  let counter = 0;
  if (wall === last.wall && wall === remote.wall) counter = Math.max(last.counter, remote.counter) + 1;
  else if (wall === last.wall) counter = last.counter + 1;
  else if (wall === remote.wall) counter = remote.counter + 1;
  return bounded(wall, counter, last.machine);
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
