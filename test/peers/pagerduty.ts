/**
 * A loopback PagerDuty for maintenance windows, as strict as its published description
 * (docs/providers.md, "PagerDuty maintenance windows": PagerDuty/api-schema's OpenAPI document
 * and PagerDuty/developer-docs):
 *
 * - the identity service's token endpoint (`/oauth/token`): client credentials in the form,
 *   a scope that must name the account as `as_account-<region>.<subdomain>`; the token works
 *   only in that service region;
 * - every API request needs `Accept: application/vnd.pagerduty+json;version=2`;
 * - services by id and by `query`; maintenance windows: create (type, start_time, end_time,
 *   services required; the end in the future and after the start; a past start becomes now),
 *   get, list by `filter` (past, future, ongoing, open, all) with offset pagination, delete
 *   (a future window is deleted, an ongoing one ends now, an ended one answers 405);
 * - scopes: services.read to read, services.write to create and delete;
 * - errors as PagerDuty writes them: `{"error": {"message", "code", "errors"}}`.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Fault, SeenRequest } from './site24x7.js';

export interface PdService {
  id: string;
  name: string;
}

export interface PdWindow {
  id: string;
  start: number;
  end: number;
  description: string;
  services: string[];
  deleted?: boolean;
}

export interface PdIncident {
  id: string;
  service: string;
  status: 'triggered' | 'acknowledged' | 'resolved';
}

export interface PagerDutyPeer {
  incidents: PdIncident[];
  origin: string;
  region: 'us' | 'eu';
  subdomain: string;
  client: { id: string; secret: string };
  services: PdService[];
  windows: Map<string, PdWindow>;
  requests: SeenRequest[];
  scopesOf: Map<string, { scopes: string[]; account: string }>;
  minted: string[];
  issue(scopes?: string[], account?: string): string;
  fault?: (req: SeenRequest, n: number) => Fault | undefined;
  apiCalls(writes?: boolean): SeenRequest[];
  close(): Promise<void>;
}

export const PAGERDUTY_SCOPES = ['services.read', 'services.write', 'incidents.read'];
const ACCEPT = 'application/vnd.pagerduty+json;version=2';
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export async function startPagerDuty(region: 'us' | 'eu' = 'us'): Promise<PagerDutyPeer> {
  const sockets = new Set<Socket>();
  const server = createServer();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  let next = 100;
  const peer: PagerDutyPeer = {
    origin: '',
    region,
    subdomain: 'acme',
    client: {
      id: randomBytes(10).toString('hex'),
      secret: `pdcs-${randomBytes(12).toString('hex')}`,
    },
    services: [
      { id: 'PSHOP01', name: 'Shop' },
      { id: 'PBILL02', name: 'Billing' },
      { id: 'PSHIP03', name: 'Shop Shipping' },
    ],
    windows: new Map(),
    incidents: [],
    requests: [],
    scopesOf: new Map(),
    minted: [],
    issue(scopes = PAGERDUTY_SCOPES, account = `as_account-${peer.region}.${peer.subdomain}`) {
      const t = `pd${peer.region}+_${randomBytes(16).toString('hex')}`;
      peer.scopesOf.set(t, { scopes, account });
      return t;
    },
    apiCalls: (writes) =>
      peer.requests.filter((r) => !r.path.startsWith('/oauth/') && (!writes || r.method !== 'GET')),
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };

  const send = (res: ServerResponse, status: number, body?: unknown) => {
    if (body === undefined) {
      res.writeHead(status);
      return void res.end();
    }
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };
  const fail = (
    res: ServerResponse,
    status: number,
    message: string,
    code: number,
    errors?: string[],
  ) => send(res, status, { error: { message, code, ...(errors ? { errors } : {}) } });
  const base = () => `https://${peer.subdomain}.pagerduty.com`;
  const serviceRef = (s: PdService) => ({
    id: s.id,
    type: 'service_reference',
    summary: s.name,
    self: `${peer.origin}/services/${s.id}`,
    html_url: `${base()}/service-directory/${s.id}`,
  });
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const view = (w: PdWindow) => ({
    id: w.id,
    type: 'maintenance_window',
    summary: w.description,
    self: `${peer.origin}/maintenance_windows/${w.id}`,
    html_url: `${base()}/service-directory/maintenance-windows/${w.id}`,
    sequence_number: Number(w.id.slice(2)),
    start_time: iso(w.start),
    end_time: iso(w.end),
    description: w.description,
    services: w.services.map((id) => serviceRef(peer.services.find((s) => s.id === id)!)),
    teams: [],
    created_by: null,
  });
  const stateOf = (w: PdWindow, now: number) =>
    w.end <= now ? 'past' : w.start > now ? 'future' : 'ongoing';

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
      return void res.end(
        f.text ?? JSON.stringify(f.json ?? { error: { message: 'Injected fault', code: 2000 } }),
      );
    }
    const url = new URL(seen.path, 'http://x');
    const now = Date.now();

    if (url.pathname === '/oauth/token') {
      if (seen.method !== 'POST') return send(res, 405, { error: 'method_not_allowed' });
      const form = new URLSearchParams(seen.body);
      if (form.get('grant_type') !== 'client_credentials')
        return send(res, 400, { error: 'unsupported_grant_type' });
      if (
        form.get('client_id') !== peer.client.id ||
        form.get('client_secret') !== peer.client.secret
      )
        return send(res, 401, { error: 'invalid_client' });
      const asked = (form.get('scope') ?? '').split(' ').filter(Boolean);
      const account = asked.find((s) => s.startsWith('as_account-'));
      if (!account || !/^as_account-(us|eu)\.[a-z0-9-]+$/.test(account))
        return send(res, 400, {
          error: 'invalid_scope',
          error_description: 'the scope must name the account: as_account-<region>.<subdomain>',
        });
      const scopes = asked.filter((s) => s !== account);
      if (!scopes.every((s) => PAGERDUTY_SCOPES.includes(s)))
        return send(res, 400, { error: 'invalid_scope' });
      const token = peer.issue(scopes, account);
      peer.minted.push(token);
      return send(res, 200, {
        access_token: token,
        token_type: 'bearer',
        expires_in: 86400,
        scope: [account, ...scopes].join(' '),
      });
    }

    if ((seen.headers.accept ?? '') !== ACCEPT)
      return fail(res, 406, 'Not Acceptable', 2000, [`Accept must be ${ACCEPT}`]);
    const auth = /^Bearer (\S+)$/.exec(seen.headers.authorization ?? '')?.[1];
    const grant = auth ? peer.scopesOf.get(auth) : undefined;
    // A token for another account or service region is not one this region knows.
    if (!grant || grant.account !== `as_account-${peer.region}.${peer.subdomain}`)
      return fail(res, 401, 'Unauthorized', 2006);
    const need = (scope: string) => {
      if (grant.scopes.includes(scope)) return false;
      fail(res, 403, 'Forbidden', 2010, [`Access to this resource requires the ${scope} scope`]);
      return true;
    };
    const limit = Math.min(100, Number(url.searchParams.get('limit') ?? 25));
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const page = <T>(key: string, all: T[]) =>
      send(res, 200, {
        [key]: all.slice(offset, offset + limit),
        limit,
        offset,
        more: offset + limit < all.length,
        total: null,
      });

    const serviceId = /^\/services\/([^/]+)$/.exec(url.pathname)?.[1];
    if (serviceId && seen.method === 'GET') {
      if (need('services.read')) return;
      const s = peer.services.find((x) => x.id === decodeURIComponent(serviceId));
      return s
        ? send(res, 200, { service: { ...serviceRef(s), type: 'service', name: s.name } })
        : fail(res, 404, 'Not Found', 2100);
    }
    if (url.pathname === '/services' && seen.method === 'GET') {
      if (need('services.read')) return;
      const q = url.searchParams.get('query')?.toLowerCase() ?? '';
      return page(
        'services',
        peer.services
          .filter((s) => s.name.toLowerCase().includes(q))
          .map((s) => ({ ...serviceRef(s), type: 'service', name: s.name })),
      );
    }
    if (url.pathname === '/incidents' && seen.method === 'GET') {
      if (need('incidents.read')) return;
      const services = url.searchParams.getAll('service_ids[]');
      const statuses = url.searchParams.getAll('statuses[]');
      if (statuses.some((x) => !['triggered', 'acknowledged', 'resolved'].includes(x)))
        return fail(res, 400, 'Invalid Input Provided', 2001, ['statuses is invalid']);
      return page(
        'incidents',
        peer.incidents
          .filter(
            (i) =>
              (!services.length || services.includes(i.service)) &&
              (!statuses.length || statuses.includes(i.status)),
          )
          .map((i) => ({
            id: i.id,
            type: 'incident',
            status: i.status,
            title: `Incident ${i.id}`,
            service: serviceRef(peer.services.find((x) => x.id === i.service)!),
          })),
      );
    }
    if (url.pathname === '/maintenance_windows' && seen.method === 'POST') {
      if (need('services.write')) return;
      let body: { maintenance_window?: Record<string, unknown> };
      try {
        body = JSON.parse(seen.body) as typeof body;
      } catch {
        return fail(res, 400, 'Invalid Input Provided', 2001, ['The request body is not JSON']);
      }
      const w = body?.maintenance_window;
      if (!w)
        return fail(res, 400, 'Invalid Input Provided', 2001, ['maintenance_window is required']);
      const errors: string[] = [];
      if (w.type !== 'maintenance_window') errors.push('Type must be maintenance_window');
      for (const k of ['start_time', 'end_time'])
        if (typeof w[k] !== 'string' || !DATE_TIME.test(w[k] as string))
          errors.push(`${k} must be an ISO 8601 date-time`);
      const services = Array.isArray(w.services)
        ? (w.services as Array<{ id?: unknown; type?: unknown }>)
        : [];
      if (!services.length) errors.push('Services must contain at least one service');
      for (const s of services)
        if (s.type !== 'service_reference' || !peer.services.some((x) => x.id === s.id))
          errors.push(`Service ${String(s.id)} not found`);
      if (errors.length) return fail(res, 400, 'Invalid Input Provided', 2001, errors);
      const start = Math.max(Date.parse(w.start_time as string), now);
      const end = Date.parse(w.end_time as string);
      if (end <= now)
        return fail(res, 400, 'Invalid Input Provided', 2001, ['End time must be in the future']);
      if (end <= start)
        return fail(res, 400, 'Invalid Input Provided', 2001, [
          'End time must be after start time',
        ]);
      const pw: PdWindow = {
        id: `PW${String(next++).padStart(5, '0')}`,
        start,
        end,
        description: typeof w.description === 'string' ? w.description : '',
        services: services.map((s) => s.id as string),
      };
      peer.windows.set(pw.id, pw);
      return send(res, 201, { maintenance_window: view(pw) });
    }
    if (url.pathname === '/maintenance_windows' && seen.method === 'GET') {
      if (need('services.read')) return;
      const filter = url.searchParams.get('filter') ?? 'all';
      if (!['past', 'future', 'ongoing', 'open', 'all'].includes(filter))
        return fail(res, 400, 'Invalid Input Provided', 2001, ['filter is invalid']);
      const all = [...peer.windows.values()]
        .filter((w) => !w.deleted)
        .filter((w) => {
          const s = stateOf(w, now);
          return filter === 'all' || s === filter || (filter === 'open' && s !== 'past');
        });
      return page('maintenance_windows', all.map(view));
    }
    const windowId = /^\/maintenance_windows\/([^/]+)$/.exec(url.pathname)?.[1];
    if (windowId) {
      const w = peer.windows.get(decodeURIComponent(windowId));
      if (seen.method === 'GET') {
        if (need('services.read')) return;
        return w && !w.deleted
          ? send(res, 200, { maintenance_window: view(w) })
          : fail(res, 404, 'Not Found', 2100);
      }
      if (seen.method === 'DELETE') {
        if (need('services.write')) return;
        if (!w || w.deleted) return fail(res, 404, 'Not Found', 2100);
        const s = stateOf(w, now);
        if (s === 'past')
          return fail(res, 405, 'Method Not Allowed', 2000, [
            'The maintenance window has already ended',
          ]);
        if (s === 'future') w.deleted = true;
        else w.end = now;
        return send(res, 204);
      }
    }
    return fail(res, 404, 'Not Found', 2100);
  });

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  peer.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return peer;
}
