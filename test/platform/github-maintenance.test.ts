/**
 * The Site24x7 maintenance action against a stateful Site24x7 peer on 127.0.0.1. Run as the
 * GitHub runner runs it (dist/ bundles as child processes, state handed from main to post)
 * wherever the runner protocol is the point: the whole start-and-end, secrets in what the runner
 * keeps, a killed or cancelled step, a real Retry-After wait. Selection, ending, the gate's
 * verdicts and bad inputs run the same step code in process (mainIn, postIn), waits virtual.
 */
import { arrival, isPost } from '../helpers/arrival.js';
import { type GithubRun, runGithub } from '../helpers/github.js';
import { runGithubInProcess } from '../helpers/inprocess.js';
import { findLeaks, isAddMask } from '../helpers/leaks.js';
import { type Site24x7Peer, startSite24x7 } from '../peers/site24x7.js';

const ACTION = 'site24x7-maintenance/action.yml';
const MAIN = 'dist/maintenance-main/index.js';
const POST = 'dist/maintenance-post/index.js';

let peer: Site24x7Peer;
beforeEach(async () => {
  peer = await startSite24x7();
});
afterEach(() => peer.close());

function withToken(inputs: Record<string, string> = {}) {
  return { 'api-url': peer.apiUrl, 'access-token': peer.issue(), ...inputs };
}
function withClient(inputs: Record<string, string> = {}) {
  return {
    'api-url': peer.apiUrl,
    'token-url': peer.tokenUrl,
    'client-id': peer.client.id,
    'client-secret': peer.client.secret,
    'refresh-token': peer.client.refreshToken,
    ...inputs,
  };
}
const main = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
  runGithub(MAIN, inputs, { action: ACTION, env });
const post = (inputs: Record<string, string>, state: Record<string, string>) =>
  runGithub(POST, inputs, { action: ACTION, state });
// The same steps in process, for what is policy rather than the runner protocol (waits are
// virtual there): test/helpers/inprocess.ts.
const mainIn = (inputs: Record<string, string>) =>
  runGithubInProcess(MAIN, inputs, { action: ACTION });
const postIn = (inputs: Record<string, string>, state: Record<string, string>) =>
  runGithubInProcess(POST, inputs, { action: ACTION, state });

function expectClean(run: GithubRun, secrets: Record<string, string | undefined>) {
  const leaks = findLeaks(secrets, [
    { name: 'stdout', text: run.stdout, allowLine: isAddMask },
    { name: 'stderr', text: run.stderr },
    { name: 'GITHUB_OUTPUT', text: run.files.output ?? '' },
    { name: 'GITHUB_ENV', text: run.files.env ?? '' },
    // The post step needs the token: the runner's own state file may hold it, nothing else.
    { name: 'GITHUB_STATE', text: run.files.state ?? '', allowSecrets: ['token', 'minted'] },
    { name: 'summary', text: run.summary },
  ]);
  expect(leaks).toEqual([]);
}
const allSecrets = (extra: Record<string, string> = {}) => ({
  secret: peer.client.secret,
  refresh: peer.client.refreshToken,
  minted: peer.minted.join('\n') || undefined,
  ...extra,
});

/** Main for shop-db, killed (SIGKILL) while it waits for the answer to its create. */
function killedAtCreate(token: string) {
  const created = arrival();
  peer.fault = created.hangOn(isPost);
  return runGithub(
    MAIN,
    { 'api-url': peer.apiUrl, 'access-token': token, monitors: 'shop-db' },
    { action: ACTION, signalAt: created.signal('SIGKILL') },
  );
}

const wall = (w: Record<string, unknown>) =>
  `${w.start_date} ${w.start_time} → ${w.end_date} ${w.end_time}`;
const failed = (r: GithubRun) => r.code !== 0;
const errorLine = (r: GithubRun) => r.commands.find((c) => c.command === 'error')?.value ?? '';

describe('start, then the post step ends it', () => {
  test('monitors by name: one window, outputs, summary, state; post shortens it to the next minute', async () => {
    const token = peer.issue();
    const started = Date.now();
    const run = await main({
      'api-url': peer.apiUrl,
      'access-token': token,
      monitors: 'shop-web, shop-api',
      duration: '45m',
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(peer.windows.size).toBe(1);
    const [w] = [...peer.windows.values()];
    expect(w).toMatchObject({
      maintenance_type: 3,
      selection_type: 2,
      monitors: ['100000000001', '100000000002'],
      timezone: 'UTC',
      perform_monitoring: true,
      display_name: 'Deployment: acme/shop #17 (0123456)',
    });
    expect(String(w!.description)).toContain('https://github.com/acme/shop/actions/runs/4242');
    // From the current minute, for 45 minutes, in UTC wall-clock time.
    const startMs = Math.floor(started / 60_000) * 60_000;
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect(run.outputs['maintenance-id']).toBe(w!.maintenance_id);
    expect([iso(startMs), iso(startMs + 60_000)]).toContain(run.outputs['starts-at']);
    const s = Date.parse(run.outputs['starts-at']!);
    expect(Date.parse(run.outputs['ends-at']!) - s).toBe(45 * 60_000);
    expect(`${w!.start_date}T${w!.start_time}:00Z`).toBe(run.outputs['starts-at']);
    expect(run.outputs['monitor-ids']).toBe('100000000001,100000000002');
    expect(run.summary).toContain(`Site24x7 maintenance window ${w!.maintenance_id}`);
    expect(run.summary).toContain('| shop-web | 100000000001 |');
    expect(run.summary).toContain('/app/client#/admin/operations/view-maintenance-monitors');
    expect(run.state['maintenance-id']).toBe(w!.maintenance_id);
    expect(peer.apiCalls(true).map((r) => r.method)).toEqual(['POST']);
    // The lookup and the create share one kept-alive connection.
    expect(peer.apiCalls()).toHaveLength(2);
    expect(peer.connections).toBe(1);
    expectClean(run, allSecrets({ token }));

    const before = wall(w!);
    const sent = peer.requests.length;
    const p = await post({ 'api-url': peer.apiUrl, 'access-token': token }, run.state);
    // With the token the main step saved: a read (a later step may have ended it) and the end.
    expect(peer.requests.slice(sent).map((r) => r.method)).toEqual(['GET', 'PUT']);
    expect(p.code).toBe(0);
    const after = peer.windows.get(w!.maintenance_id)!;
    expect(after).toBeDefined(); // shortened, not deleted: history kept
    expect(wall(after)).not.toBe(before);
    const endMs = Date.parse(`${after.end_date}T${after.end_time}:00Z`);
    expect(endMs).toBeGreaterThan(Date.now() - 1000);
    expect(endMs).toBeLessThanOrEqual(Math.floor(Date.now() / 60_000) * 60_000 + 60_000);
    expect(p.stdout).toContain(`Ended maintenance window ${w!.maintenance_id}`);
    expect(peer.apiCalls(true).map((r) => r.method)).toEqual(['POST', 'PUT']);
    expectClean(p, allSecrets({ token }));
  });

  test('a window a later step already ended is not ended again by the post step', async () => {
    // The demo's job: start, operation end after the deploy, then the start step's post step.
    const token = peer.issue();
    const run = await mainIn({ 'api-url': peer.apiUrl, 'access-token': token, tags: 'env:prod' });
    expect(run.code).toBe(0);
    const id = run.outputs['maintenance-id']!;
    const end = await mainIn({
      'api-url': peer.apiUrl,
      'access-token': token,
      operation: 'end',
      'maintenance-id': id,
    });
    expect(end.code).toBe(0);
    const ended = wall(peer.windows.get(id)!);
    const sent = peer.apiCalls(true).length;
    const p = await postIn({ 'api-url': peer.apiUrl, 'access-token': token }, run.state);
    expect(p.code).toBe(0);
    expect(peer.apiCalls(true).slice(sent)).toEqual([]);
    expect(wall(peer.windows.get(id)!)).toBe(ended);
    expect(p.stdout).not.toContain('Ended maintenance window');
    expect(p.stdout).toMatch(
      new RegExp(
        `Maintenance window ${id} '[^']+' (ends at .* within the minute; nothing to change|already ended at )`,
      ),
    );
  });

  test('a job that failed or was cancelled after start still gets its window ended (post-if: always())', async () => {
    const { parse } = await import('yaml');
    const { readFileSync } = await import('node:fs');
    const doc = parse(readFileSync(ACTION, 'utf8')) as { runs: Record<string, string> };
    expect(doc.runs['post-if']).toBe('always()');
    const run = await main(withToken({ tags: 'env:prod', duration: '2h' }));
    expect(run.code).toBe(0);
    // The runner runs the post step with the saved state whatever happened in between.
    const p = await post({}, run.state);
    expect(p.code).toBe(0);
    const w = peer.windows.get(run.outputs['maintenance-id']!)!;
    expect(w.selection_type).toBe(3);
    expect(Date.parse(`${w.end_date}T${w.end_time}:00Z`)).toBeLessThan(
      Date.parse(run.outputs['ends-at']!),
    );
  });

  test('main killed after sending the create: post finds the window by name and time and ends it', async () => {
    // The create reaches the server but its answer never comes: the step is killed waiting.
    const run = await killedAtCreate(peer.issue());
    expect(run.signal).toBe('SIGKILL');
    expect(run.state['planned-window']).toBeDefined();
    expect(run.state['maintenance-id']).toBeUndefined();
    // The create reached the server: simulate its effect from the request it got.
    const sent = peer.requests.find((r) => r.method === 'POST')!;
    peer.windows.set('900000000777', { ...JSON.parse(sent.body), maintenance_id: '900000000777' });
    peer.fault = undefined;
    const p = await post({}, run.state);
    expect(p.code).toBe(0);
    expect(p.stdout).toContain('found its window 900000000777');
    const w = peer.windows.get('900000000777');
    // Not started yet would be deleted; it started this minute, so it was shortened.
    expect(w === undefined || wall(w) !== wall(JSON.parse(sent.body))).toBe(true);
  });

  test('a window found after a lost create, then not ended, is named in the error', async () => {
    const run = await killedAtCreate(peer.issue());
    expect(run.signal).toBe('SIGKILL');
    const sent = peer.requests.find((r) => r.method === 'POST')!;
    peer.windows.set('900000000778', { ...JSON.parse(sent.body), maintenance_id: '900000000778' });
    // Finding it works; ending it is refused.
    peer.fault = (req) =>
      req.method === 'PUT' || req.method === 'DELETE'
        ? { status: 403, json: { error_code: 1005, message: 'Access denied' } }
        : undefined;
    const p = await post({ 'max-retry-seconds': '0' }, run.state);
    peer.fault = undefined;
    expect(p.code).toBe(1);
    expect(errorLine(p)).toMatch(/^Could not end maintenance window 900000000778: /);
  });

  test('a lost answer to the create is retried safely: the window is found, not created twice', async () => {
    peer.fault = (req) => {
      if (req.method === 'POST' && peer.requests.filter((r) => r.method === 'POST').length === 1) {
        // Create it, then answer 502 as a proxy would.
        const b = JSON.parse(req.body) as Record<string, unknown>;
        peer.windows.set('900000000555', { ...b, maintenance_id: '900000000555' });
        return { status: 502, json: { error_code: 502, message: 'Bad gateway' } };
      }
      return undefined;
    };
    const run = await mainIn(withToken({ monitors: 'shop-web', 'max-retry-seconds': '20' }));
    expect(run.code).toBe(0);
    expect(peer.windows.size).toBe(1);
    expect(run.outputs['maintenance-id']).toBe('900000000555');
    expect(run.stdout).toContain('not created twice');
  });

  test('a create Site24x7 refuses (400) fails with its message and leaves the post step nothing to do', async () => {
    peer.fault = (req) =>
      req.method === 'POST'
        ? { status: 400, json: { error_code: 2101, message: 'Display name is too long' } }
        : undefined;
    const run = await mainIn(withToken({ monitors: 'shop-web' }));
    expect(failed(run)).toBe(true);
    expect(errorLine(run)).toContain(
      'Site24x7 answered POST /api/maintenance with HTTP 400 (error_code 2101): Display name is too long.',
    );
    expect(peer.apiCalls(true)).toHaveLength(1); // not retried
    expect(run.state['planned-window']).toBe('');
    const before = peer.requests.length;
    const p = await postIn({}, run.state);
    expect(p.code).toBe(0);
    expect(peer.requests.length).toBe(before);
  });

  test('end-on-exit false: no state, the post step does nothing', async () => {
    const run = await mainIn(withToken({ monitors: 'shop-web', 'end-on-exit': 'false' }));
    expect(run.code).toBe(0);
    expect(run.state).toEqual({});
    const p = await postIn({}, run.state);
    expect(p.code).toBe(0);
    expect(peer.apiCalls(true).map((r) => r.method)).toEqual(['POST']);
  });

  test('post step mints a fresh token when the saved one has expired', async () => {
    const run = await main(withClient({ monitors: 'shop-web' }));
    expect(run.code).toBe(0);
    expect(peer.minted).toHaveLength(1);
    const p = await post(withClient(), {
      ...run.state,
      'token-expires-at': String(Date.now() - 1000),
    });
    expect(p.code).toBe(0);
    expect(peer.minted).toHaveLength(2);
    expect(p.stdout).toContain('Ended maintenance window');
    expectClean(run, allSecrets());
    expectClean(p, allSecrets());
  });

  test('post step that cannot end the window fails and says when it closes on its own', async () => {
    const run = await mainIn(
      withToken({ monitors: 'shop-web', duration: '30m', 'max-retry-seconds': '2' }),
    );
    peer.fault = (req) =>
      req.path.startsWith('/api/maintenance')
        ? { status: 500, json: { error_code: 500, message: 'Internal error' } }
        : undefined;
    const p = await postIn({}, run.state);
    expect(failed(p)).toBe(true);
    expect(errorLine(p)).toContain('still closes on its own at ' + run.outputs['ends-at']);
    expect(errorLine(p)).toContain('view-maintenance-monitors');
  });
});

describe('end', () => {
  test('twice: first shortens, second finds it ending within the minute; both succeed', async () => {
    const run = await mainIn(withToken({ monitors: 'shop-web', 'end-on-exit': 'false' }));
    const id = run.outputs['maintenance-id']!;
    const e1 = await mainIn(withToken({ operation: 'end', 'maintenance-id': id }));
    expect(e1.code).toBe(0);
    expect(e1.stdout).toContain(`Ended maintenance window ${id}`);
    expect(e1.outputs['ends-at']).toBeDefined();
    const e2 = await mainIn(withToken({ operation: 'end', 'maintenance-id': id }));
    expect(e2.code).toBe(0);
    expect(e2.stdout).toMatch(/within the minute|already ended/);
    expect(peer.apiCalls(true).filter((r) => r.method === 'PUT')).toHaveLength(1);
  });

  test('a window not yet started is deleted; ending it again is success with a notice', async () => {
    const run = await mainIn(
      withToken({ monitors: 'shop-web', start: '+2h', 'end-on-exit': 'false' }),
    );
    const id = run.outputs['maintenance-id']!;
    const e1 = await mainIn(withToken({ operation: 'end', 'maintenance-id': id }));
    expect(e1.code).toBe(0);
    expect(e1.stdout).toContain(`Deleted maintenance window ${id}`);
    expect(peer.windows.has(id)).toBe(false);
    const e2 = await mainIn(withToken({ operation: 'end', 'maintenance-id': id }));
    expect(e2.code).toBe(0);
    expect(e2.commands.find((c) => c.command === 'notice')?.value).toContain('no longer exists');
  });

  test('a recurring window is refused, untouched', async () => {
    peer.windows.set('900000000999', {
      maintenance_id: '900000000999',
      display_name: 'Nightly',
      maintenance_type: 2,
      start_date: '2026-01-01',
      start_time: '01:00',
      end_date: '2027-01-01',
      end_time: '02:00',
      timezone: 'UTC',
      selection_type: 2,
      monitors: ['100000000001'],
    });
    const e = await mainIn(withToken({ operation: 'end', 'maintenance-id': '900000000999' }));
    expect(failed(e)).toBe(true);
    expect(errorLine(e)).toContain("Input 'maintenance-id'");
    expect(errorLine(e)).toContain('recurring');
    expect(peer.apiCalls(true)).toEqual([]);
  });
});

describe('selection', () => {
  test('a name matching no monitor fails before anything is created, with near matches', async () => {
    const run = await mainIn(withToken({ monitors: 'shop-wbe' }));
    expect(failed(run)).toBe(true);
    expect(errorLine(run)).toContain("Input 'monitors' names 'shop-wbe', which matches no monitor");
    expect(errorLine(run)).toContain("'shop-web' (100000000001)");
    expect(peer.apiCalls(true)).toEqual([]);
    expect(run.state).toEqual({});
  });

  test('a name matching several monitors fails, listing their IDs', async () => {
    const run = await mainIn(withToken({ monitors: 'billing' }));
    expect(failed(run)).toBe(true);
    expect(errorLine(run)).toContain('matches 2 monitors');
    expect(errorLine(run)).toContain('100000000004');
    expect(errorLine(run)).toContain('100000000005');
    expect(peer.apiCalls(true)).toEqual([]);
  });

  test('IDs, group names and tags resolve exactly; one list call per kind', async () => {
    const run = await mainIn(
      withToken({ 'monitor-groups': 'Shop frontends\nDatabases', 'end-on-exit': 'false' }),
    );
    expect(run.code).toBe(0);
    const w = peer.windows.get(run.outputs['maintenance-id']!)!;
    expect(w).toMatchObject({
      selection_type: 1,
      monitor_groups: ['200000000001', '200000000002'],
      subgroup_monitors: false,
    });
    expect(run.outputs['monitor-ids']).toBe('100000000001,100000000002,100000000003');
    const gets = peer
      .apiCalls()
      .filter((r) => r.method === 'GET')
      .map((r) => r.path);
    expect(gets).toEqual(['/api/monitors', '/api/monitor_groups']);
    const byId = await mainIn(withToken({ monitors: '100000000004', 'end-on-exit': 'false' }));
    expect(byId.code).toBe(0);
    expect(byId.outputs['monitor-ids']).toBe('100000000004');
  });

  test('mixing kinds is an input error naming both inputs; nothing is sent', async () => {
    const run = await mainIn(withToken({ monitors: 'shop-web', tags: 'env:prod' }));
    expect(failed(run)).toBe(true);
    expect(errorLine(run)).toContain("Input 'tags' is set together with monitors");
    expect(peer.requests).toEqual([]);
  });
});

describe('check (deployment gate)', () => {
  test('passes when every monitor is up', async () => {
    const run = await mainIn(withToken({ operation: 'check', tags: 'env:prod' }));
    expect(run.code).toBe(0);
    expect(run.outputs.status).toBe('pass');
    expect(run.summary).toContain('health gate: passed');
  });

  test('fails listing each monitor that is not up and its state', async () => {
    peer.status.set('100000000002', 0);
    peer.status.set('100000000003', 2);
    const run = await mainIn(
      withToken({ operation: 'check', monitors: 'shop-web,shop-api,shop-db' }),
    );
    expect(failed(run)).toBe(true);
    expect(run.outputs.status).toBe('fail');
    expect(errorLine(run)).toContain('2 of 3 monitors are not up');
    expect(errorLine(run)).toContain("'shop-api' (100000000002): down");
    expect(errorLine(run)).toContain("'shop-db' (100000000003): trouble");
    expect(run.summary).toContain('**fail**');
  });

  test('pass-states widens what passes', async () => {
    peer.status.set('100000000003', 2);
    const run = await mainIn(
      withToken({ operation: 'check', monitors: 'shop-db', 'pass-states': 'up, trouble' }),
    );
    expect(run.code).toBe(0);
  });

  test('waits until the monitors are up', async () => {
    peer.status.set('100000000001', 0);
    peer.onStatusRead = (n) => {
      if (n >= 3) peer.status.set('100000000001', 1);
    };
    const run = await mainIn(
      withToken({
        operation: 'check',
        monitors: 'shop-web',
        'wait-seconds': '20',
        'poll-seconds': '1',
      }),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('after 3 checks');
    const reads = peer.apiCalls().filter((r) => r.path.startsWith('/api/current_status'));
    expect(reads).toHaveLength(3);
    // Suspended and APM monitors are asked for, or Site24x7 would leave them out.
    for (const r of reads)
      expect(r.path).toBe('/api/current_status?suspended_required=true&apm_required=true');
  });

  test('SIGINT while waiting for monitors stops at once: cancelled, nothing changed', async () => {
    peer.status.set('100000000001', 0);
    const started = Date.now();
    const run = await runGithub(
      MAIN,
      withToken({
        operation: 'check',
        monitors: 'shop-web',
        'wait-seconds': '600',
        'poll-seconds': '60',
      }),
      {
        action: ACTION,
        onSpawn: (child) => {
          child.stdout?.on('data', (d: Buffer) => {
            if (d.toString().includes('Not yet:')) child.kill('SIGINT');
          });
        },
      },
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(run.code).toBe(1);
    expect(errorLine(run)).toBe('Cancelled while waiting.');
    // Where the gate stood when it was cancelled.
    expect(run.stdout).toContain(
      'The gate stopped after 1 evaluation; the last was fail (site24x7 fail).',
    );
    expect(run.commands.find((c) => c.command === 'warning')?.value).toBe(
      'Received SIGINT: stopping.',
    );
    expect(peer.apiCalls(true)).toEqual([]);
  });

  test('gives up when the wait runs out', async () => {
    peer.status.set('100000000001', 0);
    const run = await mainIn(
      withToken({
        operation: 'check',
        monitors: 'shop-web',
        'wait-seconds': '2',
        'poll-seconds': '1',
      }),
    );
    expect(failed(run)).toBe(true);
    expect(errorLine(run)).toMatch(/after .* \(\d+ checks; wait-seconds is 2\)/);
  });
});

describe('credentials and retries', () => {
  test('a 401 mints one fresh token and retries once', async () => {
    const run = await main(
      withClient({
        'access-token': 'expired-token-0123456789',
        monitors: 'shop-web',
        'end-on-exit': 'false',
      }),
    );
    expect(run.code).toBe(0);
    expect(peer.minted).toHaveLength(1);
    expect(run.stdout).toContain('minting a fresh one');
    expectClean(run, allSecrets({ given: 'expired-token-0123456789' }));
  });

  test('a 401 without credentials to mint fails with what to do', async () => {
    const run = await main({
      'api-url': peer.apiUrl,
      'access-token': 'expired-token-0123456789',
      monitors: 'shop-web',
    });
    expect(failed(run)).toBe(true);
    expect(errorLine(run)).toContain('HTTP 401');
    expect(errorLine(run)).toContain('client-id, client-secret and refresh-token');
    expectClean(run, { given: 'expired-token-0123456789' });
  });

  test('429 with Retry-After is waited out and retried', async () => {
    let n = 0;
    peer.fault = (req) =>
      req.path === '/api/monitors' && n++ === 0
        ? {
            status: 429,
            headers: { 'retry-after': '1' },
            json: { error_code: 429, message: 'Too many requests' },
          }
        : undefined;
    const t0 = Date.now();
    const run = await main(withToken({ monitors: 'shop-web', 'end-on-exit': 'false' }));
    expect(run.code).toBe(0);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1000);
    expect(run.stdout).toContain('as the server asked (Retry-After)');
    expect(peer.apiCalls().filter((r) => r.path === '/api/monitors')).toHaveLength(2);
  });

  test('MSP customer id is sent as the zaaid cookie', async () => {
    peer.customerId = '55512345';
    const run = await mainIn(
      withToken({ monitors: 'shop-web', 'customer-id': '55512345', 'end-on-exit': 'false' }),
    );
    expect(run.code).toBe(0);
    const bad = await mainIn(withToken({ monitors: 'shop-web', 'customer-id': 'x; other=1' }));
    expect(failed(bad)).toBe(true);
    expect(errorLine(bad)).toContain("Input 'customer-id'");
  });

  test('bad inputs fail before anything is sent', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ monitors: 'shop-web', duration: '90x' }, "Input 'duration'"],
      [{ monitors: 'shop-web', duration: '8d' }, "Input 'duration'"],
      [{ monitors: 'shop-web', 'time-zone': 'Mars/Olympus' }, "Input 'time-zone'"],
      [{ monitors: 'shop-web', start: '2020-01-01T00:00Z' }, "Input 'start'"],
      [{ monitors: 'shop-web', operation: 'pause' }, "Input 'operation'"],
      [{ operation: 'end' }, "Input 'maintenance-id' is required"],
      [{ operation: 'check', monitors: 'shop-web', 'pass-states': 'green' }, "Input 'pass-states'"],
      [{ monitors: '' }, "Input 'monitors' is empty"],
    ];
    for (const [inputs, want] of cases) {
      const run = await mainIn(withToken(inputs));
      expect(failed(run)).toBe(true);
      expect(errorLine(run)).toContain(want);
    }
    const noCreds = await mainIn({ 'api-url': peer.apiUrl, monitors: 'shop-web' });
    expect(errorLine(noCreds)).toContain("Input 'access-token' is empty");
    const plain = await mainIn({
      'api-url': 'http://example.com/api',
      'access-token': 'x123456',
      monitors: 'a',
    });
    expect(errorLine(plain)).toContain("Input 'api-url' uses http://");
    expect(peer.requests).toEqual([]);
  });
});

test('dry-run: names resolved, the request logged, nothing created, no state for the post step', async () => {
  const run = await mainIn(withToken({ monitors: 'shop-web', 'dry-run': 'true' }));
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('Dry run: would send POST /api/maintenance for 1 monitor');
  expect(run.outputs['monitor-ids']).toBe('100000000001');
  expect(run.outputs['maintenance-id']).toBeUndefined();
  expect(run.state).toEqual({});
  expect(peer.apiCalls(true)).toEqual([]);
});
