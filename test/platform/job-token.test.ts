/**
 * A token that lasts the whole job (job-token), on both platforms' built bundles: the token
 * step leaves a source, a later step runs `oauth-token-job` as a script would (the folder the
 * step put on PATH, none of the step's inputs in its environment), and gets a token that is
 * valid now. The server is oidc-provider issuing 5-second tokens, so the first one really
 * expires within the test. Each promise of docs/job-token.md has its test: one mint per
 * expiry, one for concurrent readers, a rotated refresh token stored before the token is handed
 * out, masks before the token, nothing readable by another user, nothing left after the post
 * step (after success, failure or cancellation).
 */
import { execFile, spawn } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { runAzure, type Connection } from '../helpers/azure.js';
import { baseEnv, ROOT, runGithub, unescapeCommand } from '../helpers/github.js';
import { findLeaks, isAddMask } from '../helpers/leaks.js';
import { CLIENTS, type OidcPeer, startOidcPeer } from '../peers/oidc.js';
import { type GithubSecretsPeer, startGithubSecrets } from '../peers/secret-stores.js';
import { type Site24x7Peer, startSite24x7 } from '../peers/site24x7.js';
import { startStub } from '../peers/stub.js';

const TTL = 5;
let oidc: OidcPeer;
beforeAll(async () => {
  oidc = await startOidcPeer({
    rotateRefreshToken: true,
    ttl: { accessToken: TTL, clientCredentials: TTL },
  });
});
afterAll(() => oidc.close());

const mints = () => oidc.requests.filter((r) => r.path === '/token').length;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Until a 5-second token is within its last second, when it is no longer handed out. */
const untilExpiring = () => sleep((TTL - 0.8) * 1000);

interface Read {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A process to its end, as a step runs it (another user with `uid`). */
function exec(
  file: string,
  args: string[],
  env: Record<string, string>,
  uid?: number,
): Promise<Read> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { env, timeout: 60_000, ...(uid === undefined ? {} : { uid, gid: uid }) },
      (e, stdout, stderr) =>
        resolve({ code: e ? ((e as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** A later step: `oauth-token-job` found on PATH, as a script step runs it. */
const later = (
  path: string,
  env: Record<string, string> = {},
  args: string[] = [],
  opts: { uid?: number } = {},
) =>
  exec(
    'sh',
    ['-c', `oauth-token-job ${args.join(' ')}`],
    { ...baseEnv(), ...env, PATH: `${path}${delimiter}${process.env.PATH}` },
    opts.uid,
  );

/** The reader bundle run directly, as the command runs it. */
const reader = (
  env: Record<string, string>,
  opts: { uid?: number; bundle?: string; args?: string[] } = {},
) =>
  exec(
    process.execPath,
    [join(ROOT, opts.bundle ?? 'dist/job-token/index.js'), ...(opts.args ?? [])],
    { ...baseEnv(), ...env },
    opts.uid,
  );

/** The token step with job-token, client credentials from oidc-provider. */
const withSource = () =>
  runGithub('dist/main/index.js', { ...CC, 'token-url': oidc.tokenUrl, 'job-token': 'true' });

const CC = {
  'token-url': '',
  'client-id': CLIENTS.basic.id,
  'client-secret': CLIENTS.basic.secret,
  'grant-type': 'client_credentials',
  scope: 'api:read',
};

/**
 * The token step with job-token against the Site24x7 peer's token endpoint, then a maintenance
 * window opened with token-from-job, as a later step of the same job.
 */
async function windowFromJob(peer: Site24x7Peer) {
  const token = await runGithub('dist/main/index.js', {
    provider: 'site24x7',
    'token-url': peer.tokenUrl,
    'client-id': peer.client.id,
    'client-secret': peer.client.secret,
    'refresh-token': peer.client.refreshToken,
    'job-token': 'true',
  });
  expect(token.code).toBe(0);
  const env = { OAUTH_TOKEN_JOB: token.env.OAUTH_TOKEN_JOB! };
  const maint = { 'api-url': peer.apiUrl, monitors: 'shop-web', 'token-from-job': 'true' };
  const action = 'site24x7-maintenance/action.yml';
  const start = await runGithub('dist/maintenance-main/index.js', maint, { action, env });
  // The maintenance step's post step, at the end of the job.
  const endWindow = () =>
    runGithub('dist/maintenance-post/index.js', maint, { action, env, state: start.state });
  return { token, env, start, endWindow };
}

describe('GitHub Actions', () => {
  test('a job longer than its tokens: one mint per expiry, one for concurrent readers, masks first', async () => {
    const before = mints();
    const main = await withSource();
    expect(main.stderr).toBe('');
    expect(main.code).toBe(0);
    const first = main.outputs['access-token']!;
    const dir = main.env.OAUTH_TOKEN_JOB!;
    expect(main.state['job-source']).toBe(dir);
    expect(main.paths).toEqual([join(dir, 'bin')]);
    // Private: the folder 0700, its files 0600, nothing of it in the workspace.
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const f of ['source.json', 'token.json'])
      expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);

    // Within the token's life: the kept token, no request, however often asked.
    const env = { OAUTH_TOKEN_JOB: dir };
    for (let i = 0; i < 3; i++) {
      const r = await later(main.paths[0]!, env);
      expect(r).toMatchObject({ code: 0, stdout: `${first}\n` });
    }
    expect(mints() - before).toBe(1);

    // Near its end: four readers at once share one new token.
    await untilExpiring();
    const reads = await Promise.all([0, 1, 2, 3].map(() => later(main.paths[0]!, env)));
    expect(mints() - before).toBe(2);
    const second = reads[0]!.stdout.trim();
    expect(second).not.toBe(first);
    for (const r of reads) expect(r).toMatchObject({ code: 0, stdout: `${second}\n` });
    expect(await oidc.accessTokenActive(second)).toBe(true);
    // The reader that minted registered the token with the runner on stderr, before it printed
    // it (standard output holds the token alone).
    const minted = reads.find((r) => r.stderr.includes('minted a new access token'))!;
    expect(minted.stderr).toContain(`::add-mask::${second}\n`);
    expect(reads.filter((r) => r.stderr.includes('minted a new access token'))).toHaveLength(1);

    // The other forms, from the same kept token.
    const json = await later(main.paths[0]!, env, ['--format', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      access_token: second,
      token_type: 'Bearer',
      authorization: `Bearer ${second}`,
      scope: 'api:read',
    });
    const auth = await later(main.paths[0]!, env, ['--format=authorization']);
    expect(auth.stdout).toBe(`Bearer ${second}\n`);
    // A token that must last longer than the kept one has left is minted now.
    const long = await later(main.paths[0]!, env, ['--min-seconds', '10']);
    expect(long.code).toBe(0);
    expect(long.stdout.trim()).not.toBe(second);
    expect(long.stderr).toContain('less than --min-seconds 10 asks for');
    expect(mints() - before).toBe(3);

    for (const r of [...reads, json, auth, long]) {
      expect(
        findLeaks({ secret: CLIENTS.basic.secret }, [
          { name: 'stderr', text: r.stderr, allowLine: isAddMask },
          { name: 'stdout', text: r.stdout },
        ]),
      ).toEqual([]);
    }

    // The post step removes it: the command is gone, and the reader finds nothing.
    const post = await runGithub('dist/post/index.js', CC, { state: main.state });
    expect(post.code).toBe(0);
    expect(post.stdout).toContain('Removed the job token source');
    expect(existsSync(dir)).toBe(false);
    expect((await later(main.paths[0]!, env)).code).toBe(127);
    const gone = await reader(env);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('holds no job token source');
  }, 60_000);

  test('a rotated refresh token is stored in the secret store before the token is handed out', async () => {
    const SECRETS_TOKEN = 'ghs_installation-token-0123456789abcdef';
    const NAME = 'APP_REFRESH_TOKEN';
    const KEY = `repo:acme/shop/${NAME}`;
    const refresh = await oidc.issueRefreshToken();
    const store: GithubSecretsPeer = await startGithubSecrets({
      token: SECRETS_TOKEN,
      secrets: { [KEY]: refresh },
    });
    try {
      const inputs = {
        'token-url': oidc.tokenUrl,
        'client-id': CLIENTS.refresh.id,
        'client-secret': CLIENTS.refresh.secret,
        'refresh-token': refresh,
        'refresh-token-secret': NAME,
        'secrets-token': SECRETS_TOKEN,
        'job-token': 'true',
      };
      const stepEnv = { GITHUB_API_URL: store.apiUrl, GITHUB_REPOSITORY: 'acme/shop' };
      const main = await runGithub('dist/main/index.js', inputs, { env: stepEnv });
      expect(main.code).toBe(0);
      const firstSuccessor = store.values.get(KEY)!;
      expect(firstSuccessor).not.toBe(refresh);
      const dir = main.env.OAUTH_TOKEN_JOB!;

      await untilExpiring();
      const r = await later(main.paths[0]!, { ...stepEnv, OAUTH_TOKEN_JOB: dir });
      expect(r.stderr).not.toMatch(/::error::/);
      expect(r.code).toBe(0);
      // The server rotated again: the stored secret is the newest successor, which still works,
      // and it was stored before the token was handed out.
      const secondSuccessor = store.values.get(KEY)!;
      expect(secondSuccessor).not.toBe(firstSuccessor);
      expect(await oidc.refreshTokenActive(secondSuccessor)).toBe(true);
      expect(await oidc.refreshTokenActive(firstSuccessor)).toBe(false);
      const lines = r.stderr.split('\n');
      expect(
        lines.findIndex((l) => l.includes('the new one is stored in the repository secret')),
      ).toBeLessThan(lines.findIndex((l) => l.includes('minted a new access token')));
      expect(r.stderr).toContain(`::add-mask::${secondSuccessor}`);
      expect(
        findLeaks(
          {
            old: refresh,
            first: firstSuccessor,
            second: secondSuccessor,
            client: CLIENTS.refresh.secret,
            store: SECRETS_TOKEN,
          },
          [
            { name: 'stderr', text: r.stderr, allowLine: isAddMask },
            { name: 'stdout', text: r.stdout },
          ],
        ),
      ).toEqual([]);
      // The next mint spends the newest successor: it works, so nothing was lost.
      await untilExpiring();
      const again = await later(main.paths[0]!, { ...stepEnv, OAUTH_TOKEN_JOB: dir });
      expect(again.code).toBe(0);
      expect(store.values.get(KEY)).not.toBe(secondSuccessor);
      // Two steps that each need a token longer than any lives mint one after the other: the
      // second, which read the source before the first rotated it, spends the first's successor.
      const both = await Promise.all(
        [0, 1].map(() =>
          later(main.paths[0]!, { ...stepEnv, OAUTH_TOKEN_JOB: dir }, ['--min-seconds', '10']),
        ),
      );
      for (const r of both)
        expect({ code: r.code, error: r.stderr.match(/::error::.*/)?.[0] }).toEqual({
          code: 0,
          error: undefined,
        });
      expect(both[0]!.stdout).not.toBe(both[1]!.stdout);
      expect(await oidc.refreshTokenActive(store.values.get(KEY)!)).toBe(true);
      await runGithub('dist/post/index.js', inputs, { state: main.state, env: stepEnv });
      expect(existsSync(dir)).toBe(false);
    } finally {
      await store.close();
    }
  }, 60_000);

  test('another user of the machine can read nothing of it, and the command refuses to run for them', async () => {
    const main = await withSource();
    expect(main.code).toBe(0);
    const dir = main.env.OAUTH_TOKEN_JOB!;
    if (process.getuid?.() !== 0) return; // switching user needs root, as CI runs
    // Even with the runner's temp folder open to all, the source folder itself is closed.
    chmodSync(main.dir, 0o755);
    const nobody = 65534;
    const cat = await new Promise<number | null>((r) =>
      spawn('cat', [join(dir, 'source.json'), join(dir, 'token.json')], {
        uid: nobody,
        gid: nobody,
        stdio: 'ignore',
      }).on('close', r),
    );
    expect(cat).not.toBe(0);
    const ls = await new Promise<number | null>((r) =>
      spawn('ls', [dir], { uid: nobody, gid: nobody, stdio: 'ignore' }).on('close', r),
    );
    expect(ls).not.toBe(0);
    // The command on PATH is inside the closed folder; the reader run directly refuses it.
    expect((await later(main.paths[0]!, { OAUTH_TOKEN_JOB: dir }, [], { uid: nobody })).code).toBe(
      127,
    );
    const r = await reader({ OAUTH_TOKEN_JOB: dir }, { uid: nobody });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('belongs to another user');
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toContain(main.outputs['access-token']!);
    await runGithub('dist/post/index.js', CC, { state: main.state });
    expect(existsSync(dir)).toBe(false);
  }, 30_000);

  test('removed after a failed or cancelled job too: the post step runs on its state alone', async () => {
    // After a later step failed, or the job was cancelled, the runner still runs the post step
    // (post-if: always()), with the state the main step saved.
    const main = await withSource();
    const dir = main.env.OAUTH_TOKEN_JOB!;
    expect(existsSync(dir)).toBe(true);
    // A later step failed; the job is failing or cancelled: post-if always() runs the post step,
    // which removes the source first even when its own work (here a revocation it cannot do)
    // fails.
    const post = await runGithub(
      'dist/post/index.js',
      { ...CC, 'client-secret': 'not-the-secret-0123456789' },
      {
        state: {
          ...main.state,
          revoke: 'true',
          'access-token': main.outputs['access-token']!,
          'revoke-url': oidc.revokeUrl,
        },
      },
    );
    expect(post.stdout).toContain('Could not revoke the access token');
    expect(existsSync(dir)).toBe(false);
    expect(post.stdout).toContain('Removed the job token source');
  }, 30_000);

  test('the maintenance post step ends the window with a token from the source after the first expired', async () => {
    const peer = await startSite24x7();
    peer.tokenLifeSeconds = TTL;
    try {
      const { token, env, start, endWindow } = await windowFromJob(peer);
      expect(start.stderr).toBe('');
      expect(start.code).toBe(0);
      expect(start.stdout).toContain('using an access token from the job token source');
      const id = start.outputs['maintenance-id']!;
      expect(peer.minted).toHaveLength(1);

      // The job goes on past the token's life: Site24x7 now refuses the saved one.
      await sleep(TTL * 1000 + 300);
      const before = peer.requests.length;
      const post = await endWindow();
      expect(post.stderr).toBe('');
      expect(post.code).toBe(0);
      expect(peer.minted).toHaveLength(2);
      const fresh = peer.minted[1]!;
      // Masked in the post step before any use, and the window ended with it.
      expect(post.stdout).toContain(`::add-mask::${fresh}`);
      const ended = peer.requests
        .slice(before)
        .find((r) => r.method === 'PUT' && r.path.includes(id));
      expect(ended?.headers.authorization).toBe(`Zoho-oauthtoken ${fresh}`);
      expect(
        findLeaks({ client: peer.client.secret, refresh: peer.client.refreshToken, fresh }, [
          { name: 'stdout', text: post.stdout, allowLine: isAddMask },
        ]),
      ).toEqual([]);
      await runGithub('dist/post/index.js', {}, { state: token.state });
      expect(existsSync(env.OAUTH_TOKEN_JOB)).toBe(false);
    } finally {
      await peer.close();
    }
  }, 30_000);

  test('a token Site24x7 refused before its expiry is replaced by the source, once', async () => {
    const peer = await startSite24x7();
    try {
      const { token, env, start, endWindow } = await windowFromJob(peer);
      expect(start.code).toBe(0);
      const first = peer.minted[0]!;
      const firstExpiry = JSON.parse(
        (await reader(env, { args: ['--format', 'json'] })).stdout,
      ) as { expires_at: string };
      // Revoked at the server an hour before its expiry: the source still thinks it good.
      peer.tokens.delete(first);
      const post = await endWindow();
      expect(post.stderr).toBe('');
      expect(post.code).toBe(0);
      expect(peer.minted).toHaveLength(2);
      expect(post.stdout).toContain(`::add-mask::${peer.minted[1]}`);
      // A second step that was refused the same token gets the replacement, not a third mint.
      const again = await reader(env, { args: ['--replace', firstExpiry.expires_at] });
      expect(again.stdout).toBe(`${peer.minted[1]}\n`);
      expect(peer.minted).toHaveLength(2);
      await runGithub('dist/post/index.js', {}, { state: token.state });
    } finally {
      await peer.close();
    }
  });

  test('cancelled while the token step mints: no source is left, and its post step has nothing to do', async () => {
    const hung = await startStub(() => ({ hang: true }));
    try {
      const main = await runGithub(
        'dist/main/index.js',
        { ...CC, 'token-url': hung.url('/token'), 'job-token': 'true' },
        { killAfterMs: 1500, killSignal: 'SIGTERM' },
      );
      expect(main.code).not.toBe(0);
      expect(main.state['job-source']).toBeUndefined();
      expect(readdirSync(main.dir).filter((f) => f.startsWith('oauth-token-job-'))).toEqual([]);
      const post = await runGithub('dist/post/index.js', CC, { state: main.state });
      expect(post.code).toBe(0);
    } finally {
      await hung.close();
    }
  });

  test('refused where the source could lose something or has nothing to mint with', async () => {
    const before = mints();
    const rotating = await runGithub('dist/main/index.js', {
      provider: 'datadog',
      'client-id': 'c',
      'client-secret': 's',
      'refresh-token': 'r-0123456789',
      'job-token': 'true',
    });
    expect(rotating.code).toBe(1);
    expect(unescapeCommand(rotating.commands.find((c) => c.command === 'error')!.value)).toContain(
      "Input 'job-token' is true with the refresh_token grant of Datadog, which may rotate refresh tokens, and without write-back",
    );
    const envelope = await runGithub('dist/main/index.js', {
      envelope: 'x'.repeat(40),
      'share-key': 'mQ9v+2rT8wLx4ZpK7sJd1Nf6Hc3Gb5Ye0Ua8Ri2Oe4I=',
      'job-token': 'true',
    });
    expect(envelope.code).toBe(1);
    expect(envelope.stdout).toContain("Input 'job-token' is true together with envelope");
    expect(mints()).toBe(before);
    for (const r of [rotating, envelope]) {
      expect(r.paths).toEqual([]);
      expect(readdirSync(r.dir).filter((f) => f.startsWith('oauth-token-job-'))).toEqual([]);
    }
  });
});

describe('Azure Pipelines', () => {
  test('a later script gets a valid token after the first expires; one mint; post-job removes it', async () => {
    const before = mints();
    const main = await runAzure('OAuthTokenV1', 'main', {
      tokenUrl: oidc.tokenUrl,
      clientId: CLIENTS.basic.id,
      clientSecret: CLIENTS.basic.secret,
      grantType: 'client_credentials',
      scope: 'api:read',
      jobToken: 'true',
    });
    expect(main.result).toBeUndefined();
    const first = main.outputs.accessToken!.value;
    const prepend = main.commands.filter((c) => c.area === 'task.prependpath');
    expect(prepend).toHaveLength(1);
    const bin = prepend[0]!.value;
    const exported = main.commands.find(
      (c) => c.area === 'task.setvariable' && c.props.variable === 'OAUTH_TOKEN_JOB',
    )!;
    const dir = exported.value;
    expect(bin).toBe(join(dir, 'bin'));
    expect(main.taskVariables.jobSource).toBe(dir);
    // What a script step of the job has: the agent's variables, none of the task's inputs.
    const script = { OAUTH_TOKEN_JOB: dir, AGENT_TEMPDIRECTORY: main.dir };
    const r1 = await later(bin, script);
    expect(r1).toMatchObject({ code: 0, stdout: `${first}\n` });
    expect(mints() - before).toBe(1);

    await untilExpiring();
    const reads = await Promise.all([0, 1, 2].map(() => later(bin, script)));
    expect(mints() - before).toBe(2);
    const second = reads[0]!.stdout.trim();
    expect(second).not.toBe(first);
    for (const r of reads) expect(r).toMatchObject({ code: 0, stdout: `${second}\n` });
    const minted = reads.find((r) => r.stderr.includes('minted a new access token'))!;
    expect(minted.stderr).toContain(`##vso[task.setsecret]${second}`);
    // A script's failure is its exit code: never task.complete, which would end the script's
    // task for it.
    const bad = await later(bin, script, ['--format', 'xml']);
    expect(bad.code).toBe(2);
    const offline = await later(bin, { ...script }, ['--source', join(main.dir, 'nothing')]);
    expect(offline.code).toBe(1);
    // A source path is data: a forged command in it stays text.
    const forged = await reader(
      { OAUTH_TOKEN_JOB: '/tmp/##vso[task.setvariable variable=PATH]/evil' },
      { bundle: 'task/OAuthTokenV1/job-token/index.js' },
    );
    expect(forged.code).toBe(1);
    expect(forged.stderr).not.toContain('##vso[task.setvariable');
    for (const r of [...reads, bad, offline, forged]) {
      expect(r.stderr).not.toContain('##vso[task.complete');
      expect(
        findLeaks({ secret: CLIENTS.basic.secret }, [
          {
            name: 'stderr',
            text: r.stderr,
            allowLine: (l) => l.includes('##vso[task.setsecret]'),
          },
        ]),
      ).toEqual([]);
    }

    const post = await runAzure('OAuthTokenV1', 'post', {}, { taskVariables: { jobSource: dir } });
    expect(post.result).toBeUndefined();
    expect(existsSync(dir)).toBe(false);
  }, 60_000);

  test('the maintenance post-job step ends the window with a token from the source after the first expired', async () => {
    const peer = await startSite24x7();
    peer.tokenLifeSeconds = TTL;
    try {
      const token = await runAzure('OAuthTokenV1', 'main', {
        provider: 'site24x7',
        tokenUrl: peer.tokenUrl,
        clientId: peer.client.id,
        clientSecret: peer.client.secret,
        refreshToken: peer.client.refreshToken,
        jobToken: 'true',
      });
      expect(token.result).toBeUndefined();
      const dir = token.taskVariables.jobSource!;
      // The agent gives later tasks the variable the token task set.
      const variables = { OAUTH_TOKEN_JOB: dir };
      const maint = { apiUrl: peer.apiUrl, monitors: 'shop-web', tokenFromJob: 'true' };
      const start = await runAzure('Site24x7MaintenanceV1', 'main', maint, { variables });
      expect(start.result).toBeUndefined();
      const id = start.outputs.maintenanceId!.value;
      await sleep(TTL * 1000 + 300);
      const before = peer.requests.length;
      const post = await runAzure('Site24x7MaintenanceV1', 'post', maint, {
        variables,
        taskVariables: start.taskVariables,
      });
      expect(post.result).toBeUndefined();
      expect(peer.minted).toHaveLength(2);
      const fresh = peer.minted[1]!;
      expect(post.secretsRegistered).toContain(fresh);
      const ended = peer.requests
        .slice(before)
        .find((r) => r.method === 'PUT' && r.path.includes(id));
      expect(ended?.headers.authorization).toBe(`Zoho-oauthtoken ${fresh}`);
      expect(post.stdout).not.toContain(peer.client.secret);
      expect(post.stdout).not.toContain(peer.client.refreshToken);
      await runAzure('OAuthTokenV1', 'post', {}, { taskVariables: { jobSource: dir } });
      expect(existsSync(dir)).toBe(false);
    } finally {
      await peer.close();
    }
  }, 30_000);

  test("with a service connection it is the owner's choice, and the source holds that connection only", async () => {
    const connection = (jobToken?: string): Connection => ({
      id: 'c0ffee00-1111-2222-3333-444455556666',
      scheme: 'UsernamePassword',
      params: { username: CLIENTS.basic.id, password: CLIENTS.basic.secret },
      data: { tokenUrl: oidc.tokenUrl, ...(jobToken ? { jobToken } : {}) },
    });
    const other: Connection = {
      id: '0dd0dd00-9999-8888-7777-666655554444',
      scheme: 'UsernamePassword',
      params: { username: 'other', password: 'other-connection-secret-0123456789' },
      data: {},
    };
    const refused = await runAzure(
      'OAuthTokenV1',
      'main',
      { jobToken: 'true', scope: 'api:read' },
      { connection: connection() },
    );
    expect(refused.result?.result).toBe('Failed');
    expect(refused.result?.message).toContain(
      "Input 'jobToken' is set, but this task uses a service connection, and with a connection its owner decides this input",
    );
    const allowed = await runAzure(
      'OAuthTokenV1',
      'main',
      { scope: 'api:read' },
      {
        connection: connection('true'),
        connections: { otherConnection: other },
        // The job's access token, as the agent gives it to every task, and mapped as a variable.
        variables: {
          ENDPOINT_AUTH_PARAMETER_SYSTEMVSSCONNECTION_ACCESSTOKEN: 'job-access-token-0123456789',
          SYSTEM_ACCESSTOKEN: 'job-access-token-0123456789',
        },
      },
    );
    expect(allowed.result).toBeUndefined();
    const dir = allowed.taskVariables.jobSource!;
    const source = readFileSync(join(dir, 'source.json'), 'utf8');
    expect(source).toContain(CLIENTS.basic.secret);
    expect(source).not.toContain(other.params.password);
    expect(source).not.toContain('SYSTEMVSSCONNECTION');
    expect(source).not.toContain('job-access-token-0123456789');
    const r = await later(join(dir, 'bin'), { OAUTH_TOKEN_JOB: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(allowed.outputs.accessToken!.value);
    await runAzure('OAuthTokenV1', 'post', {}, { taskVariables: { jobSource: dir } });
    expect(existsSync(dir)).toBe(false);
  }, 30_000);
});
