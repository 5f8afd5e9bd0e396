// When the person was away from the machine, from what the desktop reports: the system's idle
// time (polled), suspend/resume and lock/unlock. Pure: the caller brings the readings and the
// clock; this turns them into away-start / away-end marks, which allocation takes as breaks.
//
// An away period starts when idle time passes the threshold, back-dated to when input stopped;
// it ends when input resumes (back-dated the same way) or at resume/unlock. Readings that jump
// backwards, or a clock that moves back across a suspend, are clamped: marks never go back in
// time, so away periods never overlap and never have a negative length.

export type AwayCause = 'idle' | 'suspend' | 'lock' | 'screensaver';

export interface AwayMark {
  type: 'idle-start' | 'idle-end';
  ts: number;
  /** what said so: idle, suspend, lock, screensaver (and resume, unlock… for an end) */
  detail: string;
}

export class AwayTracker {
  private away: AwayCause | null = null;
  /** nothing is ever marked before the latest mark… */
  private lastMark = -Infinity;
  /** …and the clock never goes back */
  private lastNow = -Infinity;

  /** how long without input counts as away (a setting: it may change between polls) */
  constructor(public thresholdMs: number) {}

  get isAway(): boolean {
    return this.away !== null;
  }

  /** One poll: the system has had no input for `idleMs` at `now`. */
  idle(now: number, idleMs: number): AwayMark[] {
    now = this.clock(now);
    const idle = Number.isFinite(idleMs) && idleMs > 0 ? idleMs : 0;
    const inputAt = Math.max(this.lastMark, now - idle);
    if (this.away === null) {
      if (idle < this.thresholdMs) return [];
      return [this.start('idle', inputAt)];
    }
    // Only idle time ends an idle away; a lock or a suspend ends with its own event.
    if (this.away === 'idle' && idle < this.thresholdMs) return [this.end(inputAt, 'input')];
    return [];
  }

  /** suspend, lock-screen, or the screensaver turning on. */
  leave(now: number, cause: Exclude<AwayCause, 'idle'>): AwayMark[] {
    now = this.clock(now);
    if (this.away === cause) return [];
    // Already idle: the lock or suspend takes over, so that only its end ends the period.
    if (this.away !== null) {
      this.away = cause;
      return [];
    }
    return [this.start(cause, now)];
  }

  /** resume, unlock-screen, or the screensaver turning off. */
  back(now: number, detail: string): AwayMark[] {
    now = this.clock(now);
    if (this.away === null || this.away === 'idle') return [];
    return [this.end(now, detail)];
  }

  private clock(now: number): number {
    this.lastNow = Math.max(now, this.lastNow, this.lastMark);
    return this.lastNow;
  }

  private start(cause: AwayCause, ts: number): AwayMark {
    this.away = cause;
    this.lastMark = ts;
    return { type: 'idle-start', ts, detail: cause };
  }

  private end(ts: number, detail: string): AwayMark {
    this.away = null;
    this.lastMark = ts;
    return { type: 'idle-end', ts, detail };
  }
}
