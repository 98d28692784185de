/**
 * The Site24x7Maintenance@1 task muting Site24x7, Datadog and PagerDuty in one step, run as the
 * Azure Pipelines agent runs it (bundles as child processes, task variables handed to the
 * post-job step) against the three loopback peers. The connection refusals, where only the
 * input policy is at stake, run the task's entry in process (runAzureInProcess).
 */
import { readFileSync } from 'node:fs';
import { arrival, isPost } from '../helpers/arrival.js';
import {
  type AzureRun,
  type Connection,
  isSecretCommandLine,
  runAzure,
  site24x7Connection,
} from '../helpers/azure.js';
import { runAzureInProcess } from '../helpers/inprocess.js';
import { findLeaks } from '../helpers/leaks.js';
import { type DatadogPeer, startDatadog } from '../peers/datadog.js';
import { type PagerDutyPeer, startPagerDuty } from '../peers/pagerduty.js';
import { type Site24x7Peer, startSite24x7 } from '../peers/site24x7.js';

const TASK = 'Site24x7MaintenanceV1';
let s24: Site24x7Peer;
let dd: DatadogPeer;
let pd: PagerDutyPeer;
beforeEach(async () => {
  [s24, dd, pd] = await Promise.all([startSite24x7(), startDatadog(), startPagerDuty()]);
});
afterEach(() => Promise.all([s24.close(), dd.close(), pd.close()]));

function expectNoLeaks(run: AzureRun, secrets: Record<string, string>) {
  expect(
    findLeaks({ ...secrets, secret: s24.client.secret, refresh: s24.client.refreshToken }, [
      { name: 'stdout', text: run.stdout, allowLine: isSecretCommandLine },
      { name: 'stderr', text: run.stderr },
      ...Object.entries(run.files).map(([name, text]) => ({ name, text })),
    ]),
  ).toEqual([]);
}
const others = (t: { dd: string; pd: string }) => ({
  datadogApiUrl: dd.origin,
  datadogAccessToken: t.dd,
  datadogMonitors: 'checkout latency',
  pagerdutyApiUrl: pd.origin,
  pagerdutyAccessToken: t.pd,
  pagerdutyServices: 'PSHOP01',
});
const live = () =>
  [...dd.downtimes.values()].filter((d) => ['active', 'scheduled'].includes(dd.statusOf(d)))
    .length + [...pd.windows.values()].filter((w) => !w.deleted && w.end > Date.now()).length;

test('with the Site24x7 connection: all three opened, the job fails, the post-job step closes all three', async () => {
  const t = { dd: dd.issue(), pd: pd.issue() };
  const run = await runAzure(
    TASK,
    'main',
    { monitors: 'shop-web', duration: '2h', ...others(t) },
    { connection: site24x7Connection(s24) },
  );
  expect(run.result).toBeUndefined();
  expect(s24.windows.size).toBe(1);
  expect(live()).toBe(2);
  expect(run.outputs.datadogDowntimeIds!.value).toMatch(/^[0-9a-f-]{36}$/);
  expect(run.outputs.pagerdutyWindowId!.value).toMatch(/^PW\d+$/);
  // Both tokens reach the post-job step only as secret task variables.
  for (const variable of ['datadogToken', 'pagerdutyToken']) {
    const tv = run.commands.find(
      (c) => c.area === 'task.settaskvariable' && c.props.variable === variable,
    );
    expect(tv?.props.issecret).toBe('true');
  }
  const summary = run.commands.find(
    (c) => c.area === 'task.addattachment' && c.props.type === 'Distributedtask.Core.Summary',
  );
  expect(readFileSync(summary!.value, 'utf8')).toContain('| PagerDuty maintenance window | [PW');
  expectNoLeaks(run, t);

  const post = await runAzure(
    TASK,
    'post',
    {},
    { connection: site24x7Connection(s24), taskVariables: run.taskVariables },
  );
  expect(post.result).toBeUndefined();
  expect(live()).toBe(0);
  expect(post.stdout).toMatch(/Ended maintenance window \d+/);
  expect(post.stdout).toMatch(/Closed Datadog downtime .*: cancelled/);
  expect(post.stdout).toMatch(/Closed PagerDuty maintenance window PW\d+ .*: ended now/);
  expectNoLeaks(post, t);
});

test('PagerDuty refusing: the Datadog downtime is cancelled before the task fails; nothing is left', async () => {
  const t = { dd: dd.issue(), pd: pd.issue(['services.read']) };
  const run = await runAzure(TASK, 'main', { duration: '30m', ...others(t) });
  expect(run.result?.result).toBe('Failed');
  expect(run.result?.message).toMatch(
    /HTTP 403: Forbidden: .*This call needs the scope services\.write/,
  );
  expect(run.result?.message).toMatch(
    /The windows opened before it were closed: Datadog downtime [0-9a-f-]+ \(monitor 4001\): cancelled\./,
  );
  expect(s24.requests).toEqual([]);
  expect(live()).toBe(0);
  const post = await runAzure(TASK, 'post', {}, { taskVariables: run.taskVariables });
  expect(post.result).toBeUndefined();
  expect(dd.apiCalls(true).map((r) => r.method)).toEqual(['POST', 'DELETE']);
  expectNoLeaks(run, t);
});

const pagerDutyConnection = (data: Record<string, string> = {}): Connection => ({
  id: 'feed0000-aaaa-bbbb-cccc-ddddeeeeffff',
  scheme: 'UsernamePassword',
  params: { username: pd.client.id, password: pd.client.secret },
  data: {
    provider: 'pagerduty',
    region: 'us',
    tokenUrl: `${pd.origin}/oauth/token`,
    apiUrl: pd.origin,
    scope: `as_account-us.${pd.subdomain} services.read services.write`,
    ...data,
  },
});

test('a PagerDuty connection: the task mints the app token, and the connection decides where it goes', async () => {
  const run = await runAzure(
    TASK,
    'main',
    { pagerdutyServices: 'Shop', duration: '20m' },
    { connections: { pagerdutyConnection: pagerDutyConnection() } },
  );
  expect(run.result).toBeUndefined();
  expect(pd.minted).toHaveLength(1);
  expect(live()).toBe(1);
  expect(run.secretsRegistered).toContain(pd.minted[0]);
  expect(pd.requests.find((r) => r.path === '/oauth/token')!.body).toContain(
    'scope=as_account-us.acme+services.read+services.write',
  );
  const post = await runAzure(
    TASK,
    'post',
    {},
    {
      connections: { pagerdutyConnection: pagerDutyConnection() },
      taskVariables: run.taskVariables,
    },
  );
  expect(post.result).toBeUndefined();
  expect(live()).toBe(0);
  expectNoLeaks(run, { secret: pd.client.secret, token: pd.minted[0]! });
  expectNoLeaks(post, { secret: pd.client.secret, token: pd.minted[0]! });

  // A pipeline cannot send the connection's token elsewhere, or name another account.
  for (const [input, value] of [
    ['pagerdutyApiUrl', 'http://127.0.0.1:9/'],
    ['pagerdutyScope', 'as_account-us.other services.write'],
    ['pagerdutyRegion', 'eu'],
  ] as const) {
    const refused = await runAzureInProcess(
      TASK,
      'main',
      { pagerdutyServices: 'Shop', [input]: value },
      { connections: { pagerdutyConnection: pagerDutyConnection() } },
    );
    expect(refused.result?.message).toMatch(
      new RegExp(
        `^Input '${input}' is set, but this task uses a service connection, and with a connection its owner decides this input`,
      ),
    );
  }
  expect(pd.minted).toHaveLength(1);
  // A connection for another provider is not a PagerDuty connection.
  const wrong = await runAzureInProcess(
    TASK,
    'main',
    { pagerdutyServices: 'Shop' },
    { connections: { pagerdutyConnection: pagerDutyConnection({ provider: 'site24x7' }) } },
  );
  expect(wrong.result?.message).toMatch(
    /^Input 'pagerdutyConnection' is a connection for provider 'site24x7'/,
  );
  expect(pd.minted).toHaveLength(1);
});

test('the Site24x7 connection does not govern the PagerDuty inputs', async () => {
  const token = pd.issue();
  const run = await runAzureInProcess(
    TASK,
    'main',
    {
      monitors: 'shop-web',
      pagerdutyApiUrl: pd.origin,
      pagerdutyAccessToken: token,
      pagerdutyServices: 'Shop',
    },
    { connection: site24x7Connection(s24) },
  );
  expect(run.result).toBeUndefined();
  expect(live()).toBe(1);
});

test('cancelled while PagerDuty answers slowly: the post-job step closes the Datadog downtime', async () => {
  const t = { dd: dd.issue(), pd: pd.issue() };
  const asked = arrival();
  pd.fault = asked.hangOn(isPost);
  const run = await runAzure(
    TASK,
    'main',
    { duration: '30m', ...others(t) },
    { signalAt: asked.signal('SIGTERM') },
  );
  // The agent reads the result, not the exit code: the task reports the cancellation.
  expect(run.result).toEqual({
    result: 'Failed',
    message: 'Cancelled during the maintenance window creation.',
  });
  expect(live()).toBe(1);
  pd.fault = undefined;
  const post = await runAzure(TASK, 'post', {}, { taskVariables: run.taskVariables });
  expect(post.result).toBeUndefined();
  expect(live()).toBe(0);
  expectNoLeaks(run, t);
});

test('429s from Datadog and PagerDuty are waited out as their headers say', async () => {
  const t = { dd: dd.issue(), pd: pd.issue() };
  let n = 0;
  dd.fault = (req) =>
    req.method === 'POST' && n++ === 0
      ? {
          status: 429,
          headers: { 'x-ratelimit-reset': '1', 'x-ratelimit-remaining': '0' },
          json: { errors: ['Rate limit exceeded'] },
        }
      : undefined;
  let m = 0;
  pd.fault = (req) =>
    req.method === 'GET' && m++ === 0
      ? {
          status: 429,
          headers: { 'ratelimit-reset': '1', 'ratelimit-remaining': '0' },
          json: { error: { message: 'Rate Limit Exceeded', code: 2020 } },
        }
      : undefined;
  const run = await runAzure(TASK, 'main', { duration: '30m', ...others(t) });
  expect(run.result).toBeUndefined();
  expect(live()).toBe(2);
  expect(run.stdout).toMatch(
    /The downtime creation failed \(attempt 1\): HTTP 429\. Retrying in 1(\.\d)? s as the server asked \(X-RateLimit-Reset\)/,
  );
  expect(run.stdout).toMatch(
    /The service lookup failed \(attempt 1\): HTTP 429\. Retrying in 1(\.\d)? s as the server asked \(ratelimit-reset\)/,
  );
  const post = await runAzure(TASK, 'post', {}, { taskVariables: run.taskVariables });
  expect(post.result).toBeUndefined();
  expect(live()).toBe(0);
});
