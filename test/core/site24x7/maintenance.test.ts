import { Site24x7Api } from '../../../src/core/site24x7/api.js';
import { parseStates } from '../../../src/core/site24x7/health.js';
import { endWindow, windowBody } from '../../../src/core/site24x7/maintenance.js';
import { nearMatches, parseSelection } from '../../../src/core/site24x7/select.js';
import { fakeRuntime, inputs, json } from '../helpers.js';

test('window body: one-off, wall time in the zone, one selection kind', () => {
  const body = windowBody({
    name: 'Deploy',
    description: 'd',
    startMs: Date.parse('2026-11-22T23:30:00Z'),
    endMs: Date.parse('2026-11-23T00:15:00Z'),
    timeZone: 'America/New_York',
    performMonitoring: false,
    kind: 'monitor-groups',
    ids: ['200000000001'],
  });
  expect(body).toEqual({
    display_name: 'Deploy',
    description: 'd',
    maintenance_type: 3,
    start_date: '2026-11-22',
    start_time: '18:30',
    end_date: '2026-11-22',
    end_time: '19:15',
    timezone: 'America/New_York',
    selection_type: 1,
    monitor_groups: ['200000000001'],
    subgroup_monitors: false,
    perform_monitoring: false,
  });
});

test('pass states by name or number', () => {
  expect([...parseStates(['up', 'Trouble', 'configuration error', '7']).codes].sort()).toEqual(
    [1, 10, 2, 7].sort(),
  );
  expect(parseStates(['up', 'green']).bad).toEqual(['green']);
});

test('selection: one kind, deduplicated; none or two kinds are input errors', () => {
  expect(parseSelection(inputs({ monitors: 'a, b\na\n# comment' }))).toEqual({
    kind: 'monitors',
    items: ['a', 'b'],
  });
  expect(() => parseSelection(inputs({}))).toThrow("Input 'monitors' is empty");
  expect(() => parseSelection(inputs({ monitors: 'a', tags: 'env:prod' }, [], true))).toThrow(
    "Input 'tags' is set together with monitors",
  );
});

test('near matches: case, substrings and small typos, closest first', () => {
  const all = [
    { id: '1', name: 'shop-web' },
    { id: '2', name: 'Shop-Web' },
    { id: '3', name: 'shop-web-eu' },
    { id: '4', name: 'billing' },
  ];
  expect(nearMatches('shop-wbe', all).map((c) => c.id)).toEqual(['1', '2']);
  expect(nearMatches('SHOP-WEB', all).map((c) => c.id)).toEqual(['1', '2', '3']);
  expect(nearMatches('payments', all)).toEqual([]);
});

const api = (rt: ReturnType<typeof fakeRuntime>['rt']) =>
  new Site24x7Api(
    {
      apiRoot: new URL('https://www.site24x7.com/api'),
      token: { current: () => 'tok' },
      timeoutMs: 1000,
      budgetMs: 10_000,
      budgetLabel: 'max-retry-seconds',
      secrets: () => ['tok'],
    },
    rt,
  );

test('end: a running window is shortened to the next whole minute in its own zone', async () => {
  const { rt, sent } = fakeRuntime([]);
  // fakeRuntime's clock starts at 1_000_000 ms: 1970-01-01T00:16:40Z.
  const win = {
    maintenance_id: '9',
    display_name: 'x',
    maintenance_type: 3,
    start_date: '1970-01-01',
    start_time: '01:00',
    end_date: '1970-01-01',
    end_time: '03:00',
    timezone: 'Europe/Berlin',
    selection_type: 2,
    monitors: ['1'],
    perform_monitoring: true,
  };
  const replies = [json(200, { code: 0, data: win }), json(200, { code: 0, data: win })];
  let i = 0;
  rt.send = async (req) => {
    sent.push(req);
    return replies[i++]!;
  };
  const ended = await endWindow(api(rt), '9', rt, 'maintenance-id');
  expect(ended.action).toBe('shortened');
  expect(sent.map((r) => r.method)).toEqual(['GET', 'PUT']);
  const body = JSON.parse(sent[1]!.body!);
  expect(body).toMatchObject({
    end_date: '1970-01-01',
    end_time: '01:17',
    start_time: '01:00',
    timezone: 'Europe/Berlin',
    monitors: ['1'],
  });
  expect(body.maintenance_id).toBeUndefined();
  expect(sent[1]!.headers.authorization).toBe('Zoho-oauthtoken tok');
  expect(sent[1]!.headers.accept).toBe('application/json; version=2.0');
});

test('Site24x7 errors: status, error_code and message, redacted; 403 names the scopes', async () => {
  const { rt } = fakeRuntime([json(403, { error_code: 1101, message: 'No permission for tok' })]);
  await expect(api(rt).get('/monitors', 'monitor list request')).rejects.toThrow(
    /HTTP 403 \(error_code 1101\): No permission for \*\*\*\. The Zoho client probably lacks Site24x7\.Admin\.Read, the scope this call needs .* The Zoho client needs the scopes Site24x7\.Admin\.Read, Site24x7\.Operations\.All, Site24x7\.Reports\.Read/,
  );
  const ok200 = fakeRuntime([json(200, { code: 7, message: 'odd' })]);
  await expect(api(ok200.rt).get('/monitors', 'x')).rejects.toThrow('HTTP 200 (error_code 7): odd');
});
