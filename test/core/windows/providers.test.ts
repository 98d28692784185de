/**
 * The Datadog and PagerDuty window clients against the loopback peers over real HTTP: what is
 * sent, how each API's end semantics are followed, how refusals and throttling are reported.
 */
import { JsonApi } from '../../../src/core/net/json-api.js';
import { createTransport } from '../../../src/core/net/http.js';
import type { Runtime } from '../../../src/core/runtime.js';
import {
  cancelDowntime,
  DATADOG_DIALECT,
  downtimeRequests,
  findDowntimes,
  resolveDatadog,
  scheduleDowntime,
} from '../../../src/core/datadog/downtimes.js';
import {
  endPagerDutyWindow,
  findPagerDutyWindows,
  openPagerDutyWindow,
  pagerDutyDialect,
  resolveServices,
  windowRequest,
} from '../../../src/core/pagerduty/windows.js';
import { markerText } from '../../../src/core/windows/marker.js';
import { type DatadogPeer, startDatadog } from '../../peers/datadog.js';
import { type PagerDutyPeer, startPagerDuty } from '../../peers/pagerduty.js';

let dd: DatadogPeer;
let pd: PagerDutyPeer;
const logs: string[] = [];
const sleeps: number[] = [];
const rt: Runtime = {
  send: createTransport({}),
  now: () => Date.now(),
  random: () => 0.5,
  sleep: async (ms) => void sleeps.push(ms),
  log: {
    debug: () => undefined,
    info: (m) => logs.push(m),
    notice: (m) => logs.push(m),
    warning: (m) => logs.push(m),
  },
};

beforeAll(async () => {
  [dd, pd] = await Promise.all([startDatadog(), startPagerDuty()]);
});
afterAll(async () => {
  await Promise.all([dd.close(), pd.close()]);
});
beforeEach(() => {
  dd.fault = undefined;
  pd.fault = undefined;
  sleeps.length = 0;
});

const limits = (token: string) => ({
  token: () => token,
  timeoutMs: 5000,
  budgetMs: 60_000,
  budgetLabel: 'max-retry-seconds',
  secrets: () => [token],
});
const datadog = (token = dd.issue()) =>
  new JsonApi(DATADOG_DIALECT, { origin: new URL(dd.origin), ...limits(token) }, rt);
const pagerduty = (token = pd.issue()) =>
  new JsonApi(pagerDutyDialect(), { origin: new URL(pd.origin), ...limits(token) }, rt);

test('Datadog: ids, exact names and tags resolve; one downtime each, with an end; cancel twice is harmless', async () => {
  const api = datadog();
  const target = await resolveDatadog(
    api,
    { monitors: ['4001', 'checkout errors'], tags: ['service:shop'] },
    "Input 'datadog-monitors'",
  );
  expect(target.monitors.map((m) => m.id)).toEqual([4001, 4002]);
  const marker = markerText('run-1');
  const start = Date.now();
  const plan = {
    startMs: start,
    endMs: start + 30 * 60_000,
    scope: '*',
    message: `Deploy\n\n${marker}`,
  };
  const ids: string[] = [];
  for (const r of downtimeRequests(plan, target)) ids.push(await scheduleDowntime(api, r.body));
  expect(ids).toHaveLength(3);
  for (const id of ids) {
    const d = dd.downtimes.get(id)!;
    expect(d.end).toBe(Math.floor((start + 30 * 60_000) / 1000) * 1000);
  }
  expect((await findDowntimes(api, marker)).sort()).toEqual([...ids].sort());
  expect(await cancelDowntime(api, ids[0]!)).toBe('cancelled');
  expect(await cancelDowntime(api, ids[0]!)).toBe('already-over');
  expect(await cancelDowntime(api, '00000000-0000-1234-0000-000000000000')).toBe('gone');
  expect((await findDowntimes(api, marker)).sort()).toEqual(ids.slice(1).sort());
});

test('Datadog: a name that only partly matches is refused with what it matched; the 403 names the scope', async () => {
  await expect(
    resolveDatadog(datadog(), { monitors: ['checkout'], tags: [] }, "Input 'datadog-monitors'"),
  ).rejects.toThrow(
    /no Datadog monitor has that exact name\. Names that contain it: 'checkout latency' \(4001\)/,
  );
  const readOnly = datadog(dd.issue(['monitors_read']));
  const plan = { startMs: Date.now(), endMs: Date.now() + 60_000 * 5, scope: '*', message: 'x' };
  const [first] = downtimeRequests(plan, { monitors: [{ id: 4001, name: '' }], tags: [] });
  await expect(scheduleDowntime(readOnly, first!.body)).rejects.toThrow(
    /HTTP 403: Forbidden\. This call needs the scope monitors_downtime/,
  );
});

test('Datadog: a 429 waits as X-RateLimit-Reset says; a creation is not re-sent after an ambiguous failure', async () => {
  let n = 0;
  dd.fault = (req) =>
    req.method === 'GET' && n++ === 0
      ? {
          status: 429,
          headers: {
            'x-ratelimit-reset': '7',
            'x-ratelimit-limit': '100',
            'x-ratelimit-period': '10',
            'x-ratelimit-remaining': '0',
          },
          json: { errors: ['Rate limit exceeded'] },
        }
      : undefined;
  await resolveDatadog(datadog(), { monitors: ['4003'], tags: [] }, 'x');
  expect(sleeps).toHaveLength(1);
  expect(sleeps[0]).toBeGreaterThanOrEqual(7000);
  expect(sleeps[0]).toBeLessThan(8000);

  dd.fault = (req) =>
    req.method === 'POST' ? { status: 502, text: '<html>bad gateway</html>' } : undefined;
  const before = dd.requests.length;
  const plan = { startMs: Date.now(), endMs: Date.now() + 60_000 * 5, scope: '*', message: 'x' };
  const [first] = downtimeRequests(plan, { monitors: [{ id: 4001, name: '' }], tags: [] });
  await expect(scheduleDowntime(datadog(), first!.body)).rejects.toThrow(/HTTP 502/);
  expect(dd.requests.slice(before).filter((r) => r.method === 'POST')).toHaveLength(1);
});

test('PagerDuty: services by id and exact name; a future window is deleted, an ongoing one ended, an ended one left', async () => {
  const api = pagerduty();
  const services = await resolveServices(api, ['PSHOP01', 'Billing'], "Input 'pagerduty-services'");
  expect(services.map((s) => s.id)).toEqual(['PSHOP01', 'PBILL02']);
  const marker = markerText('run-2');
  const now = Date.now();
  const ongoing = await openPagerDutyWindow(
    api,
    windowRequest(
      { startMs: now, endMs: now + 3_600_000, description: `Deploy ${marker}` },
      services,
    ),
  );
  expect(ongoing.htmlUrl).toMatch(
    /^https:\/\/acme\.pagerduty\.com\/service-directory\/maintenance-windows\//,
  );
  const future = await openPagerDutyWindow(
    api,
    windowRequest(
      { startMs: now + 3_600_000, endMs: now + 7_200_000, description: `Later ${marker}` },
      services,
    ),
  );
  expect((await findPagerDutyWindows(api, marker)).sort()).toEqual([ongoing.id, future.id].sort());
  expect(await endPagerDutyWindow(api, future.id, Date.now())).toBe('deleted');
  expect(await endPagerDutyWindow(api, ongoing.id, Date.now())).toBe('ended');
  expect(pd.windows.get(ongoing.id)!.end).toBeLessThanOrEqual(Date.now());
  expect(await endPagerDutyWindow(api, ongoing.id, Date.now() + 1000)).toBe('already-over');
  expect(await endPagerDutyWindow(api, future.id, Date.now())).toBe('gone');
  // Every request carried PagerDuty's versioned Accept header and the app token as Bearer.
  for (const r of pd.apiCalls()) {
    expect(r.headers.accept).toBe('application/vnd.pagerduty+json;version=2');
    expect(r.headers.authorization).toMatch(/^Bearer pdus\+_/);
  }
});

test('PagerDuty: a refused window says what PagerDuty said; a 403 names the scope; ratelimit-reset is honoured', async () => {
  const api = pagerduty(pd.issue(['services.read']));
  const services = await resolveServices(api, ['PSHOP01'], 'x');
  await expect(
    openPagerDutyWindow(
      api,
      windowRequest(
        { startMs: Date.now(), endMs: Date.now() + 60_000, description: 'd' },
        services,
      ),
    ),
  ).rejects.toThrow(
    /HTTP 403: Forbidden: Access to this resource requires the services.write scope\. This call needs the scope services.write/,
  );
  await expect(
    openPagerDutyWindow(
      pagerduty(),
      windowRequest(
        { startMs: Date.now() - 7_200_000, endMs: Date.now() - 3_600_000, description: 'd' },
        services,
      ),
    ),
  ).rejects.toThrow(/HTTP 400: Invalid Input Provided: End time must be in the future/);
  let n = 0;
  pd.fault = () =>
    n++ === 0
      ? {
          status: 429,
          headers: {
            'ratelimit-limit': '960',
            'ratelimit-remaining': '0',
            'ratelimit-reset': '20',
          },
          json: { error: { message: 'Rate Limit Exceeded', code: 2020 } },
        }
      : undefined;
  await resolveServices(pagerduty(), ['PBILL02'], 'x');
  expect(sleeps[0]).toBeGreaterThanOrEqual(20_000);
  expect(sleeps[0]).toBeLessThan(21_000);
});

test('PagerDuty: a token for the other service region is refused', async () => {
  const eu = pagerduty(pd.issue(undefined, `as_account-eu.${pd.subdomain}`));
  await expect(resolveServices(eu, ['PSHOP01'], 'x')).rejects.toThrow(
    /HTTP 401: Unauthorized\. The access token was refused/,
  );
});
