/**
 * Identity providers as they really behave (issue 24), on the built bundles, against peers as
 * strict as the real servers (test/peers/idp.ts): Keycloak 26.6's federated client
 * authentication, Entra's certificate thumbprints, clouds and on-behalf-of rule, Auth0's kid,
 * and Azure DevOps' OIDC tokens for a service connection.
 */
import { createPublicKey, generateKeyPairSync, type KeyObject, X509Certificate } from 'node:crypto';
import { runAzure } from '../helpers/azure.js';
import { runGithub } from '../helpers/github.js';
import { runGithubInProcess } from '../helpers/inprocess.js';
import { type CiIssuer, startCiIssuer } from '../peers/federation.js';
import {
  type Auth0Peer,
  type EntraPeer,
  type KeycloakPeer,
  keycloakKid,
  startAuth0Peer,
  startEntraPeer,
  startKeycloakPeer,
} from '../peers/idp.js';
import { selfSignedCertificate } from '../peers/tls.js';

const MAIN = 'dist/main/index.js';
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = (k: KeyObject) => k.export({ format: 'pem', type: 'pkcs8' }).toString();
const header = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
const claims = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
const errors = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('::error::'));

let ci: CiIssuer;
beforeAll(async () => {
  ci = await startCiIssuer();
});
afterAll(() => ci.close());
const ghEnv = () => ({
  ACTIONS_ID_TOKEN_REQUEST_URL: ci.requestUrl,
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: ci.requestToken,
});
const azureOidc = () => ({
  SYSTEM_OIDCREQUESTURI: ci.azureUrl,
  ENDPOINT_AUTH_PARAMETER_SYSTEMVSSCONNECTION_ACCESSTOKEN: ci.azureAccessToken,
});

describe('Keycloak 26.6: federated client authentication', () => {
  let kc: KeycloakPeer;
  beforeAll(async () => {
    kc = await startKeycloakPeer('ci');
    kc.federated.push({ clientId: 'ci-app', issuer: ci.origin, subject: ci.subject });
    kc.keyed.set('keyed-app', rsa.publicKey);
  });
  afterAll(() => kc.close());
  const keycloak = { provider: 'keycloak', 'base-url': '', realm: 'ci', 'client-id': 'ci-app' };

  test('no client_id beside the CI token, and the realm issuer as its audience by default', async () => {
    const r = await runGithub(
      MAIN,
      { ...keycloak, 'base-url': kc.origin, 'client-auth': 'federated' },
      { env: ghEnv() },
    );
    expect(errors(r.stdout)).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.outputs['access-token']).toMatch(/^idp-/);
    const sent = kc.requests.at(-1)!;
    expect(sent.has('client_id')).toBe(false);
    expect(ci.issued.at(-1)!.aud).toBe(kc.issuer);
    expect(claims(sent.get('client_assertion')!).aud).toBe(kc.issuer);
  });

  test('a retry sends a new CI token: Keycloak refuses a jti it has seen', async () => {
    kc.failAfterAuth = 1;
    const before = ci.issued.length;
    const r = await runGithub(
      MAIN,
      { ...keycloak, 'base-url': kc.origin, 'client-auth': 'federated' },
      { env: ghEnv() },
    );
    expect(errors(r.stdout)).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Retrying in');
    expect(ci.issued.length - before).toBe(2);
    const [a, b] = kc.requests.slice(-2).map((f) => claims(f.get('client_assertion')!).jti);
    expect(a).not.toBe(b);
  });

  test('Azure Pipelines: refused with the reason before anything is sent', async () => {
    const before = { kc: kc.requests.length, ci: ci.issued.length };
    const r = await runAzure(
      'OAuthTokenV1',
      'main',
      {
        provider: 'keycloak',
        baseUrl: kc.origin,
        realm: 'ci',
        clientId: 'ci-app',
        clientAuth: 'federated',
      },
      { variables: azureOidc() },
    );
    expect(r.result?.result).toBe('Failed');
    expect(r.result?.message).toMatch(
      /Keycloak accepts only its own issuer URL \(http:\/\/127\.0\.0\.1:\d+\/realms\/ci\) as the audience of a CI token, and Azure DevOps issues OIDC tokens only for the audience api:\/\/AzureADTokenExchange: Keycloak federation cannot work from Azure Pipelines/,
    );
    expect({ kc: kc.requests.length, ci: ci.issued.length }).toEqual(before);
  });

  test('private_key_jwt: no guessed kid (Keycloak names the key itself)', async () => {
    const base = {
      ...keycloak,
      'base-url': kc.origin,
      'client-id': 'keyed-app',
      'client-auth': 'private-key-jwt',
      'client-assertion-key': pem(rsa.privateKey),
    };
    const r = await runGithub(MAIN, base);
    expect(errors(r.stdout)).toEqual([]);
    expect(header(kc.requests.at(-1)!.get('client_assertion')!).kid).toBeUndefined();
    // Keycloak's own key id, when given, is sent and accepted.
    const withKid = await runGithub(MAIN, {
      ...base,
      'client-assertion-kid': keycloakKid(rsa.publicKey),
    });
    expect(errors(withKid.stdout)).toEqual([]);
    expect(header(kc.requests.at(-1)!.get('client_assertion')!).kid).toBe(
      keycloakKid(rsa.publicKey),
    );
  });
});

describe('Microsoft Entra ID', () => {
  let entra: EntraPeer;
  const cert = selfSignedCertificate(pem(rsa.privateKey));
  beforeAll(async () => {
    entra = await startEntraPeer();
    entra.certificates.set('cert-app', new X509Certificate(cert));
  });
  afterAll(() => entra.close());
  const keyed = () => ({
    provider: 'entra',
    tenant: entra.tenant,
    'token-url': entra.tokenUrl,
    'client-id': 'cert-app',
    'client-auth': 'private-key-jwt',
    'client-assertion-key': pem(rsa.privateKey),
    scope: 'https://graph.microsoft.com/.default',
  });

  test('private_key_jwt without the certificate is an input error, before anything is sent', async () => {
    const before = entra.requests.length;
    const r = await runGithub(MAIN, keyed());
    expect(r.code).toBe(1);
    expect(errors(r.stdout).join('\n')).toMatch(
      /Input 'client-assertion-certificate' is required for private_key_jwt with Microsoft Entra ID, which finds the key by its certificate's thumbprint/,
    );
    expect(entra.requests.length).toBe(before);
  });

  test('with the certificate: PS256, x5t#S256 and x5t, no guessed kid', async () => {
    const r = await runGithub(MAIN, { ...keyed(), 'client-assertion-certificate': cert });
    expect(errors(r.stdout)).toEqual([]);
    expect(r.code).toBe(0);
    const h = header(entra.requests.at(-1)!.get('client_assertion')!);
    expect(h.alg).toBe('PS256');
    expect(h['x5t#S256']).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(h.x5t).toMatch(/^[A-Za-z0-9_-]{27}$/);
    expect(h.kid).toBeUndefined();
  });

  test.each([
    [
      'an EC key',
      { 'client-assertion-key': pem(ec.privateKey) },
      /Input 'client-assertion-key' holds an EC key, and Microsoft Entra ID accepts only RSA keys for private_key_jwt \(RS256, PS256\)/,
    ],
    [
      'a certificate of another key',
      {
        'client-assertion-certificate': selfSignedCertificate(
          pem(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey),
        ),
      },
      /Input 'client-assertion-certificate' is not the certificate of the key given/,
    ],
  ])('%s is an input error, before anything is sent', async (_what, more, why) => {
    const before = entra.requests.length;
    // Input policy: the step code in process (test/helpers/inprocess.ts).
    const r = await runGithubInProcess(MAIN, {
      ...keyed(),
      'client-assertion-certificate': cert,
      ...more,
    });
    expect(r.code).toBe(1);
    expect(errors(r.stdout).join('\n')).toMatch(why);
    expect(entra.requests.length).toBe(before);
  });

  test('the jwt-bearer grant is refused with the reason (Entra: on-behalf-of only)', async () => {
    const before = { entra: entra.requests.length, ci: ci.issued.length };
    for (const extra of ['', 'requested_token_use=on_behalf_of']) {
      const r = await runGithub(
        MAIN,
        {
          provider: 'entra',
          tenant: entra.tenant,
          'token-url': entra.tokenUrl,
          'client-id': 'fed-app',
          'grant-type': 'jwt-bearer',
          'extra-params': extra,
        },
        { env: ghEnv() },
      );
      expect(r.code).toBe(1);
      expect(errors(r.stdout).join('\n')).toMatch(
        /Input 'grant-type' is jwt-bearer, which this tool cannot use with Microsoft Entra ID.*on-behalf-of/,
      );
    }
    expect({ entra: entra.requests.length, ci: ci.issued.length }).toEqual(before);
  });

  test('region usgov asks the CI platform for the US Government audience', async () => {
    entra.federated.set('gov-app', {
      issuer: ci.origin,
      subject: ci.subject,
      audience: 'api://AzureADTokenExchangeUSGov',
    });
    const r = await runGithub(
      MAIN,
      {
        provider: 'entra',
        region: 'usgov',
        tenant: entra.tenant,
        'token-url': entra.tokenUrl,
        'client-id': 'gov-app',
        'client-auth': 'federated',
      },
      { env: ghEnv() },
    );
    expect(errors(r.stdout)).toEqual([]);
    expect(ci.issued.at(-1)!.aud).toBe('api://AzureADTokenExchangeUSGov');
  });

  test("GitHub's immutable subject (repo:<owner>-<id>/<repo>-<id>) refused: the error says what changed", async () => {
    entra.federated.set('old-trust-app', {
      issuer: ci.origin,
      subject: 'repo:acme/shop:ref:refs/heads/main',
      audience: 'api://AzureADTokenExchange',
    });
    ci.subject = 'repo:acme-123456/shop-456789:ref:refs/heads/main';
    try {
      const r = await runGithub(
        MAIN,
        {
          provider: 'entra',
          tenant: entra.tenant,
          'token-url': entra.tokenUrl,
          'client-id': 'old-trust-app',
          'client-auth': 'federated',
        },
        { env: ghEnv() },
      );
      expect(r.code).toBe(1);
      const error = errors(r.stdout).join('\n');
      expect(error).toContain('AADSTS70021');
      expect(error).toContain('sub=repo:acme-123456/shop-456789:ref:refs/heads/main');
      expect(error).toContain("GitHub's immutable owner and repository ids");
      expect(error).toContain("The server did not accept the CI platform's OIDC token");
    } finally {
      ci.subject = 'repo:acme/shop:ref:refs/heads/main';
    }
  });

  test('Azure DevOps: a Workload identity connection gets an OIDC token of its own (sc://)', async () => {
    ci.connections.set('conn-wif', 'entra-release');
    entra.federated.set('wif-app', {
      issuer: ci.origin,
      subject: 'sc://acme/Shop/entra-release',
      audience: 'api://AzureADTokenExchange',
    });
    const connection = {
      id: 'conn-wif',
      scheme: 'None' as const,
      params: { clientid: 'wif-app' },
      data: { provider: 'entra', tenant: entra.tenant, tokenUrl: entra.tokenUrl },
    };
    const r = await runAzure('OAuthTokenV1', 'main', {}, { connection, variables: azureOidc() });
    expect(r.result?.result).not.toBe('Failed');
    expect(r.outputs.accessToken?.value).toMatch(/^idp-/);
    const sent = entra.requests.at(-1)!;
    expect(claims(sent.get('client_assertion')!).sub).toBe('sc://acme/Shop/entra-release');
    expect(r.secretsRegistered).toContain(sent.get('client_assertion'));
    // A connection the pipeline may not use: Azure DevOps' answer, named.
    const other = await runAzure(
      'OAuthTokenV1',
      'main',
      {},
      { connection: { ...connection, id: 'conn-unknown' }, variables: azureOidc() },
    );
    expect(other.result?.result).toBe('Failed');
    expect(other.result?.message).toMatch(/OIDC token request/);
  });
});

describe('Auth0', () => {
  let auth0: Auth0Peer;
  beforeAll(async () => {
    auth0 = await startAuth0Peer();
    auth0.credentials.set('auth0-app', {
      key: createPublicKey(rsa.privateKey),
      kid: 'Q2hhbmdlIHRoaXMgdG8gYSByZWFsIGtpZA',
      alg: 'RS256',
    });
  });
  afterAll(() => auth0.close());
  const base = () => ({
    provider: 'auth0',
    domain: 'tenant.example.auth0.com',
    'token-url': auth0.tokenUrl,
    'client-assertion-audience': auth0.tenantUrl,
    'client-id': 'auth0-app',
    'client-auth': 'private-key-jwt',
    'client-assertion-key': pem(rsa.privateKey),
  });

  test('no guessed kid: Auth0 generated its own for the credential', async () => {
    const r = await runGithub(MAIN, base());
    expect(errors(r.stdout)).toEqual([]);
    expect(header(auth0.requests.at(-1)!.get('client_assertion')!).kid).toBeUndefined();
    const given = await runGithub(MAIN, {
      ...base(),
      'client-assertion-kid': 'Q2hhbmdlIHRoaXMgdG8gYSByZWFsIGtpZA',
    });
    expect(errors(given.stdout)).toEqual([]);
  });

  test('an EC key is an input error: Auth0 takes RSA keys', async () => {
    const before = auth0.requests.length;
    const r = await runGithub(MAIN, { ...base(), 'client-assertion-key': pem(ec.privateKey) });
    expect(r.code).toBe(1);
    expect(errors(r.stdout).join('\n')).toMatch(
      /holds an EC key, and Auth0 accepts only RSA keys for private_key_jwt \(RS256, RS384, PS256\)/,
    );
    expect(auth0.requests.length).toBe(before);
  });
});
