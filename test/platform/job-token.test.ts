/**
 * A token that lasts the whole job (job-token), on GitHub Actions' built bundles: the token
 * step leaves a source, a later step runs `oauth-token-job` as a script would (the folder the
 * step put on PATH, none of the step's inputs in its environment), and gets a token that is
 * valid now. The server is oidc-provider issuing 5-second tokens, so the first one really
 * expires within the test. Each promise of docs/job-token.md has its test: one mint per
 * expiry, one for concurrent readers, a rotated refresh token stored before the token is handed
 * out, masks before the token, nothing readable by another user, nothing left after the post
 * step (after success, failure or cancellation). Azure Pipelines: job-token-azure.test.ts; the
 * maintenance step's use of the source: job-token-maintenance.test.ts.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { arrival } from '../helpers/arrival.js';
import { runGithub, unescapeCommand } from '../helpers/github.js';
import {
  CC,
  later,
  mintsOf,
  reader,
  startShortLivedOidc,
  untilExpiring,
} from '../helpers/job-token.js';
import { findLeaks, isAddMask } from '../helpers/leaks.js';
import { CLIENTS, type OidcPeer } from '../peers/oidc.js';
import { type GithubSecretsPeer, startGithubSecrets } from '../peers/secret-stores.js';
import { startStub } from '../peers/stub.js';

let oidc: OidcPeer;
beforeAll(async () => {
  oidc = await startShortLivedOidc();
});
afterAll(() => oidc.close());
const mints = () => mintsOf(oidc);

/** The token step with job-token, client credentials from oidc-provider. */
const withSource = () =>
  runGithub('dist/main/index.js', { ...CC, 'token-url': oidc.tokenUrl, 'job-token': 'true' });

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

  test('cancelled while the token step mints: no source is left, and its post step has nothing to do', async () => {
    const asked = arrival();
    const hung = await startStub(() => {
      asked.arrive();
      return { hang: true };
    });
    try {
      const main = await runGithub(
        'dist/main/index.js',
        { ...CC, 'token-url': hung.url('/token'), 'job-token': 'true' },
        { signalAt: asked.signal('SIGTERM') },
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
