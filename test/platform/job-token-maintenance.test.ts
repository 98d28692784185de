/**
 * The maintenance step with token-from-job on both platforms' built bundles: its post step ends
 * the window with a token from the job token source after the first one expired (the Site24x7
 * peer issuing 5-second tokens), and a token Site24x7 refused early is replaced once.
 */
import { existsSync } from 'node:fs';
import { runAzure } from '../helpers/azure.js';
import { runGithub } from '../helpers/github.js';
import { reader, sleep, TTL } from '../helpers/job-token.js';
import { findLeaks, isAddMask } from '../helpers/leaks.js';
import { type Site24x7Peer, startSite24x7 } from '../peers/site24x7.js';

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
});

describe('Azure Pipelines', () => {
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
});
