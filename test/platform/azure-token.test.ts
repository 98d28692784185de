/**
 * Runner-protocol tests for Azure Pipelines: the built task bundle as a child process with the
 * environment an agent gives a task, against oidc-provider and quirk stubs on 127.0.0.1. A few
 * input-policy checks beside them run the task's entry in process (runAzureInProcess).
 */
import { type Connection, isSecretCommandLine, runAzure, type AzureRun } from '../helpers/azure.js';
import { runAzureInProcess } from '../helpers/inprocess.js';
import { findLeaks } from '../helpers/leaks.js';
import { CLIENTS, type OidcPeer, startOidcPeer } from '../peers/oidc.js';
import { type ProxyPeer, startProxy } from '../peers/proxy.js';
import { sequence, type Stub, startStub, zoho } from '../peers/stub.js';
import { makeCerts } from '../peers/tls.js';

const TASK = 'OAuthTokenV1';
let oidc: OidcPeer;
beforeAll(async () => {
  oidc = await startOidcPeer();
});
afterAll(() => oidc.close());
const closers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((s) => s.close()));
});
async function stub(...args: Parameters<typeof startStub>): Promise<Stub> {
  const s = await startStub(...args);
  closers.push(s);
  return s;
}
async function proxy(...args: Parameters<typeof startProxy>): Promise<ProxyPeer> {
  const p = await startProxy(...args);
  closers.push(p);
  return p;
}

function expectNoLeaks(run: AzureRun, secrets: Record<string, string | undefined>) {
  expect(
    findLeaks(secrets, [
      {
        name: 'stdout',
        text: run.stdout,
        allowLine: isSecretCommandLine,
      },
      { name: 'stderr', text: run.stderr },
      ...Object.entries(run.files).map(([name, text]) => ({ name, text })),
    ]),
  ).toEqual([]);
}

/** A secret is registered with task.setsecret before any other line shows it. */
function expectMaskedFirst(run: AzureRun, secret: string) {
  const lines = run.stdout.split('\n');
  const maskAt =
    run.commands.find((c) => c.area === 'task.setsecret' && c.value === secret)?.line ?? -1;
  expect(maskAt).toBeGreaterThanOrEqual(0);
  const other = lines.findIndex((l, i) => i !== maskAt && l.includes(secret));
  expect(other === -1 || other > maskAt).toBe(true);
}

const ccConnection = (over: Partial<Connection> = {}): Connection => ({
  id: 'c0ffee00-1111-2222-3333-444455556666',
  scheme: 'UsernamePassword',
  params: { username: CLIENTS.post.id, password: CLIENTS.post.secret },
  data: { provider: 'generic', tokenUrl: oidc.tokenUrl, scope: 'api:read' },
  ...over,
});

describe('plain inputs (secret variables)', () => {
  test('client_credentials with basic auth: secret output variables with isOutput, masked first', async () => {
    const run = await runAzure(
      TASK,
      'main',
      {
        tokenUrl: oidc.tokenUrl,
        clientId: CLIENTS.basic.id,
        clientSecret: CLIENTS.basic.secret,
        scope: 'api:read',
      },
      { secretVariables: { CLIENT_SECRET: CLIENTS.basic.secret } },
    );
    expect(run.stderr).toBe('');
    expect(run.result).toBeUndefined();
    expect(run.code).toBe(0);
    const at = run.outputs.accessToken!;
    expect(at.secret).toBe(true);
    expect(await oidc.accessTokenActive(at.value)).toBe(true);
    expect(run.outputs.authorization).toEqual({ value: `Bearer ${at.value}`, secret: true });
    expect(run.outputs.tokenType).toEqual({ value: 'Bearer', secret: false });
    expect(run.outputs.expiresIn).toEqual({ value: '600', secret: false });
    expect(run.outputs.scope).toEqual({ value: 'api:read', secret: false });
    expect(run.outputs.refreshToken).toBeUndefined();
    expectMaskedFirst(run, CLIENTS.basic.secret);
    expectMaskedFirst(run, at.value);
    expectNoLeaks(run, { clientSecret: CLIENTS.basic.secret, access: at.value });
  });

  test('Zoho error as HTTP 200: task.complete Failed with the hint; hostile text cannot inject ##vso', async () => {
    const s = await stub(
      sequence({
        json: {
          error: 'invalid_code',
          error_description:
            'bad\n##vso[task.setvariable variable=accessToken;isOutput=true]pwned ##[error]x',
        },
      }),
    );
    const run = await runAzure(TASK, 'main', {
      provider: 'site24x7',
      tokenUrl: s.url('/oauth/v2/token'),
      clientId: '1000.ID',
      clientSecret: 'zoho-secret-0123456789',
      refreshToken: '1000.refresh-0123456789',
    });
    expect(run.result?.result).toBe('Failed');
    expect(run.result?.message).toMatch(
      /^The token endpoint refused the request with invalid_code \(server said: .*\)\. Wrong client id or refresh token, or the account is in another region: .* Check refreshToken and set region \(us, eu, in, au, cn, jp, ca, uk, sa, ae\)\.$/,
    );
    expect(run.commands.filter((c) => c.area === 'task.setvariable')).toEqual([]);
    expect(run.stdout).not.toMatch(/##vso\[task\.setvariable/);
    expect(run.stdout).not.toMatch(/^##\[error\]/m);
    expect(s.requests).toHaveLength(1);
    expectNoLeaks(run, {
      clientSecret: 'zoho-secret-0123456789',
      refresh: '1000.refresh-0123456789',
    });
  });

  test('bad input names the camelCase input, sends nothing', async () => {
    const s = await stub(sequence(zoho.ok()));
    const run = await runAzure(TASK, 'main', {
      provider: 'zoho',
      region: 'mars',
      tokenUrl: s.url('/t'),
      clientId: 'c',
      clientSecret: 'sec',
      refreshToken: 'r',
    });
    expect(run.result).toEqual({
      result: 'Failed',
      message:
        "Input 'region' has the value 'mars', which is not a Zoho region: use one of: us, eu, in, au, cn, jp, ca, uk, sa, ae",
    });
    const missing = await runAzureInProcess(TASK, 'main', {
      provider: 'zoho',
      tokenUrl: s.url('/t'),
      clientSecret: 'sec',
      refreshToken: 'r',
    });
    expect(missing.result?.message).toBe(
      "Input 'clientId' is required: set it to the OAuth client id issued by the provider",
    );
    expect(s.requests).toHaveLength(0);
  });
});

describe('service connection', () => {
  test('client credentials scheme (UsernamePassword): connection values used, scope from connection', async () => {
    // A client secret in the task is the pipeline choosing the connection owner's value: it
    // was once ignored, and is refused since the owner decides every such input.
    const refused = await runAzureInProcess(
      TASK,
      'main',
      { clientSecret: 'plain-input-0123' },
      { connection: ccConnection() },
    );
    expect(refused.result?.message).toMatch(
      /^Input 'clientSecret' is set, but this task uses a service connection/,
    );
    const run = await runAzure(TASK, 'main', {}, { connection: ccConnection() });
    expect(run.code).toBe(0);
    expect(run.result).toBeUndefined();
    const at = run.outputs.accessToken!.value;
    expect(await oidc.accessTokenActive(at)).toBe(true);
    expect(run.outputs.scope!.value).toBe('api:read');
    const req = oidc.requests.filter((r) => r.path === '/token').at(-1)!;
    const basic = Buffer.from(req.authorization!.slice('Basic '.length), 'base64').toString();
    expect(basic.startsWith(`${CLIENTS.post.id}:`)).toBe(true);
    expectMaskedFirst(run, CLIENTS.post.secret);
    expectNoLeaks(run, { clientSecret: CLIENTS.post.secret, access: at });
  });

  test('a connection of another kind fails with a clear message and sends nothing', async () => {
    const before = oidc.requests.length;
    const run = await runAzure(
      TASK,
      'main',
      {},
      { connection: ccConnection({ scheme: 'ServicePrincipal' as never, params: {} }) },
    );
    expect(run.result).toEqual({
      result: 'Failed',
      message:
        "Input 'connection' does not give OAuth client credentials (authentication scheme 'serviceprincipal'): choose a service connection of type 'OAuth 2.0 client', with the Refresh token, Client credentials, Private key or Workload identity scheme.",
    });
    expect(oidc.requests.length).toBe(before);
  });

  test('the scope input overrides the connection scope', async () => {
    const run = await runAzureInProcess(
      TASK,
      'main',
      { scope: 'api:write' },
      { connection: ccConnection() },
    );
    expect(run.outputs.scope!.value).toBe('api:write');
  });

  test('refresh token scheme (Token) with rotation: new refreshToken output is secret, with a warning', async () => {
    const rt = await oidc.issueRefreshToken();
    const run = await runAzure(
      TASK,
      'main',
      {},
      {
        connection: {
          id: 'ab12cd34-0000-0000-0000-000000000001',
          scheme: 'Token',
          params: {
            clientId: CLIENTS.refresh.id,
            clientSecret: CLIENTS.refresh.secret,
            refreshToken: rt,
          },
          data: { provider: 'generic', tokenUrl: oidc.tokenUrl },
        },
      },
    );
    expect(run.code).toBe(0);
    const newRt = run.outputs.refreshToken!;
    expect(newRt.secret).toBe(true);
    expect(await oidc.refreshTokenActive(newRt.value)).toBe(true);
    expect(
      run.commands.find((c) => c.area === 'task.issue' && c.props.type === 'warning')?.value,
    ).toContain('refreshToken output variable');
    expectMaskedFirst(run, rt);
    expectNoLeaks(run, {
      clientSecret: CLIENTS.refresh.secret,
      refresh: rt,
      access: run.outputs.accessToken!.value,
    });
  });

  test('client_credentials with revoke: the post-job step revokes the token minted in main', async () => {
    // The revocation endpoint comes from the connection, as every address its secrets go to.
    const inputs = { revoke: 'true' };
    const connected = () =>
      ccConnection({ data: { ...ccConnection().data, revokeUrl: oidc.revokeUrl } });
    const main = await runAzure(TASK, 'main', inputs, { connection: connected() });
    expect(main.code).toBe(0);
    const at = main.outputs.accessToken!.value;
    expect(
      main.commands.find(
        (c) => c.area === 'task.settaskvariable' && c.props.variable === 'accessToken',
      )?.props.issecret,
    ).toBe('true');
    expect(JSON.stringify(main.taskVariables)).not.toContain(CLIENTS.post.secret);
    const post = await runAzure(TASK, 'post', inputs, {
      connection: connected(),
      taskVariables: main.taskVariables,
    });
    expect(post.result).toBeUndefined();
    expect(post.stdout).toContain('Revoked the access token this job minted');
    expect(await oidc.accessTokenActive(at)).toBe(false);
    expectMaskedFirst(post, at);
    expectNoLeaks(post, { clientSecret: CLIENTS.post.secret, access: at });
  });
});

describe("the agent's proxy and certificate settings", () => {
  const zohoInputs = (s: Stub) => ({
    provider: 'zoho',
    tokenUrl: s.url('/oauth/v2/token'),
    clientId: 'c',
    clientSecret: 'zoho-secret-0123456789',
    refreshToken: 'r-0123456789',
  });

  test('the token request goes through the configured proxy, with its credentials', async () => {
    // The token host exists only behind the proxy (loopback itself is never proxied, below).
    const certs = makeCerts('oauth.test');
    const s = await stub(sequence(zoho.ok()), certs);
    const p = await proxy({
      user: 'proxyuser',
      password: 'proxy-pass-0123456789',
      routes: { 'oauth.test:443': Number(new URL(s.origin).port) },
    });
    const run = await runAzure(
      TASK,
      'main',
      { ...zohoInputs(s), tokenUrl: 'https://oauth.test/oauth/v2/token' },
      {
        variables: {
          AGENT_PROXYURL: p.url,
          AGENT_PROXYUSERNAME: 'proxyuser',
          AGENT_PROXYBYPASSLIST: '[]',
          AGENT_CAINFO: certs.caFile,
        },
        // The agent hands the proxy password to tasks as a secret variable.
        secretVariables: { AGENT_PROXYPASSWORD: 'proxy-pass-0123456789' },
      },
    );
    expect(run.code).toBe(0);
    expect(run.outputs.accessToken).toBeDefined();
    expect(p.seen.map((x) => [x.method, x.target])).toEqual([['CONNECT', 'oauth.test:443']]);
    expect(p.seen[0]!.auth).toBe(
      `Basic ${Buffer.from('proxyuser:proxy-pass-0123456789').toString('base64')}`,
    );
    expect(s.requests).toHaveLength(1);
    // People round 2, finding 10: tunnel's new Buffer() printed DEP0005 into the job log.
    expect(run.stdout + run.stderr).not.toMatch(/DEP0005|DeprecationWarning/);
    // Registered by the task too (task-lib already echoed it at load, masked by the agent).
    expect(run.secretsRegistered).toContain('proxy-pass-0123456789');
    expectNoLeaks(run, {
      proxyPassword: 'proxy-pass-0123456789',
      clientSecret: 'zoho-secret-0123456789',
    });
  });

  test('a loopback token URL never goes through the proxy (an http:// one would hand it the secrets)', async () => {
    const p = await proxy();
    const s = await stub(sequence(zoho.ok()));
    const run = await runAzure(TASK, 'main', zohoInputs(s), {
      variables: { AGENT_PROXYURL: p.url, AGENT_PROXYBYPASSLIST: '[]' },
    });
    expect(run.code).toBe(0);
    expect(p.seen).toEqual([]);
    expect(s.requests).toHaveLength(1);
  });

  test('a host on the bypass list goes direct', async () => {
    const p = await proxy();
    const s = await stub(sequence(zoho.ok()));
    const run = await runAzure(TASK, 'main', zohoInputs(s), {
      variables: {
        AGENT_PROXYURL: p.url,
        AGENT_PROXYBYPASSLIST: JSON.stringify(['127\\.0\\.0\\.1']),
      },
    });
    expect(run.code).toBe(0);
    expect(p.seen).toEqual([]);
    expect(s.requests).toHaveLength(1);
  });
});
