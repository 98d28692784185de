/**
 * The Site24x7Maintenance@1 task muting Site24x7, Datadog and PagerDuty in one step, run as the
 * Azure Pipelines agent runs it (bundles as child processes, task variables handed to the
 * post-job step) against the three loopback peers.
 */
import { readFileSync } from 'node:fs';
import {
  type AzureRun,
  isSecretCommandLine,
  runAzure,
  site24x7Connection,
} from '../helpers/azure.js';
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
