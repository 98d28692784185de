/**
 * Site24x7 as a gate signal: each selected monitor's state from current_status. A state in
 * pass-states passes; one that says nothing of health (not reported, suspended, in
 * maintenance, discovery) is inconclusive unless pass-states names it; any other fails.
 */
import type { Site24x7Api } from '../site24x7/api.js';
import {
  MAINTENANCE_STATE,
  type MonitorHealth,
  readHealth,
  stateName,
} from '../site24x7/health.js';
import type { Monitor } from '../site24x7/select.js';
import { baselineKey, type Item, type Signal } from './model.js';

/** States that say nothing about a monitor's health. */
export const UNKNOWING_STATES = new Set([5, MAINTENANCE_STATE, 9]);

export function site24x7Item(m: MonitorHealth, baseline?: Map<string, boolean>): Item {
  const verdict = m.passes
    ? 'pass'
    : m.state === undefined || UNKNOWING_STATES.has(m.state)
      ? 'inconclusive'
      : 'fail';
  return {
    id: m.id,
    state: stateName(m.state),
    verdict,
    ...(verdict === 'fail' && baseline?.get(baselineKey('site24x7', m.id))
      ? { preexisting: true }
      : {}),
  };
}

/** The signal, and the last reading (names stay in the log and summary, not in outputs). */
export function site24x7Signal(
  api: Site24x7Api,
  monitors: Monitor[],
  pass: Set<number>,
  baseline?: Map<string, boolean>,
): Signal & { last?: MonitorHealth[] } {
  const s: Signal & { last?: MonitorHealth[] } = {
    name: 'site24x7',
    async evaluate() {
      s.last = await readHealth(api, monitors, pass);
      return { signal: 'site24x7', items: s.last.map((m) => site24x7Item(m, baseline)) };
    },
  };
  return s;
}
