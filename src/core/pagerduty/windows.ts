/**
 * PagerDuty maintenance windows (REST API v2) over services chosen by id or by name: resolve
 * them, open one window for all with its end, end it, and find one a crashed step left by the
 * marker in its description.
 *
 * Facts (docs/providers.md, "PagerDuty maintenance windows", from PagerDuty's OpenAPI document
 * and developer docs): requests carry `Accept: application/vnd.pagerduty+json;version=2` and an
 * app token as `Authorization: Bearer`. POST /maintenance_windows needs `type`, `start_time`,
 * `end_time` (in the future, after the start) and `services` (service references); answers 201.
 * DELETE /maintenance_windows/{id} deletes a future window and ends an ongoing one (204); a
 * window that has ended cannot be deleted (405). Scopes: services.read to read services and
 * windows, services.write to create and delete windows. A 429 carries `ratelimit-reset`.
 */
import { StepError } from '../errors.js';
import {
  type JsonApi,
  type JsonApiDialect,
  type JsonMethod,
  secondsHeader,
} from '../net/json-api.js';
import { serverText, t } from '../text.js';
import { utcIso } from '../windows/marker.js';

export const PAGERDUTY_READ_SCOPE = 'services.read';
export const PAGERDUTY_WRITE_SCOPE = 'services.write';
export const PAGERDUTY_REGIONS = {
  us: 'https://api.pagerduty.com',
  eu: 'https://api.eu.pagerduty.com',
} as const;
export type PagerDutyRegion = keyof typeof PAGERDUTY_REGIONS;

const CALL_SCOPES: Array<[JsonMethod, RegExp, string]> = [
  ['GET', /^\/services(\/[^/]+)?$/, PAGERDUTY_READ_SCOPE],
  ['GET', /^\/maintenance_windows(\/[^/]+)?$/, PAGERDUTY_READ_SCOPE],
  ['POST', /^\/maintenance_windows$/, PAGERDUTY_WRITE_SCOPE],
  ['DELETE', /^\/maintenance_windows\/[^/]+$/, PAGERDUTY_WRITE_SCOPE],
  ['GET', /^\/incidents$/, 'incidents.read'],
];

/** A service id as PagerDuty writes them (`PIJ90N7`). */
export const SERVICE_ID = /^P[A-Z0-9]{6,13}$/;

/** `from`: the optional `From` header (a user's email), recorded as who acted. */
export function pagerDutyDialect(from?: string): JsonApiDialect {
  return {
    title: 'PagerDuty API',
    headers: {
      accept: 'application/vnd.pagerduty+json;version=2',
      ...(from ? { from } : {}),
    },
    // {"error": {"message": "...", "code": 2001, "errors": ["..."]}}
    errorText(body) {
      const e = (body as { error?: { message?: unknown; errors?: unknown } } | undefined)?.error;
      if (!e) return undefined;
      const parts = [typeof e.message === 'string' ? e.message : ''];
      if (Array.isArray(e.errors)) parts.push(...e.errors.filter((x) => typeof x === 'string'));
      return parts.filter(Boolean).join(': ') || undefined;
    },
    retryAfterMs: (h) => secondsHeader(h, 'ratelimit-reset'),
    retryAfterHeader: 'ratelimit-reset',
    scopeOf: (method, path) => CALL_SCOPES.find(([m, p]) => m === method && p.test(path))?.[2],
  };
}

export interface PagerDutyService {
  id: string;
  name: string;
}

function serviceOf(s: unknown): PagerDutyService | undefined {
  const o = s as { id?: unknown; name?: unknown; summary?: unknown } | undefined;
  return typeof o?.id === 'string' && SERVICE_ID.test(o.id)
    ? { id: o.id, name: typeof o.name === 'string' ? o.name : String(o.summary ?? '') }
    : undefined;
}

/** Resolve service ids and names; `label` names the input in messages. */
export async function resolveServices(
  api: JsonApi,
  items: string[],
  label: string,
): Promise<PagerDutyService[]> {
  const found = new Map<string, PagerDutyService>();
  for (const item of items) {
    if (SERVICE_ID.test(item)) {
      const a = await api.call({
        method: 'GET',
        path: `/services/${encodeURIComponent(item)}`,
        what: 'service lookup',
        idempotent: true,
        accept: [404],
      });
      const s =
        a.status === 404 ? undefined : serviceOf((a.data as { service?: unknown })?.service);
      if (!s)
        throw new StepError(
          'input',
          t`${label} lists service ${item}, which PagerDuty does not have.`,
        );
      found.set(s.id, s);
      continue;
    }
    const a = await api.call({
      method: 'GET',
      path: `/services?query=${encodeURIComponent(item)}&limit=100`,
      what: 'service lookup',
      idempotent: true,
    });
    const raw = (a.data as { services?: unknown } | undefined)?.services;
    const list = (Array.isArray(raw) ? raw : [])
      .map(serviceOf)
      .filter((s): s is PagerDutyService => !!s);
    const exact = list.filter((s) => s.name === item);
    if (!exact.length) {
      const near = list.slice(0, 3).map((s) => `'${serverText(s.name)}' (${s.id})`);
      throw new StepError(
        'input',
        t`${label} lists the service '${item}', and no PagerDuty service has that exact name.${near.length ? ` Names that match it: ${near.join(', ')}.` : ''}`,
      );
    }
    for (const s of exact) found.set(s.id, s);
  }
  return [...found.values()];
}

export interface PagerDutyPlan {
  startMs: number;
  endMs: number;
  /** Ends with the marker a later lookup finds. */
  description: string;
}

export function windowRequest(plan: PagerDutyPlan, services: PagerDutyService[]) {
  return {
    maintenance_window: {
      type: 'maintenance_window',
      start_time: utcIso(plan.startMs),
      end_time: utcIso(plan.endMs),
      description: plan.description,
      services: services.map((s) => ({ id: s.id, type: 'service_reference' })),
    },
  };
}

/** Open the window; its id and its page in PagerDuty's web app, when the answer gives one. */
export async function openPagerDutyWindow(
  api: JsonApi,
  body: ReturnType<typeof windowRequest>,
): Promise<{ id: string; htmlUrl?: string }> {
  const a = await api.call({
    method: 'POST',
    path: '/maintenance_windows',
    body,
    what: 'maintenance window creation',
    idempotent: false,
  });
  const w = (a.data as { maintenance_window?: { id?: unknown; html_url?: unknown } } | undefined)
    ?.maintenance_window;
  if (typeof w?.id !== 'string' || !/^[A-Z0-9]{1,20}$/.test(w.id)) {
    throw new StepError(
      'protocol',
      'PagerDuty opened the maintenance window but its answer has no window id; end it in PagerDuty (Services > Maintenance Windows).',
    );
  }
  const html =
    typeof w.html_url === 'string' &&
    /^https:\/\/[A-Za-z0-9.-]+(\/[A-Za-z0-9._~/-]*)?$/.test(w.html_url)
      ? w.html_url
      : undefined;
  return { id: w.id, htmlUrl: html };
}

export type PagerDutyEnd = 'ended' | 'deleted' | 'already-over' | 'gone';

/** End a window as PagerDuty's API allows: DELETE deletes a future one and ends an ongoing one. */
export async function endPagerDutyWindow(
  api: JsonApi,
  id: string,
  now: number,
): Promise<PagerDutyEnd> {
  const path = `/maintenance_windows/${encodeURIComponent(id)}`;
  const read = await api.call({
    method: 'GET',
    path,
    what: 'maintenance window lookup',
    idempotent: true,
    accept: [404],
  });
  if (read.status === 404) return 'gone';
  const w = (
    read.data as { maintenance_window?: { start_time?: unknown; end_time?: unknown } } | undefined
  )?.maintenance_window;
  const endMs = typeof w?.end_time === 'string' ? Date.parse(w.end_time) : NaN;
  const startMs = typeof w?.start_time === 'string' ? Date.parse(w.start_time) : NaN;
  if (Number.isFinite(endMs) && endMs <= now) return 'already-over';
  const del = await api.call({
    method: 'DELETE',
    path,
    what: 'maintenance window end',
    idempotent: true,
    accept: [404, 405],
  });
  if (del.status === 404) return 'gone';
  if (del.status === 405) return 'already-over';
  return Number.isFinite(startMs) && startMs > now ? 'deleted' : 'ended';
}

/** A window as a list shows it. */
export interface ListedPagerDutyWindow {
  id: string;
  startMs?: number;
  endMs?: number;
  description: string;
  services: number;
}

/** Open windows (ongoing or future), every page. */
export async function listPagerDutyWindows(api: JsonApi): Promise<ListedPagerDutyWindow[]> {
  const out: ListedPagerDutyWindow[] = [];
  const limit = 100;
  for (let offset = 0; offset < 10_000; offset += limit) {
    const a = await api.call({
      method: 'GET',
      path: `/maintenance_windows?filter=open&limit=${limit}&offset=${offset}`,
      what: 'maintenance window lookup',
      idempotent: true,
    });
    const body = a.data as { maintenance_windows?: unknown; more?: unknown } | undefined;
    const list = Array.isArray(body?.maintenance_windows)
      ? (body.maintenance_windows as Array<Record<string, unknown>>)
      : [];
    const time = (v: unknown) =>
      typeof v === 'string' && Number.isFinite(Date.parse(v)) ? Date.parse(v) : undefined;
    for (const w of list) {
      if (typeof w.id !== 'string' || !/^[A-Z0-9]{1,20}$/.test(w.id)) continue;
      out.push({
        id: w.id,
        startMs: time(w.start_time),
        endMs: time(w.end_time),
        description: typeof w.description === 'string' ? w.description : '',
        services: Array.isArray(w.services) ? w.services.length : 0,
      });
    }
    if (body?.more !== true || list.length === 0) break;
  }
  return out;
}

/** Open windows (ongoing or future) whose description carries the marker. */
export async function findPagerDutyWindows(api: JsonApi, marker: string): Promise<string[]> {
  return (await listPagerDutyWindows(api))
    .filter((w) => w.description.includes(marker))
    .map((w) => w.id);
}
