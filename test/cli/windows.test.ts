/**
 * The command line's maintenance commands with Datadog and PagerDuty, against the loopback
 * peers (`run` on the built bundle as a child process): run opens every window, runs the
 * command and ends them all when it exits (Ctrl-C included); end takes their IDs.
 */
import { cli } from '../helpers/cli.js';
import { type DatadogPeer, startDatadog } from '../peers/datadog.js';
import { type PagerDutyPeer, startPagerDuty } from '../peers/pagerduty.js';

let dd: DatadogPeer;
let pd: PagerDutyPeer;
beforeEach(async () => {
  [dd, pd] = await Promise.all([startDatadog(), startPagerDuty()]);
});
afterEach(() => Promise.all([dd.close(), pd.close()]));

const live = () =>
  [...dd.downtimes.values()].filter((d) => ['active', 'scheduled'].includes(dd.statusOf(d)))
    .length + [...pd.windows.values()].filter((w) => !w.deleted && w.end > Date.now()).length;
const hosts = () => ['--datadog-api-url', dd.origin, '--pagerduty-api-url', pd.origin];

test('maintenance run: Datadog and PagerDuty muted for the command, ended when it exits, its status kept', async () => {
  const env = { OAUTH_DATADOG_ACCESS_TOKEN: dd.issue(), OAUTH_PAGERDUTY_ACCESS_TOKEN: pd.issue() };
  const r = await cli(
    [
      'site24x7',
      'maintenance',
      'run',
      ...hosts(),
      '--datadog-monitors',
      'checkout latency',
      '--pagerduty-services',
      'Shop',
      '--',
      process.execPath,
      '-e',
      // The command sees neither token, and the windows are open while it runs.
      'console.log(process.env.OAUTH_DATADOG_ACCESS_TOKEN ?? "no dd token", process.env.OAUTH_PAGERDUTY_ACCESS_TOKEN ?? "no pd token"); process.exit(4)',
    ],
    env,
  );
  expect(r.code).toBe(4);
  expect(r.stdout).toContain('no dd token no pd token');
  expect(dd.downtimes.size).toBe(1);
  expect(pd.windows.size).toBe(1);
  expect(live()).toBe(0);
  expect(r.stderr).toMatch(/Closed PagerDuty maintenance window PW\d+ .*: ended now/);
  expect(r.stderr).toMatch(/Closed Datadog downtime .*: cancelled/);
  for (const s of Object.values(env)) expect(r.stdout + r.stderr).not.toContain(s);
});

test('maintenance run: Ctrl-C during the command still ends every window', async () => {
  const r = await cli(
    [
      'site24x7',
      'maintenance',
      'run',
      ...hosts(),
      '--datadog-tags',
      'service:shop',
      '--pagerduty-services',
      'PBILL02',
      '--',
      process.execPath,
      '-e',
      'console.error("deploying"); setTimeout(() => {}, 30000)',
    ],
    { OAUTH_DATADOG_ACCESS_TOKEN: dd.issue(), OAUTH_PAGERDUTY_ACCESS_TOKEN: pd.issue() },
    '',
    { signalWhen: { when: 'deploying', signal: 'SIGINT' } },
  );
  expect(r.code).not.toBe(0);
  expect(dd.downtimes.size + pd.windows.size).toBe(2);
  expect(live()).toBe(0);
});

test('maintenance start, then end by the IDs it printed; an ID that names nothing is an error', async () => {
  const env = { OAUTH_DATADOG_ACCESS_TOKEN: dd.issue(), OAUTH_PAGERDUTY_ACCESS_TOKEN: pd.issue() };
  const s = await cli(
    [
      'site24x7',
      'maintenance',
      'start',
      ...hosts(),
      '--datadog-monitors',
      '4003',
      '--pagerduty-services',
      'Billing',
      '--json',
    ],
    env,
  );
  expect(s.code).toBe(0);
  // --json gives comma lists as arrays.
  const out = JSON.parse(s.stdout) as {
    datadog_downtime_ids: string[];
    pagerduty_window_id: string;
  };
  expect(live()).toBe(2);
  const e = await cli(
    [
      'site24x7',
      'maintenance',
      'end',
      ...hosts(),
      '--datadog-downtime-ids',
      out.datadog_downtime_ids.join(','),
      '--pagerduty-window-id',
      out.pagerduty_window_id,
    ],
    env,
  );
  expect(e.stderr).toMatch(/Closed Datadog downtime/);
  expect(e.code).toBe(0);
  expect(live()).toBe(0);
  const again = await cli(
    ['site24x7', 'maintenance', 'end', ...hosts(), '--pagerduty-window-id', 'PW99999'],
    env,
  );
  expect(again.code).not.toBe(0);
  expect(again.stderr).toContain('no PagerDuty maintenance window has the ID PW99999');
});

test('a token as an argument is refused; the option list knows the new options', async () => {
  const r = await cli([
    'site24x7',
    'maintenance',
    'start',
    '--datadog-access-token',
    'x',
    '--datadog-monitors',
    '1',
  ]);
  expect(r.code).not.toBe(0);
  expect(r.stderr).toMatch(/OAUTH_DATADOG_ACCESS_TOKEN/);
  const h = await cli(['site24x7', 'maintenance', 'run', '--help']);
  expect(h.stdout).toContain('--pagerduty-services A,B');
  expect(h.stdout).toContain('--datadog-monitors A,B');
});

test('maintenance list: the Datadog downtimes and PagerDuty windows this tool opened, by their marker', async () => {
  const env = { OAUTH_DATADOG_ACCESS_TOKEN: dd.issue(), OAUTH_PAGERDUTY_ACCESS_TOKEN: pd.issue() };
  const s = await cli(
    [
      'site24x7',
      'maintenance',
      'start',
      ...hosts(),
      '--datadog-monitors',
      '4001',
      '--pagerduty-services',
      'Shop',
      '--json',
    ],
    env,
  );
  expect(s.code).toBe(0);
  const started = JSON.parse(s.stdout) as {
    datadog_downtime_ids: string[];
    pagerduty_window_id: string;
  };
  // Someone's own downtime, not this tool's: listed only with --all.
  dd.downtimes.set('00000000-0000-4000-8000-000000000001', {
    id: '00000000-0000-4000-8000-000000000001',
    scope: '*',
    monitor_identifier: { monitor_id: 4002 },
    start: Date.now(),
    end: Date.now() + 3_600_000,
    message: 'by hand',
    created: Date.now(),
  });
  const mine = await cli(['site24x7', 'maintenance', 'list', ...hosts(), '--json'], env);
  expect(mine.code).toBe(0);
  const doc = JSON.parse(mine.stdout) as Record<string, Array<Record<string, string>>>;
  expect(doc.windows).toBeUndefined(); // no Site24x7 credentials: not asked
  expect(doc.datadog_downtimes!.map((d) => [d.id, d.state, d.covers])).toEqual([
    [started.datadog_downtime_ids[0], 'running', 'monitor 4001'],
  ]);
  expect(doc.pagerduty_windows!.map((w) => [w.id, w.covers])).toEqual([
    [started.pagerduty_window_id, '1 service'],
  ]);
  const all = await cli(['site24x7', 'maintenance', 'list', ...hosts(), '--all'], env);
  expect(all.stdout).toContain('[Datadog] by hand');
  expect(all.stderr).toContain('3 windows.');
});

test('site24x7 maintenance check --json: the verdict object, Datadog and PagerDuty signals', async () => {
  pd.incidents.push({ id: 'Q9', service: 'PBILL02', status: 'acknowledged' });
  const r = await cli(
    [
      'site24x7',
      'maintenance',
      'check',
      ...hosts(),
      '--datadog-monitors',
      '4001',
      '--pagerduty-services',
      'Billing',
      '--json',
    ],
    { OAUTH_DATADOG_ACCESS_TOKEN: dd.issue(), OAUTH_PAGERDUTY_ACCESS_TOKEN: pd.issue() },
  );
  expect(r.code).toBe(1);
  const doc = JSON.parse(r.stdout) as {
    status: string;
    verdict: { outcome: string; signals: Array<{ signal: string; verdict: string }> };
  };
  expect(doc.status).toBe('fail');
  expect(doc.verdict.outcome).toBe('failed');
  expect(doc.verdict.signals.map((s) => `${s.signal}:${s.verdict}`)).toEqual([
    'datadog:pass',
    'pagerduty:fail',
  ]);
});
