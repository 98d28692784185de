/**
 * Time for maintenance windows: Site24x7 takes wall-clock dates and times (`yyyy-mm-dd`,
 * `HH:mm`, minute granularity) in a named time zone. Everything here is exact instants in
 * milliseconds plus Intl for the zone arithmetic; no date library needed.
 */

const MINUTE = 60_000;

/** `45m`, `2h`, `1h30m`, `1d`, or a bare number of minutes; returns minutes, or undefined. */
export function parseDuration(raw: string): number | undefined {
  const s = raw.trim().toLowerCase().replace(/\s+/g, '');
  if (/^\d+$/.test(s)) return Number(s);
  const m = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m(?:in)?)?$/.exec(s);
  if (!m || !s || (!m[1] && !m[2] && !m[3])) return undefined;
  return Number(m[1] ?? 0) * 1440 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

/** `90` -> `1h30m`. */
export function formatMinutes(minutes: number): string {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return `${d ? `${d}d` : ''}${h ? `${h}h` : ''}${m || (!d && !h) ? `${m}m` : ''}`;
}

/** Whether the runtime knows this IANA time zone (UTC, the default, without loading Intl's). */
export function isTimeZone(tz: string): boolean {
  if (tz === 'UTC') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a zone a user gives is a full IANA name (Area/Location, Etc/..., or UTC). An
 * abbreviation (JST, IST, CST) or an old alias (Japan) is not: readers disagree on them (Node
 * reads EST as America/Panama; Java, as Site24x7 does, reads BST as Asia/Dhaka). Undefined when
 * it is; otherwise the full name to suggest, when one can be told.
 */
export function abbreviatedZone(tz: string): { suggest?: string } | undefined {
  if (tz === 'UTC' || /^[A-Z][A-Za-z_-]*(\/[A-Za-z0-9_+-]+)+$/.test(tz)) return undefined;
  if (tz.toUpperCase() === 'GMT') return { suggest: 'UTC' };
  const java = JAVA_SHORT_IDS[tz.toUpperCase()];
  if (java) return { suggest: java };
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
    return { suggest: resolved.includes('/') ? resolved : undefined };
  } catch {
    return {};
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

export interface WallTime {
  /** `yyyy-mm-dd` */
  date: string;
  /** `HH:mm` */
  time: string;
}

function wallParts(ms: number, tz: string): Record<string, number> {
  if (tz === 'UTC') {
    // The default zone, read from the instant itself: Intl's first use costs about 15 ms.
    const d = new Date(ms);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
    };
  }
  const out: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return out;
}

/** The wall-clock date and minute of an instant in a time zone. */
export function toWall(ms: number, tz: string): WallTime {
  const p = wallParts(ms, tz);
  const pad = (n: number | undefined, w = 2) => String(n ?? 0).padStart(w, '0');
  return {
    date: `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`,
    time: `${pad(p.hour)}:${pad(p.minute)}`,
  };
}

/**
 * A window's times as its zone's people read them, for messages beside the UTC ones:
 * `2026-12-03 18:00 to 18:45 Asia/Tokyo` (the end's date only when it differs). Empty for UTC.
 */
export function wallRange(startMs: number, endMs: number, tz: string): string {
  if (tz === 'UTC') return '';
  const a = toWall(startMs, tz);
  const b = toWall(endMs, tz);
  return `${a.date} ${a.time} to ${b.date === a.date ? '' : `${b.date} `}${b.time} ${tz}`;
}

/** Offset of the zone from UTC at an instant, in ms (east positive). */
function offsetAt(ms: number, tz: string): number {
  const p = wallParts(ms, tz);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

const WALL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WALL_TIME = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The instant a wall-clock date and time in a zone stands for (the earlier one when a DST
 * change repeats it), or undefined for malformed text.
 */
export function fromWall(date: string, time: string, tz: string): number | undefined {
  const d = WALL_DATE.exec(date.trim());
  const t = WALL_TIME.exec(time.trim());
  if (!d || !t) return undefined;
  const [y, mo, da, h, mi] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as number[];
  if (mo! < 1 || mo! > 12 || da! < 1 || da! > 31 || h! > 23 || mi! > 59) return undefined;
  const guess = Date.UTC(y!, mo! - 1, da!, h!, mi!);
  // The zone's offsets a day either side cover any DST change; of the instants they give,
  // keep those that show this wall time, earliest first. None: a skipped time, or 2026-02-31.
  const want = { date: date.trim(), time: `${t[1]}:${t[2]}` };
  const hits = [offsetAt(guess - 86_400_000, tz), offsetAt(guess + 86_400_000, tz)]
    .map((o) => guess - o)
    .filter((ms) => {
      const w = toWall(ms, tz);
      return w.date === want.date && w.time === want.time;
    })
    .sort((p, q) => p - q);
  return hits[0];
}

export function floorMinute(ms: number): number {
  return Math.floor(ms / MINUTE) * MINUTE;
}

/** The next whole minute strictly after `ms`. */
export function nextMinute(ms: number): number {
  return floorMinute(ms) + MINUTE;
}

/**
 * A start given by the user: `now` or empty, `+15m` (from now), an ISO 8601 date-time with
 * an offset (`2026-11-22T18:00Z`), or a wall-clock `2026-11-22 18:00` in the window's zone.
 * Returns the instant in ms, or undefined when the text is none of these.
 */
export function parseStart(raw: string, now: number, tz: string): number | undefined {
  const s = raw.trim();
  if (!s || s.toLowerCase() === 'now') return now;
  if (s.startsWith('+')) {
    const minutes = parseDuration(s.slice(1));
    return minutes === undefined ? undefined : now + minutes * MINUTE;
  }
  const withOffset =
    /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})$/i.exec(s);
  if (withOffset) {
    const ms = Date.parse(`${withOffset[1]}T${withOffset[2]}${withOffset[3]!.toUpperCase()}`);
    return Number.isNaN(ms) ? undefined : ms;
  }
  const wall = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})$/.exec(s);
  if (wall) return fromWall(wall[1]!, wall[2]!, tz);
  return undefined;
}

/**
 * Java's three-letter zone ids (`java.time.ZoneId.SHORT_IDS`, as the JDK defines them). Zoho's
 * servers are Java, and Site24x7's examples (and its Terraform provider's) use such ids; an
 * IANA name is always preferred, and EST, MST and HST are fixed offsets there as in IANA.
 */
const JAVA_SHORT_IDS: Record<string, string> = {
  ACT: 'Australia/Darwin',
  AET: 'Australia/Sydney',
  AGT: 'America/Argentina/Buenos_Aires',
  ART: 'Africa/Cairo',
  AST: 'America/Anchorage',
  BET: 'America/Sao_Paulo',
  BST: 'Asia/Dhaka',
  CAT: 'Africa/Harare',
  CNT: 'America/St_Johns',
  CST: 'America/Chicago',
  CTT: 'Asia/Shanghai',
  EAT: 'Africa/Addis_Ababa',
  ECT: 'Europe/Paris',
  EST: 'Etc/GMT+5',
  HST: 'Etc/GMT+10',
  IET: 'America/Indiana/Indianapolis',
  IST: 'Asia/Kolkata',
  JST: 'Asia/Tokyo',
  MIT: 'Pacific/Apia',
  MST: 'Etc/GMT+7',
  NET: 'Asia/Yerevan',
  NST: 'Pacific/Auckland',
  PLT: 'Asia/Karachi',
  PNT: 'America/Phoenix',
  PRT: 'America/Puerto_Rico',
  PST: 'America/Los_Angeles',
  SST: 'Pacific/Guadalcanal',
  VST: 'Asia/Ho_Chi_Minh',
};

export type ZoneReading =
  { ok: true; zone: string; note?: string } | { ok: false; problem: string };

/**
 * The IANA zone of a window's wall-clock times, as Site24x7 names it: an IANA name as is (GMT
 * and UTC included), one of Java's short ids read as Java reads it (said in `note`), anything
 * else (or nothing) not read at all: guessing UTC could end a window hours early or late.
 */
export function readZone(raw: string): ZoneReading {
  const z = raw.trim();
  if (!z) return { ok: false, problem: 'gives it no time zone' };
  const java = JAVA_SHORT_IDS[z.toUpperCase()];
  if (java)
    return { ok: true, zone: java, note: `'${z}' read as ${java} (Java's ZoneId.SHORT_IDS)` };
  if (isTimeZone(z)) return { ok: true, zone: z };
  return {
    ok: false,
    problem: `gives its time zone as '${z}', which is neither an IANA zone nor one of Java's short ids`,
  };
}
