import { EventEmitter } from 'node:events';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AwayMark } from '../../src/core/time/away';
import { startAwayRecorder, type AwayRecorderOptions } from '../../src/main/away/away-recorder';
import { parseDbusLine, watchDbusAway } from '../../src/main/away/dbus-away';
import { TtService } from '../../src/main/service';
import { tempDir } from '../helpers/temp';
import { seedEvents, seedStream } from '../helpers/time-seed';

// The desktop app's away source, driven through a stand-in for Electron's powerMonitor (the
// same shape the app passes in), with the real polling timer and a controlled clock.

const MIN = 60_000;
const BASE = Date.UTC(2026, 10, 24, 14, 0);
const at = (minutes: number) => BASE + minutes * MIN;

class FakePowerMonitor extends EventEmitter {
  idleSeconds = 0;
  getSystemIdleTime(): number {
    return this.idleSeconds;
  }
}

function recorder(overrides: Partial<AwayRecorderOptions> = {}) {
  const power = new FakePowerMonitor();
  let clock = at(0);
  const marks: AwayMark[] = [];
  const away = startAwayRecorder({
    powerMonitor: power,
    platform: 'darwin',
    env: {},
    now: () => clock,
    thresholdMs: () => 5 * MIN,
    record: (m) => marks.push(...m),
    pollMs: 30_000,
    dbus: null,
    ...overrides,
  });
  /** Moves the clock and lets one poll run, with the idle time the system reports then. */
  const poll = (minutes: number, idleMinutes: number) => {
    clock = at(minutes);
    power.idleSeconds = idleMinutes * 60;
    vi.advanceTimersByTime(30_000);
  };
  const setClock = (minutes: number) => (clock = at(minutes));
  const readable = () => marks.map((m) => [m.type, (m.ts - BASE) / MIN, m.detail]);
  return { power, poll, setClock, marks, readable, away };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the app’s away source', () => {
  it('marks away once idle passes the setting, back-dated to the last input, and back at the next input', () => {
    vi.useFakeTimers();
    const r = recorder();
    r.poll(3, 3); // idle 3 minutes: not yet
    r.poll(8, 6); // idle since 2
    r.poll(14, 12); // still away
    r.poll(15, 0.5); // input at 14.5
    expect(r.readable()).toEqual([
      ['idle-start', 2, 'idle'],
      ['idle-end', 14.5, 'input'],
    ]);
    r.away.stop();
  });

  it('records lock/unlock and suspend/resume, and never goes back in time when readings jump', () => {
    vi.useFakeTimers();
    const r = recorder();
    r.setClock(10);
    r.power.emit('lock-screen');
    r.setClock(20);
    r.power.emit('unlock-screen');
    r.setClock(30);
    r.power.emit('suspend');
    // The clock moved back across the suspend; the idle reading says input stopped long ago.
    r.setClock(25);
    r.power.emit('resume');
    r.poll(26, 600);
    r.poll(27, 0);
    const marks = r.readable();
    expect(marks.slice(0, 4)).toEqual([
      ['idle-start', 10, 'lock'],
      ['idle-end', 20, 'unlock'],
      ['idle-start', 30, 'suspend'],
      ['idle-end', 30, 'resume'],
    ]);
    // every mark at or after the one before: no negative and no overlapping away periods
    for (let i = 1; i < r.marks.length; i++)
      expect(r.marks[i]!.ts).toBeGreaterThanOrEqual(r.marks[i - 1]!.ts);
    expect(r.away.source).toBe('Electron powerMonitor: idle time (polled every 30 s); suspend, lock');
    r.away.stop();
    expect(r.power.listenerCount('suspend')).toBe(0);
  });

  it('says when idle time cannot be read (Wayland) and falls back to D-Bus signals', async () => {
    const bin = tempDir();
    const gdbus = join(bin, 'gdbus');
    // A stand-in for GLib's gdbus: prints what `gdbus monitor --system` prints when the machine sleeps.
    writeFileSync(
      gdbus,
      `#!/bin/sh
case "$*" in
  *login1*)
    echo "Monitoring signals on object paths of org.freedesktop.login1 owned by :1.3"
    echo "/org/freedesktop/login1: org.freedesktop.login1.Manager.PrepareForSleep (true,)"
    echo "/org/freedesktop/login1: org.freedesktop.login1.Manager.PrepareForSleep (false,)"
    ;;
esac
sleep 5
`,
    );
    chmodSync(gdbus, 0o755);
    const marks: AwayMark[] = [];
    let clock = at(0);
    const away = startAwayRecorder({
      powerMonitor: new FakePowerMonitor(),
      platform: 'linux',
      env: { XDG_SESSION_TYPE: 'wayland' },
      now: () => (clock += MIN),
      thresholdMs: () => 5 * MIN,
      record: (m) => marks.push(...m),
      dbus: (onSignal) => watchDbusAway(onSignal, gdbus),
    });
    await vi.waitFor(() => expect(marks).toHaveLength(2), { timeout: 10_000 });
    away.stop();
    expect(marks.map((m) => [m.type, m.detail])).toEqual([
      ['idle-start', 'suspend'],
      ['idle-end', 'wake'],
    ]);
    expect(away.source).toContain('idle time is not readable under Wayland');
    expect(away.source).toContain('D-Bus');
    expect(parseDbusLine('/org/x: org.gnome.ScreenSaver.ActiveChanged (true,)')).toBe('screensaver-on');
    expect(
      parseDbusLine('/org/freedesktop/login1/session/_32: org.freedesktop.login1.Session.Unlock ()'),
    ).toBe('unlock');
    expect(parseDbusLine('anything else')).toBeNull();
  });

  it('away for 12 minutes in the middle of a focus: direct stops at the away start and resumes with the next signal', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const service = TtService.open({ dataDir: tempDir(), env: {}, now: () => at(120) });
    seedStream(service.db, { id: 'A', name: 'Alpha' });
    seedEvents(
      service.db,
      [0, 3, 6, 9, 25, 28].map((m) => ({ ts: at(m), streamId: 'A' })),
    );
    // The app saw no input from minute 10: at the poll at 16 it marks away from 10; input at 22.
    const r = recorder({ record: (marks) => service.recordAway(marks) });
    r.poll(16, 6);
    r.poll(22.5, 0.5);
    r.away.stop();

    const away = (await service.listEvents({})).filter((e) => e.type !== 'pane-focus');
    expect(away.map((e) => [e.type, (e.ts - BASE) / MIN, e.detail])).toEqual([
      ['idle-start', 10, 'idle'],
      ['idle-end', 22, 'input'],
    ]);
    const report = await service.report({ start: at(0), end: at(60), by: 'stream' });
    // 0–10, then 25–33 (the last focus at 28 holds attention for the 5-minute window)
    expect(report.rows.find((row) => row.key === 'A')?.directMs).toBe(18 * MIN);
    service.close();
  });
});
