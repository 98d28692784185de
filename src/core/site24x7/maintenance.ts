/**
 * Maintenance windows and health gates on Site24x7: plan a one-off window, create it (safe
 * to retry: a retry first looks for the window an earlier attempt may have created), end it
 * (shorten a running one to the next whole minute, delete one not yet started, accept one
 * already gone). The health gate is in health.ts.
 */
import { StepError } from '../errors.js';
import type { Runtime } from '../runtime.js';
import { serverText, t } from '../text.js';
import type { Site24x7Api } from './api.js';
import { KIND_BY_TYPE, SELECTION_TYPE, type SelectionKind } from './select.js';
import { arr, id, rec, str } from './json.js';
import { fromWall, nextMinute, readZone, toWall } from './time.js';

export interface WindowPlan {
  name: string;
  description: string;
  startMs: number;
  endMs: number;
  timeZone: string;
  performMonitoring: boolean;
  kind: SelectionKind;
  ids: string[];
}

const BODY_KEY: Record<SelectionKind, string> = {
  monitors: 'monitors',
  'monitor-groups': 'monitor_groups',
  tags: 'tags',
};

/** Site24x7's `maintenance_type` of a one-off window, the only kind this tool opens and ends. */
export const ONE_OFF = 3;

/** The body Site24x7 takes for a one-off window (`maintenance_type` ONE_OFF). */
export function windowBody(plan: WindowPlan): Record<string, unknown> {
  const start = toWall(plan.startMs, plan.timeZone);
  const end = toWall(plan.endMs, plan.timeZone);
  const body: Record<string, unknown> = {
    display_name: plan.name,
    description: plan.description,
    maintenance_type: ONE_OFF,
    start_date: start.date,
    start_time: start.time,
    end_date: end.date,
    end_time: end.time,
    timezone: plan.timeZone,
    selection_type: SELECTION_TYPE[plan.kind],
    [BODY_KEY[plan.kind]]: plan.ids,
    perform_monitoring: plan.performMonitoring,
  };
  if (plan.kind === 'monitor-groups') body.subgroup_monitors = false;
  return body;
}

/**
 * The ID of a listed window with the planned body's name and times (to the minute), if any:
 * how a create whose answer was lost, or a step killed mid-create, finds its window.
 */
export async function findWindow(
  api: Site24x7Api,
  body: Record<string, unknown>,
  what: string,
): Promise<string | undefined> {
  const { data } = await api.get('/maintenance', what);
  const keys = ['display_name', 'start_date', 'start_time', 'end_date', 'end_time'] as const;
  const hit = arr(data).find((w) => keys.every((k) => str(rec(w)[k]) === body[k]));
  return id(rec(hit).maintenance_id) || undefined;
}

export interface Created {
  id: string;
  /** The window was found after an attempt whose answer was lost, not created again. */
  recovered: boolean;
}

export async function createWindow(api: Site24x7Api, plan: WindowPlan): Promise<Created> {
  const body = windowBody(plan);
  const res = await api.call<string>('POST', '/maintenance', body, {
    what: 'window creation',
    idempotent: false,
    beforeRetry: () => findWindow(api, body, 'window lookup (after a lost answer)'),
  });
  if ('recovered' in res) return { id: res.data, recovered: true };
  const created = id(rec(res.data).maintenance_id);
  if (!created) {
    // Not 'protocol' (a refusal): Site24x7 may well have created the window, so the post step
    // keeps its plan and looks for it by name and times.
    throw new StepError(
      'server',
      'Site24x7 accepted the maintenance window but its answer had no usable maintenance_id (a numeric ID); check the console for the window and end it there if needed.',
    );
  }
  return { id: created, recovered: false };
}

export interface WindowInfo {
  id: string;
  name: string;
  type: number;
  /** The IANA zone its wall-clock times are read in ('' when it could not be read). */
  timeZone: string;
  /** The zone as Site24x7 wrote it, sent back unchanged on an update. */
  rawZone: string;
  /** How the zone was read, when not as written (a Java short id), for the log. */
  zoneNote?: string;
  /** Why the times could not be read, when they could not. */
  zoneProblem?: string;
  startMs?: number;
  endMs?: number;
  body: Record<string, unknown>;
}

/** Read a window; undefined when Site24x7 no longer has it. */
export async function getWindow(api: Site24x7Api, id: string): Promise<WindowInfo | undefined> {
  const res = await api.get(`/maintenance/${encodeURIComponent(id)}`, 'window read', [404]);
  if (res.status === 404) return undefined;
  return windowInfo(id, rec(res.data));
}

/** A window as Site24x7 describes it (a read, or an item of the list). */
export function windowInfo(id: string, r: Record<string, unknown>): WindowInfo {
  const rawZone = str(r.timezone);
  // Never a guess: a missing or unknown zone leaves the times unknown (see readZone).
  const zone = readZone(rawZone);
  let startMs: number | undefined;
  let endMs: number | undefined;
  if (zone.ok) {
    try {
      startMs = fromWall(str(r.start_date), str(r.start_time), zone.zone);
      endMs = fromWall(str(r.end_date), str(r.end_time), zone.zone);
    } catch {
      // Unreadable dates: leave the times unknown.
    }
  }
  return {
    id,
    name: str(r.display_name),
    type: Number(r.maintenance_type),
    timeZone: zone.ok ? zone.zone : '',
    rawZone,
    zoneNote: zone.ok ? zone.note : undefined,
    zoneProblem: zone.ok ? undefined : zone.problem,
    startMs,
    endMs,
    body: r,
  };
}

export type EndAction = 'shortened' | 'deleted' | 'gone' | 'already-ended' | 'ending';

export interface Ended {
  action: EndAction;
  window?: WindowInfo;
  /** When the window ends (or ended), when known. */
  endMs?: number;
}

/** Fields of a window that a full-body PUT sends back. */
const PUT_FIELDS = [
  'display_name',
  'description',
  'maintenance_type',
  'start_date',
  'start_time',
  'end_date',
  'end_time',
  'timezone',
  'selection_type',
  'monitors',
  'monitor_groups',
  'tags',
  'subgroup_monitors',
  'perform_monitoring',
];

/**
 * Close a one-off window now. Idempotent: a window already gone, already over, or already
 * ending within the minute is success.
 */
export async function endWindow(
  api: Site24x7Api,
  id: string,
  rt: Runtime,
  /** How the source names the window id input (`Input 'maintenance-id'`, `Option ...`). */
  subject: string,
): Promise<Ended> {
  const w = await getWindow(api, id);
  if (!w) return { action: 'gone' };
  if (w.type !== ONE_OFF) {
    throw new StepError(
      'input',
      t`${subject} names window ${id} ('${serverText(w.name)}'), which is a recurring window (maintenance_type ${w.type}), not a one-off window: this tool ends only one-off windows; change recurring ones in the Site24x7 console.`,
    );
  }
  if (w.startMs === undefined || w.endMs === undefined) {
    throw new StepError(
      'protocol',
      w.zoneProblem
        ? t`Site24x7's read of window ${id} ${serverText(w.zoneProblem)}, so its start and end (${serverText(str(w.body.start_date))} ${serverText(str(w.body.start_time))} to ${serverText(str(w.body.end_date))} ${serverText(str(w.body.end_time))}) are wall-clock times in an unknown zone. This step does not guess (read as UTC, the window could end hours early, or not at all): end it in the Site24x7 console.`
        : t`Window ${id} has a start or end this tool cannot read: end it in the Site24x7 console.`,
    );
  }
  if (w.zoneNote) rt.log.info(t`Window ${id}: Site24x7's time zone ${serverText(w.zoneNote)}.`);
  return closeWindow(api, w, rt);
}

/** Read a window body this step wrote itself (saved in the step state). */
export function knownWindow(id: string, body: Record<string, unknown>): WindowInfo | undefined {
  const tz = str(body.timezone);
  if (!tz || Number(body.maintenance_type) !== ONE_OFF) return undefined;
  const startMs = fromWall(str(body.start_date), str(body.start_time), tz);
  const endMs = fromWall(str(body.end_date), str(body.end_time), tz);
  if (startMs === undefined || endMs === undefined) return undefined;
  return {
    id,
    name: str(body.display_name),
    type: ONE_OFF,
    timeZone: tz,
    rawZone: tz,
    startMs,
    endMs,
    body,
  };
}

/** What ending a window now takes: at most one request, or none. */
export interface ClosePlan {
  action: EndAction;
  /** The request to send, when one is needed. */
  request?: { method: 'PUT' | 'DELETE'; path: string; body?: Record<string, unknown> };
  endMs?: number;
}

/**
 * Plan ending a window whose body is known: DELETE before it starts, PUT with the next whole
 * minute as its end while it runs, nothing once it is over (or ending within the minute). Dry
 * runs print this plan; closeWindow carries it out.
 */
export function planClose(w: WindowInfo, now: number): ClosePlan {
  const id = w.id;
  if (w.startMs === undefined || w.endMs === undefined) {
    throw new StepError('protocol', t`Window ${id} has no readable start or end.`);
  }
  const path = `/maintenance/${encodeURIComponent(id)}`;
  if (now >= w.endMs) return { action: 'already-ended', endMs: w.endMs };
  if (now < w.startMs) return { action: 'deleted', request: { method: 'DELETE', path } };
  const endMs = nextMinute(now);
  if (endMs >= w.endMs) return { action: 'ending', endMs: w.endMs };
  const body: Record<string, unknown> = {};
  for (const k of PUT_FIELDS) if (w.body[k] !== undefined) body[k] = w.body[k];
  const end = toWall(endMs, w.timeZone);
  body.end_date = end.date;
  body.end_time = end.time;
  // The zone as Site24x7 wrote it: the new end is a wall time in that same zone, whether the
  // PUT honours `timezone` (its reference lists it for POST only) or keeps the window's own.
  body.timezone = w.rawZone || w.timeZone;
  const kind = KIND_BY_TYPE[Number(body.selection_type)];
  if (kind && body[BODY_KEY[kind]] === undefined) body[BODY_KEY[kind]] = [];
  // Every field explicitly: a PUT is a whole window, and what it leaves out takes Site24x7's
  // defaults, which can widen it (subgroup_monitors defaults to true on update). A group
  // window whose read did not say keeps to the groups' own monitors, as this step opens them.
  if (kind === 'monitor-groups' && typeof body.subgroup_monitors !== 'boolean')
    body.subgroup_monitors = false;
  if (typeof body.perform_monitoring !== 'boolean') body.perform_monitoring = false;
  body.description ??= '';
  return { action: 'shortened', request: { method: 'PUT', path, body }, endMs };
}

/**
 * End a window whose body is known, with at most one request (see planClose). Used by the post
 * step with the body the main step sent, so ending costs one call, not a read and a write.
 */
export async function closeWindow(api: Site24x7Api, w: WindowInfo, rt: Runtime): Promise<Ended> {
  const plan = planClose(w, rt.now());
  if (!plan.request) return { action: plan.action, window: w, endMs: plan.endMs };
  const { method, path, body } = plan.request;
  const res = await api.call(method, path, body, {
    what: method === 'DELETE' ? 'window deletion' : 'window update (new end)',
    idempotent: true,
    accept: [404],
  });
  if (res.status === 404) return { action: 'gone', window: w };
  return { action: plan.action, window: w, endMs: plan.endMs };
}
