/**
 * GitHub runner network settings: https_proxy / no_proxy through @actions/http-client's proxy
 * agent, and TLS trust. The token host `oauth.test` exists only behind the test proxy, which
 * routes it to a TLS stub on 127.0.0.1 whose certificate comes from a throwaway CA.
 */
import { runGithub } from '../helpers/github.js';
import { type ProxyPeer, startProxy } from '../peers/proxy.js';
import { sequence, type Stub, startStub, zoho } from '../peers/stub.js';
import { makeCerts, type TestCerts } from '../peers/tls.js';

let certs: TestCerts;
let tlsStub: Stub;
let proxy: ProxyPeer;
beforeAll(async () => {
  certs = makeCerts('oauth.test');
  tlsStub = await startStub(sequence(zoho.ok()), certs);
  proxy = await startProxy({ routes: { 'oauth.test:443': Number(new URL(tlsStub.origin).port) } });
});
afterAll(async () => {
  await tlsStub.close();
  await proxy.close();
});
beforeEach(() => {
  proxy.seen.length = 0;
  tlsStub.requests.length = 0;
});

const inputs = {
  provider: 'zoho',
  'token-url': 'https://oauth.test/oauth/v2/token',
  'client-id': '1000.ID',
  'client-secret': 'zoho-secret-0123456789',
  'refresh-token': '1000.refresh-0123456789',
  'max-retry-seconds': '0',
};

test('https_proxy: the token request is tunnelled through the proxy (CONNECT), TLS verified', async () => {
  const run = await runGithub('dist/main/index.js', inputs, {
    env: { https_proxy: proxy.url, NODE_EXTRA_CA_CERTS: certs.caFile },
  });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.outputs['access-token']).toBe('1000.a1b2c3d4e5f6.0123456789abcdef');
  expect(proxy.seen.map((s) => `${s.method} ${s.target}`)).toEqual(['CONNECT oauth.test:443']);
  expect(tlsStub.requests).toHaveLength(1);
});

test('no_proxy: a listed host is reached directly (and here, not found), the proxy sees nothing', async () => {
  const run = await runGithub('dist/main/index.js', inputs, {
    env: {
      https_proxy: proxy.url,
      no_proxy: 'example.com,.test',
      NODE_EXTRA_CA_CERTS: certs.caFile,
    },
  });
  expect(run.code).toBe(1);
  expect(proxy.seen).toEqual([]);
  expect(run.commands.find((c) => c.command === 'error')?.value).toMatch(
    /^The host name oauth\.test was not found \(DNS\)\./,
  );
});

test('an untrusted certificate fails at once with advice, no retry storm', async () => {
  const run = await runGithub(
    'dist/main/index.js',
    { ...inputs, 'max-retry-seconds': '30' },
    { env: { https_proxy: proxy.url } },
  );
  expect(run.code).toBe(1);
  expect(proxy.seen).toHaveLength(1);
  expect(tlsStub.requests).toHaveLength(0);
  expect(run.commands.find((c) => c.command === 'error')?.value).toMatch(
    /^The TLS certificate of oauth\.test is not trusted \((SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)\)\. If your network inspects TLS, give Node the company CA with NODE_EXTRA_CA_CERTS/,
  );
});

test("a refused tunnel is the proxy's answer, never the target's; DEBUG=* prints nothing", async () => {
  // The proxy refuses hosts it has no route for with a body shaped like a token answer.
  const run = await runGithub(
    'dist/main/index.js',
    { ...inputs, 'token-url': 'https://unrouted.test/oauth/v2/token' },
    { env: { https_proxy: proxy.url, NODE_EXTRA_CA_CERTS: certs.caFile, DEBUG: '*' } },
  );
  expect(run.code).toBe(1);
  expect(proxy.seen.map((s) => `${s.method} ${s.target}`)).toEqual(['CONNECT unrouted.test:443']);
  expect(run.outputs['access-token']).toBeUndefined();
  expect(run.commands.find((c) => c.command === 'error')?.value).toMatch(
    /^The proxy at 127\.0\.0\.1:\d+ refused to open a tunnel to unrouted\.test \(HTTP 403\)/,
  );
  // The proxy library's debug lines (and the proxy's text in them) never reach the log.
  expect(run.stderr).toBe('');
  expect(run.stdout).not.toMatch(/https-proxy-agent|forged-by-the-proxy|pwned/);
});
