/**
 * Datadog and PagerDuty as gate signals. Datadog: each selected monitor's overall_state (OK
 * passes; Alert and Warn fail; No Data, Unknown, Ignored and Skipped cannot tell). PagerDuty:
 * the incidents open (triggered or acknowledged) on each selected service (none passes).
 */
import type { JsonApi } from '../net/json-api.js';
import type { DatadogTarget } from '../datadog/downtimes.js';
import type { PagerDutyService } from '../pagerduty/windows.js';
import { baselineKey, type Item, type Signal, type Verdict } from './model.js';

const DATADOG_VERDICT: Record<string, Verdict> = { OK: 'pass', Alert: 'fail', Warn: 'fail' };

function item(
  signal: string,
  id: string,
  state: string,
  verdict: Verdict,
  baseline?: Map<string, boolean>,
): Item {
  return {
    id,
    state,
    verdict,
    ...(verdict === 'fail' && baseline?.get(baselineKey(signal, id)) ? { preexisting: true } : {}),
  };
}

interface ApiMonitor {
  id?: unknown;
  overall_state?: unknown;
}

function monitorItem(m: ApiMonitor, baseline?: Map<string, boolean>): Item | undefined {
  if (typeof m.id !== 'number' || !Number.isSafeInteger(m.id)) return undefined;
  const state =
    typeof m.overall_state === 'string' && /^[A-Za-z ]{1,20}$/.test(m.overall_state)
      ? m.overall_state
      : 'Unknown';
  return item('datadog', String(m.id), state, DATADOG_VERDICT[state] ?? 'inconclusive', baseline);
}

export function datadogSignal(
  api: JsonApi,
  target: DatadogTarget,
  baseline?: Map<string, boolean>,
): Signal {
  return {
    name: 'datadog',
    async evaluate() {
      const items = new Map<string, Item>();
      for (const m of target.monitors) {
        const a = await api.call({
          method: 'GET',
          path: `/api/v1/monitor/${m.id}`,
          what: 'monitor state read',
          idempotent: true,
          accept: [404],
        });
        const i =
          a.status === 404
            ? item('datadog', String(m.id), 'deleted', 'inconclusive')
            : monitorItem(a.data as ApiMonitor, baseline);
        if (i) items.set(i.id, i);
      }
      if (target.tags.length) {
        const a = await api.call({
          method: 'GET',
          path: `/api/v1/monitor?monitor_tags=${encodeURIComponent(target.tags.join(','))}&page=0&page_size=1000`,
          what: 'monitor state read',
          idempotent: true,
        });
        for (const m of Array.isArray(a.data) ? (a.data as ApiMonitor[]) : []) {
          const i = monitorItem(m, baseline);
          if (i) items.set(i.id, i);
        }
      }
      return { signal: 'datadog', items: [...items.values()] };
    },
  };
}

export function pagerDutySignal(
  api: JsonApi,
  services: PagerDutyService[],
  baseline?: Map<string, boolean>,
): Signal {
  return {
    name: 'pagerduty',
    async evaluate() {
      const open = new Map(services.map((s) => [s.id, 0]));
      const query = services.map((s) => `service_ids%5B%5D=${encodeURIComponent(s.id)}`).join('&');
      for (let offset = 0; offset < 10_000; offset += 100) {
        const a = await api.call({
          method: 'GET',
          path: `/incidents?${query}&statuses%5B%5D=triggered&statuses%5B%5D=acknowledged&limit=100&offset=${offset}`,
          what: 'incident read',
          idempotent: true,
        });
        const body = a.data as { incidents?: unknown; more?: unknown } | undefined;
        const list = Array.isArray(body?.incidents)
          ? (body.incidents as Array<{ service?: { id?: unknown } }>)
          : [];
        for (const i of list) {
          const id = i.service?.id;
          if (typeof id === 'string' && open.has(id)) open.set(id, open.get(id)! + 1);
        }
        if (body?.more !== true || list.length === 0) break;
      }
      return {
        signal: 'pagerduty',
        items: [...open].map(([id, n]) =>
          item(
            'pagerduty',
            id,
            n === 1 ? '1 open incident' : `${n} open incidents`,
            n ? 'fail' : 'pass',
            baseline,
          ),
        ),
      };
    },
  };
}
