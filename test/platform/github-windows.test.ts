/**
 * One maintenance step over Site24x7, Datadog and PagerDuty, run as the GitHub runner runs it
 * (the dist/ bundles as child processes, state from main to post) against the three loopback
 * peers: one transaction to open, the post step to close every window, cancellation between.
 */
import { arrival, isPost } from '../helpers/arrival.js';
import { type GithubRun, type RunOptions, runGithub } from '../helpers/github.js';
import { findLeaks, isAddMask } from '../helpers/leaks.js';
import { type DatadogPeer, startDatadog } from '../peers/datadog.js';
import { type PagerDutyPeer, startPagerDuty } from '../peers/pagerduty.js';
import { type Site24x7Peer, startSite24x7 } from '../peers/site24x7.js';

const ACTION = 'site24x7-maintenance/action.yml';
const MAIN = 'dist/maintenance-main/index.js';
const POST = 'dist/maintenance-post/index.js';

let s24: Site24x7Peer;
let dd: DatadogPeer;
let pd: PagerDutyPeer;
beforeEach(async () => {
  [s24, dd, pd] = await Promise.all([startSite24x7(), startDatadog(), startPagerDuty()]);
});
afterEach(() => Promise.all([s24.close(), dd.close(), pd.close()]));

const tokens = () => ({ s24: s24.issue(), dd: dd.issue(), pd: pd.issue() });
function allThree(t: ReturnType<typeof tokens>, extra: Record<string, string> = {}) {
  return {
    'api-url': s24.apiUrl,
    'access-token': t.s24,
    monitors: 'shop-web',
    'datadog-api-url': dd.origin,
    'datadog-access-token': t.dd,
    'datadog-monitors': '4001, checkout errors',
    'pagerduty-api-url': pd.origin,
    'pagerduty-access-token': t.pd,
    'pagerduty-services': 'Shop, PBILL02',
    duration: '2h',
    ...extra,
  };
}
const main = (inputs: Record<string, string>, opts: Pick<RunOptions, 'signalAt'> = {}) =>
  runGithub(MAIN, inputs, { action: ACTION, ...opts });
const post = (inputs: Record<string, string>, state: Record<string, string>) =>
  runGithub(POST, inputs, { action: ACTION, state });
const errorLine = (r: GithubRun) => r.commands.find((c) => c.command === 'error')?.value ?? '';

function expectClean(run: GithubRun, t: ReturnType<typeof tokens>) {
  const leaks = findLeaks({ s24: t.s24, dd: t.dd, pd: t.pd }, [
    { name: 'stdout', text: run.stdout, allowLine: isAddMask },
    { name: 'stderr', text: run.stderr },
    { name: 'GITHUB_OUTPUT', text: run.files.output ?? '' },
    { name: 'GITHUB_ENV', text: run.files.env ?? '' },
    // The post step needs the tokens: the runner's state file may hold them, nothing else.
    { name: 'GITHUB_STATE', text: run.files.state ?? '', allowSecrets: ['s24', 'dd', 'pd'] },
    { name: 'summary', text: run.summary },
  ]);
  expect(leaks).toEqual([]);
}
const open = (peer: DatadogPeer) =>
  [...peer.downtimes.values()].filter((d) => ['active', 'scheduled'].includes(peer.statusOf(d)));
const pdOpen = () => [...pd.windows.values()].filter((w) => !w.deleted && w.end > Date.now());

test('all three opened, the deploy fails, the post step closes all three', async () => {
  const t = tokens();
  const run = await main(allThree(t));
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(s24.windows.size).toBe(1);
  expect(open(dd).map((d) => d.monitor_identifier)).toEqual([
    { monitor_id: 4001 },
    { monitor_id: 4002 },
  ]);
  expect(pdOpen().map((w) => w.services)).toEqual([['PSHOP01', 'PBILL02']]);
  // Every window has the same scheduled end, so each ends on its own if nothing reaches it.
  const endsAt = Date.parse(run.outputs['ends-at']!);
  for (const d of dd.downtimes.values()) expect(d.end).toBe(endsAt);
  expect([...pd.windows.values()][0]!.end).toBe(endsAt);
  expect(run.outputs['datadog-downtime-ids']!.split(',')).toHaveLength(2);
  expect(run.outputs['pagerduty-window-id']).toMatch(/^PW\d+$/);
  // A Datadog API URL of its own has no known web app to link to; PagerDuty's answer gives one.
  expect(run.summary).toMatch(/\| Datadog downtime \| [0-9a-f-]{36} \| monitor 4001 \|/);
  expect(run.summary).toContain('| PagerDuty maintenance window | [PW');
  expect(run.summary).toContain(
    'https://acme.pagerduty.com/service-directory/maintenance-windows/',
  );
  expectClean(run, t);

  // The deploy step fails; the runner still runs the post step (post-if: always()).
  const p = await post({}, run.state);
  expect(p.stderr).toBe('');
  expect(p.code).toBe(0);
  expect(open(dd)).toEqual([]);
  expect(pdOpen()).toEqual([]);
  expect(p.stdout).toMatch(/Closed Datadog downtime [0-9a-f-]+ \(monitor 4001\): cancelled/);
  expect(p.stdout).toMatch(
    /Closed PagerDuty maintenance window PW\d+ \(services Shop \(PSHOP01\), Billing \(PBILL02\)\): ended now/,
  );
  expect(p.stdout).toMatch(/Ended maintenance window \d+/);
  expectClean(p, t);
});

test('the second provider failing: the first provider and Site24x7 are closed before the step fails', async () => {
  const t = tokens();
  pd.fault = (req) =>
    req.method === 'POST'
      ? {
          status: 400,
          json: {
            error: { message: 'Invalid Input Provided', code: 2001, errors: ['::error::forged'] },
          },
        }
      : undefined;
  const run = await main(allThree(t));
  expect(run.code).toBe(1);
  const err = errorLine(run);
  expect(err).toMatch(
    /^Opening the PagerDuty maintenance window for services Shop \(PSHOP01\), Billing \(PBILL02\) failed: The maintenance window creation .* HTTP 400: Invalid Input Provided/,
  );
  expect(err).toMatch(
    /The windows opened before it were closed: Datadog downtime [0-9a-f-]+ \(monitor 4002\): cancelled; Datadog downtime [0-9a-f-]+ \(monitor 4001\): cancelled\./,
  );
  expect(err).toMatch(/Site24x7 maintenance window \d+: (ended|deleted before it started)\./);
  // The provider's text is data: no runner command got through.
  expect(run.commands.filter((c) => c.command === 'error')).toHaveLength(1);
  expect(open(dd)).toEqual([]);
  expect(pdOpen()).toEqual([]);
  // Nothing is left for the post step.
  const p = await post({}, run.state);
  expect(p.code).toBe(0);
  expect(dd.apiCalls(true).filter((r) => r.method === 'DELETE')).toHaveLength(2);
  expectClean(run, t);
});

test('a rollback that cannot close a window leaves it to the post step, which closes it', async () => {
  const t = tokens();
  pd.fault = (req) =>
    req.method === 'POST'
      ? { status: 403, json: { error: { message: 'Forbidden', code: 2010 } } }
      : undefined;
  dd.fault = (req) =>
    req.method === 'DELETE'
      ? { status: 503, json: { errors: ['Service Unavailable'] } }
      : undefined;
  const run = await main(
    allThree(t, { monitors: '', 'access-token': '', 'api-url': '', 'max-retry-seconds': '0' }),
  );
  expect(run.code).toBe(1);
  expect(errorLine(run)).toMatch(
    /Of the windows opened before it, not all could be closed \(the post step tries again\): Datadog downtime [0-9a-f-]+ \(monitor 4002\): could not be closed: .*HTTP 503/,
  );
  expect(JSON.parse(run.state['other-windows']!)).toHaveLength(2);
  dd.fault = undefined;
  pd.fault = undefined;
  const p = await post({}, run.state);
  expect(p.code).toBe(0);
  expect(open(dd)).toEqual([]);
});

test('cancelled between open and close (SIGTERM while PagerDuty answers slowly): post closes what opened', async () => {
  const t = tokens();
  const asked = arrival();
  pd.fault = asked.hangOn(isPost);
  const run = await main(allThree(t), { signalAt: asked.signal('SIGTERM') });
  expect(run.code).not.toBe(0);
  expect(JSON.parse(run.state['other-windows']!)).toHaveLength(2);
  expect(open(dd)).toHaveLength(2);
  pd.fault = undefined;
  const p = await post({}, run.state);
  expect(p.code).toBe(0);
  expect(open(dd)).toEqual([]);
  expect(pdOpen()).toEqual([]);
  expect(p.stdout).toMatch(/Ended maintenance window \d+|Deleted maintenance window \d+/);
});

test('killed while PagerDuty creates its window: the post step finds it by its marker and ends it', async () => {
  const t = tokens();
  // The create reaches PagerDuty, which opens the window, but the answer never comes back.
  const asked = arrival();
  pd.fault = (req) => {
    if (req.method !== 'POST') return undefined;
    asked.arrive();
    const body = JSON.parse(req.body) as {
      maintenance_window: {
        description: string;
        services: Array<{ id: string }>;
        start_time: string;
        end_time: string;
      };
    };
    const w = body.maintenance_window;
    pd.windows.set('PW77777', {
      id: 'PW77777',
      start: Date.now(),
      end: Date.parse(w.end_time),
      description: w.description,
      services: w.services.map((s) => s.id),
    });
    return { hang: true };
  };
  const run = await main(allThree(t), { signalAt: asked.signal('SIGKILL') });
  expect(run.signal).toBe('SIGKILL');
  pd.fault = undefined;
  const p = await post({}, run.state);
  expect(p.code).toBe(0);
  expect(p.stdout).toContain(
    'Found PagerDuty maintenance window PW77777, which the main step opened without hearing back.',
  );
  expect(pdOpen()).toEqual([]);
  expect(open(dd)).toEqual([]);
});

test('Datadog and PagerDuty without Site24x7; 429s waited out as each API asks', async () => {
  const t = tokens();
  let ddN = 0;
  let pdN = 0;
  dd.fault = (req) =>
    req.method === 'POST' && ddN++ === 0
      ? {
          status: 429,
          headers: {
            'x-ratelimit-limit': '10',
            'x-ratelimit-period': '10',
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset': '1',
          },
          json: { errors: ['Rate limit exceeded'] },
        }
      : undefined;
  pd.fault = (req) =>
    req.method === 'POST' && pdN++ === 0
      ? {
          status: 429,
          headers: { 'ratelimit-limit': '960', 'ratelimit-remaining': '0', 'ratelimit-reset': '1' },
          json: { error: { message: 'Rate Limit Exceeded', code: 2020 } },
        }
      : undefined;
  const run = await main({
    ...allThree(t),
    'api-url': '',
    'access-token': '',
    monitors: '',
    'datadog-monitors': '',
    'datadog-tags': 'service:shop',
  });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(s24.requests).toEqual([]);
  expect(open(dd).map((d) => d.monitor_identifier)).toEqual([{ monitor_tags: ['service:shop'] }]);
  expect(run.stdout).toMatch(
    /The downtime creation failed \(attempt 1\): HTTP 429\. Retrying in 1(\.\d)? s as the server asked \(X-RateLimit-Reset\)/,
  );
  expect(run.stdout).toMatch(
    /The maintenance window creation failed \(attempt 1\): HTTP 429\. Retrying in 1(\.\d)? s as the server asked \(ratelimit-reset\)/,
  );
  expect(run.summary).toContain('### Maintenance windows');
  const p = await post({}, run.state);
  expect(p.code).toBe(0);
  expect(open(dd)).toEqual([]);
  expect(pdOpen()).toEqual([]);
  expectClean(run, t);
});

test('a PagerDuty token from the token step (preset pagerduty) opens the window the next step needs', async () => {
  const mint = await runGithub(
    'dist/main/index.js',
    {
      provider: 'pagerduty',
      'token-url': `${pd.origin}/oauth/token`,
      'client-id': pd.client.id,
      'client-secret': pd.client.secret,
      scope: `as_account-us.${pd.subdomain} services.read services.write`,
    },
    { action: 'action.yml' },
  );
  expect(mint.stderr).toBe('');
  expect(mint.code).toBe(0);
  const token = mint.outputs['access-token']!;
  expect(pd.minted).toEqual([token]);
  const run = await main({
    'pagerduty-api-url': pd.origin,
    'pagerduty-access-token': token,
    'pagerduty-services': 'Billing',
  });
  expect(run.code).toBe(0);
  expect(pdOpen().map((w) => w.services)).toEqual([['PBILL02']]);
  const p = await post({}, run.state);
  expect(p.code).toBe(0);
  expect(pdOpen()).toEqual([]);
});

test('pagerduty-client-id: the step mints the app token itself; a scope without the account is refused first', async () => {
  const creds = {
    'pagerduty-api-url': pd.origin,
    'pagerduty-token-url': `${pd.origin}/oauth/token`,
    'pagerduty-client-id': pd.client.id,
    'pagerduty-client-secret': pd.client.secret,
    'pagerduty-services': 'Shop',
  };
  const bad = await main({ ...creds, 'pagerduty-scope': 'services.read services.write' });
  expect(bad.code).toBe(1);
  expect(errorLine(bad)).toMatch(
    /^Input 'pagerduty-scope' does not name the PagerDuty \(Scoped OAuth app\) account for region us/,
  );
  expect(pd.requests).toEqual([]);
  const run = await main({
    ...creds,
    'pagerduty-scope': `as_account-us.${pd.subdomain} services.read services.write`,
  });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(pd.minted).toHaveLength(1);
  expect(run.stdout).toContain('using a freshly minted app token');
  const p = await post({}, run.state);
  expect(p.code).toBe(0);
  expect(pdOpen()).toEqual([]);
  const leaks = findLeaks({ secret: pd.client.secret, token: pd.minted[0]! }, [
    { name: 'stdout', text: run.stdout + p.stdout, allowLine: isAddMask },
    { name: 'GITHUB_OUTPUT', text: run.files.output ?? '' },
    { name: 'GITHUB_STATE', text: run.files.state ?? '', allowSecrets: ['token'] },
    { name: 'summary', text: run.summary },
  ]);
  expect(leaks).toEqual([]);
});

test('dry run: every request is shown, nothing is opened', async () => {
  const t = tokens();
  const run = await main(allThree(t, { 'dry-run': 'true' }));
  expect(run.code).toBe(0);
  expect(run.stdout).toContain(
    'Dry run: would send POST /api/v2/downtime (Datadog downtime for monitor 4001)',
  );
  expect(run.stdout).toContain(
    'Dry run: would send POST /maintenance_windows (PagerDuty maintenance window for services',
  );
  expect(s24.windows.size + dd.downtimes.size + pd.windows.size).toBe(0);
  expect(run.state).toEqual({});
});

test('a wrong name is refused before any window opens; a missing token names its input', async () => {
  const t = tokens();
  const run = await main(allThree(t, { 'pagerduty-services': 'Shop, Nope' }));
  expect(run.code).toBe(1);
  expect(errorLine(run)).toMatch(
    /lists the service 'Nope', and no PagerDuty service has that exact name/,
  );
  expect(s24.windows.size + dd.downtimes.size + pd.windows.size).toBe(0);
  const none = await main(allThree(t, { 'datadog-access-token': '' }));
  expect(none.code).toBe(1);
  expect(errorLine(none)).toMatch(
    /^Input 'datadog-access-token' is empty, but datadog-monitors is set: pass the access token/,
  );
});
