/**
 * Write-back of a rotated refresh token (issue 18), on the built bundles: a certified OAuth
 * server that rotates refresh tokens (oidc-provider), a GitHub secrets peer that opens what it
 * receives with a real key pair, and an Azure DevOps variable-group peer with the real
 * whole-group semantics. Nothing is spent when the write would be refused; the new token is
 * stored before anything is exported; a failed write fails loudly; nothing leaks. On GitHub the
 * full write-back, the race between two runs and one bad input run the bundle; the preflight's
 * refusals and the other stores run the GitHub entry in process (runGh, runGithubInProcess).
 */
import { runAzure } from '../helpers/azure.js';
import { type GithubRun, runGithub } from '../helpers/github.js';
import { runGithubInProcess } from '../helpers/inprocess.js';
import { findLeaks, isAddMask } from '../helpers/leaks.js';
import { CLIENTS, type OidcPeer, startOidcPeer } from '../peers/oidc.js';
import {
  type AzureGroupsPeer,
  type GithubSecretsPeer,
  startAzureGroups,
  startGithubSecrets,
} from '../peers/secret-stores.js';
import { attack } from '../helpers/record.js';

const MAIN = 'dist/main/index.js';
const SECRETS_TOKEN = 'ghs_installation-token-0123456789abcdef';
const NAME = 'APP_REFRESH_TOKEN';
const KEY = `repo:acme/shop/${NAME}`;

let oidc: OidcPeer;
beforeAll(async () => {
  oidc = await startOidcPeer({ rotateRefreshToken: true });
});
afterAll(() => oidc.close());

const peers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((p) => p.close()));
});

const tokenRequests = () => oidc.requests.filter((r) => r.path === '/token').length;

async function githubStore(secrets: Record<string, string>, more = {}) {
  const s = await startGithubSecrets({ token: SECRETS_TOKEN, secrets, ...more });
  peers.push(s);
  return s;
}

/**
 * The token step with write-back to the store. In process (runGithubInProcess: the GitHub entry
 * and adapter, the store's sealing included), except `spawned` runs of the bundle, which the
 * first test and the race between two runs use.
 */
function runGh(
  store: GithubSecretsPeer,
  refresh: string,
  inputs: Record<string, string> = {},
  spawned = false,
) {
  return (spawned ? runGithub : runGithubInProcess)(
    MAIN,
    {
      'token-url': oidc.tokenUrl,
      'client-id': CLIENTS.refresh.id,
      'client-secret': CLIENTS.refresh.secret,
      'refresh-token': refresh,
      'refresh-token-secret': NAME,
      'secrets-token': SECRETS_TOKEN,
      ...inputs,
    },
    { env: { GITHUB_API_URL: store.apiUrl } },
  );
}

function expectNoLeak(run: GithubRun, secrets: Record<string, string | undefined>) {
  const leaks = findLeaks(
    { secretsToken: SECRETS_TOKEN, clientSecret: CLIENTS.refresh.secret, ...secrets },
    [
      { name: 'stdout', text: run.stdout, allowLine: isAddMask },
      { name: 'stderr', text: run.stderr },
      {
        name: 'GITHUB_OUTPUT',
        text: run.files.output ?? '',
        allowSecrets: ['access', 'newRefresh'],
      },
      { name: 'GITHUB_STATE', text: run.files.state ?? '' },
      { name: 'GITHUB_ENV', text: run.files.env ?? '' },
    ],
  );
  expect(leaks).toEqual([]);
}

describe('GitHub: write-back to Actions secrets', () => {
  test('the rotated refresh token is stored, sealed for the real key, before anything is exported', async () => {
    const refresh = await oidc.issueRefreshToken();
    const store = await githubStore({ [KEY]: refresh });
    const before = tokenRequests();
    const run = await runGh(store, refresh, {}, true);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(tokenRequests() - before).toBe(1);
    const stored = store.values.get(KEY)!;
    expect(stored).not.toBe(refresh);
    expect(await oidc.refreshTokenActive(stored)).toBe(true);
    expect(run.outputs['refresh-token']).toBe(stored);
    // Preflight (key, secret, a temporary check secret written and deleted: the secret itself is
    // never rewritten with the value read), then the one write of the new value.
    const calls = store.calls.map((c) =>
      `${c.method} ${c.path.replace(/\?.*/, '')}`.replace(
        /OAUTH_TOKEN_ACTION_CHECK_[0-9A-F]{12}/,
        'CHECK',
      ),
    );
    expect(calls).toEqual([
      'GET /repos/acme/shop/actions/secrets/public-key',
      `GET /repos/acme/shop/actions/secrets/${NAME}`,
      'PUT /repos/acme/shop/actions/secrets/CHECK',
      'DELETE /repos/acme/shop/actions/secrets/CHECK',
      `PUT /repos/acme/shop/actions/secrets/${NAME}`,
    ]);
    expect([...store.values.keys()]).toEqual([KEY]);
    // Written before the token is exported: the log says so first.
    const lines = run.stdout.split('\n');
    const stored_at = lines.findIndex((l) =>
      l.includes('the new one is stored in the repository secret'),
    );
    const got_at = lines.findIndex((l) => l.startsWith('Got a '));
    expect(stored_at).toBeGreaterThan(-1);
    expect(stored_at).toBeLessThan(got_at);
    expect(run.stdout).not.toContain('::warning::The server issued a new refresh token');
    expectNoLeak(run, {
      oldRefresh: refresh,
      newRefresh: stored,
      access: run.outputs['access-token'],
    });
  });

  test.each([
    [
      'a token that may read but not write (403 on the write)',
      (s: GithubSecretsPeer) => (s.fault = (c) => (c.method === 'PUT' ? 403 : undefined)),
      /may not write the repository secret APP_REFRESH_TOKEN of acme\/shop.*Secrets: Read and write/,
    ],
    [
      'an environment secret the token may not write',
      (s: GithubSecretsPeer) => (s.fault = (c) => (c.method === 'PUT' ? 403 : undefined)),
      /Environments: Read and write and Secrets: Read and write/,
      {
        'refresh-token-secret-scope': 'environment',
        'refresh-token-secret-environment': 'production',
      },
    ],
    [
      'a secret that does not exist',
      (s: GithubSecretsPeer) => s.values.clear(),
      /does not exist \(or the token cannot see it\).*gh secret set APP_REFRESH_TOKEN --repo acme\/shop/,
    ],
    [
      'a revoked secrets-token (401)',
      (s: GithubSecretsPeer) => (s.token = 'another-token'),
      /GitHub refused the token in secrets-token/,
    ],
  ] as Array<[string, (s: GithubSecretsPeer) => void, RegExp, Record<string, string>?]>)(
    'preflight refuses %s: nothing is spent',
    async (_what, setUp, why, inputs = {}) => {
      const refresh = await oidc.issueRefreshToken();
      const store = await githubStore({
        [KEY]: refresh,
        [`env:acme/shop:production/${NAME}`]: refresh,
      });
      setUp(store);
      const before = tokenRequests();
      const run = await runGh(store, refresh, inputs);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(why);
      expect(run.stdout).toContain(
        'Nothing was spent: no token was requested, and the refresh token is unchanged.',
      );
      expect(tokenRequests()).toBe(before);
      expect(await oidc.refreshTokenActive(refresh)).toBe(true);
      expectNoLeak(run, { oldRefresh: refresh });
    },
  );

  test('a write that fails after the rotation fails loudly, with the new token only in a masked output', async () => {
    const refresh = await oidc.issueRefreshToken();
    const store = await githubStore({ [KEY]: refresh });
    // The preflight write passes; every later write fails.
    store.fault = (c, puts) => (c.method === 'PUT' && puts > 1 ? 503 : undefined);
    const run = await runGh(store, refresh, { 'max-retry-seconds': '2' });
    expect(run.code).toBe(1);
    const fresh = run.outputs['refresh-token']!;
    expect(fresh).toBeTruthy();
    expect(fresh).not.toBe(refresh);
    expect(run.stdout).toContain(`::add-mask::${fresh}`);
    expect(run.stdout).toMatch(
      /::error::The server rotated the refresh token, and storing the new one in the repository secret APP_REFRESH_TOKEN of acme\/shop failed: .*HTTP 503.*the new value is in the refresh-token output \(masked\).*gh secret set APP_REFRESH_TOKEN --repo acme\/shop/,
    );
    expect(store.values.get(KEY)).toBe(refresh);
    // Retried within the budget before giving up.
    expect(store.calls.filter((c) => c.method === 'PUT').length).toBeGreaterThan(2);
    expect(run.outputs['access-token']).toBeUndefined();
    expectNoLeak(run, { oldRefresh: refresh, newRefresh: fresh });
  }, 30_000);

  test('two runs racing on one refresh token: one stores its successor, the other says why it failed', async () => {
    const refresh = await oidc.issueRefreshToken();
    const store = await githubStore({ [KEY]: refresh });
    const runs = await Promise.all([
      runGh(store, refresh, {}, true),
      runGh(store, refresh, {}, true),
    ]);
    const ok = runs.filter((r) => r.code === 0);
    const failed = runs.filter((r) => r.code === 1);
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.stdout).toMatch(
      /invalid_grant.*another run that rotated the refresh token at the same time.*concurrency group/,
    );
    // The failed run wrote nothing after its preflight: the winner's successor is what is stored.
    expect(store.values.get(KEY)).toBe(ok[0]!.outputs['refresh-token']);
    for (const r of runs)
      expectNoLeak(r, { oldRefresh: refresh, newRefresh: store.values.get(KEY) });
  }, 30_000);

  test('environment and organisation secrets: the right store, and an organisation secret keeps its repositories', async () => {
    const refresh = await oidc.issueRefreshToken();
    const envKey = `env:acme/shop:production/${NAME}`;
    const store = await githubStore(
      { [envKey]: refresh, [`org:acme/${NAME}`]: 'old' },
      {
        org: { [NAME]: { visibility: 'selected', repositories: [11, 12] } },
      },
    );
    const env = await runGh(store, refresh, {
      'refresh-token-secret-scope': 'environment',
      'refresh-token-secret-environment': 'production',
    });
    expect(env.code).toBe(0);
    expect(store.values.get(envKey)).toBe(env.outputs['refresh-token']);
    const refresh2 = await oidc.issueRefreshToken();
    store.values.set(`org:acme/${NAME}`, refresh2);
    const org = await runGh(store, refresh2, { 'refresh-token-secret-scope': 'organization' });
    expect(org.code).toBe(0);
    expect(store.values.get(`org:acme/${NAME}`)).toBe(org.outputs['refresh-token']);
    expect(store.orgSettings.get(NAME)).toEqual({
      visibility: 'selected',
      selected_repository_ids: [11, 12],
    });
  });

  test('an organisation secret shared with 250 repositories keeps all 250 (every page is read)', async () => {
    const ids = Array.from({ length: 250 }, (_, i) => 1000 + i);
    const refresh = await oidc.issueRefreshToken();
    const store = await githubStore(
      { [`org:acme/${NAME}`]: refresh },
      { org: { [NAME]: { visibility: 'selected', repositories: ids } } },
    );
    const org = await runGh(store, refresh, { 'refresh-token-secret-scope': 'organization' });
    expect(org.code).toBe(0);
    expect(store.orgSettings.get(NAME)).toEqual({
      visibility: 'selected',
      selected_repository_ids: ids,
    });
    expect(store.calls.filter((c) => c.path.includes('/repositories'))).toHaveLength(3);
    attack('write-back', 'an organisation secret shared with 250 repositories', 'github');
  });

  test('a list of repositories that cannot be read whole is refused before anything is spent; the recovery command keeps visibility and repositories', async () => {
    const refresh = await oidc.issueRefreshToken();
    const store = await githubStore(
      { [`org:acme/${NAME}`]: refresh },
      { org: { [NAME]: { visibility: 'selected', repositories: [11, 12, 13] } } },
    );
    // The second page of a 150-repository list fails: GitHub gave 100 of 150.
    const ids = Array.from({ length: 150 }, (_, i) => 2000 + i);
    const cut = await githubStore(
      { [`org:acme/${NAME}`]: refresh },
      { org: { [NAME]: { visibility: 'selected', repositories: ids } } },
    );
    cut.fault = (call) => (call.path.includes('page=2') ? 500 : undefined);
    const tokensBefore = oidc.requests.filter((r) => r.path === '/token').length;
    const refused = await runGh(cut, refresh, {
      'refresh-token-secret-scope': 'organization',
      'max-retry-seconds': '0',
    });
    expect(refused.code).toBe(1);
    expect(refused.commands.find((c) => c.command === 'error')?.value).toMatch(/Nothing was spent/);
    expect(oidc.requests.filter((r) => r.path === '/token').length).toBe(tokensBefore);
    expect(cut.orgSettings.size).toBe(0);

    // A failed write after rotation prints the command that keeps visibility and repositories.
    store.fault = (call, puts) => (call.method === 'PUT' && puts > 1 ? 500 : undefined);
    const failed = await runGh(store, refresh, {
      'refresh-token-secret-scope': 'organization',
      'max-retry-seconds': '0',
    });
    expect(failed.code).toBe(1);
    expect(failed.commands.find((c) => c.command === 'error')?.value).toContain(
      `gh secret set ${NAME} --org acme --visibility selected --repos repo-11,repo-12,repo-13`,
    );
    attack('write-back', 'a list of repositories cut short', 'github');
  });

  test("a repository at GitHub's secret limit: the check secret's 422 says so", async () => {
    const refresh = await oidc.issueRefreshToken();
    const full: Record<string, string> = { [`repo:acme/shop/${NAME}`]: refresh };
    for (let i = 1; i < 100; i++) full[`repo:acme/shop/OTHER_${i}`] = 'x';
    const store = await githubStore(full, { maxSecrets: 100 });
    const r = await runGh(store, refresh);
    expect(r.code).toBe(1);
    expect(r.commands.find((c) => c.command === 'error')?.value).toMatch(
      /GitHub's limit on the number of secrets \(100 per repository or environment.*Nothing was spent/,
    );
    attack('write-back', "a repository at GitHub's secret limit", 'github');
  });

  test.each([
    [
      { 'secrets-token': '' },
      /Input 'secrets-token' is required to write refresh-token-secret.*GITHUB_TOKEN cannot/,
    ],
    [{ 'refresh-token-secret': 'GITHUB_TOKEN_X' }, /is not a GitHub secret name/],
    [
      { 'refresh-token-secret-scope': 'environment' },
      /refresh-token-secret-environment' is required when refresh-token-secret-scope is environment/,
    ],
    [
      { 'refresh-token-secret': '', 'secrets-token': SECRETS_TOKEN },
      /Input 'secrets-token' is set, but refresh-token-secret is empty/,
    ],
  ])('bad write-back input %j is refused before anything is sent', async (more, why) => {
    const store = await githubStore({});
    const before = tokenRequests();
    // The first row as the bundle, the rest in process.
    const run = await runGh(
      store,
      'unused-refresh-token-0123456789',
      more,
      (more as Record<string, string>)['secrets-token'] === '',
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(why);
    expect(tokenRequests()).toBe(before);
    expect(store.calls).toEqual([]);
  });
});

describe('Azure DevOps: write-back to a variable group', () => {
  const PROJECT = '2b8e5f0c-7a4d-4f6e-8a8b-5d9c1e2f3a44';
  const JOB_TOKEN = 'azure-job-access-token-0123456789';
  async function groups(refresh: string, secret = true) {
    const g = await startAzureGroups({
      token: JOB_TOKEN,
      projectId: PROJECT,
      groups: [
        {
          id: 7,
          name: 'shop-secrets',
          variables: {
            [NAME]: { value: refresh, isSecret: secret },
            OTHER_SECRET: { value: 'keep-me-0123456789', isSecret: true },
            PLAIN: { value: 'plain value' },
          },
        },
      ],
    });
    peers.push(g);
    return g;
  }
  const runAz = (g: AzureGroupsPeer, refresh: string, more: Record<string, string> = {}) =>
    runAzure(
      'OAuthTokenV1',
      'main',
      {
        tokenUrl: oidc.tokenUrl,
        clientId: CLIENTS.refresh.id,
        clientSecret: CLIENTS.refresh.secret,
        refreshToken: refresh,
        refreshTokenSecret: NAME,
        refreshTokenVariableGroup: 'shop-secrets',
        ...more,
      },
      {
        variables: {
          SYSTEM_COLLECTIONURI: g.collectionUri,
          SYSTEM_TEAMPROJECTID: PROJECT,
          ENDPOINT_AUTH_PARAMETER_SYSTEMVSSCONNECTION_ACCESSTOKEN: JOB_TOKEN,
        },
      },
    );

  test('the new refresh token replaces the variable; every other variable is kept', async () => {
    const refresh = await oidc.issueRefreshToken();
    const g = await groups(refresh);
    const run = await runAz(g, refresh);
    expect(run.result?.result).not.toBe('Failed');
    const vars = g.groups.get(7)!.variables;
    expect(vars[NAME]!.value).not.toBe(refresh);
    expect(vars[NAME]!.isSecret).toBe(true);
    expect(await oidc.refreshTokenActive(vars[NAME]!.value!)).toBe(true);
    expect(vars.OTHER_SECRET).toEqual({ value: 'keep-me-0123456789', isSecret: true });
    expect(vars.PLAIN).toEqual({ value: 'plain value' });
    expect(run.secretsRegistered).toContain(JOB_TOKEN);
    const leaks = findLeaks(
      {
        jobToken: JOB_TOKEN,
        oldRefresh: refresh,
        newRefresh: vars[NAME]!.value!,
        other: 'keep-me-0123456789',
      },
      [
        {
          name: 'stdout',
          text: run.stdout,
          allowLine: (l) =>
            l.startsWith('##vso[task.setsecret]') ||
            (l.startsWith('##vso[task.setvariable') && l.includes('issecret=true')),
        },
        { name: 'stderr', text: run.stderr },
      ],
    );
    expect(leaks).toEqual([]);
  });

  test('a build identity without the Administrator role: refused in the preflight, nothing spent', async () => {
    const refresh = await oidc.issueRefreshToken();
    const g = await groups(refresh);
    g.fault = (c) => (c.method === 'PUT' ? 403 : undefined);
    const before = tokenRequests();
    const run = await runAz(g, refresh);
    expect(run.result?.result).toBe('Failed');
    expect(run.result?.message).toMatch(/Administrator role.*Nothing was spent/);
    // Both identities a job may run as, and when.
    expect(run.result?.message).toContain(
      '"Project Collection Build Service (<organisation>)" when it is off and in classic release pipelines',
    );
    expect(tokenRequests()).toBe(before);
  });

  test('a variable that is not secret is refused before anything is spent', async () => {
    const refresh = await oidc.issueRefreshToken();
    const g = await groups(refresh, false);
    const before = tokenRequests();
    const run = await runAz(g, refresh);
    expect(run.result?.message).toMatch(/is not secret: make it secret/);
    expect(tokenRequests()).toBe(before);
    expect(g.calls.filter((c) => c.method === 'PUT')).toEqual([]);
  });
});
