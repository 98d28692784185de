/**
 * The Site24x7Maintenance@1 task, run as the Azure Pipelines agent runs it (bundles as child
 * processes, a service connection as ENDPOINT_* variables, task variables handed to the
 * post-job step) against a stateful Site24x7 peer on 127.0.0.1.
 */
import { existsSync, readFileSync } from 'node:fs';
import {
  type AzureRun,
  isSecretCommandLine,
  runAzure,
  site24x7Connection,
} from '../helpers/azure.js';
import { findLeaks } from '../helpers/leaks.js';
import { PLATFORM_SPECIFIC } from '../../scripts/docs-tables.js';
import { type Site24x7Peer, startSite24x7 } from '../peers/site24x7.js';

const TASK = 'Site24x7MaintenanceV1';
let peer: Site24x7Peer;
beforeEach(async () => {
  peer = await startSite24x7();
});
afterEach(() => peer.close());

const connection = () => site24x7Connection(peer);

function expectNoLeaks(run: AzureRun, extra: Record<string, string> = {}) {
  const secrets = {
    secret: peer.client.secret,
    refresh: peer.client.refreshToken,
    minted: peer.minted.join('\n') || undefined,
    ...extra,
  };
  expect(
    findLeaks(secrets, [
      { name: 'stdout', text: run.stdout, allowLine: isSecretCommandLine },
      { name: 'stderr', text: run.stderr },
      ...Object.entries(run.files).map(([name, text]) => ({ name, text })),
    ]),
  ).toEqual([]);
}

test('start with the service connection: outputs, summary, then the post-job step ends the window', async () => {
  const run = await runAzure(
    TASK,
    'main',
    {
      monitors: 'shop-web\nshop-db',
      duration: '1h30m',
      timeZone: 'Europe/Berlin',
    },
    { connection: connection() },
  );
  expect(run.result).toBeUndefined();
  expect(peer.minted).toHaveLength(1);
  const [w] = [...peer.windows.values()];
  expect(w).toMatchObject({
    selection_type: 2,
    monitors: ['100000000001', '100000000003'],
    timezone: 'Europe/Berlin',
  });
  expect(w!.display_name).toBe('Deployment: Shop/shop-release #20261122.3 (0123456)');
  expect(String(w!.description)).toContain(
    'https://dev.azure.com/acme/Shop/_build/results?buildId=981',
  );
  expect(run.outputs.maintenanceId).toEqual({ value: w!.maintenance_id, secret: false });
  expect(run.outputs.monitorIds!.value).toBe('100000000001,100000000003');
  expect(Date.parse(run.outputs.endsAt!.value) - Date.parse(run.outputs.startsAt!.value)).toBe(
    90 * 60_000,
  );
  // The minted token goes to the post-job step only as a secret task variable.
  const tv = run.commands.find(
    (c) => c.area === 'task.settaskvariable' && c.props.variable === 'accessToken',
  );
  expect(tv?.props.issecret).toBe('true');
  const summary = run.commands.find(
    (c) => c.area === 'task.addattachment' && c.props.type === 'Distributedtask.Core.Summary',
  );
  // A readable title, not the file's name.
  expect(summary?.props.name).toMatch(/^Site24x7 maintenance window \d+$/);
  expect(summary).toBeDefined();
  expect(readFileSync(summary!.value, 'utf8')).toContain('| shop-db | 100000000003 |');
  expectNoLeaks(run);

  const post = await runAzure(
    TASK,
    'post',
    {},
    { connection: connection(), taskVariables: run.taskVariables },
  );
  expect(post.result).toBeUndefined();
  expect(post.stdout).toContain(`Ended maintenance window ${w!.maintenance_id}`);
  expect(peer.minted).toHaveLength(1); // the saved token was still good
  expect(peer.apiCalls(true).map((r) => r.method)).toEqual(['POST', 'PUT']);
  expectNoLeaks(post);
});

test('access token from the token task; post-job step ends the window after a failed job', async () => {
  const token = peer.issue();
  const run = await runAzure(TASK, 'main', {
    apiUrl: peer.apiUrl,
    accessToken: token,
    tags: 'tier',
  });
  expect(run.result).toBeUndefined();
  expect(run.secretsRegistered).toContain(token);
  const id = run.outputs.maintenanceId!.value;
  expect(peer.windows.get(id)).toMatchObject({ selection_type: 3, tags: ['300000000002'] });
  // postjobexecution runs whatever the job's result; it needs only the task variables.
  const post = await runAzure(
    TASK,
    'post',
    { apiUrl: peer.apiUrl, accessToken: token },
    { taskVariables: run.taskVariables },
  );
  expect(post.result).toBeUndefined();
  expect(peer.apiCalls(true).map((r) => r.method)).toEqual(['POST', 'PUT']);
  expectNoLeaks(run, { token });
  expectNoLeaks(post, { token });
});

test('end twice, check failing and passing, mixing kinds: results as the agent reads them', async () => {
  const token = peer.issue();
  const base = { apiUrl: peer.apiUrl, accessToken: token };
  const start = await runAzure(TASK, 'main', {
    ...base,
    monitors: 'shop-api',
    start: '+1h',
    endOnExit: 'false',
  });
  const id = start.outputs.maintenanceId!.value;
  const e1 = await runAzure(TASK, 'main', { ...base, operation: 'end', maintenanceId: id });
  expect(e1.result).toBeUndefined();
  expect(e1.stdout).toContain(`Deleted maintenance window ${id}`);
  const e2 = await runAzure(TASK, 'main', { ...base, operation: 'end', maintenanceId: id });
  expect(e2.result).toBeUndefined();
  expect(e2.stdout).toContain('no longer exists');

  peer.status.set('100000000002', 0);
  const bad = await runAzure(TASK, 'main', {
    ...base,
    operation: 'check',
    monitors: 'shop-web,shop-api',
  });
  expect(bad.result?.result).toBe('Failed');
  expect(bad.result?.message).toContain("'shop-api' (100000000002): down");
  expect(bad.outputs.status?.value).toBe('fail');
  const good = await runAzure(TASK, 'main', {
    ...base,
    operation: 'check',
    monitors: 'shop-web',
    passStates: 'up',
  });
  expect(good.result).toBeUndefined();
  expect(good.outputs.status?.value).toBe('pass');

  const before = peer.requests.length;
  const mixed = await runAzure(TASK, 'main', {
    ...base,
    monitors: 'shop-web',
    monitorGroups: 'Databases',
  });
  expect(mixed.result?.message).toContain("Input 'monitorGroups' is set together with monitors");
  expect(peer.requests.length).toBe(before);
  for (const r of [start, e1, e2, bad, good, mixed]) expectNoLeaks(r, { token });
});

test('a 401 on the given token mints through the connection, once', async () => {
  const run = await runAzure(
    TASK,
    'main',
    {
      accessToken: 'stale-token-abcdef0123',
      monitors: 'shop-web',
      endOnExit: 'false',
    },
    { connection: connection() },
  );
  expect(run.result).toBeUndefined();
  expect(peer.minted).toHaveLength(1);
  expectNoLeaks(run, { stale: 'stale-token-abcdef0123' });
});

test('task.json matches the GitHub action: every input, camelCase, same defaults', async () => {
  const { parse } = await import('yaml');
  const action = parse(readFileSync('site24x7-maintenance/action.yml', 'utf8')) as {
    inputs: Record<string, { default?: string }>;
    outputs: Record<string, unknown>;
  };
  const task = JSON.parse(readFileSync(`task/${TASK}/task.json`, 'utf8')) as {
    inputs: Array<{ name: string; defaultValue?: string }>;
    outputVariables: Array<{ name: string }>;
    postjobexecution: Record<string, { target: string }>;
  };
  const camel = (k: string) => k.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  const byName = new Map(task.inputs.map((i) => [i.name, i]));
  for (const [k, v] of Object.entries(action.inputs)) {
    // GitHub-only inputs, each with its reason (scripts/docs-tables.ts).
    if (PLATFORM_SPECIFIC[`github:${k}`]) continue;
    expect(byName.get(camel(k))?.defaultValue).toBe(v.default ?? '');
  }
  expect(task.outputVariables.map((o) => o.name).sort()).toEqual(
    Object.keys(action.outputs).map(camel).sort(),
  );
  expect(task.postjobexecution.Node24!.target).toBe('post/index.js');
  expect(existsSync(`task/${TASK}/post/index.js`)).toBe(true);
});
