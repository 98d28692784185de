/**
 * No stored client secret (issue 17), on the built bundles:
 * - private_key_jwt against oidc-provider (certified) with RS256, PS256 and ES256 keys; a wrong
 *   key, a wrong audience and an expired assertion refused, with the assertion's claims shown;
 * - federated client authentication, jwt-bearer and token-exchange with the job's own OIDC token,
 *   from a loopback CI issuer (GitHub's runner endpoint, Azure DevOps' pipeline token), verified
 *   by a loopback authorization server against the issuer's JWKS;
 * - the key never appears in any log, output or error, in any encoding.
 */
import { execFile } from 'node:child_process';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { runAzure } from '../helpers/azure.js';
import { cli } from '../helpers/cli.js';
import { baseEnv, type GithubRun, ROOT, runGithub } from '../helpers/github.js';
import { runGithubInProcess } from '../helpers/inprocess.js';
import { findLeaks, isAddMask } from '../helpers/leaks.js';
import {
  type CiIssuer,
  type FederatedServer,
  startCiIssuer,
  startFederatedServer,
} from '../peers/federation.js';
import { type OidcProcess, startOidcProcess } from '../peers/oidc-process.js';

const MAIN = 'dist/main/index.js';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const rsaOther = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = (k: KeyObject) => k.export({ format: 'pem', type: 'pkcs8' }).toString();
const pubJwk = (k: KeyObject, alg: string, kid: string) => ({
  ...k.export({ format: 'jwk' }),
  alg,
  kid,
  use: 'sig',
});
const privJwk = (k: KeyObject, kid: string) =>
  JSON.stringify({ ...k.export({ format: 'jwk' }), kid });

/** Every form the key could leak in: the PEM, its base64 lines, the JWK's private members. */
function keyForms(key: KeyObject): Record<string, string> {
  const p = pem(key);
  const out: Record<string, string> = { pem: p };
  p.split('\n')
    .filter((l) => l && !l.startsWith('-----'))
    .forEach((l, i) => (out[`pemLine${i}`] = l));
  const jwk = key.export({ format: 'jwk' }) as Record<string, string>;
  for (const k of ['d', 'p', 'q', 'dp', 'dq', 'qi']) if (jwk[k]) out[`jwk.${k}`] = jwk[k];
  return out;
}

function expectNoKeyLeak(run: GithubRun, key: KeyObject, more: Record<string, string> = {}) {
  const leaks = findLeaks({ ...keyForms(key), ...more }, [
    { name: 'stdout', text: run.stdout, allowLine: isAddMask },
    { name: 'stderr', text: run.stderr },
    { name: 'GITHUB_OUTPUT', text: run.files.output ?? '' },
    { name: 'GITHUB_STATE', text: run.files.state ?? '' },
    { name: 'GITHUB_ENV', text: run.files.env ?? '' },
  ]);
  expect(leaks).toEqual([]);
}

describe('private_key_jwt against oidc-provider', () => {
  let oidc: OidcProcess;
  beforeAll(async () => {
    oidc = await startOidcProcess({
      keyClients: [
        { id: 'ci-rs256', jwk: pubJwk(rsa.publicKey, 'RS256', 'rsa-1'), alg: 'RS256' },
        { id: 'ci-ps256', jwk: pubJwk(rsa.publicKey, 'PS256', 'rsa-1'), alg: 'PS256' },
        { id: 'ci-es256', jwk: pubJwk(ec.publicKey, 'ES256', 'ec-1'), alg: 'ES256' },
      ],
    });
  });
  afterAll(() => oidc.close());
  const keyed = (inputs: Record<string, string>) => ({
    'token-url': oidc.tokenUrl,
    'client-auth': 'private-key-jwt',
    scope: 'api:read',
    ...inputs,
  });
  const run = (inputs: Record<string, string>) => runGithub(MAIN, keyed(inputs));
  const runIn = (inputs: Record<string, string>) => runGithubInProcess(MAIN, keyed(inputs));

  test.each([
    [
      'RS256, PEM PKCS#8',
      {
        'client-id': 'ci-rs256',
        'client-assertion-key': pem(rsa.privateKey),
        'client-assertion-kid': 'rsa-1',
      },
      rsa.privateKey,
    ],
    [
      'PS256, PEM PKCS#8',
      {
        'client-id': 'ci-ps256',
        'client-assertion-key': pem(rsa.privateKey),
        'client-assertion-alg': 'PS256',
        'client-assertion-kid': 'rsa-1',
      },
      rsa.privateKey,
    ],
    [
      'ES256, private JWK (its kid)',
      { 'client-id': 'ci-es256', 'client-assertion-key': privJwk(ec.privateKey, 'ec-1') },
      ec.privateKey,
    ],
  ])('client_credentials with %s', async (_what, inputs, key) => {
    const r = await run(inputs);
    expect(r.stderr).toBe('');
    expect({
      code: r.code,
      error: r.stdout.split('\n').filter((l) => l.startsWith('::error::')),
    }).toEqual({ code: 0, error: [] });
    expect(r.outputs['access-token']).toBeTruthy();
    await new Promise((r) => setTimeout(r, 50)); // the child reports its requests every 5 ms
    const sent = new URLSearchParams(oidc.requests.at(-1)!.body);
    expect(sent.get('client_assertion_type')).toBe(
      'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    );
    expect(sent.has('client_secret')).toBe(false);
    // The log names the method used, not the preset's secret-based default.
    expect(r.stdout).toContain('client authentication private-key-jwt)');
    // The assertion is registered as a secret before it is sent (it is a credential while it lives).
    expect(r.stdout).toContain(`::add-mask::${sent.get('client_assertion')}`);
    expectNoKeyLeak(r, key, { assertion: sent.get('client_assertion')! });
  });

  test('a wrong key is refused, and the error shows what was sent, never the key', async () => {
    const r = await run({
      'client-id': 'ci-rs256',
      'client-assertion-key': pem(rsaOther.privateKey),
      'client-assertion-kid': 'rsa-1',
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /::error::.*invalid_client.*Sent: the client assertion \(iss=ci-rs256, sub=ci-rs256, aud=http:\/\/127\.0\.0\.1:\d+\/token, exp=\d{4}-.*; alg RS256, kid rsa-1\)/,
    );
    expectNoKeyLeak(r, rsaOther.privateKey);
  });

  test('a wrong audience is refused, and the error shows the audience sent', async () => {
    const r = await run({
      'client-id': 'ci-rs256',
      'client-assertion-key': pem(rsa.privateKey),
      'client-assertion-kid': 'rsa-1',
      'client-assertion-audience': 'https://somewhere-else.example/token',
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/invalid_client.*aud=https:\/\/somewhere-else\.example\/token/);
    expectNoKeyLeak(r, rsa.privateKey);
  });

  test.each([
    [
      { 'client-assertion-key': '' },
      /Input 'client-assertion-key' is required when client-auth is private-key-jwt/,
    ],
    [
      { 'client-assertion-key': 'not a key at all' },
      /Input 'client-assertion-key' is not a private key this tool can read/,
    ],
    [
      { 'client-assertion-alg': 'ES256' },
      /Input 'client-assertion-alg' is ES256, which does not fit the rsa key given \(it signs RS256\)/,
    ],
    [
      { 'client-secret': 'a-secret-0123456789' },
      /Input 'client-secret' is set, but client-auth is private-key-jwt/,
    ],
    [
      { revoke: 'true', 'revoke-url': 'http://127.0.0.1:9/revoke' },
      /Input 'revoke' is true with client-auth private-key-jwt/,
    ],
  ])('bad input %j is refused before anything is sent', async (more, why) => {
    const before = oidc.requests.length;
    // Input policy: the step code in process (test/helpers/inprocess.ts).
    const r = await runIn({
      'client-id': 'ci-rs256',
      'client-assertion-key': pem(rsa.privateKey),
      ...more,
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(why);
    expect(oidc.requests.length).toBe(before);
    expectNoKeyLeak(r, rsa.privateKey);
  });
});

describe("the job's own OIDC token", () => {
  let ci: CiIssuer;
  let as: FederatedServer;
  beforeAll(async () => {
    ci = await startCiIssuer();
    as = await startFederatedServer({
      issuer: ci.origin,
      audience: 'api://AzureADTokenExchange',
      subject: 'repo:acme/shop:ref:refs/heads/main',
    });
  });
  afterAll(async () => {
    await as.close();
    await ci.close();
  });
  beforeEach(() => {
    ci.subject = 'repo:acme/shop:ref:refs/heads/main';
    ci.lifetime = 300;
    as.clockSkew = 0;
    as.trust.audience = 'api://AzureADTokenExchange';
  });
  const ghEnv = () => ({
    ACTIONS_ID_TOKEN_REQUEST_URL: ci.requestUrl,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: ci.requestToken,
  });
  const run = (inputs: Record<string, string>, env: Record<string, string> = ghEnv()) =>
    runGithub(
      MAIN,
      {
        'token-url': as.tokenUrl,
        'client-id': 'app-1',
        'oidc-audience': 'api://AzureADTokenExchange',
        ...inputs,
      },
      { env },
    );

  test.each([
    ['federated client authentication', { 'client-auth': 'federated' }, 'client_assertion'],
    ['the jwt-bearer grant', { 'grant-type': 'jwt-bearer' }, 'assertion'],
    ['the token-exchange grant', { 'grant-type': 'token-exchange' }, 'subject_token'],
  ])('%s: no stored secret, a token', async (_what, inputs, field) => {
    const r = await run(inputs);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.outputs['access-token']).toMatch(/^fed-/);
    const sent = as.requests.at(-1)!;
    const ciToken = sent.get(field)!;
    expect(ciToken.split('.')).toHaveLength(3);
    expect(r.stdout).toContain(`::add-mask::${ciToken}`);
    expect(ci.issued.at(-1)).toEqual({
      aud: 'api://AzureADTokenExchange',
      sub: 'repo:acme/shop:ref:refs/heads/main',
    });
    expectNoKeyLeak(r, rsa.privateKey, { ciToken, requestToken: ci.requestToken });
  });

  test.each([
    [
      'a wrong audience',
      () => (as.trust.audience = 'api://something-else'),
      /unexpected "aud" claim value.*Sent: the CI platform's OIDC token \(iss=http:\/\/127\.0\.0\.1:\d+, sub=repo:acme\/shop:ref:refs\/heads\/main, aud=api:\/\/AzureADTokenExchange/,
    ],
    [
      'a wrong subject',
      () => (ci.subject = 'repo:acme/other:ref:refs/heads/main'),
      /No matching federated identity record found for presented assertion subject 'repo:acme\/other.*sub=repo:acme\/other:ref:refs\/heads\/main/,
    ],
    [
      'an expired token',
      () => (ci.lifetime = -30),
      /"exp" claim timestamp check failed.*exp=\d{4}-/,
    ],
  ])("%s is refused, with the CI token's claims beside the answer", async (_what, setUp, why) => {
    setUp();
    const r = await run({ 'client-auth': 'federated' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(why);
    expect(r.stdout).toContain('Compare them with what the server is configured to accept');
  });

  test('job-token: each new token of the job asks the CI platform for a new OIDC token', async () => {
    const main = await run({ 'client-auth': 'federated', 'job-token': 'true' });
    expect(main.code).toBe(0);
    const issued = ci.issued.length;
    const firstCi = as.requests.at(-1)!.get('client_assertion')!;
    // A later step that lacks the OIDC request variables (they were kept in the source), and a
    // token that must outlast the kept one: the command mints, with a CI token of its own.
    const read = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(
        process.execPath,
        [join(ROOT, 'dist/job-token/index.js'), '--min-seconds', '4000'],
        { env: { ...baseEnv(), OAUTH_TOKEN_JOB: main.env.OAUTH_TOKEN_JOB! } },
        (e, stdout, stderr) => resolve({ code: e ? 1 : 0, stdout, stderr }),
      ),
    );
    expect(read.stderr).not.toMatch(/::error::/);
    expect(read.code).toBe(0);
    expect(read.stdout.trim()).toMatch(/^fed-/);
    expect(read.stdout.trim()).not.toBe(main.outputs['access-token']);
    expect(ci.issued.length).toBe(issued + 1);
    const secondCi = as.requests.at(-1)!.get('client_assertion')!;
    expect(secondCi).not.toBe(firstCi);
    expect(read.stderr).toContain(`::add-mask::${secondCi}`);
    expect(
      findLeaks({ secondCi, requestToken: ci.requestToken }, [
        { name: 'stderr', text: read.stderr, allowLine: isAddMask },
        { name: 'stdout', text: read.stdout },
      ]),
    ).toEqual([]);
    await runGithub('dist/post/index.js', {}, { state: main.state });
  });

  test('without `permissions: id-token: write` the step says so, and asks the server nothing', async () => {
    const before = as.requests.length;
    const r = await run({ 'client-auth': 'federated' }, {});
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'This job may not request an OIDC token: the runner sets ACTIONS_ID_TOKEN_REQUEST_URL only with `permissions: id-token: write`.',
    );
    expect(as.requests.length).toBe(before);
  });

  test('each platform says in its own words why it has no OIDC token, and asks the server nothing', async () => {
    const before = as.requests.length;
    // An agent without System.OidcRequestUri (Azure DevOps Server, or no job access token).
    const azure = await runAzure('OAuthTokenV1', 'main', {
      tokenUrl: as.tokenUrl,
      clientId: 'app-1',
      clientAuth: 'federated',
      oidcAudience: 'api://AzureADTokenExchange',
    });
    expect(azure.result?.result).toBe('Failed');
    expect(azure.result?.message).toMatch(
      /^This agent offers no OIDC token \(System\.OidcRequestUri is not set/,
    );
    // A workstation has no CI platform to ask.
    const cliRun = await cli(
      [
        'token',
        '--token-url',
        as.tokenUrl,
        '--client-id',
        'app-1',
        '--client-auth',
        'federated',
        '--oidc-audience',
        'api://x',
        '--no-cache',
      ],
      { OAUTH_CLIENT_SECRET: '' },
    );
    expect(cliRun.code).not.toBe(0);
    expect(cliRun.stderr).toContain(
      "Federated authentication uses the CI platform's own OIDC token: it works in GitHub Actions and Azure Pipelines, not on a workstation.",
    );
    expect(as.requests.length).toBe(before);
  });

  test('an expired private_key_jwt assertion is refused (the server clock ahead)', async () => {
    as.keys.set('keyed-app', rsa.publicKey as unknown as Uint8Array);
    as.clockSkew = 600;
    const r = await run({
      'client-id': 'keyed-app',
      'client-auth': 'private-key-jwt',
      'client-assertion-key': pem(rsa.privateKey),
      'oidc-audience': '',
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /client assertion rejected: "exp" claim timestamp check failed.*Sent: the client assertion \(iss=keyed-app, sub=keyed-app/,
    );
    expectNoKeyLeak(r, rsa.privateKey);
  });

  test('Azure Pipelines: the pipeline token (System.OidcRequestUri) as a federated assertion', async () => {
    ci.subject = 'p://acme/shop/release';
    as.trust.subject = 'p://acme/shop/release';
    try {
      const r = await runAzure(
        'OAuthTokenV1',
        'main',
        {
          tokenUrl: as.tokenUrl,
          clientId: 'app-1',
          clientAuth: 'federated',
          oidcAudience: '',
          provider: 'generic',
        },
        {
          variables: {
            SYSTEM_OIDCREQUESTURI: ci.azureUrl,
            ENDPOINT_AUTH_PARAMETER_SYSTEMVSSCONNECTION_ACCESSTOKEN: ci.azureAccessToken,
          },
        },
      );
      // Generic needs an audience; Azure DevOps has one only: say so.
      expect(r.result?.message).toMatch(/Input 'oidcAudience' is required/);
      const ok = await runAzure(
        'OAuthTokenV1',
        'main',
        {
          tokenUrl: as.tokenUrl,
          clientId: 'app-1',
          clientAuth: 'federated',
          oidcAudience: 'api://AzureADTokenExchange',
        },
        {
          variables: {
            SYSTEM_OIDCREQUESTURI: ci.azureUrl,
            ENDPOINT_AUTH_PARAMETER_SYSTEMVSSCONNECTION_ACCESSTOKEN: ci.azureAccessToken,
          },
        },
      );
      expect(ok.result?.result).not.toBe('Failed');
      expect(ok.outputs.accessToken?.value).toMatch(/^fed-/);
      expect(ok.secretsRegistered).toContain(ci.azureAccessToken);
      const other = await runAzure(
        'OAuthTokenV1',
        'main',
        {
          tokenUrl: as.tokenUrl,
          clientId: 'app-1',
          clientAuth: 'federated',
          oidcAudience: 'https://my-server',
        },
        {
          variables: {
            SYSTEM_OIDCREQUESTURI: ci.azureUrl,
            ENDPOINT_AUTH_PARAMETER_SYSTEMVSSCONNECTION_ACCESSTOKEN: ci.azureAccessToken,
          },
        },
      );
      expect(other.result?.message).toMatch(
        /Azure DevOps issues OIDC tokens only for the audience api:\/\/AzureADTokenExchange, not https:\/\/my-server/,
      );
    } finally {
      as.trust.subject = 'repo:acme/shop:ref:refs/heads/main';
    }
  });

  test('Azure DevOps: a service connection with the Private key scheme signs the assertion', async () => {
    as.keys.set('conn-app', rsa.publicKey as unknown as Uint8Array);
    const r = await runAzure(
      'OAuthTokenV1',
      'main',
      {},
      {
        connection: {
          id: 'conn-key',
          scheme: 'Certificate',
          params: { clientid: 'conn-app', privatekey: pem(rsa.privateKey) },
          data: { provider: 'generic', tokenUrl: as.tokenUrl },
        },
      },
    );
    expect(r.result?.result).not.toBe('Failed');
    expect(r.outputs.accessToken?.value).toMatch(/^fed-/);
    const sent = as.requests.at(-1)!;
    expect(sent.get('client_assertion_type')).toBe(
      'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    );
    const leaks = findLeaks(keyForms(rsa.privateKey), [
      { name: 'stdout', text: r.stdout, allowLine: (l) => l.startsWith('##vso[task.setsecret]') },
      { name: 'stderr', text: r.stderr },
    ]);
    expect(leaks).toEqual([]);
  });

  test('the command line signs with OAUTH_CLIENT_ASSERTION_KEY (token and doctor)', async () => {
    as.keys.set('cli-app', ec.publicKey as unknown as Uint8Array);
    const { cli } = await import('../helpers/cli.js');
    const env = { OAUTH_CLIENT_ASSERTION_KEY: pem(ec.privateKey) };
    const args = [
      '--token-url',
      as.tokenUrl,
      '--client-id',
      'cli-app',
      '--client-auth',
      'private-key-jwt',
    ];
    const r = await cli(['token', ...args], env);
    expect(r.stderr).toContain('Got a Bearer token');
    expect(r.code).toBe(0);
    const d = await cli(['doctor', ...args], env);
    expect(d.code).toBe(0);
    for (const out of [r, d])
      for (const f of Object.values(keyForms(ec.privateKey)))
        expect(out.stdout + out.stderr).not.toContain(f);
    const asArg = await cli(['token', ...args, '--client-assertion-key', 'x']);
    expect(asArg.code).toBe(2);
    expect(asArg.stderr).toContain('Do not pass --client-assertion-key as an argument');
  });
});
