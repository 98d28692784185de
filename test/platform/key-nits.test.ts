/**
 * Security round 3, finding 8 (nits), on the built bundles: keys the step cannot sign with are
 * input errors that name the input, not "Unexpected error"; the PEM armor is no secret (masking
 * it hid every mention of the format job-wide); the CLI refuses an envelope that names no run.
 */
import { generateKeyPairSync } from 'node:crypto';
import { sealEnvelope } from '../../src/core/envelope/sealing.js';
import { runAzure } from '../helpers/azure.js';
import { cli } from '../helpers/cli.js';
import { runGithub } from '../helpers/github.js';
import { sequence, type Stub, startStub } from '../peers/stub.js';
import { attack } from '../helpers/record.js';

let server: Stub;
beforeAll(async () => {
  server = await startStub(
    sequence({ json: { access_token: 'access-0123456789', token_type: 'Bearer' } }),
  );
});
afterAll(() => server.close());

const pem = (bits: number) =>
  generateKeyPairSync('rsa', { modulusLength: bits })
    .privateKey.export({ format: 'pem', type: 'pkcs8' })
    .toString();
const a = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
const b = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
const mixed = JSON.stringify({ ...a, n: b.n });

/** The GitHub token bundle, signing a client assertion with `key`. */
const signWith = (key: string) =>
  runGithub(
    'dist/main/index.js',
    {
      'token-url': server.url('/token'),
      'client-id': 'client',
      'client-auth': 'private-key-jwt',
      'client-assertion-key': key,
      'grant-type': 'client_credentials',
    },
    { action: 'action.yml' },
  );

test.each([
  [
    'a 1024-bit RSA key',
    pem(1024),
    /is a 1024-bit RSA key; RS and PS signatures need 2048 bits or more/,
  ],
  ['an inconsistent JWK', mixed, /is not a consistent key pair/],
])(
  'GitHub and Azure: %s is an input error naming the key input; nothing is sent',
  async (what, key, why) => {
    const before = server.requests.length;
    const gh = await signWith(key);
    const error = gh.commands.find((c) => c.command === 'error')?.value ?? '';
    expect(gh.code).toBe(1);
    expect(error).toMatch(/^Input 'client-assertion-key' /);
    expect(error).toMatch(why);
    expect(error).not.toContain('Unexpected error');
    const az = await runAzure('OAuthTokenV1', 'main', {
      tokenUrl: server.url('/token'),
      clientId: 'client',
      clientAuth: 'private-key-jwt',
      clientAssertionKey: key,
      grantType: 'client_credentials',
    });
    expect(az.result?.message).toMatch(/^Input 'clientAssertionKey' /);
    expect(az.result?.message).toMatch(why);
    expect(server.requests.length).toBe(before);
    attack('keyless', `${what} as the client assertion key`, 'github');
    attack('keyless', `${what} as the client assertion key`, 'azure');
  },
);

test('the PEM armor lines are not registered as secrets; every base64 line of the key is', async () => {
  const key = pem(2048);
  const gh = await signWith(key);
  expect(gh.code).toBe(0);
  const masked = gh.commands.filter((c) => c.command === 'add-mask').map((c) => c.value);
  // The armor appears only inside forms of the whole key (the runner masks line by line, so
  // those never match a line holding the armor alone), never as a value of its own.
  const body = key.trim().split('\n')[1]!;
  for (const m of masked.filter((v) => v.includes('BEGIN') || v.includes('END')))
    expect(m).toContain(body.slice(0, 40));
  attack('keyless', 'the PEM armor masked job-wide', 'github');
  for (const line of key.trim().split('\n').slice(1, -1))
    if (line.length >= 16) expect(masked).toContain(line);
});

test("envelope open: an envelope that names no run is refused, never 'run undefined'", async () => {
  const KEY = 'mQ9v+2rT8wLx4ZpK7sJd1Nf6Hc3Gb5Ye0Ua8Ri2Oe4I=';
  const { envelope } = sealEnvelope(
    {
      accessToken: 'access-0123456789',
      authorization: 'Bearer access-0123456789',
      tokenType: 'Bearer',
      scope: '',
      apiDomain: '',
    },
    KEY,
    { scope: 'github.com/acme/shop', run: '42' },
    Date.now(),
  );
  // The binding travels in clear: the same bytes with ' run ' changed, as a crafted one would be.
  const raw = Buffer.from(envelope, 'base64url');
  const at = raw.indexOf(' run ');
  raw.write('-run-', at, 'latin1');
  const r = await cli(['envelope', 'open', '--envelope', raw.toString('base64url')], {
    OAUTH_SHARE_KEY: KEY,
  });
  expect(r.code).toBe(1);
  expect(r.stderr).toContain("which names no run ('<scope> run <id>')");
  expect(`${r.stdout}${r.stderr}`).not.toContain('undefined');
  attack('envelopes', 'envelope open of a binding without a run', 'core');
});
