/**
 * Security round 3, finding 1: with a service connection, its owner decides every destination
 * of its secrets and every audience of what is signed with them (src/core/input-policy.ts).
 * Each attack below sent the connection's client secret, refresh token or a key-signed
 * assertion to a server the pipeline author chose before the fix; each is now refused before
 * anything is sent. The tables run the task's real adapter and step in process
 * (runAzureInProcess), one row of each on the built task (runAzure), as do the single cases.
 */
import { generateKeyPairSync } from 'node:crypto';
import { type Connection, isSecretCommandLine, runAzure } from '../helpers/azure.js';
import { runAzureInProcess } from '../helpers/inprocess.js';
import { findLeaks } from '../helpers/leaks.js';
import { sequence, type Stub, startStub } from '../peers/stub.js';
import { attack } from '../helpers/record.js';

const SECRET = 'owner-secret-0123456789abcdef';
const REFRESH = 'owner-refresh-0123456789abcdef';
const ID = 'c0ffee00-1111-2222-3333-444455556666';

const closers: Stub[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c.close()));
});
async function stub(): Promise<Stub> {
  const s = await startStub(
    sequence({
      json: { access_token: 'minted-0123456789', token_type: 'Bearer', expires_in: 3600 },
    }),
  );
  closers.push(s);
  return s;
}

const tokenScheme = (data: Record<string, string>): Connection => ({
  id: ID,
  scheme: 'Token',
  params: { clientid: 'owner-client', clientsecret: SECRET, refreshtoken: REFRESH },
  data,
});

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PEM = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
const keyScheme = (data: Record<string, string>): Connection => ({
  id: ID,
  scheme: 'Certificate',
  params: { clientid: 'owner-client', privatekey: PEM },
  data,
});

describe('a pipeline cannot choose where a connection’s secrets go', () => {
  // [provider, the inputs an attacker sets (a host of theirs), the input refused, on the bundle]
  const attacks: Array<[string, (evil: Stub) => Record<string, string>, string, boolean]> = [
    ['keycloak', (e) => ({ baseUrl: e.origin, realm: 'r' }), 'baseUrl', false],
    ['keycloak', () => ({ realm: 'other-realm' }), 'realm', false],
    ['okta', (e) => ({ domain: e.origin.replace('http://', '') }), 'domain', false],
    ['okta', () => ({ authorizationServer: 'evil' }), 'authorizationServer', false],
    ['auth0', (e) => ({ domain: e.origin.replace('http://', '') }), 'domain', false],
    ['entra', () => ({ tenant: 'attacker-tenant' }), 'tenant', false],
    ['generic', (e) => ({ tokenUrl: e.url('/token') }), 'tokenUrl', true],
    ['zoho', () => ({ region: 'eu' }), 'region', false],
    ['generic', () => ({ provider: 'okta' }), 'provider', false],
    ['generic', () => ({ clientAuth: 'post' }), 'clientAuth', false],
  ];
  test.each(attacks)(
    '%s: the task input sent by the pipeline (%#) is refused, nothing is sent',
    async (provider, evilInputs, refused, spawned) => {
      const good = await stub();
      const evil = await stub();
      const data: Record<string, string> = { provider };
      if (provider === 'generic') data.tokenUrl = good.url('/token');
      const run = spawned ? runAzure : runAzureInProcess;
      const r = await run('OAuthTokenV1', 'main', evilInputs(evil), {
        connection: tokenScheme(data),
      });
      expect(r.result?.result).toBe('Failed');
      expect(r.result?.message).toMatch(
        new RegExp(
          `^Input '${refused}' is set, but this task uses a service connection, and with a connection its owner decides this input`,
        ),
      );
      expect(evil.requests).toHaveLength(0);
      expect(good.requests).toHaveLength(0);
      expect(
        findLeaks({ secret: SECRET, refresh: REFRESH }, [
          { name: 'stdout', text: r.stdout, allowLine: isSecretCommandLine },
          { name: 'stderr', text: r.stderr },
        ]),
      ).toEqual([]);
      attack('connections', `a pipeline sets the owner's ${refused}`, 'azure');
    },
  );

  test('Private key scheme: the pipeline cannot choose the audience of an assertion signed with the connection’s key', async () => {
    const good = await stub();
    const evil = await stub();
    const r = await runAzure(
      'OAuthTokenV1',
      'main',
      { clientAssertionAudience: evil.url('/token') },
      { connection: keyScheme({ provider: 'generic', tokenUrl: good.url('/token') }) },
    );
    expect(r.result?.message).toMatch(
      /^Input 'clientAssertionAudience' is set, but this task uses a service connection/,
    );
    expect(good.requests).toHaveLength(0);
    expect(evil.requests).toHaveLength(0);
    attack('connections', 'a pipeline chooses the audience of a key-signed assertion', 'azure');
  });

  test('write-back inputs are the owner’s too (they choose where a rotated refresh token goes)', async () => {
    const good = await stub();
    const r = await runAzure(
      'OAuthTokenV1',
      'main',
      { refreshTokenSecret: 'OAUTH_REFRESH', refreshTokenVariableGroup: 'anything' },
      { connection: tokenScheme({ provider: 'generic', tokenUrl: good.url('/token') }) },
    );
    expect(r.result?.message).toMatch(
      /^Input 'refreshTokenSecret' is set, but this task uses a service connection.*pass the refresh token from the variable group instead of a connection/,
    );
    expect(good.requests).toHaveLength(0);
    attack('connections', 'a pipeline aims write-back at a store of its choosing', 'azure');
  });

  test('the agent’s own defaults for owner inputs (provider generic, grantType auto) are not a choice', async () => {
    const good = await stub();
    const r = await runAzure(
      'OAuthTokenV1',
      'main',
      {},
      {
        connection: tokenScheme({ provider: 'generic', tokenUrl: good.url('/token') }),
      },
    );
    expect(r.result).toBeUndefined();
    expect(good.requests).toHaveLength(1);
    expect(r.outputs.accessToken?.value).toBe('minted-0123456789');
  });
});

describe('the connection carries every server field its provider needs', () => {
  test('keycloak: base URL and realm from the connection; the token goes to its realm, and the assertion audience is the realm issuer', async () => {
    const good = await stub();
    const r = await runAzure(
      'OAuthTokenV1',
      'main',
      {},
      {
        connection: keyScheme({ provider: 'keycloak', baseUrl: good.origin, realm: 'shop' }),
      },
    );
    expect(r.result).toBeUndefined();
    expect(good.requests).toHaveLength(1);
    expect(good.requests[0]!.path).toBe('/realms/shop/protocol/openid-connect/token');
    const assertion = good.requests[0]!.form.get('client_assertion')!;
    const claims = JSON.parse(Buffer.from(assertion.split('.')[1]!, 'base64url').toString()) as {
      aud: string;
    };
    expect(claims.aud).toBe(`${good.origin}/realms/shop`);
  });

  test.each([
    ['keycloak', { realm: 'shop' }, 'baseUrl', true],
    ['entra', {}, 'tenant', false],
    ['okta', {}, 'domain', false],
  ])(
    '%s: a connection without the field its provider needs is refused, with a message for its owner',
    async (provider, data, missing, spawned) => {
      const r = await (spawned ? runAzure : runAzureInProcess)(
        'OAuthTokenV1',
        'main',
        {},
        {
          connection: tokenScheme({ provider, ...data }),
        },
      );
      expect(r.result?.result).toBe('Failed');
      expect(r.result?.message).toMatch(
        new RegExp(
          `^Input '${missing} \\(from the service connection\\)' is required for provider '${provider}'.*only its owner can change it: ask them to edit the connection`,
        ),
      );
    },
  );
});
