/**
 * Runner-protocol tests: the built dist/ bundles run as child processes exactly as the GitHub
 * runner runs them, against a real OAuth server (oidc-provider) and quirk stubs on 127.0.0.1.
 * The provider quirks after the first are the token step's reading of answers and its retries:
 * they run the same step code in process (runGithubInProcess), their waits virtual.
 */
import { CLIENTS, type OidcPeer, startOidcPeer } from '../peers/oidc.js';
import { sequence, type Stub, startStub, zoho } from '../peers/stub.js';
import { type GithubRun, runGithub, unescapeCommand } from '../helpers/github.js';
import { runGithubInProcess } from '../helpers/inprocess.js';
import { findLeaks, isAddMask } from '../helpers/leaks.js';

const MAIN = 'dist/main/index.js';
const POST = 'dist/post/index.js';

let oidc: OidcPeer;
beforeAll(async () => {
  oidc = await startOidcPeer();
});
afterAll(() => oidc.close());

const stubs: Stub[] = [];
afterEach(async () => {
  await Promise.all(stubs.splice(0).map((s) => s.close()));
});
async function stub(...args: Parameters<typeof startStub>) {
  const s = await startStub(...args);
  stubs.push(s);
  return s;
}

/** No secret anywhere but the masking command and the runner files that must hold it. */
function expectNoLeaks(
  run: GithubRun,
  secrets: Record<string, string | undefined>,
  opts: { exportEnv?: boolean; state?: boolean } = {},
) {
  const tokenish = ['access', 'authorization', 'newRefresh', 'idToken'];
  const leaks = findLeaks(secrets, [
    { name: 'stdout', text: run.stdout, allowLine: isAddMask },
    { name: 'stderr', text: run.stderr },
    { name: 'GITHUB_OUTPUT', text: run.files.output ?? '', allowSecrets: tokenish },
    {
      name: 'GITHUB_ENV',
      text: run.files.env ?? '',
      allowSecrets: opts.exportEnv ? ['access'] : [],
    },
    {
      name: 'GITHUB_STATE',
      text: run.files.state ?? '',
      allowSecrets: opts.state ? ['access'] : [],
    },
    { name: 'summary', text: run.summary },
  ]);
  expect(leaks).toEqual([]);
}

/** Each secret is masked before it first appears in anything but its own mask line. */
function expectMaskedFirst(run: GithubRun, secret: string) {
  const lines = run.stdout.split('\n');
  const maskAt = lines.findIndex(
    (l) => isAddMask(l) && unescapeCommand(l.slice('::add-mask::'.length)) === secret,
  );
  expect(maskAt).toBeGreaterThanOrEqual(0);
  const firstOther = lines.findIndex((l) => !isAddMask(l) && l.includes(secret));
  expect(firstOther === -1 || firstOther > maskAt).toBe(true);
}

const refreshInputs = (rt: string) => ({
  'token-url': oidc.tokenUrl,
  'client-id': CLIENTS.refresh.id,
  'client-secret': CLIENTS.refresh.secret,
  'refresh-token': rt,
});

describe('against oidc-provider (a certified OAuth 2.0 server)', () => {
  test.each([
    ['basic', CLIENTS.basic],
    ['post', CLIENTS.post],
  ] as const)(
    'client_credentials with client_secret_%s, secrets with %%+: &=',
    async (auth, client) => {
      const run = await runGithub(MAIN, {
        'token-url': oidc.tokenUrl,
        'client-id': client.id,
        'client-secret': client.secret,
        'client-auth': auth,
        scope: 'api:read',
        'export-env': 'API_TOKEN',
      });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const at = run.outputs['access-token']!;
      expect(at.length).toBeGreaterThan(20);
      expect(await oidc.accessTokenActive(at)).toBe(true);
      expect(run.outputs).toMatchObject({
        authorization: `Bearer ${at}`,
        'token-type': 'Bearer',
        'expires-in': '600',
        scope: 'api:read',
        'api-domain': '',
      });
      expect(run.outputs['refresh-token']).toBeUndefined();
      expect(Date.parse(run.outputs['expires-at']!) - Date.now()).toBeGreaterThan(590_000);
      expect(run.env.API_TOKEN).toBe(at);
      expectMaskedFirst(run, client.secret);
      expectMaskedFirst(run, at);
      expectNoLeaks(run, { clientSecret: client.secret, access: at }, { exportEnv: true });
    },
  );

  test('a wrong client secret is refused (401 invalid_client) with the inputs to check, no retry', async () => {
    const before = oidc.requests.length;
    const run = await runGithub(MAIN, {
      'token-url': oidc.tokenUrl,
      'client-id': CLIENTS.basic.id,
      'client-secret': 'not-the-secret-0123456789',
    });
    expect(run.code).toBe(1);
    expect(oidc.requests.length - before).toBe(1);
    expect(run.commands.find((c) => c.command === 'error')?.value).toMatch(
      /^The token endpoint refused the request with invalid_client \(server said: .*\)\. The server did not accept the client credentials: check client-id and client-secret, and try client-auth: post/,
    );
    expectNoLeaks(run, { clientSecret: 'not-the-secret-0123456789' });
  });

  test('client_credentials with revoke: the post step revokes the minted token', async () => {
    const inputs = {
      'token-url': oidc.tokenUrl,
      'revoke-url': oidc.revokeUrl,
      'client-id': CLIENTS.basic.id,
      'client-secret': CLIENTS.basic.secret,
      revoke: 'true',
    };
    const run = await runGithub(MAIN, inputs);
    expect(run.code).toBe(0);
    const at = run.outputs['access-token']!;
    expect(run.state['access-token']).toBe(at);
    expect(run.files.state).not.toContain(CLIENTS.basic.secret);
    expectNoLeaks(run, { clientSecret: CLIENTS.basic.secret, access: at }, { state: true });
    expect(await oidc.accessTokenActive(at)).toBe(true);

    const post = await runGithub(POST, inputs, { state: run.state });
    expect(post.code).toBe(0);
    expect(post.stdout).toContain('Revoked the access token this job minted');
    expect(await oidc.accessTokenActive(at)).toBe(false);
    expect(oidc.requests.at(-1)).toMatchObject({ method: 'POST', path: '/token/revocation' });
    expectNoLeaks(post, { clientSecret: CLIENTS.basic.secret, access: at });
  });

  test('post step: an expired token is not sent for revocation', async () => {
    const before = oidc.requests.length;
    const post = await runGithub(
      POST,
      { 'client-id': CLIENTS.basic.id, 'client-secret': CLIENTS.basic.secret },
      {
        state: {
          revoke: 'true',
          'access-token': 'expired-token-0123456789',
          'expires-at': String(Date.now() - 1000),
          'revoke-url': oidc.revokeUrl,
          'client-auth': 'basic',
        },
      },
    );
    expect(post.code).toBe(0);
    expect(post.stdout).toContain('has expired already; nothing to revoke');
    expect(oidc.requests.length).toBe(before);
  });

  test('post step: a failed revocation is a warning, not a failure', async () => {
    const s = await stub(sequence({ status: 400, json: { error: 'unsupported_token_type' } }));
    const post = await runGithub(
      POST,
      { 'client-id': 'c', 'client-secret': 'revoke-secret-0123456789' },
      {
        state: {
          revoke: 'true',
          'access-token': 'token-0123456789',
          'expires-at': '',
          'revoke-url': s.url('/revoke'),
          'client-auth': 'post',
        },
      },
    );
    expect(post.code).toBe(0);
    expect(post.commands.find((c) => c.command === 'warning')?.value).toBe(
      'Could not revoke the access token: The revocation endpoint answered HTTP 400 (server said: unsupported_token_type). It stays valid until it expires.',
    );
    expect(s.requests[0]!.form.get('token')).toBe('token-0123456789');
    expect(s.requests[0]!.form.get('token_type_hint')).toBe('access_token');
    expect(s.requests[0]!.path).toBe('/revoke');
  });

  test('refresh_token with rotation: new refresh token output and warning, old one dead, id_token masked', async () => {
    const rt = await oidc.issueRefreshToken();
    const inputs = refreshInputs(rt);
    const run = await runGithub(MAIN, inputs);
    expect(run.code).toBe(0);
    const at = run.outputs['access-token']!;
    const newRt = run.outputs['refresh-token']!;
    expect(newRt).toBeTruthy();
    expect(newRt).not.toBe(rt);
    expect(await oidc.refreshTokenActive(rt)).toBe(false);
    expect(await oidc.refreshTokenActive(newRt)).toBe(true);
    expect(run.commands.find((c) => c.command === 'warning')?.value).toContain(
      'new refresh token (rotation)',
    );
    expectMaskedFirst(run, newRt);
    expectMaskedFirst(run, at);
    // The server also issued an id_token (openid scope): masked although not an output.
    expect(
      run.commands.some(
        (c) => c.command === 'add-mask' && /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/.test(c.value),
      ),
    ).toBe(true);
    expect(run.state).toEqual({});
    expect(run.outputs['token-type']).toBe('Bearer');
    expect(run.outputs.scope).toBe('openid offline_access');
    expectNoLeaks(run, {
      clientSecret: CLIENTS.refresh.secret,
      refresh: rt,
      newRefresh: newRt,
      access: at,
    });
  });

  test('revoke with the refresh_token grant is refused: the server may revoke the stored refresh token too', async () => {
    const rt = await oidc.issueRefreshToken();
    const before = oidc.requests.length;
    const run = await runGithub(MAIN, {
      ...refreshInputs(rt),
      'revoke-url': oidc.revokeUrl,
      revoke: 'true',
    });
    expect(run.code).toBe(1);
    expect(run.commands.find((c) => c.command === 'error')?.value).toBe(
      "Input 'revoke' is true with the refresh_token grant, and revoking the access token may also revoke the stored refresh token (RFC 7009 s2.1 allows servers to do so): set revoke to false; the access token expires on its own. Revocation is offered for client_credentials tokens",
    );
    expect(oidc.requests.length).toBe(before);
    expect(await oidc.refreshTokenActive(rt)).toBe(true);
  });

  test('replaying a rotated refresh token fails with invalid_grant and explains rotation', async () => {
    const rt = await oidc.issueRefreshToken();
    const inputs = refreshInputs(rt);
    expect((await runGithub(MAIN, inputs)).code).toBe(0);
    const again = await runGithub(MAIN, inputs);
    expect(again.code).toBe(1);
    expect(again.commands.find((c) => c.command === 'error')?.value).toMatch(
      /refused the request with invalid_grant .*an earlier run rotated it: issue a new refresh token and update the stored secret in refresh-token\./,
    );
  });

  test('post step without revoke does nothing and sends nothing', async () => {
    const before = oidc.requests.length;
    const post = await runGithub(
      POST,
      { 'token-url': oidc.tokenUrl, 'client-id': 'x' },
      { state: {} },
    );
    expect(post.code).toBe(0);
    expect(post.stdout).toBe('');
    expect(oidc.requests.length).toBe(before);
  });
});

describe('provider quirks (stub)', () => {
  const zohoInputs = (s: Stub, over: Record<string, string> = {}) => ({
    provider: 'site24x7',
    region: 'eu',
    'token-url': s.url('/oauth/v2/token'),
    'client-id': '1000.CLIENTID',
    'client-secret': 'zoho-client-secret-abcdef',
    'refresh-token': '1000.refresh.token-abcdef',
    ...over,
  });

  test('Zoho: post auth, Zoho-oauthtoken header, Site24x7 API root of the region', async () => {
    const s = await stub(sequence(zoho.ok()));
    const run = await runGithub(MAIN, zohoInputs(s));
    expect(run.code).toBe(0);
    expect(run.outputs.authorization).toBe('Zoho-oauthtoken 1000.a1b2c3d4e5f6.0123456789abcdef');
    expect(run.outputs['api-domain']).toBe('https://www.site24x7.eu/api');
    const req = s.requests[0]!;
    expect(req.headers.authorization).toBeUndefined();
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(req.form)).toEqual({
      grant_type: 'refresh_token',
      refresh_token: '1000.refresh.token-abcdef',
      client_id: '1000.CLIENTID',
      client_secret: 'zoho-client-secret-abcdef',
    });
    expect(req.path).toBe('/oauth/v2/token');
    expectNoLeaks(run, {
      clientSecret: 'zoho-client-secret-abcdef',
      refresh: '1000.refresh.token-abcdef',
      access: run.outputs['access-token'],
    });
  });

  test("Zoho's legacy milliseconds are read as seconds", async () => {
    const s = await stub(sequence(zoho.legacy()));
    const run = await runGithubInProcess(MAIN, zohoInputs(s, { provider: 'zoho' }));
    expect(run.outputs['expires-in']).toBe('3600');
    expect(run.outputs['api-domain']).toBe('https://www.zohoapis.com');
  });

  test('Zoho invalid_code with HTTP 200 fails at once with the region hint', async () => {
    const s = await stub(sequence(zoho.error('invalid_code')));
    const run = await runGithubInProcess(MAIN, zohoInputs(s));
    expect(run.code).toBe(1);
    expect(s.requests).toHaveLength(1);
    expect(run.commands.filter((c) => c.command === 'error').map((c) => c.value)).toEqual([
      'The token endpoint refused the request with invalid_code. Wrong client id or refresh token, or the account is in another region: the refresh token is wrong, revoked, or was issued in another Zoho region. Check refresh-token and set region (us, eu, in, au, cn, jp, ca, uk, sa, ae).',
    ]);
    expect(run.outputs).toEqual({});
  });

  test('Zoho throttle (localised) waits within the budget, says why, then succeeds', async () => {
    const s = await stub(sequence(zoho.throttle(true), zoho.ok()));
    const run = await runGithubInProcess(MAIN, zohoInputs(s, { 'max-retry-seconds': '1.5' }));
    expect(run.code).toBe(0);
    expect(s.requests).toHaveLength(2);
    const warning = run.commands.find((c) => c.command === 'warning')!.value;
    expect(warning).toContain('Zoho allows about 10 tokens per refresh token per 10 minutes');
    expect(warning).toContain('(all that is left of max-retry-seconds)');
  });

  test('429 with Retry-After, then 503, then success', async () => {
    const s = await stub(
      sequence(
        { status: 429, headers: { 'retry-after': '1' } },
        { status: 503, text: 'busy' },
        zoho.ok(),
      ),
    );
    const run = await runGithubInProcess(MAIN, zohoInputs(s, { 'max-retry-seconds': '10' }));
    expect(run.code).toBe(0);
    expect(s.requests).toHaveLength(3);
    expect(run.stdout).toContain('The token request failed (attempt 1): HTTP 429. Retrying in 1');
    expect(run.stdout).toContain('as the server asked (Retry-After)');
  });

  test('a proxy HTML page: clear error with status and content type, no body, no retry', async () => {
    const s = await stub(
      sequence({
        status: 200,
        headers: { 'content-type': 'text/html' },
        text: '<html>Sign in to the proxy zoho-client-secret-abcdef</html>',
      }),
    );
    const run = await runGithubInProcess(MAIN, zohoInputs(s));
    expect(run.code).toBe(1);
    expect(s.requests).toHaveLength(1);
    expect(run.stdout).toContain(
      '::error::The token endpoint answered HTTP 200 with text/html, 59 bytes, not a JSON object.',
    );
    expect(run.stdout).not.toContain('Sign in');
  });

  test('Workato: Basic auth with form body and matching content type', async () => {
    const s = await stub((req) =>
      req.headers['content-type'] === 'application/x-www-form-urlencoded' &&
      req.headers.authorization?.startsWith('Basic ')
        ? { json: { access_token: 'wk-token-0123456789', token_type: 'bearer', expires_in: 3599 } }
        : { status: 400, json: { error: 'invalid_request' } },
    );
    const run = await runGithubInProcess(MAIN, {
      provider: 'workato',
      'token-url': s.url('/oauth2/token'),
      'client-id': 'wk',
      'client-secret': 'wk-secret-0123456789',
    });
    expect(run.code).toBe(0);
    expect(run.outputs['token-type']).toBe('bearer');
    expect(run.outputs.authorization).toBe('Bearer wk-token-0123456789');
    expect(s.requests[0]!.form.get('grant_type')).toBe('client_credentials');
  });

  test('connection reset before the body is retried; a hang times out per attempt', async () => {
    const s = await stub(sequence({ reset: 'before-body' }, { hang: true }, zoho.ok()));
    const run = await runGithubInProcess(
      MAIN,
      zohoInputs(s, { 'timeout-seconds': '0.5', 'max-retry-seconds': '10' }),
    );
    expect(run.code).toBe(0);
    expect(s.requests).toHaveLength(3);
    expect(run.stdout).toMatch(/attempt 2\): timeout/);
  });

  test('a timeout after sending is not re-sent to a rotating (generic) server', async () => {
    const s = await stub(sequence({ hang: true }, zoho.ok()));
    const run = await runGithubInProcess(MAIN, {
      'token-url': s.url('/token'),
      'client-id': 'c',
      'client-secret': 'generic-secret-0123456789',
      'refresh-token': 'generic-refresh-0123456789',
      'timeout-seconds': '0.5',
    });
    expect(run.code).toBe(1);
    expect(s.requests).toHaveLength(1);
    expect(run.stdout).toContain('it was not re-sent');
  });
});

describe('cancellation', () => {
  test('SIGTERM during a retry wait stops at once with a clear failure', async () => {
    const s = await stub(sequence({ status: 503, headers: { 'retry-after': '30' } }));
    const started = Date.now();
    const run = await runGithub(
      MAIN,
      {
        'token-url': s.url('/t'),
        'client-id': 'c',
        'client-secret': 'cancel-secret-0123456789',
        'max-retry-seconds': '60',
      },
      {
        onSpawn: (child) => {
          // Signal once the first attempt has been answered and the wait has begun.
          child.stdout?.on('data', (d: Buffer) => {
            if (d.toString().includes('Retrying in')) child.kill('SIGTERM');
          });
        },
      },
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(run.code).toBe(1);
    expect(s.requests).toHaveLength(1);
    expect(run.commands.map((c) => `${c.command}: ${c.value}`)).toEqual(
      expect.arrayContaining([
        'warning: Received SIGTERM: stopping.',
        'error: Cancelled while waiting.',
      ]),
    );
  });
});

describe('bad input fails before any request', () => {
  test.each<[string, Record<string, string>, string]>([
    [
      'export-env',
      { 'export-env': 'GITHUB_PATH' },
      "Input 'export-env' names 'GITHUB_PATH', a variable the runner or the system relies on: choose another name, e.g. API_TOKEN",
    ],
    [
      'export-env name',
      { 'export-env': '1TOKEN' },
      "Input 'export-env' has the value '1TOKEN', which is not a valid environment variable name: use letters, digits and underscores, not starting with a digit, e.g. API_TOKEN",
    ],
    [
      'revoke without endpoint',
      { revoke: 'true' },
      "Input 'revoke' is true, but Generic OAuth 2.0 server has no revocation endpoint: set revoke-url to the server's RFC 7009 endpoint, or set revoke to false",
    ],
    [
      'revoke not boolean',
      { revoke: 'maybe' },
      "Input 'revoke' has the value 'maybe', which is not a boolean: use true or false",
    ],
  ])('%s', async (_n, over, message) => {
    const s = await stub(sequence(zoho.ok()));
    const run = await runGithub(MAIN, {
      'token-url': s.url('/t'),
      'client-id': 'c',
      'client-secret': 'sec',
      ...over,
    });
    expect(run.code).toBe(1);
    expect(run.commands.filter((c) => c.command === 'error').map((c) => c.value)).toEqual([
      message,
    ]);
    expect(s.requests).toHaveLength(0);
    expect(run.outputs).toEqual({});
  });
});
