/**
 * `--json`: every command prints exactly one JSON object on stdout, whatever happens (a usage
 * error, a failed request, a failed gate, a wrapped command's own output), and no JSON form of
 * a secret is in it. Usage errors, a failed request and `maintenance run` on the built bundle,
 * as a script runs it; the rest in process.
 */
import { bundleCli, cli, type CliRun } from '../helpers/cli.js';
import { findLeaks } from '../helpers/leaks.js';
import { type Site24x7Peer, startSite24x7 } from '../peers/site24x7.js';
import { type Stub, startStub } from '../peers/stub.js';

let peer: Site24x7Peer;
const stubs: Stub[] = [];
beforeAll(async () => {
  peer = await startSite24x7();
});
afterAll(async () => {
  await peer.close();
  await Promise.all(stubs.map((s) => s.close()));
});

interface Reply {
  ok: boolean;
  exit_code: number;
  error?: { kind: string; message: string };
  [field: string]: unknown;
}

/** The one object on stdout: anything else there (a second object, a stray line) fails. */
function reply(r: CliRun): Reply {
  const doc = JSON.parse(r.stdout) as Reply;
  expect(typeof doc).toBe('object');
  return doc;
}

test('--version and usage errors: one object, exit 2 for usage', async () => {
  const v = await bundleCli(['--version', '--json']);
  expect(reply(v)).toEqual({ ok: true, version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  for (const args of [
    ['token', '--duraton', '2h', '--json'],
    ['tokn', '--json'],
    ['site24x7', 'maintenance', 'stop', '--json'],
    ['token', '--client-secret', 'abc', '--json'],
  ]) {
    const r = await bundleCli(args);
    expect({ args, code: r.code, doc: reply(r) }).toEqual({
      args,
      code: 2,
      doc: { ok: false, error: { kind: 'usage', message: expect.any(String) as string } },
    });
    expect(r.stderr).toContain(reply(r).error!.message);
  }
});

test('a failed token request: the error in the object, the secret in no form', async () => {
  // The server echoes the secret in its error, with the characters JSON escapes.
  const secret = 'se"cr\\et-0123456789';
  const stub = await startStub(() => ({
    status: 401,
    json: { error: 'invalid_client', error_description: `client secret ${secret} is wrong` },
  }));
  stubs.push(stub);
  const r = await bundleCli(
    ['token', '--token-url', stub.url('/token'), '--client-id', 'c', '--json'],
    {
      OAUTH_CLIENT_SECRET: secret,
    },
  );
  expect(r.code).toBe(1);
  const doc = reply(r);
  expect(doc).toMatchObject({ ok: false, exit_code: 1, error: { kind: 'auth' } });
  expect(doc.error!.message).toContain('invalid_client');
  expect(findLeaks({ secret }, [{ name: 'stdout', text: r.stdout }])).toEqual([]);
});

test('token --json --show-token: the token fields as they are, the rest redacted', async () => {
  const r = await cli(
    [
      'token',
      '--provider',
      'site24x7',
      '--token-url',
      peer.tokenUrl,
      '--client-id',
      peer.client.id,
      '--json',
      '--show-token',
    ],
    { OAUTH_CLIENT_SECRET: peer.client.secret, OAUTH_REFRESH_TOKEN: peer.client.refreshToken },
  );
  expect(r.code).toBe(0);
  const doc = reply(r);
  expect(doc).toMatchObject({ ok: true, exit_code: 0, token_type: 'Bearer' });
  expect(doc.access_token).toBe(peer.minted.at(-1));
  expect(doc.authorization).toBe(`Zoho-oauthtoken ${peer.minted.at(-1)}`);
});

test('a failed health gate still gives each monitor state, with the error', async () => {
  peer.status.set('100000000003', 0); // down
  try {
    const r = await cli(
      [
        'site24x7',
        'maintenance',
        'check',
        '--api-url',
        peer.apiUrl,
        '--monitors',
        'shop-web,shop-db',
        '--json',
      ],
      { OAUTH_ACCESS_TOKEN: peer.issue() },
    );
    expect(r.code).toBe(1);
    const doc = reply(r);
    expect(doc).toMatchObject({ ok: false, exit_code: 1, error: { kind: expect.any(String) } });
    expect(doc.monitor_states).toEqual([
      { id: '100000000001', state: 'up', passes: true },
      { id: '100000000003', state: 'down', passes: false },
    ]);
  } finally {
    peer.status.set('100000000003', 1);
  }
});

test('doctor --json: its findings as fields, its account of each step on stderr', async () => {
  const r = await cli(
    [
      'doctor',
      '--provider',
      'site24x7',
      '--token-url',
      peer.tokenUrl,
      '--client-id',
      peer.client.id,
      '--api-url',
      peer.apiUrl,
      '--json',
    ],
    { OAUTH_CLIENT_SECRET: peer.client.secret, OAUTH_REFRESH_TOKEN: peer.client.refreshToken },
  );
  expect(r.code).toBe(0);
  expect(reply(r)).toMatchObject({
    ok: true,
    token: { ok: true, token_type: 'Bearer' },
    scopes: { refused: [], granted: expect.arrayContaining(['Site24x7.Admin.Read']) as string[] },
  });
  expect(r.stderr).toMatch(/^1\. Token: /m);
});

test("maintenance run --json: the command's output goes to stderr, its status into the object", async () => {
  const r = await cli(
    [
      'site24x7',
      'maintenance',
      'run',
      '--api-url',
      peer.apiUrl,
      '--monitors',
      'shop-web',
      '--json',
      '--',
      process.execPath,
      '-e',
      'console.log("deployed"); process.exit(3)',
    ],
    { OAUTH_ACCESS_TOKEN: peer.issue() },
  );
  expect(r.code).toBe(3);
  const doc = reply(r);
  expect(doc).toMatchObject({ ok: false, exit_code: 3, command_status: 3 });
  expect(doc.maintenance_id).toMatch(/^\d+$/);
  expect(r.stderr).toContain('deployed');
  expect(r.stderr).toContain(`Ended maintenance window ${String(doc.maintenance_id)}`);
});

test('site24x7 tags --json and maintenance list --json: one object naming its rows', async () => {
  const token = peer.issue();
  const tags = reply(
    await cli(['site24x7', 'tags', '--api-url', peer.apiUrl, '--json'], {
      OAUTH_ACCESS_TOKEN: token,
    }),
  );
  expect(tags).toMatchObject({
    ok: true,
    tags: expect.arrayContaining([expect.objectContaining({ name: 'env:prod' })]) as unknown[],
  });
  const list = reply(
    await cli(['site24x7', 'maintenance', 'list', '--api-url', peer.apiUrl, '--json'], {
      OAUTH_ACCESS_TOKEN: token,
    }),
  );
  expect(list).toMatchObject({ ok: true, exit_code: 0 });
  expect(Array.isArray(list.windows)).toBe(true);
});
