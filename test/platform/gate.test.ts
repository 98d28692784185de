/**
 * The deployment gate against a scripted Site24x7 peer whose states change from one read to the
 * next (and Datadog and PagerDuty peers): runs of passes, failure thresholds, inconclusive
 * answers, and a baseline taken before the deploy. The verdicts run the step code in process
 * with virtual waits (checkIn); both platforms' bundles run the real waits (the stabilisation
 * delay, Azure's polling), the baseline handed from a start to a check, and the deployment
 * status.
 */
import { type GithubRun, runGithub } from '../helpers/github.js';
import { runAzure } from '../helpers/azure.js';
import { runGithubInProcess } from '../helpers/inprocess.js';
import { findLeaks, isAddMask } from '../helpers/leaks.js';
import { type DatadogPeer, startDatadog } from '../peers/datadog.js';
import { type PagerDutyPeer, startPagerDuty } from '../peers/pagerduty.js';
import { type Site24x7Peer, startSite24x7 } from '../peers/site24x7.js';

const ACTION = 'site24x7-maintenance/action.yml';
const MAIN = 'dist/maintenance-main/index.js';
let peer: Site24x7Peer;
beforeEach(async () => {
  peer = await startSite24x7();
});
afterEach(() => peer.close());

const WEB = '100000000001';
const checkInputs = (inputs: Record<string, string>) => ({
  'api-url': peer.apiUrl,
  'access-token': peer.issue(),
  operation: 'check',
  monitors: 'shop-web',
  ...inputs,
});
const check = (inputs: Record<string, string>) =>
  runGithub(MAIN, checkInputs(inputs), { action: ACTION });
/** The same step in process, its waits virtual: for the verdicts (test/helpers/inprocess.ts). */
const checkIn = (inputs: Record<string, string>) =>
  runGithubInProcess(MAIN, checkInputs(inputs), { action: ACTION });
const errorLine = (r: GithubRun) => r.commands.find((c) => c.command === 'error')?.value ?? '';
/** The monitor's state on each read (the last repeats). */
const script = (...states: number[]) => {
  peer.onStatusRead = (n) => peer.status.set(WEB, states[Math.min(n - 1, states.length - 1)]!);
};
const reads = () => peer.apiCalls().filter((r) => r.path.startsWith('/api/current_status')).length;

test('a flapping monitor does not pass before its run of passes', async () => {
  // The longer scripts run on a fake clock in test/core/gate/model.test.ts.
  script(1, 0, 1, 1);
  const run = await checkIn({ 'required-passes': '2', 'wait-seconds': '30', 'poll-seconds': '1' });
  expect(run.code).toBe(0);
  expect(reads()).toBe(4);
  const verdict = JSON.parse(run.outputs.verdict!) as { outcome: string; evaluations: number };
  expect(verdict).toMatchObject({ outcome: 'passed', evaluations: 4 });
  expect(run.stdout).toMatch(/Evaluation 2: fail; 0 of 1 monitors pass; waiting 1 s/);
  expect(run.summary).toContain('| Evaluation | At | Verdict | Not passing |');
  expect(run.summary).toMatch(/\| 2 \| \+\d+ s \| fail \| 100000000001 down \|/);
});

test('a failure threshold ends the gate early, well before wait-seconds', async () => {
  script(0);
  const started = Date.now();
  const run = await checkIn({ 'max-failures': '2', 'wait-seconds': '600', 'poll-seconds': '1' });
  expect(run.code).toBe(1);
  expect(Date.now() - started).toBeLessThan(15_000);
  expect(reads()).toBe(2);
  expect(errorLine(run)).toMatch(
    /^Health gate failed: 1 of 1 monitors are not up after .* \(2 checks; wait-seconds is 600\) \(2 failing evaluations reached the failure threshold\): 'shop-web' \(100000000001\): down\./,
  );
});

test('no data is inconclusive and fails closed by default; inconclusive: pass lets it pass, said', async () => {
  peer.status.delete(WEB);
  const closed = await checkIn({});
  expect(closed.code).toBe(1);
  expect(closed.outputs.status).toBe('fail');
  expect(JSON.parse(closed.outputs.verdict!)).toMatchObject({
    outcome: 'inconclusive',
    passes: false,
    signals: [
      {
        signal: 'site24x7',
        verdict: 'inconclusive',
        items: [{ id: WEB, state: 'not reported', verdict: 'inconclusive' }],
      },
    ],
  });
  expect(errorLine(closed)).toMatch(
    /^Health gate inconclusive, so it fails \(fail-closed; inconclusive: pass would let it pass\)/,
  );
  expect(closed.summary).toContain('health gate: inconclusive (fails closed)');
  const open = await checkIn({ inconclusive: 'pass' });
  expect(open.code).toBe(0);
  expect(open.stdout).toContain('Health gate inconclusive, passed by choice (inconclusive: pass)');
});

test('a monitor down before the deploy is reported as pre-existing: ignored by default, failed by choice', async () => {
  peer.status.set(WEB, 0);
  const before = await checkIn({});
  expect(before.code).toBe(1);
  const baseline = before.outputs['monitor-states']!;
  const after = await checkIn({ baseline });
  expect(after.code).toBe(0);
  const warning = after.commands.find((c) => c.command === 'warning')?.value;
  expect(warning).toBe(
    'Monitor 100000000001 is down, as it was before the deploy (the baseline): pre-existing, not held against the gate (pre-existing: ignore).',
  );
  expect(after.summary).toContain('| pre-existing |');
  const strict = await checkIn({ baseline, 'pre-existing': 'fail' });
  expect(strict.code).toBe(1);
  // One that was up before and is down now is the deploy's: it fails whatever the rule.
  const fresh = await checkIn({
    baseline: JSON.stringify([{ id: WEB, state: 'up', passes: true }]),
  });
  expect(fresh.code).toBe(1);
  const bad = await checkIn({ baseline: 'not json' });
  expect(errorLine(bad)).toMatch(
    /^Input 'baseline' is not the monitor-states or verdict output of an earlier check/,
  );
});

test('the stabilisation delay comes before the first read; settings that cannot pass are refused', async () => {
  const started = Date.now();
  const run = await check({ 'stabilize-seconds': '2', 'wait-seconds': '5' });
  expect(run.code).toBe(0);
  expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
  const refused = await check({
    'required-passes': '5',
    'wait-seconds': '60',
    'poll-seconds': '30',
  });
  expect(errorLine(refused)).toMatch(
    /^Input 'required-passes' is 5, but 4 intervals of poll-seconds do not fit in wait-seconds/,
  );
  expect(reads()).toBe(1);
});

test('Azure Pipelines: the same gate, its verdict as an output variable', async () => {
  script(0, 1, 1);
  const run = await runAzure('Site24x7MaintenanceV1', 'main', {
    apiUrl: peer.apiUrl,
    accessToken: peer.issue(),
    operation: 'check',
    monitors: 'shop-web',
    requiredPasses: '2',
    waitSeconds: '20',
    pollSeconds: '1',
  });
  expect(run.result).toBeUndefined();
  expect(JSON.parse(run.outputs.verdict!.value)).toMatchObject({
    outcome: 'passed',
    evaluations: 3,
  });
  peer.onStatusRead = undefined;
  peer.status.delete(WEB);
  const inconclusive = await runAzure('Site24x7MaintenanceV1', 'main', {
    apiUrl: peer.apiUrl,
    accessToken: peer.issue(),
    operation: 'check',
    monitors: 'shop-web',
  });
  expect(inconclusive.result?.result).toBe('Failed');
  expect(inconclusive.result?.message).toMatch(
    /^Health gate inconclusive, so it fails \(fail-closed; inconclusive: pass would let it pass\)/,
  );
});

describe('Datadog and PagerDuty signals, combined with Site24x7', () => {
  let dd: DatadogPeer;
  let pd: PagerDutyPeer;
  beforeEach(async () => {
    [dd, pd] = await Promise.all([startDatadog(), startPagerDuty()]);
  });
  afterEach(() => Promise.all([dd.close(), pd.close()]));
  const allIn = (inputs: Record<string, string> = {}) =>
    checkIn({
      'datadog-api-url': dd.origin,
      'datadog-access-token': dd.issue(),
      'datadog-monitors': '4001',
      'pagerduty-api-url': pd.origin,
      'pagerduty-access-token': pd.issue(),
      'pagerduty-services': 'Shop',
      ...inputs,
    });

  test('each signal is shown; the gate passes once all three pass', async () => {
    dd.monitors[0]!.state = 'Alert';
    pd.incidents.push({ id: 'Q1', service: 'PSHOP01', status: 'triggered' });
    let ddReads = 0;
    dd.fault = (req) => {
      if (req.path === '/api/v1/monitor/4001' && ++ddReads === 3) dd.monitors[0]!.state = 'OK';
      return undefined;
    };
    let pdReads = 0;
    pd.fault = (req) => {
      if (req.path.startsWith('/incidents') && ++pdReads === 2)
        pd.incidents[0]!.status = 'resolved';
      return undefined;
    };
    const run = await allIn({ 'wait-seconds': '20', 'poll-seconds': '1' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const v = JSON.parse(run.outputs.verdict!) as {
      evaluations: number;
      signals: Array<{ signal: string; verdict: string }>;
    };
    expect(v.evaluations).toBe(2);
    expect(v.signals.map((s) => `${s.signal}:${s.verdict}`)).toEqual([
      'site24x7:pass',
      'datadog:pass',
      'pagerduty:pass',
    ]);
    expect(run.stdout).toMatch(
      /Evaluation 1: fail; 1 of 3 items pass; .* Not yet: datadog 4001: Alert; pagerduty PSHOP01: 1 open incident\./,
    );
    expect(run.summary).toContain('### Deployment gate: passed');
    expect(run.summary).toContain('| datadog | 4001 | OK | pass |');
    // Incidents are asked for the selected service, open ones only, with the read scope.
    const q = pd.apiCalls().find((r) => r.path.startsWith('/incidents'))!.path;
    expect(q).toContain('service_ids%5B%5D=PSHOP01');
    expect(q).toContain('statuses%5B%5D=triggered&statuses%5B%5D=acknowledged');
  });

  test("a baseline from the maintenance step's start: what failed before opening is pre-existing", async () => {
    peer.status.set(WEB, 0);
    dd.monitors[0]!.state = 'Alert';
    const ddToken = dd.issue();
    const start = await runGithub(
      MAIN,
      {
        'api-url': peer.apiUrl,
        'access-token': peer.issue(),
        monitors: 'shop-web',
        'datadog-api-url': dd.origin,
        'datadog-access-token': ddToken,
        'datadog-monitors': '4001',
        'take-baseline': 'true',
        'end-on-exit': 'false',
      },
      { action: ACTION },
    );
    expect(start.code).toBe(0);
    const baseline = start.outputs.baseline!;
    expect(JSON.parse(baseline)).toEqual({
      signals: [
        { signal: 'site24x7', items: [{ id: WEB, state: 'down', verdict: 'fail' }] },
        { signal: 'datadog', items: [{ id: '4001', state: 'Alert', verdict: 'fail' }] },
      ],
    });
    // Read before the window opened: inside it Site24x7 would say 'maintenance'.
    const firstWrite = peer.requests.findIndex((r) => r.method === 'POST');
    const lastRead = peer.requests
      .map((r) => r.path)
      .lastIndexOf('/api/current_status?suspended_required=true&apm_required=true');
    expect(lastRead).toBeLessThan(firstWrite);
    peer.windows.clear();
    const after = await check({
      'datadog-api-url': dd.origin,
      'datadog-access-token': ddToken,
      'datadog-monitors': '4001',
      baseline,
    });
    expect(after.code).toBe(0);
    expect(after.commands.filter((c) => c.command === 'warning').map((c) => c.value)).toEqual([
      'Monitor 100000000001 is down, as it was before the deploy (the baseline): pre-existing, not held against the gate (pre-existing: ignore).',
      'Datadog monitor 4001 is Alert, as it was before the deploy (the baseline): pre-existing, not held against the gate (pre-existing: ignore).',
    ]);
  });

  test('without Site24x7: Datadog No Data is inconclusive; a missing scope is named', async () => {
    dd.monitors[0]!.state = 'No Data';
    const run = await runGithubInProcess(
      MAIN,
      {
        operation: 'check',
        'datadog-api-url': dd.origin,
        'datadog-access-token': dd.issue(),
        'datadog-monitors': 'checkout latency',
      },
      { action: ACTION },
    );
    expect(run.code).toBe(1);
    expect(peer.requests).toEqual([]);
    expect(errorLine(run)).toMatch(
      /^Health gate inconclusive, so it fails .*datadog 4001: No Data\./,
    );
    const noScope = await checkIn({
      monitors: '',
      'access-token': '',
      'api-url': '',
      'pagerduty-api-url': pd.origin,
      'pagerduty-access-token': pd.issue(['services.read']),
      'pagerduty-services': 'Shop',
      'wait-seconds': '600',
    });
    // A refused token ends the gate at once: waiting cannot grant a scope.
    expect(noScope.code).toBe(1);
    expect(errorLine(noScope)).toMatch(/This call needs the scope incidents\.read/);
  });
});

test('GitHub: the gate sets the deployment status, in_progress then its verdict', async () => {
  const { createServer } = await import('node:http');
  const calls: Array<{ path: string; auth?: string; body: Record<string, unknown> }> = [];
  const token = 'ghs_deploymenttoken0123456789';
  // GitHub's deployment statuses: states it knows, descriptions of at most 140 characters.
  const gh = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const parsed = JSON.parse(body || '{}') as Record<string, unknown>;
      calls.push({ path: req.url ?? '', auth: req.headers.authorization, body: parsed });
      const ok =
        req.method === 'POST' &&
        req.url === '/repos/acme/shop/deployments/42/statuses' &&
        req.headers.authorization === `Bearer ${token}`;
      const valid =
        ['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success'].includes(
          String(parsed.state),
        ) && String(parsed.description ?? '').length <= 140;
      res.writeHead(ok ? (valid ? 201 : 422) : 404, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          ok && valid ? { id: calls.length, state: parsed.state } : { message: 'Not Found' },
        ),
      );
    });
  });
  await new Promise<void>((r) => gh.listen(0, '127.0.0.1', r));
  const api = `http://127.0.0.1:${(gh.address() as import('node:net').AddressInfo).port}`;
  try {
    peer.status.set(WEB, 0);
    const run = await runGithub(
      MAIN,
      {
        'api-url': peer.apiUrl,
        'access-token': peer.issue(),
        operation: 'check',
        monitors: 'shop-web',
        'deployment-id': '42',
        'deployment-token': token,
      },
      { action: ACTION, env: { GITHUB_API_URL: api } },
    );
    expect(run.code).toBe(1);
    expect(calls.map((c) => c.body.state)).toEqual(['in_progress', 'failure']);
    expect(calls[1]!.body.description).toBe(
      'Deployment gate failed: the signals did not pass within the timeout.',
    );
    expect(calls[1]!.body.log_url).toMatch(
      /^https:\/\/github\.com\/acme\/shop\/actions\/runs\/4242/,
    );
    expect(
      findLeaks({ token }, [
        { name: 'stdout', text: run.stdout, allowLine: isAddMask },
        { name: 'summary', text: run.summary },
      ]),
    ).toEqual([]);
    // A status that cannot be set is a warning; the gate's verdict stands.
    peer.status.set(WEB, 1);
    const wrong = await runGithub(
      MAIN,
      {
        'api-url': peer.apiUrl,
        'access-token': peer.issue(),
        operation: 'check',
        monitors: 'shop-web',
        'deployment-id': '7',
        'deployment-token': token,
        'max-retry-seconds': '0',
      },
      { action: ACTION, env: { GITHUB_API_URL: api } },
    );
    expect(wrong.code).toBe(0);
    expect(wrong.commands.filter((c) => c.command === 'warning').map((c) => c.value)[0]).toMatch(
      /^Deployment 7: the status in_progress could not be set: .*HTTP 404.*No such deployment in this repository/,
    );
  } finally {
    await new Promise<void>((r) => gh.close(() => r()));
  }
});

test('Azure Pipelines: Site24x7 and Datadog combined, a baseline from start, a failure threshold', async () => {
  const dd = await startDatadog();
  try {
    peer.status.set(WEB, 0);
    const base = {
      apiUrl: peer.apiUrl,
      accessToken: peer.issue(),
      monitors: 'shop-web',
      datadogApiUrl: dd.origin,
      datadogAccessToken: dd.issue(),
      datadogMonitors: '4002',
    };
    const start = await runAzure('Site24x7MaintenanceV1', 'main', {
      ...base,
      takeBaseline: 'true',
      endOnExit: 'false',
    });
    expect(start.result).toBeUndefined();
    peer.windows.clear();
    // Down before and after: pre-existing, ignored; Datadog's monitor fails from now on.
    dd.monitors[1]!.state = 'Alert';
    const run = await runAzure('Site24x7MaintenanceV1', 'main', {
      ...base,
      operation: 'check',
      baseline: start.outputs.baseline!.value,
      maxFailures: '2',
      waitSeconds: '600',
      pollSeconds: '1',
    });
    expect(run.result?.result).toBe('Failed');
    expect(run.result?.message).toMatch(
      /2 failing evaluations reached the failure threshold\): datadog 4002: Alert\./,
    );
    const v = JSON.parse(run.outputs.verdict!.value) as {
      evaluations: number;
      signals: Array<{ signal: string; verdict: string; items: Array<{ preexisting?: boolean }> }>;
    };
    expect(v.evaluations).toBe(2);
    expect(v.signals.map((s) => `${s.signal}:${s.verdict}`)).toEqual([
      'site24x7:pass',
      'datadog:fail',
    ]);
    expect(v.signals[0]!.items[0]!.preexisting).toBe(true);
  } finally {
    await dd.close();
  }
});
