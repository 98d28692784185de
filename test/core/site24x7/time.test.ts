import {
  floorMinute,
  formatMinutes,
  fromWall,
  isTimeZone,
  nextMinute,
  parseDuration,
  parseStart,
  readZone,
  toWall,
} from '../../../src/core/site24x7/time.js';

test.each([
  ['45m', 45],
  ['2h', 120],
  ['1h30m', 90],
  ['1h 30m', 90],
  ['90', 90],
  ['1d', 1440],
  ['1d2h', 1560],
  ['10min', 10],
  ['2H', 120],
])('duration %s is %i minutes', (raw, minutes) => {
  expect(parseDuration(raw)).toBe(minutes);
});

test.each(['', 'm', 'h', '1.5h', '-5m', '30s', '1h30', 'soon', '5m2h'])(
  'duration %p is refused',
  (raw) => {
    expect(parseDuration(raw)).toBeUndefined();
  },
);

test('formatMinutes round-trips through parseDuration', () => {
  for (const m of [1, 45, 60, 90, 1440, 1501, 10080])
    expect(parseDuration(formatMinutes(m))).toBe(m);
});

test('time zones are checked by the runtime', () => {
  expect(isTimeZone('UTC')).toBe(true);
  expect(isTimeZone('Europe/Berlin')).toBe(true);
  expect(isTimeZone('Asia/Kolkata')).toBe(true);
  expect(isTimeZone('Mars/Olympus')).toBe(false);
  expect(isTimeZone('')).toBe(false);
});

test('wall time in a zone, both directions, across DST', () => {
  const t = Date.parse('2026-07-01T10:15:00Z');
  expect(toWall(t, 'UTC')).toEqual({ date: '2026-07-01', time: '10:15' });
  expect(toWall(t, 'Europe/Berlin')).toEqual({ date: '2026-07-01', time: '12:15' });
  expect(toWall(t, 'America/New_York')).toEqual({ date: '2026-07-01', time: '06:15' });
  expect(toWall(t, 'Asia/Kolkata')).toEqual({ date: '2026-07-01', time: '15:45' });
  expect(fromWall('2026-07-01', '12:15', 'Europe/Berlin')).toBe(t);
  expect(fromWall('2026-12-01', '12:15', 'Europe/Berlin')).toBe(Date.parse('2026-12-01T11:15:00Z'));
  // Date change: late evening in New York is the next day in UTC.
  expect(toWall(Date.parse('2026-11-23T02:30:00Z'), 'America/New_York')).toEqual({
    date: '2026-11-22',
    time: '21:30',
  });
  // 2026-03-29 02:30 does not exist in Berlin (clocks jump 02:00 -> 03:00).
  expect(fromWall('2026-03-29', '02:30', 'Europe/Berlin')).toBeUndefined();
  // 2026-10-25 02:30 happens twice; the earlier one is taken.
  expect(fromWall('2026-10-25', '02:30', 'Europe/Berlin')).toBe(Date.parse('2026-10-25T00:30:00Z'));
  expect(fromWall('2026-02-31', '10:00', 'UTC')).toBeUndefined();
  expect(fromWall('2026-13-01', '10:00', 'UTC')).toBeUndefined();
  expect(fromWall('2026-01-01', '24:00', 'UTC')).toBeUndefined();
  expect(fromWall('yesterday', '10:00', 'UTC')).toBeUndefined();
});

test('every minute of a year round-trips in zones with DST and odd offsets', () => {
  // Every 97th minute (so every time of day is hit) of a year, in four zones: the mismatches
  // are collected and compared once, since 43,000 expect calls cost seconds.
  const wrong: Array<{ tz: string; t: string; back?: number }> = [];
  for (const tz of ['Europe/Berlin', 'America/New_York', 'Australia/Adelaide', 'Asia/Kathmandu']) {
    for (
      let t = Date.parse('2026-01-01T00:00:00Z');
      t < Date.parse('2027-01-01T00:00:00Z');
      t += 97 * 60_000
    ) {
      const w = toWall(t, tz);
      const back = fromWall(w.date, w.time, tz);
      // Repeated hours map back to the earlier instant; everything else exactly.
      const near = back === t || back === t - 3_600_000 || back === t - 1_800_000;
      const same = back !== undefined && JSON.stringify(toWall(back, tz)) === JSON.stringify(w);
      if (!near || !same) wrong.push({ tz, t: new Date(t).toISOString(), back });
    }
  }
  expect(wrong).toEqual([]);
});

test('UTC, read without Intl, agrees with Intl in UTC at every minute of a year', () => {
  const wrong: string[] = [];
  for (
    let t = Date.parse('2026-01-01T00:00:00Z');
    t < Date.parse('2027-01-01T00:00:00Z');
    t += 97 * 60_000
  ) {
    const utc = toWall(t, 'UTC');
    if (JSON.stringify(utc) !== JSON.stringify(toWall(t, 'Etc/UTC')))
      wrong.push(new Date(t).toISOString());
    if (fromWall(utc.date, utc.time, 'UTC') !== t - (t % 60_000))
      wrong.push(`back ${utc.date} ${utc.time}`);
  }
  expect(wrong).toEqual([]);
  expect(isTimeZone('UTC')).toBe(true);
  expect(isTimeZone('Mars/Olympus')).toBe(false);
});

test('minute rounding', () => {
  const t = Date.parse('2026-11-22T10:15:42.123Z');
  expect(floorMinute(t)).toBe(Date.parse('2026-11-22T10:15:00Z'));
  expect(nextMinute(Date.parse('2026-11-22T10:15:00Z'))).toBe(Date.parse('2026-11-22T10:16:00Z'));
});

test('start: now, relative, ISO with offset, wall time in the zone', () => {
  const now = Date.parse('2026-11-22T10:15:42Z');
  expect(parseStart('', now, 'UTC')).toBe(now);
  expect(parseStart('now', now, 'UTC')).toBe(now);
  expect(parseStart('+15m', now, 'UTC')).toBe(now + 15 * 60_000);
  expect(parseStart('+1h30m', now, 'UTC')).toBe(now + 90 * 60_000);
  expect(parseStart('2026-11-22T18:00Z', now, 'Europe/Berlin')).toBe(
    Date.parse('2026-11-22T18:00:00Z'),
  );
  expect(parseStart('2026-11-22T18:00:00+01:00', now, 'UTC')).toBe(
    Date.parse('2026-11-22T17:00:00Z'),
  );
  expect(parseStart('2026-11-22 18:00', now, 'Europe/Berlin')).toBe(
    Date.parse('2026-11-22T17:00:00Z'),
  );
  expect(parseStart('2026-11-22T18:00', now, 'UTC')).toBe(Date.parse('2026-11-22T18:00:00Z'));
  for (const bad of ['tomorrow', '+soon', '18:00', '2026-11-22', '2026-11-22T25:00Z'])
    expect(parseStart(bad, now, 'UTC')).toBeUndefined();
});

test('a window zone is read as IANA, as a Java short id, or not at all (never UTC by default)', () => {
  expect(readZone('Europe/Berlin')).toEqual({ ok: true, zone: 'Europe/Berlin' });
  expect(readZone('GMT')).toEqual({ ok: true, zone: 'GMT' });
  expect(readZone('IST')).toMatchObject({ ok: true, zone: 'Asia/Kolkata' });
  expect(readZone('PST')).toMatchObject({ ok: true, zone: 'America/Los_Angeles' });
  expect(readZone('')).toEqual({ ok: false, problem: 'gives it no time zone' });
  expect(readZone('Mars/Olympus')).toMatchObject({ ok: false });
});
