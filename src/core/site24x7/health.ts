/**
 * The health gate: Site24x7's monitor states, reading them (current_status, with suspended
 * and APM monitors); the gate that polls them is core/gate/.
 */
import { serverText } from '../text.js';
import type { Site24x7Api } from './api.js';
import { arr, id, rec } from './json.js';
import type { Monitor } from './select.js';

/** Site24x7's monitor states (current_status). */
export const STATES: Record<number, string> = {
  0: 'down',
  1: 'up',
  2: 'trouble',
  3: 'critical',
  5: 'suspended',
  7: 'maintenance',
  9: 'discovery',
  10: 'configuration-error',
};

export function stateName(code: number | undefined): string {
  if (code === undefined) return 'not reported';
  return STATES[code] ?? `state ${code}`;
}

/** `up, trouble` or `1,2` -> state codes; undefined names are returned as bad. */
export function parseStates(items: string[]): { codes: Set<number>; bad: string[] } {
  const codes = new Set<number>();
  const bad: string[] = [];
  const byName = new Map(Object.entries(STATES).map(([k, v]) => [v, Number(k)]));
  for (const raw of items) {
    const s = raw.trim().toLowerCase().replace(/[ _]/g, '-');
    if (/^\d+$/.test(s)) codes.add(Number(s));
    else if (byName.has(s)) codes.add(byName.get(s)!);
    else bad.push(raw);
  }
  return { codes, bad };
}

export interface MonitorHealth extends Monitor {
  state?: number;
  passes: boolean;
}

export async function readHealth(
  api: Site24x7Api,
  monitors: Monitor[],
  pass: Set<number>,
): Promise<MonitorHealth[]> {
  // Without these flags Site24x7 leaves suspended and APM monitors out of the answer, and a
  // suspended monitor would read as "not reported" even where pass-states allows suspended.
  const { data } = await api.get(
    '/current_status?suspended_required=true&apm_required=true',
    'current status request',
  );
  const states = new Map<string, number>();
  const take = (m: unknown) => {
    const r = rec(m);
    const monitorId = id(r.monitor_id);
    const s = Number(r.status);
    if (monitorId && Number.isFinite(s)) states.set(monitorId, s);
  };
  const d = rec(data);
  for (const m of arr(d.monitors)) take(m);
  for (const g of arr(d.monitor_groups)) for (const m of arr(rec(g).monitors)) take(m);
  return monitors.map((m) => {
    const state = states.get(m.id);
    return { ...m, state, passes: state !== undefined && pass.has(state) };
  });
}

const describe = (m: MonitorHealth) => `'${serverText(m.name)}' (${m.id}): ${stateName(m.state)}`;

export function describeFailing(ms: MonitorHealth[]): string {
  return ms
    .filter((m) => !m.passes)
    .map(describe)
    .join('; ');
}

/** Site24x7's state for a monitor inside a maintenance window. */
export const MAINTENANCE_STATE = 7;

/**
 * Said when monitors fail the gate because they are in a maintenance window: Site24x7 then
 * reports them as state 7 (maintenance), not their health, so the gate cannot see whether the
 * deployment works until the window ends.
 */
export function maintenanceHint(
  ms: MonitorHealth[],
  cfg: { words: { howToEnd: string }; label: (key: string) => string },
): string {
  const n = ms.filter((m) => !m.passes && m.state === MAINTENANCE_STATE).length;
  if (!n) return '';
  return ` ${n} of them ${n === 1 ? 'is' : 'are'} in a maintenance window, where Site24x7 reports 'maintenance' instead of health: end the window first (${cfg.words.howToEnd}), then check, with ${cfg.label('wait-seconds')} long enough for a poll of each monitor.`;
}
