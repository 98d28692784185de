/**
 * Datadog downtimes (API v2) over monitors chosen by id, by name or by tags: resolve the
 * selection (API v1 monitors), schedule one downtime per monitor (or one for the tags), always
 * with an end, cancel each, and find those a crashed step left by the marker in their message.
 *
 * Facts (docs/providers.md, "Datadog downtimes"): POST /api/v2/downtime needs `scope` and
 * `monitor_identifier` (a `monitor_id` or `monitor_tags`); `schedule.start`/`end` are ISO-8601
 * with a zero UTC offset, and a missing end means the downtime never ends. DELETE
 * /api/v2/downtime/{id} cancels, answers 204 (also when already cancelled) and 404 when unknown.
 * Scopes: monitors_read to read, monitors_downtime to schedule and cancel.
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

export const DATADOG_READ_SCOPE = 'monitors_read';
export const DATADOG_WRITE_SCOPE = 'monitors_downtime';

const CALL_SCOPES: Array<[JsonMethod, RegExp, string]> = [
  ['GET', /^\/api\/v1\/monitor(\/\d+)?$/, DATADOG_READ_SCOPE],
  ['GET', /^\/api\/v2\/downtime(\/[^/]+)?$/, DATADOG_READ_SCOPE],
  ['POST', /^\/api\/v2\/downtime$/, DATADOG_WRITE_SCOPE],
  ['DELETE', /^\/api\/v2\/downtime\/[^/]+$/, DATADOG_WRITE_SCOPE],
];

export const DATADOG_DIALECT: JsonApiDialect = {
  title: 'Datadog API',
  headers: {},
  // {"errors": ["Downtime ... not found"]}
  errorText(body) {
    const errors = (body as { errors?: unknown } | undefined)?.errors;
    return Array.isArray(errors) && errors.length
      ? errors.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))).join('; ')
      : undefined;
  },
  // X-RateLimit-Reset: seconds until the period resets (Datadog's rate-limit page).
  retryAfterMs: (h) => secondsHeader(h, 'x-ratelimit-reset'),
  retryAfterHeader: 'X-RateLimit-Reset',
  scopeOf: (method, path) => CALL_SCOPES.find(([m, p]) => m === method && p.test(path))?.[2],
};

/** What a step selects: monitor ids and names (one downtime each), or tags (one downtime). */
export interface DatadogSelection {
  monitors: string[];
  tags: string[];
}

export interface DatadogMonitor {
  id: number;
  name: string;
}

export interface DatadogTarget {
  /** One downtime per monitor, or one downtime over every monitor with all these tags. */
  monitors: DatadogMonitor[];
  tags: string[];
}

interface ApiMonitor {
  id?: unknown;
  name?: unknown;
}

function monitorOf(m: ApiMonitor): DatadogMonitor | undefined {
  return typeof m.id === 'number' && Number.isSafeInteger(m.id)
    ? { id: m.id, name: typeof m.name === 'string' ? m.name : '' }
    : undefined;
}

/** Resolve ids and names to monitors; tags are checked to match at least one monitor. */
export async function resolveDatadog(
  api: JsonApi,
  sel: DatadogSelection,
  label: string,
): Promise<DatadogTarget> {
  const found = new Map<number, DatadogMonitor>();
  for (const item of sel.monitors) {
    if (/^\d{1,18}$/.test(item)) {
      const a = await api.call({
        method: 'GET',
        path: `/api/v1/monitor/${item}`,
        what: 'monitor lookup',
        idempotent: true,
        accept: [404],
      });
      const m = a.status === 404 ? undefined : monitorOf(a.data as ApiMonitor);
      if (!m) {
        throw new StepError(
          'input',
          t`${label} lists monitor ${item}, which Datadog does not have.`,
        );
      }
      found.set(m.id, m);
      continue;
    }
    const a = await api.call({
      method: 'GET',
      path: `/api/v1/monitor?name=${encodeURIComponent(item)}&page=0&page_size=1000`,
      what: 'monitor lookup',
      idempotent: true,
    });
    const list = Array.isArray(a.data) ? (a.data as ApiMonitor[]) : [];
    // The name filter matches parts of names: only the exact name counts.
    const exact = list.map(monitorOf).filter((m): m is DatadogMonitor => !!m && m.name === item);
    if (!exact.length) {
      const near = list
        .map(monitorOf)
        .filter((m): m is DatadogMonitor => !!m)
        .slice(0, 3)
        .map((m) => `'${serverText(m.name)}' (${m.id})`);
      throw new StepError(
        'input',
        t`${label} lists the monitor '${item}', and no Datadog monitor has that exact name.${near.length ? ` Names that contain it: ${near.join(', ')}.` : ''}`,
      );
    }
    for (const m of exact) found.set(m.id, m);
  }
  if (sel.tags.length) {
    const a = await api.call({
      method: 'GET',
      path: `/api/v1/monitor?monitor_tags=${encodeURIComponent(sel.tags.join(','))}&page=0&page_size=1`,
      what: 'monitor lookup',
      idempotent: true,
    });
    if (!Array.isArray(a.data) || a.data.length === 0) {
      throw new StepError(
        'input',
        t`${label} has the tags ${sel.tags.join(', ')}, and no Datadog monitor carries them all: a downtime for them would mute nothing today.`,
      );
    }
  }
  return { monitors: [...found.values()], tags: sel.tags };
}

export interface DowntimePlan {
  startMs: number;
  endMs: number;
  /** The downtime's scope (`*`: every group of the monitor). */
  scope: string;
  /** The message, ending with the marker a later lookup finds. */
  message: string;
}

export function downtimeBody(plan: DowntimePlan, target: DatadogMonitor | string[]) {
  return {
    data: {
      type: 'downtime',
      attributes: {
        scope: plan.scope,
        monitor_identifier: Array.isArray(target)
          ? { monitor_tags: target }
          : { monitor_id: target.id },
        schedule: { start: utcIso(plan.startMs), end: utcIso(plan.endMs) },
        message: plan.message,
        display_timezone: 'UTC',
      },
    },
  };
}

/** Each downtime the plan needs, as request bodies with what they cover. */
export function downtimeRequests(plan: DowntimePlan, target: DatadogTarget) {
  const items: Array<{ covers: string; body: ReturnType<typeof downtimeBody> }> =
    target.monitors.map((m) => ({ covers: `monitor ${m.id}`, body: downtimeBody(plan, m) }));
  if (target.tags.length) {
    items.push({
      covers: `monitors tagged ${target.tags.join(', ')}`,
      body: downtimeBody(plan, target.tags),
    });
  }
  return items;
}

/** Schedule one downtime; the id Datadog gave it. */
export async function scheduleDowntime(
  api: JsonApi,
  body: ReturnType<typeof downtimeBody>,
): Promise<string> {
  const a = await api.call({
    method: 'POST',
    path: '/api/v2/downtime',
    body,
    what: 'downtime creation',
    idempotent: false,
  });
  const id = (a.data as { data?: { id?: unknown } } | undefined)?.data?.id;
  if (typeof id !== 'string' || !/^[0-9a-f-]{1,64}$/i.test(id)) {
    throw new StepError(
      'protocol',
      'Datadog scheduled the downtime but its answer has no downtime id; cancel it in Datadog (Monitors > Downtimes).',
    );
  }
  return id;
}

export type DowntimeEnd = 'cancelled' | 'already-over' | 'gone';

/** Cancel a downtime: read it first (a person may have cancelled it), then DELETE. */
export async function cancelDowntime(api: JsonApi, id: string): Promise<DowntimeEnd> {
  const path = `/api/v2/downtime/${encodeURIComponent(id)}`;
  const read = await api.call({
    method: 'GET',
    path,
    what: 'downtime lookup',
    idempotent: true,
    accept: [404],
  });
  if (read.status === 404) return 'gone';
  const status = (read.data as { data?: { attributes?: { status?: unknown } } } | undefined)?.data
    ?.attributes?.status;
  if (status === 'canceled' || status === 'ended') return 'already-over';
  const del = await api.call({
    method: 'DELETE',
    path,
    what: 'downtime cancellation',
    idempotent: true,
    accept: [404],
  });
  return del.status === 404 ? 'gone' : 'cancelled';
}

/** A downtime as a list shows it. */
export interface ListedDowntime {
  id: string;
  status: string;
  startMs?: number;
  endMs?: number;
  message: string;
  covers: string;
}

/** Downtimes still active or scheduled (Datadog's current_only), every page. */
export async function listDowntimes(api: JsonApi): Promise<ListedDowntime[]> {
  const out: ListedDowntime[] = [];
  const limit = 100;
  for (let offset = 0; offset < 10_000; offset += limit) {
    const a = await api.call({
      method: 'GET',
      path: `/api/v2/downtime?current_only=true&page%5Blimit%5D=${limit}&page%5Boffset%5D=${offset}`,
      what: 'downtime lookup',
      idempotent: true,
    });
    const data = (a.data as { data?: unknown } | undefined)?.data;
    const list = Array.isArray(data) ? (data as Array<Record<string, unknown>>) : [];
    for (const d of list) {
      const attrs = (d.attributes ?? {}) as {
        message?: unknown;
        status?: unknown;
        schedule?: { start?: unknown; end?: unknown };
        monitor_identifier?: { monitor_id?: unknown; monitor_tags?: unknown };
      };
      if (typeof d.id !== 'string' || !/^[0-9a-f-]{1,64}$/i.test(d.id)) continue;
      const time = (v: unknown) =>
        typeof v === 'string' && Number.isFinite(Date.parse(v)) ? Date.parse(v) : undefined;
      const mi = attrs.monitor_identifier;
      out.push({
        id: d.id,
        status: typeof attrs.status === 'string' ? attrs.status : 'unknown',
        startMs: time(attrs.schedule?.start),
        endMs: time(attrs.schedule?.end),
        message: typeof attrs.message === 'string' ? attrs.message : '',
        covers:
          typeof mi?.monitor_id === 'number'
            ? `monitor ${mi.monitor_id}`
            : Array.isArray(mi?.monitor_tags)
              ? 'tagged monitors'
              : '?',
      });
    }
    if (list.length < limit) break;
  }
  return out;
}

/** Downtimes still active or scheduled whose message carries the marker. */
export async function findDowntimes(api: JsonApi, marker: string): Promise<string[]> {
  return (await listDowntimes(api))
    .filter(
      (d) => d.message.includes(marker) && (d.status === 'active' || d.status === 'scheduled'),
    )
    .map((d) => d.id);
}
