/**
 * The built bundles on Node for Windows (win32 under Wine, test/helpers/windows.ts), with
 * Windows-shaped runner environments (drive-letter temp folders, CRLF file commands), against
 * the same loopback peers: a representative subset of what the Linux suites prove. Skipped
 * where .ci/run has not set up Node for Windows (OAUTH_TEST_WINDOWS_NODE).
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { runAzure, site24x7Connection } from '../helpers/azure.js';
import { runGithub } from '../helpers/github.js';
import { findLeaks } from '../helpers/leaks.js';
import { describeOnWindows, runOnWindows, winPath } from '../helpers/windows.js';
import { type Site24x7Peer, startSite24x7 } from '../peers/site24x7.js';
import { startProxy } from '../peers/proxy.js';
import { startGithubSecrets } from '../peers/secret-stores.js';
import { sequence, type Stub, startStub, zoho } from '../peers/stub.js';
import { makeCerts } from '../peers/tls.js';

import { jest } from '@jest/globals';

jest.setTimeout(120_000);

const SECRET = 'windows-client-secret-0123456789';
const TOKEN = 'windows-access-token-0123456789';
let stub: Stub;
let peer: Site24x7Peer;
beforeAll(async () => {
  stub = await startStub(
    sequence({ json: { access_token: TOKEN, token_type: 'Bearer', expires_in: 3600 } }),
  );
});
afterAll(() => stub.close());
beforeEach(async () => {
  peer = await startSite24x7();
});
afterEach(() => peer.close());

const ghToken = (more: Record<string, string> = {}) =>
  runGithub(
    'dist/main/index.js',
    {
      'token-url': stub.url('/token'),
      'client-id': 'client',
      'client-secret': SECRET,
      'grant-type': 'client_credentials',
      'export-env': 'API_TOKEN',
      ...more,
    },
    { action: 'action.yml', windows: true },
  );

describeOnWindows('Node for Windows: GitHub Actions bundles', () => {
  test('a token mint: outputs, export and masks through CRLF file commands', async () => {
    const r = await ghToken();
    expect(r.code).toBe(0);
    expect(r.outputs['access-token']).toBe(TOKEN);
    expect(r.env.API_TOKEN).toBe(TOKEN);
    // Written by a win32 process: CRLF line ends, which the runner reads as lines.
    expect(r.files.output).toContain('\r\n');
    expect(r.commands.filter((c) => c.command === 'add-mask').map((c) => c.value)).toContain(
      SECRET,
    );
    expect(
      findLeaks({ secret: SECRET }, [
        { name: 'stdout', text: r.stdout, allowLine: (l) => l.startsWith('::add-mask::') },
      ]),
    ).toEqual([]);
  });

  test('two mints at once on the same machine take the lock in turn', async () => {
    const [a, b] = await Promise.all([ghToken(), ghToken()]);
    expect([a.code, b.code]).toEqual([0, 0]);
    // The lock folder is the per-user one of win32 (no uid): in the user's own temp folder.
    const temp = join(
      process.env.WINEPREFIX ?? '',
      'drive_c',
      'users',
      userInfo().username,
      'Temp',
    );
    expect(readdirSync(join(temp, 'oauth-token-action')).length).toBeGreaterThanOrEqual(0);
  });

  test('an envelope sealed on Windows opens on Windows', async () => {
    const key = 'mQ9v+2rT8wLx4ZpK7sJd1Nf6Hc3Gb5Ye0Ua8Ri2Oe4I=';
    const producer = await ghToken({ 'share-key': key });
    expect(producer.code).toBe(0);
    const before = stub.requests.length;
    const consumer = await runGithub(
      'dist/main/index.js',
      { envelope: producer.outputs['token-envelope']!, 'share-key': key },
      { action: 'action.yml', windows: true },
    );
    expect(consumer.code).toBe(0);
    expect(consumer.outputs['access-token']).toBe(TOKEN);
    expect(stub.requests.length).toBe(before);
  });

  test('private_key_jwt: the assertion is signed on Windows', async () => {
    const key = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString()
      .replace(/\n/g, '\r\n'); // as pasted on Windows
    const r = await ghToken({
      'client-secret': '',
      'client-auth': 'private-key-jwt',
      'client-assertion-key': key,
    });
    expect(r.code).toBe(0);
    expect(stub.requests.at(-1)!.form.get('client_assertion_type')).toBe(
      'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    );
  });

  test('job-token: a Windows source, its .cmd, a read and a mint on node.exe, removed by post', async () => {
    const main = await ghToken({ 'job-token': 'true' });
    expect(main.code).toBe(0);
    const dir = main.env.OAUTH_TOKEN_JOB!;
    // Written by a win32 process: a Windows path, and the bin folder on PATH.
    expect(dir).toMatch(/^Z:\\.*\\oauth-token-job-[A-Za-z0-9]{6}$/);
    expect(main.paths).toEqual([`${dir}\\bin`]);
    const linux = (p: string) => p.replace(/^Z:/, '').replace(/\\/g, '/');
    const cmd = readFileSync(`${linux(dir)}/bin/oauth-token-job.cmd`, 'utf8');
    expect(cmd).toMatch(
      /^@"[^"]*node\.exe" "[^"]*\\job-token\\index\.js" --source "Z:\\[^"]+" %\*\r\n$/,
    );
    const env = { OAUTH_TOKEN_JOB: dir };
    const kept = await runOnWindows('dist/job-token/index.js', env, main.dir);
    expect(kept).toMatchObject({ code: 0, stdout: `${TOKEN}\n` });
    const before = stub.requests.length;
    const minted = await runOnWindows('dist/job-token/index.js', env, main.dir, [
      '--min-seconds',
      '4000',
    ]);
    expect(minted.code).toBe(0);
    expect(minted.stdout).toBe(`${TOKEN}\n`);
    expect(stub.requests.length).toBeGreaterThan(before);
    const post = await runGithub('dist/post/index.js', {}, { state: main.state, windows: true });
    expect(post.code).toBe(0);
    expect(readdirSync(main.dir).filter((f) => f.startsWith('oauth-token-job-'))).toEqual([]);
  });

  test('a maintenance window opened on Windows is ended by its post step from CRLF state', async () => {
    const inputs = { 'api-url': peer.apiUrl, 'access-token': peer.issue(), monitors: 'shop-web' };
    const main = await runGithub('dist/maintenance-main/index.js', inputs, {
      action: 'site24x7-maintenance/action.yml',
      windows: true,
    });
    expect(main.code).toBe(0);
    expect(main.files.state).toContain('\r\n');
    const post = await runGithub('dist/maintenance-post/index.js', inputs, {
      action: 'site24x7-maintenance/action.yml',
      state: main.state,
      windows: true,
    });
    expect(post.code).toBe(0);
    expect(post.stdout).toContain(`Ended maintenance window ${main.outputs['maintenance-id']}`);
    expect(peer.apiCalls(true).map((q) => q.method)).toEqual(['POST', 'PUT']);
  });
});

describeOnWindows('Node for Windows: Azure Pipelines tasks', () => {
  const connection = () => site24x7Connection(peer);

  test('the health gate passes (Succeeded under the Windows agent rules) and fails', async () => {
    const base = { apiUrl: peer.apiUrl, accessToken: peer.issue(), operation: 'check' };
    const good = await runAzure(
      'Site24x7MaintenanceV1',
      'main',
      { ...base, monitors: 'shop-web' },
      { windows: true },
    );
    expect(good.agentProblems.windows).toEqual([]);
    expect(good.result).toBeUndefined();
    expect(good.outputs.status?.value).toBe('pass');
    const summary = good.commands.find((c) => c.area === 'task.addattachment')!;
    expect(summary.props.name).toBe('Site24x7 health gate - passed');
    // The agent gets the summary file as a Windows path, and it is there.
    expect(summary.value).toMatch(/^[A-Z]:\\/);
    expect(readFileSync(summary.value.slice(2).replace(/\\/g, '/'), 'utf8')).toContain('passed');
    peer.status.set('100000000002', 0);
    const bad = await runAzure(
      'Site24x7MaintenanceV1',
      'main',
      { ...base, monitors: 'shop-api' },
      { windows: true },
    );
    expect(bad.result?.result).toBe('Failed');
    expect(bad.outputs.status?.value).toBe('fail');
  });

  test('a window with the service connection, ended by the post-job step', async () => {
    const run = await runAzure(
      'Site24x7MaintenanceV1',
      'main',
      { monitors: 'shop-web' },
      {
        connection: connection(),
        windows: true,
      },
    );
    expect(run.result).toBeUndefined();
    const post = await runAzure(
      'Site24x7MaintenanceV1',
      'post',
      {},
      {
        connection: connection(),
        taskVariables: run.taskVariables,
        windows: true,
      },
    );
    expect(post.result).toBeUndefined();
    expect(post.stdout).toContain(`Ended maintenance window ${run.outputs.maintenanceId!.value}`);
  });

  test('a token mint with secret outputs', async () => {
    const r = await runAzure(
      'OAuthTokenV1',
      'main',
      {
        tokenUrl: stub.url('/token'),
        clientId: 'client',
        clientSecret: SECRET,
        grantType: 'client_credentials',
      },
      { windows: true },
    );
    expect(r.result).toBeUndefined();
    expect(r.outputs.accessToken).toEqual({ value: TOKEN, secret: true });
    expect(r.secretsRegistered).toContain(SECRET);
  });
});

describeOnWindows('Node for Windows: the command line', () => {
  test('maintenance run wraps a .cmd script: it sees the window id, its status is ours, the window ends', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'win-cmd-'));
    const script = join(dir, 'deploy.cmd');
    writeFileSync(script, '@echo off\r\necho in window %SITE24X7_MAINTENANCE_ID%\r\nexit /b 3\r\n');
    const r = await runOnWindows('dist/cli.js', { OAUTH_ACCESS_TOKEN: peer.issue() }, dir, [
      'site24x7',
      'maintenance',
      'run',
      '--api-url',
      peer.apiUrl,
      '--monitors',
      'shop-web',
      '--',
      winPath(script),
    ]);
    expect(r.stdout).toMatch(/in window \d+/);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('The command exited with status 3');
    expect(peer.apiCalls(true).map((q) => q.method)).toEqual(['POST', 'PUT']);
  });

  test('token, with the secrets from the environment', async () => {
    const r = await runOnWindows(
      'dist/cli.js',
      {
        OAUTH_TOKEN_URL: stub.url('/token'),
        OAUTH_CLIENT_ID: 'client',
        OAUTH_CLIENT_SECRET: SECRET,
        OAUTH_GRANT_TYPE: 'client_credentials',
      },
      tmpdir(),
      ['token', '--json'],
    );
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { token_type: string }).token_type).toBe('Bearer');
    expect(r.stdout + r.stderr).not.toContain(SECRET);
  });
});

describeOnWindows('Node for Windows: network and write-back', () => {
  test('https_proxy: the token request is tunnelled (CONNECT), TLS verified against the given CA', async () => {
    const certs = makeCerts('oauth.test');
    const tls = await startStub(sequence(zoho.ok()), certs);
    const proxy = await startProxy({
      routes: { 'oauth.test:443': Number(new URL(tls.origin).port) },
    });
    try {
      const r = await runGithub(
        'dist/main/index.js',
        {
          provider: 'zoho',
          'token-url': 'https://oauth.test/oauth/v2/token',
          'client-id': '1000.ID',
          'client-secret': 'zoho-secret-0123456789',
          'refresh-token': '1000.refresh-0123456789',
          'max-retry-seconds': '0',
        },
        {
          action: 'action.yml',
          windows: true,
          env: { https_proxy: proxy.url, NODE_EXTRA_CA_CERTS: certs.caFile },
        },
      );
      expect(r.code).toBe(0);
      expect(proxy.seen.map((s) => s.target)).toContain('oauth.test:443');
      expect(tls.requests).toHaveLength(1);
    } finally {
      await tls.close();
      await proxy.close();
    }
  });

  test('write-back: a rotated refresh token is sealed and stored in the GitHub secret', async () => {
    const NAME = 'OAUTH_REFRESH';
    const store = await startGithubSecrets({
      token: 'ghs_windows_0123456789',
      secrets: { [`repo:acme/shop/${NAME}`]: 'old-refresh-0123456789' },
    });
    const rotating = await startStub(
      sequence({
        json: {
          access_token: TOKEN,
          token_type: 'Bearer',
          expires_in: 3600,
          refresh_token: 'new-refresh-0123456789',
        },
      }),
    );
    try {
      const r = await runGithub(
        'dist/main/index.js',
        {
          'token-url': rotating.url('/token'),
          'client-id': 'client',
          'client-secret': SECRET,
          'refresh-token': 'old-refresh-0123456789',
          'refresh-token-secret': NAME,
          'secrets-token': 'ghs_windows_0123456789',
        },
        { action: 'action.yml', windows: true, env: { GITHUB_API_URL: store.apiUrl } },
      );
      expect(r.code).toBe(0);
      expect(store.values.get(`repo:acme/shop/${NAME}`)).toBe('new-refresh-0123456789');
    } finally {
      await rotating.close();
      await store.close();
    }
  });
});
