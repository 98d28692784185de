/**
 * A loopback Datadog for downtimes, as strict as the API it imitates (docs/providers.md,
 * "Datadog downtimes": Datadog's OpenAPI documents in its API clients, and the clients'
 * recorded cassettes for the answers):
 *
 * - the OAuth token endpoint (`/oauth2/v1/token`, refresh grant, client credentials in the
 *   body, a new refresh token on every use, the old one dead);
 * - API v1 monitors (by id, by name part, by monitor tags) and API v2 downtimes (schedule,
 *   get, list, cancel) with the scope each needs (monitors_read, monitors_downtime);
 * - schedule times must be ISO-8601 with a zero UTC offset; the end must come after the start
 *   and not be past; a scope term without a key is refused ("All values must have a key");
 * - cancelling answers 204, also for a downtime already cancelled; unknown ids 404;
 * - errors as Datadog writes them: `{"errors": ["..."]}`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Fault, SeenRequest } from './site24x7.js';

export interface DatadogMonitor {
  id: number;
  name: string;
  tags: string[];
  /** overall_state (MonitorOverallStates): OK, Alert, Warn, No Data, Unknown, Ignored, Skipped. */
  state?: string;
}

export interface Downtime {
  id: string;
  scope: string;
  monitor_identifier: { monitor_id: number } | { monitor_tags: string[] };
  start: number;
  end?: number;
  message: string | null;
  canceled?: number;
  created: number;
}

export interface DatadogPeer {
  origin: string;
  client: { id: string; secret: string; refreshToken: string };
  monitors: DatadogMonitor[];
  downtimes: Map<string, Downtime>;
  requests: SeenRequest[];
  scopesOf: Map<string, string[]>;
  minted: string[];
  issue(scopes?: string[]): string;
  fault?: (req: SeenRequest, n: number) => Fault | undefined;
  /** Requests to the API (not the token endpoint), without GETs when `writes` is set. */
  apiCalls(writes?: boolean): SeenRequest[];
  statusOf(d: Downtime, now?: number): 'active' | 'scheduled' | 'ended' | 'canceled';
  close(): Promise<void>;
}

export const DATADOG_SCOPES = ['monitors_read', 'monitors_downtime'];

const ZERO_OFFSET_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|\+00:00)$/;

export async function startDatadog(): Promise<DatadogPeer> {
  const sockets = new Set<Socket>();
  const server = createServer();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const peer: DatadogPeer = {
    origin: '',
    client: {
      id: randomUUID(),
      secret: `ddcs-${randomBytes(12).toString('hex')}`,
      refreshToken: `ddrt-${randomBytes(16).toString('hex')}`,
    },
    monitors: [
      { id: 4001, name: 'checkout latency', tags: ['service:shop', 'env:prod'] },
      { id: 4002, name: 'checkout errors', tags: ['service:shop', 'env:prod'] },
      { id: 4003, name: 'billing queue depth', tags: ['service:billing', 'env:prod'] },
    ],
    downtimes: new Map(),
    requests: [],
    scopesOf: new Map(),
    minted: [],
    issue(scopes = DATADOG_SCOPES) {
      const t = `ddat-${randomBytes(16).toString('hex')}`;
      peer.scopesOf.set(t, scopes);
      return t;
    },
    apiCalls: (writes) =>
      peer.requests.filter((r) => r.path.startsWith('/api/') && (!writes || r.method !== 'GET')),
    statusOf(d, now = Date.now()) {
      if (d.canceled !== undefined) return 'canceled';
      if (d.end !== undefined && d.end <= now) return 'ended';
      return d.start > now ? 'scheduled' : 'active';
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };

  const send = (res: ServerResponse, status: number, body?: unknown, headers = {}) => {
    if (body === undefined) {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
      return void res.end();
    }
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const fail = (res: ServerResponse, status: number, ...errors: string[]) =>
    send(res, status, { errors });
  const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');
  const view = (d: Downtime) => ({
    type: 'downtime',
    id: d.id,
    attributes: {
      scope: d.scope,
      monitor_identifier: d.monitor_identifier,
      message: d.message,
      display_timezone: 'UTC',
      status: peer.statusOf(d),
      created: iso(d.created),
      modified: iso(d.canceled ?? d.created),
      canceled: d.canceled === undefined ? null : iso(d.canceled),
      schedule: { start: iso(d.start), end: d.end === undefined ? null : iso(d.end) },
      notify_end_states: ['alert', 'no data', 'warn'],
      notify_end_types: ['expired'],
      mute_first_recovery_notification: false,
    },
  });
  const monitorView = (m: DatadogMonitor) => ({
    id: m.id,
    name: m.name,
    tags: m.tags,
    type: 'query alert',
    query: 'avg(last_5m):avg:trace.http.request.duration{service:shop} > 2',
    overall_state: m.state ?? 'OK',
  });

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
      if ('trickle' in f) return void res.end();
      res.writeHead(f.status, { 'content-type': 'application/json', ...f.headers });
      return void res.end(f.text ?? JSON.stringify(f.json ?? { errors: ['Injected fault'] }));
    }
    const url = new URL(seen.path, 'http://x');

    if (url.pathname === '/oauth2/v1/token') {
      if (seen.method !== 'POST') return fail(res, 405, 'Method Not Allowed');
      const form = new URLSearchParams(seen.body);
      if (
        form.get('client_id') !== peer.client.id ||
        form.get('client_secret') !== peer.client.secret
      )
        return send(res, 401, { error: 'invalid_client' });
      if (form.get('grant_type') !== 'refresh_token')
        return send(res, 400, { error: 'unsupported_grant_type' });
      if (form.get('refresh_token') !== peer.client.refreshToken)
        return send(res, 400, { error: 'invalid_grant' });
      // Rotating: the refresh token just used is dead, a new one comes with the access token.
      peer.client.refreshToken = `ddrt-${randomBytes(16).toString('hex')}`;
      const token = peer.issue();
      peer.minted.push(token);
      return send(res, 200, {
        access_token: token,
        refresh_token: peer.client.refreshToken,
        token_type: 'bearer',
        expires_in: 3600,
        scope: DATADOG_SCOPES.join(' '),
      });
    }

    const auth = /^Bearer (\S+)$/.exec(seen.headers.authorization ?? '')?.[1];
    const scopes = auth ? peer.scopesOf.get(auth) : undefined;
    if (!scopes) return fail(res, 401, 'Unauthorized');
    const need = (scope: string) => {
      if (scopes.includes(scope)) return false;
      fail(res, 403, 'Forbidden');
      return true;
    };

    // API v1 monitors
    const monitorId = /^\/api\/v1\/monitor\/(\d+)$/.exec(url.pathname)?.[1];
    if (monitorId && seen.method === 'GET') {
      if (need('monitors_read')) return;
      const m = peer.monitors.find((x) => x.id === Number(monitorId));
      return m ? send(res, 200, monitorView(m)) : fail(res, 404, 'Monitor not found');
    }
    if (url.pathname === '/api/v1/monitor' && seen.method === 'GET') {
      if (need('monitors_read')) return;
      const name = url.searchParams.get('name')?.toLowerCase();
      const tags = url.searchParams.get('monitor_tags')?.split(',').filter(Boolean) ?? [];
      const size = Number(url.searchParams.get('page_size') ?? 100);
      if (!Number.isInteger(size) || size < 1 || size > 1000)
        return fail(res, 400, 'Invalid page_size');
      const list = peer.monitors.filter(
        (m) =>
          (!name || m.name.toLowerCase().includes(name)) && tags.every((t) => m.tags.includes(t)),
      );
      return send(res, 200, list.slice(0, size).map(monitorView));
    }

    // API v2 downtimes
    if (url.pathname === '/api/v2/downtime' && seen.method === 'POST') {
      if (need('monitors_downtime')) return;
      if (!/^application\/json/.test(seen.headers['content-type'] ?? ''))
        return fail(res, 415, 'Unsupported Media Type');
      let body: { data?: { type?: unknown; attributes?: Record<string, unknown> } };
      try {
        body = JSON.parse(seen.body) as typeof body;
      } catch {
        return fail(res, 400, 'Invalid JSON');
      }
      const a = body?.data?.attributes;
      if (body?.data?.type !== 'downtime' || !a) return fail(res, 400, 'Invalid data type');
      if (typeof a.scope !== 'string' || !a.scope.trim())
        return fail(res, 400, 'scope is required');
      const terms = a.scope.split(/\s+(?:AND|OR)\s+|\s+/).filter(Boolean);
      if (!terms.every((x) => x === '*' || /^[^:]+:.+$/.test(x.replace(/^[-!(]+|\)+$/g, ''))))
        return fail(res, 400, 'All values must have a key');
      const mi = a.monitor_identifier as
        { monitor_id?: unknown; monitor_tags?: unknown } | undefined;
      let identifier: Downtime['monitor_identifier'];
      if (mi && typeof mi.monitor_id === 'number' && mi.monitor_tags === undefined) {
        if (!peer.monitors.some((m) => m.id === mi.monitor_id))
          return fail(res, 400, `Monitor ${String(mi.monitor_id)} not found`);
        identifier = { monitor_id: mi.monitor_id };
      } else if (
        mi &&
        Array.isArray(mi.monitor_tags) &&
        mi.monitor_tags.length > 0 &&
        mi.monitor_tags.every((x) => typeof x === 'string') &&
        mi.monitor_id === undefined
      ) {
        identifier = { monitor_tags: mi.monitor_tags as string[] };
      } else {
        return fail(
          res,
          400,
          'monitor_identifier must have exactly one of monitor_id or monitor_tags',
        );
      }
      const sch = (a.schedule ?? {}) as { start?: unknown; end?: unknown };
      const now = Date.now();
      const parse = (v: unknown, what: string): number | null | string => {
        if (v === undefined || v === null) return null;
        if (typeof v !== 'string' || !ZERO_OFFSET_ISO.test(v))
          return `${what} must be an ISO-8601 time with a UTC offset of zero`;
        return Date.parse(v);
      };
      const start = parse(sch.start, 'schedule.start');
      const end = parse(sch.end, 'schedule.end');
      if (typeof start === 'string') return fail(res, 400, start);
      if (typeof end === 'string') return fail(res, 400, end);
      const startMs = start ?? now;
      if (end !== null && end <= Math.max(startMs, now))
        return fail(res, 400, 'Downtime end must be after its start and in the future');
      if (a.message !== undefined && a.message !== null && typeof a.message !== 'string')
        return fail(res, 400, 'message must be a string');
      const d: Downtime = {
        id: randomUUID(),
        scope: a.scope,
        monitor_identifier: identifier,
        start: startMs,
        end: end ?? undefined,
        message: (a.message as string | undefined) ?? null,
        created: now,
      };
      peer.downtimes.set(d.id, d);
      return send(res, 200, { data: view(d) });
    }
    if (url.pathname === '/api/v2/downtime' && seen.method === 'GET') {
      if (need('monitors_read')) return;
      const limit = Number(url.searchParams.get('page[limit]') ?? 30);
      const offset = Number(url.searchParams.get('page[offset]') ?? 0);
      const current = url.searchParams.get('current_only') === 'true';
      const all = [...peer.downtimes.values()].filter(
        (d) => !current || ['active', 'scheduled'].includes(peer.statusOf(d)),
      );
      return send(res, 200, {
        data: all.slice(offset, offset + limit).map(view),
        meta: { page: { total_filtered_count: all.length, total_count: peer.downtimes.size } },
      });
    }
    const downtimeId = /^\/api\/v2\/downtime\/([^/]+)$/.exec(url.pathname)?.[1];
    if (downtimeId) {
      const id = decodeURIComponent(downtimeId);
      if (seen.method === 'GET') {
        if (need('monitors_read')) return;
        if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id))
          return fail(res, 400, 'Invalid downtime id');
        const d = peer.downtimes.get(id);
        return d ? send(res, 200, { data: view(d) }) : fail(res, 404, `Downtime ${id} not found`);
      }
      if (seen.method === 'DELETE') {
        if (need('monitors_downtime')) return;
        const d = peer.downtimes.get(id);
        if (!d) return fail(res, 404, `Downtime ${id} not found`);
        d.canceled ??= Date.now();
        return send(res, 204);
      }
    }
    return fail(res, 404, 'Not Found');
  });

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  peer.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return peer;
}
