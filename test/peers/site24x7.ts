/**
 * A Site24x7 API and its Zoho token endpoint on 127.0.0.1, keeping real state: monitors,
 * groups, tags, current status, and maintenance windows created, updated and deleted. It
 * checks every request as Site24x7 would (Zoho-oauthtoken auth with a token it issued, the
 * version 2.0 Accept header, JSON bodies, field formats, selection_type consistency, IDs
 * that exist) and answers in Site24x7's shapes and error format. Faults can be injected.
 *
 * No more forgiving than the real service (docs/providers.md has the sources):
 * - each call needs its OAuth scope (or its group's .All), else 403 with error_code 1121;
 * - current_status leaves out suspended and APM monitors unless suspended_required=true and
 *   apm_required=true are sent;
 * - a monitor inside a running maintenance window reports state 7 (maintenance), not its
 *   health (the conservative reading: Site24x7 documents real-time status only for its
 *   Maintenance Monitors view);
 * - a PUT is a whole window: a field left out takes the API's default (subgroup_monitors:
 *   true), and a GET does not echo subgroup_monitors.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { trickle } from './stub.js';

export interface PeerMonitor {
  monitor_id: string;
  display_name: string;
  type: string;
  monitor_groups: string[];
  tag_ids: string[];
}
export interface PeerGroup {
  group_id: string;
  display_name: string;
  monitors: string[];
}
export interface PeerTag {
  tag_id: string;
  tag_name: string;
  tag_value: string;
}
export type Window = Record<string, unknown> & { maintenance_id: string };

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Fault =
  | { status: number; headers?: Record<string, string>; json?: unknown; text?: string }
  | { reset: true }
  | { hang: true }
  | { trickle: string; everyMs: number };

/** The scope each call needs, as Site24x7's API reference gives it. */
const SCOPE_OF: Array<[string, RegExp, string]> = [
  ['GET', /^\/monitors$/, 'Site24x7.Admin.Read'],
  ['GET', /^\/monitor_groups$/, 'Site24x7.Admin.Read'],
  ['GET', /^\/tags$/, 'Site24x7.Admin.Read'],
  ['GET', /^\/current_status$/, 'Site24x7.Reports.Read'],
  ['GET', /^\/maintenance(\/\d+)?$/, 'Site24x7.Operations.Read'],
  ['POST', /^\/maintenance$/, 'Site24x7.Operations.Create'],
  ['PUT', /^\/maintenance\/\d+$/, 'Site24x7.Operations.Update'],
  ['DELETE', /^\/maintenance\/\d+$/, 'Site24x7.Operations.Delete'],
];

export const ALL_SCOPES = [
  'Site24x7.Admin.Read',
  'Site24x7.Operations.All',
  'Site24x7.Reports.Read',
];

/** Epoch ms of a wall time in an IANA zone (the peer's own conversion). */
export function wallToMs(date: string, time: string, zone: string): number {
  const guess = Date.parse(`${date}T${time}:00Z`);
  const offset = (at: number) => {
    const p = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      })
        .formatToParts(at)
        .map((x) => [x.type, x.value]),
    );
    return Date.parse(`${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}Z`) - at;
  };
  const first = guess - offset(guess);
  return guess - offset(first);
}

export interface Site24x7Peer {
  origin: string;
  apiUrl: string;
  tokenUrl: string;
  client: { id: string; secret: string; refreshToken: string; scopes: string[] };
  /** Scopes of each access token the peer issued. */
  scopesOf: Map<string, string[]>;
  monitors: PeerMonitor[];
  groups: PeerGroup[];
  tags: PeerTag[];
  status: Map<string, number>;
  windows: Map<string, Window>;
  requests: SeenRequest[];
  /** Access tokens the API accepts. */
  tokens: Set<string>;
  /** TCP connections accepted so far. */
  connections: number;
  minted: string[];
  /** Issue a valid access token without the token endpoint (default: every scope). */
  issue(scopes?: string[]): string;
  /** Called before each request is handled: return a fault to answer with instead. */
  fault?: (req: SeenRequest, n: number) => Fault | undefined;
  /**
   * Zoho's limit, imitated so practice shows it: at most `limit` access-token requests per
   * refresh token per `windowMs` (Zoho: 10 per 10 minutes), then its throttle answer (HTTP
   * 200, status failure) until the oldest request leaves the window. False: no limit.
   */
  throttle: { limit: number; windowMs: number } | false;
  /** Added to the peer's clock (ms): lets a demo or test see a window after it has ended. */
  clockOffsetMs: number;
  /**
   * How long an access token from the token endpoint lives, in seconds (Zoho: 3600); the API
   * refuses it after that, as Site24x7 does (401, code 1002).
   */
  tokenLifeSeconds: number;
  /** Called on each GET /current_status, with its count (1-based), before answering. */
  onStatusRead?: (n: number) => void;
  /** Require this zaaid cookie. */
  customerId?: string;
  /**
   * How a read (GET /maintenance, GET /maintenance/{id}) names a window's zone, which no
   * public source settles: as stored (an IANA name), as one of Java's short ids (PST, IST, JST,
   * as Site24x7's and its Terraform provider's examples write zones), or not at all.
   */
  zoneOnRead: 'as-stored' | 'short-id' | 'missing';
  /**
   * Whether a PUT honours its `timezone` (true) or reads the new wall times in the window's
   * own zone (false): the API reference lists `timezone` for POST only.
   */
  putHonoursZone: boolean;
  /** Requests to the API (not the token endpoint), without GETs when `writes` is set. */
  apiCalls(writes?: boolean): SeenRequest[];
  close(): Promise<void>;
}

const ACCEPT = 'application/json; version=2.0';
/** Java's short ids for the zones the tests use, both ways. */
const SHORT_IDS: Record<string, string> = {
  PST: 'America/Los_Angeles',
  IST: 'Asia/Kolkata',
  JST: 'Asia/Tokyo',
};
const SHORT_OF = Object.fromEntries(Object.entries(SHORT_IDS).map(([a, b]) => [b, a]));
const ianaOf = (z: string) => SHORT_IDS[z] ?? z;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export const DEFAULT_MONITORS: PeerMonitor[] = [
  mon('100000000001', 'shop-web', ['200000000001'], ['300000000001']),
  mon('100000000002', 'shop-api', ['200000000001'], ['300000000001']),
  mon('100000000003', 'shop-db', ['200000000002'], ['300000000002']),
  mon('100000000004', 'billing', [], []),
  mon('100000000005', 'billing', [], []),
];

function mon(id: string, name: string, groups: string[], tags: string[]): PeerMonitor {
  return { monitor_id: id, display_name: name, type: 'URL', monitor_groups: groups, tag_ids: tags };
}

export async function startSite24x7(): Promise<Site24x7Peer> {
  const sockets = new Set<Socket>();
  const server = createServer();
  server.on('connection', (s) => {
    peer.connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  let nextId = 900000000001;
  /** When each access-token request of the current throttle window was answered. */
  const mintTimes: number[] = [];
  /** When each minted access token expires (peer clock, ms). */
  const expiry = new Map<string, number>();
  let statusReads = 0;
  const peer: Site24x7Peer = {
    origin: '',
    apiUrl: '',
    tokenUrl: '',
    client: {
      id: '1000.PEERCLIENT0123456789',
      secret: `cs-${randomBytes(12).toString('hex')}`,
      refreshToken: `1000.${randomBytes(16).toString('hex')}.${randomBytes(16).toString('hex')}`,
      scopes: [...ALL_SCOPES],
    },
    scopesOf: new Map(),
    clockOffsetMs: 0,
    throttle: { limit: 10, windowMs: 10 * 60_000 },
    tokenLifeSeconds: 3600,
    zoneOnRead: 'as-stored',
    putHonoursZone: true,
    monitors: structuredClone(DEFAULT_MONITORS),
    groups: [
      {
        group_id: '200000000001',
        display_name: 'Shop frontends',
        monitors: ['100000000001', '100000000002'],
      },
      { group_id: '200000000002', display_name: 'Databases', monitors: ['100000000003'] },
    ],
    tags: [
      { tag_id: '300000000001', tag_name: 'env', tag_value: 'prod' },
      { tag_id: '300000000002', tag_name: 'tier', tag_value: 'data' },
    ],
    status: new Map([
      ['100000000001', 1],
      ['100000000002', 1],
      ['100000000003', 1],
      ['100000000004', 1],
      ['100000000005', 1],
    ]),
    windows: new Map(),
    requests: [],
    tokens: new Set(),
    connections: 0,
    minted: [],
    issue(scopes = ALL_SCOPES) {
      const t = `1000.${randomBytes(16).toString('hex')}.${randomBytes(16).toString('hex')}`;
      peer.tokens.add(t);
      peer.scopesOf.set(t, scopes);
      return t;
    },
    apiCalls: (writes) =>
      peer.requests.filter((r) => r.path.startsWith('/api/') && (!writes || r.method !== 'GET')),
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };

  const send = (
    res: ServerResponse,
    status: number,
    json: unknown,
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', ...headers });
    res.end(JSON.stringify(json));
  };
  const ok = (res: ServerResponse, data: unknown) =>
    send(res, 200, { code: 0, message: 'success', data });
  const err = (
    res: ServerResponse,
    status: number,
    code: number,
    message: string,
    info: unknown = {},
  ) => send(res, status, { error_code: code, message, error_info: info });

  /** Monitors inside a window that is running now (one-off windows). */
  function coveredByRunningWindows(): Set<string> {
    const now = Date.now() + peer.clockOffsetMs;
    const covered = new Set<string>();
    for (const w of peer.windows.values()) {
      const tz = String(w.timezone);
      const start = wallToMs(String(w.start_date), String(w.start_time), tz);
      const end = wallToMs(String(w.end_date), String(w.end_time), tz);
      if (!(now >= start && now < end)) continue;
      const ids = (k: string) => (Array.isArray(w[k]) ? (w[k] as string[]) : []);
      for (const id of ids('monitors')) covered.add(id);
      for (const g of ids('monitor_groups'))
        for (const mon of peer.groups.find((x) => x.group_id === g)?.monitors ?? [])
          covered.add(mon);
      for (const tag of ids('tags'))
        for (const mon of peer.monitors) if (mon.tag_ids.includes(tag)) covered.add(mon.monitor_id);
    }
    return covered;
  }

  function validateWindow(b: Record<string, unknown>): string | undefined {
    if (typeof b.display_name !== 'string' || !b.display_name.trim())
      return 'display_name is required';
    if (![2, 3].includes(b.maintenance_type as number)) return 'maintenance_type must be 2 or 3';
    for (const k of ['start_date', 'end_date'])
      if (!DATE.test(String(b[k]))) return `${k} must be yyyy-mm-dd`;
    for (const k of ['start_time', 'end_time'])
      if (!TIME.test(String(b[k]))) return `${k} must be HH:mm`;
    if (typeof b.timezone !== 'string') return 'timezone is required';
    try {
      new Intl.DateTimeFormat('en', { timeZone: ianaOf(b.timezone) });
    } catch {
      return 'timezone is invalid';
    }
    if (`${b.start_date} ${b.start_time}` >= `${b.end_date} ${b.end_time}`)
      return 'end must be after start';
    const key = { 1: 'monitor_groups', 2: 'monitors', 3: 'tags' }[b.selection_type as 1 | 2 | 3];
    if (!key) return 'selection_type must be 1, 2 or 3';
    for (const k of ['monitor_groups', 'monitors', 'tags']) {
      const v = b[k];
      if (v === undefined) continue;
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
        return `${k} must be an array of ID strings`;
      if (k !== key && v.length)
        return `${k} given with selection_type ${String(b.selection_type)}`;
    }
    const ids = b[key];
    if (!Array.isArray(ids) || ids.length === 0)
      return `${key} is required for selection_type ${String(b.selection_type)}`;
    const known =
      key === 'monitors'
        ? peer.monitors.map((m) => m.monitor_id)
        : key === 'monitor_groups'
          ? peer.groups.map((g) => g.group_id)
          : peer.tags.map((t) => t.tag_id);
    const unknown = (ids as string[]).filter((i) => !known.includes(i));
    if (unknown.length) return `unknown ${key}: ${unknown.join(',')}`;
    if (b.perform_monitoring !== undefined && typeof b.perform_monitoring !== 'boolean')
      return 'perform_monitoring must be a boolean';
    if (b.subgroup_monitors !== undefined && typeof b.subgroup_monitors !== 'boolean')
      return 'subgroup_monitors must be a boolean';
    return undefined;
  }

  server.on('request', async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const seen: SeenRequest = {
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    const n = peer.requests.length;
    peer.requests.push(seen);
    const f = peer.fault?.(seen, n);
    if (f) {
      if ('reset' in f) return void req.socket.destroy();
      if ('hang' in f) return;
      if ('trickle' in f) return trickle(res, f.trickle, f.everyMs);
      if (f.text !== undefined) {
        res.writeHead(f.status, f.headers ?? {});
        return void res.end(f.text);
      }
      return send(
        res,
        f.status,
        f.json ?? { error_code: f.status, message: 'Injected fault' },
        f.headers,
      );
    }
    const url = new URL(seen.path, 'http://x');

    // Zoho accounts: the refresh grant, errors as HTTP 200.
    if (url.pathname === '/oauth/v2/token') {
      if (seen.method !== 'POST') return send(res, 405, { error: 'method' });
      if (url.search)
        return send(res, 200, { error: 'invalid_request', note: 'credentials in URL' });
      const form = new URLSearchParams(seen.body);
      if (form.get('client_id') !== peer.client.id)
        return send(res, 200, { error: 'invalid_client' });
      if (form.get('client_secret') !== peer.client.secret)
        return send(res, 200, { error: 'invalid_client_secret' });
      if (
        form.get('grant_type') !== 'refresh_token' ||
        form.get('refresh_token') !== peer.client.refreshToken
      )
        return send(res, 200, { error: 'invalid_code' });
      if (peer.throttle) {
        const now = Date.now() + peer.clockOffsetMs;
        const { limit, windowMs } = peer.throttle;
        while (mintTimes.length && mintTimes[0]! <= now - windowMs) mintTimes.shift();
        if (mintTimes.length >= limit) {
          return send(res, 200, {
            error: 'Access Denied',
            error_description:
              'You have made too many requests continuously. Please try again after some time.',
            status: 'failure',
          });
        }
        mintTimes.push(now);
      }
      const t = peer.issue(peer.client.scopes);
      peer.minted.push(t);
      expiry.set(t, Date.now() + peer.clockOffsetMs + peer.tokenLifeSeconds * 1000);
      return send(res, 200, {
        access_token: t,
        api_domain: 'https://www.zohoapis.com',
        token_type: 'Bearer',
        expires_in: peer.tokenLifeSeconds,
      });
    }

    if (!url.pathname.startsWith('/api/')) return err(res, 404, 404, 'Not found');
    const auth = seen.headers.authorization ?? '';
    const m = /^Zoho-oauthtoken (\S+)$/.exec(auth);
    const expired = m && (expiry.get(m[1]!) ?? Infinity) <= Date.now() + peer.clockOffsetMs;
    if (!m || !peer.tokens.has(m[1]!) || expired)
      return err(res, 401, 1002, 'Unauthorized: invalid or expired OAuth token');
    if (seen.headers.accept !== ACCEPT) return err(res, 400, 1003, `Accept must be '${ACCEPT}'`);
    if (
      peer.customerId &&
      !(seen.headers.cookie ?? '').split(/;\s*/).includes(`zaaid=${peer.customerId}`)
    )
      return err(res, 400, 1004, 'Customer not found');
    let body: Record<string, unknown> = {};
    if (seen.method === 'POST' || seen.method === 'PUT') {
      if (!/^application\/json/.test(seen.headers['content-type'] ?? ''))
        return err(res, 415, 1005, 'Content-Type must be JSON');
      try {
        body = JSON.parse(seen.body) as Record<string, unknown>;
      } catch {
        return err(res, 400, 1006, 'Malformed JSON');
      }
    }
    const path = url.pathname.slice(4);
    const winMatch = /^\/maintenance\/(\d+)$/.exec(path);
    const needed = SCOPE_OF.find(([m, re]) => m === seen.method && re.test(path))?.[2];
    const granted = peer.scopesOf.get(m[1]!) ?? [];
    if (needed && !granted.includes(needed) && !granted.includes(needed.replace(/\.\w+$/, '.All')))
      return err(res, 403, 1121, 'OAuth Scope associated to the OAuth Access Token is disallowed.');

    if (seen.method === 'GET' && path === '/monitors') return ok(res, peer.monitors);
    if (seen.method === 'GET' && path === '/monitor_groups') return ok(res, peer.groups);
    if (seen.method === 'GET' && path === '/tags') return ok(res, peer.tags);
    if (seen.method === 'GET' && path === '/current_status') {
      peer.onStatusRead?.(++statusReads);
      const q = url.searchParams;
      const inWindow = coveredByRunningWindows();
      const monitors = peer.monitors
        // Left out unless asked for, as Site24x7 does.
        .filter(
          (x) => q.get('suspended_required') === 'true' || peer.status.get(x.monitor_id) !== 5,
        )
        .filter((x) => q.get('apm_required') === 'true' || !x.type.startsWith('APM'))
        .map((x) => ({
          monitor_id: x.monitor_id,
          name: x.display_name,
          status: inWindow.has(x.monitor_id) ? 7 : peer.status.get(x.monitor_id),
        }));
      return ok(res, { monitors, monitor_groups: [] });
    }
    /** A window as a read shows it (see zoneOnRead). */
    const shown = (w: Window): Window => {
      const { timezone, ...rest } = w;
      if (peer.zoneOnRead === 'missing') return rest as Window;
      const tz = String(timezone);
      return { ...rest, timezone: peer.zoneOnRead === 'short-id' ? (SHORT_OF[tz] ?? tz) : tz };
    };
    if (seen.method === 'GET' && path === '/maintenance')
      return ok(res, [...peer.windows.values()].map(shown));
    if (seen.method === 'POST' && path === '/maintenance') {
      const problem = validateWindow(body);
      if (problem) return err(res, 400, 2101, problem);
      if (body.maintenance_type !== 3) return err(res, 400, 2101, 'only one-off windows here');
      const id = String(nextId++);
      const w: Window = { ...body, timezone: ianaOf(String(body.timezone)), maintenance_id: id };
      peer.windows.set(id, w);
      return ok(res, shown(w));
    }
    if (winMatch) {
      const id = winMatch[1]!;
      const w = peer.windows.get(id);
      if (!w) return err(res, 404, 2009, 'Invalid maintenance ID.');
      if (seen.method === 'GET') {
        // Site24x7 does not echo subgroup_monitors.
        const { subgroup_monitors: _hidden, ...visible } = w;
        void _hidden;
        return ok(res, shown(visible as Window));
      }
      if (seen.method === 'DELETE') {
        peer.windows.delete(id);
        return ok(res, {});
      }
      if (seen.method === 'PUT') {
        const problem = validateWindow(body);
        if (problem) return err(res, 400, 2101, problem);
        // A whole window: what the body leaves out takes the API's defaults.
        const updated: Window = {
          subgroup_monitors: true,
          perform_monitoring: true,
          ...body,
          timezone: peer.putHonoursZone ? ianaOf(String(body.timezone)) : w.timezone,
          maintenance_id: id,
        };
        peer.windows.set(id, updated);
        return ok(res, shown(updated));
      }
    }
    return err(res, 404, 404, `No such API: ${seen.method} ${path}`);
  });

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  peer.origin = `http://127.0.0.1:${port}`;
  peer.apiUrl = `${peer.origin}/api`;
  peer.tokenUrl = `${peer.origin}/oauth/v2/token`;
  return peer;
}
