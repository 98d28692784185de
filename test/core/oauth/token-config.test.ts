import { parseTokenConfig } from '../../../src/core/oauth/token-config.js';
import { InputError } from '../../../src/core/errors.js';
import { Inputs } from '../../../src/core/inputs.js';
import { PROVIDERS } from '../../../src/core/oauth/providers.js';
import { inputs } from '../helpers.js';

const base = { 'client-id': 'id', 'client-secret': 'secret', 'refresh-token': 'rt' };

function err(values: Record<string, string>, camel = false): string {
  try {
    parseTokenConfig(inputs(values, [], camel));
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('provider presets', () => {
  test.each(Object.entries(PROVIDERS.zoho.regions))(
    'zoho region %s uses its accounts host',
    (region, info) => {
      const cfg = parseTokenConfig(inputs({ ...base, provider: 'zoho', region }));
      expect(cfg.tokenUrl.href).toBe(`https://${info.host}/oauth/v2/token`);
      expect(cfg.revokeUrl?.href).toBe(`https://${info.host}/oauth/v2/token/revoke`);
      expect(cfg.clientAuth).toBe('post');
    },
  );

  test('site24x7 knows the API root of the region; au uses .com.au, not .au', () => {
    const cfg = parseTokenConfig(inputs({ ...base, provider: 'site24x7', region: 'au' }));
    expect(cfg.tokenUrl.host).toBe('accounts.zoho.com.au');
    expect(cfg.apiRoot).toBe('https://www.site24x7.net.au/api');
  });

  test('pagerduty: one identity host for both regions; the scope must name the account in its region', () => {
    const pd = { 'client-id': 'id', 'client-secret': 'secret', provider: 'pagerduty' };
    const cfg = parseTokenConfig(
      inputs({ ...pd, region: 'eu', scope: 'as_account-eu.acme services.read services.write' }),
    );
    expect(cfg.tokenUrl.href).toBe('https://identity.pagerduty.com/oauth/token');
    expect(cfg.grantType).toBe('client_credentials');
    expect(cfg.clientAuth).toBe('post');
    expect(err({ ...pd, scope: 'services.read' })).toBe(
      "Input 'scope' does not name the PagerDuty (Scoped OAuth app) account for region us: start it with as_account-us.<your subdomain>, e.g. as_account-us.yoursubdomain services.read services.write (the subdomain is the first part of your PagerDuty address)",
    );
    // The account of the other service region is not this region's.
    expect(err({ ...pd, region: 'eu', scope: 'as_account-us.acme services.read' })).toMatch(
      /^Input 'scope' does not name the PagerDuty \(Scoped OAuth app\) account for region eu/,
    );
    expect(err({ ...pd })).toMatch(
      /^Input 'scope' is empty, and PagerDuty \(Scoped OAuth app\) needs the account named in it/,
    );
  });

  test('defaults: first region, preset client auth', () => {
    expect(parseTokenConfig(inputs({ ...base, provider: 'zoho' })).region).toBe('us');
    const dd = parseTokenConfig(inputs({ ...base, provider: 'datadog' }));
    expect(dd.tokenUrl.href).toBe('https://api.datadoghq.com/oauth2/v1/token');
    const wk = parseTokenConfig(
      inputs({ 'client-id': 'i', 'client-secret': 's', provider: 'workato', region: 'SG' }),
    );
    expect(wk.tokenUrl.href).toBe('https://apim.sg.workato.com/oauth2/token');
    expect(wk.clientAuth).toBe('basic');
    expect(wk.grantType).toBe('client_credentials');
  });

  test('datadog fed regions', () => {
    expect(
      parseTokenConfig(inputs({ ...base, provider: 'datadog', region: 'us2-fed' })).tokenUrl.host,
    ).toBe('api.us2.ddog-gov.com');
  });

  test('an explicit token URL wins over the region, and the revoke URL follows its origin', () => {
    const cfg = parseTokenConfig(
      inputs({
        ...base,
        provider: 'zoho',
        region: 'eu',
        'token-url': 'http://127.0.0.1:8080/oauth/v2/token',
      }),
    );
    expect(cfg.tokenUrl.href).toBe('http://127.0.0.1:8080/oauth/v2/token');
    expect(cfg.revokeUrl?.href).toBe('http://127.0.0.1:8080/oauth/v2/token/revoke');
  });

  test('generic defaults to basic and treats refresh tokens as rotating', () => {
    const cfg = parseTokenConfig(
      inputs({ ...base, 'token-url': 'https://auth.example.com/token' }),
    );
    expect(cfg.clientAuth).toBe('basic');
    expect(cfg.provider.mayRotateRefreshToken).toBe(true);
    expect(cfg.grantType).toBe('refresh_token');
  });
});

describe('bad input names the input and the fix', () => {
  test.each<[string, Record<string, string>, string]>([
    [
      'unknown provider',
      { ...base, provider: 'ping' },
      "Input 'provider' has the value 'ping', which is not allowed: use one of: generic, zoho, site24x7, workato, datadog, pagerduty, entra, okta, auth0, keycloak",
    ],
    [
      'unknown region',
      { ...base, provider: 'zoho', region: 'mars' },
      "Input 'region' has the value 'mars', which is not a Zoho region: use one of: us, eu, in, au, cn, jp, ca, uk, sa, ae",
    ],
    [
      'region with generic',
      { ...base, region: 'eu', 'token-url': 'https://a.example/t' },
      "Input 'region' is set, but provider 'generic' has no regions: remove it and set token-url, or choose a provider preset: zoho, site24x7, workato, datadog, pagerduty, entra, okta, auth0, keycloak",
    ],
    [
      'generic without URL',
      { ...base },
      "Input 'token-url' is required for provider 'generic': set the token endpoint URL, or choose a provider preset: zoho, site24x7, workato, datadog, pagerduty, entra, okta, auth0, keycloak",
    ],
    [
      'http to a remote host',
      { ...base, 'token-url': 'http://auth.example.com/token' },
      "Input 'token-url' uses http:// to auth.example.com, which would send secrets unencrypted: use https:// (plain http is accepted only for loopback hosts such as 127.0.0.1)",
    ],
    [
      'credentials in URL',
      { ...base, 'token-url': 'https://u:p@auth.example.com/token' },
      "Input 'token-url' contains credentials (user:password@host): remove them from the URL; pass the client id and secret through their own inputs, from secrets",
    ],
    [
      'secret in query',
      { ...base, 'token-url': 'https://auth.example.com/token?client_secret=x' },
      "Input 'token-url' carries 'client_secret' in its query string, where logs and proxies keep it: remove it from the URL; credentials are sent in the request body",
    ],
    [
      'not a URL',
      { ...base, 'token-url': 'auth.example.com/token' },
      "Input 'token-url' is not a valid URL: give the full https:// address of the token endpoint",
    ],
    [
      'ftp URL',
      { ...base, 'token-url': 'ftp://auth.example.com/token' },
      "Input 'token-url' uses the scheme 'ftp:': use an https:// URL of the token endpoint",
    ],
    [
      'missing client id',
      { 'client-secret': 's', 'refresh-token': 'r', provider: 'zoho' },
      "Input 'client-id' is required: set it to the OAuth client id issued by the provider",
    ],
    [
      'refresh grant without token',
      { 'client-id': 'i', 'client-secret': 's', provider: 'zoho', 'grant-type': 'refresh_token' },
      "Input 'refresh-token' is required when grant-type is refresh_token: pass the stored refresh token from a secret",
    ],
    [
      'refresh token with client_credentials',
      { ...base, provider: 'zoho', 'grant-type': 'client_credentials', scope: 'x' },
      "Input 'refresh-token' is set, but grant-type is client_credentials: remove refresh-token, or set grant-type to refresh_token",
    ],
    [
      'unknown grant',
      { ...base, provider: 'zoho', 'grant-type': 'password' },
      "Input 'grant-type' has the value 'password', which is not allowed: use one of: refresh_token, client_credentials, jwt-bearer, token-exchange",
    ],
    [
      'workato with refresh token',
      { ...base, provider: 'workato' },
      "Input 'grant-type' resolves to refresh_token, which Workato API platform does not support (it supports client_credentials): remove refresh-token and set grant-type to client_credentials",
    ],
    // People round 2, finding 2: an empty refresh token was read as a choice of
    // client_credentials, and the error spoke of the grant or a scope.
    [
      'datadog without refresh token',
      { 'client-id': 'i', 'client-secret': 's', provider: 'datadog' },
      "Input 'refresh-token' is empty, and Datadog is used with the refresh_token grant: pass the stored refresh token from a secret. An empty value usually means the secret did not arrive: a misspelt secret name, or a run that is given no secrets (a pull request from a fork, a Dependabot run)",
    ],
    [
      'datadog with client_credentials asked for',
      {
        'client-id': 'i',
        'client-secret': 's',
        provider: 'datadog',
        'grant-type': 'client_credentials',
      },
      "Input 'grant-type' resolves to client_credentials, which Datadog does not support (it supports refresh_token): set refresh-token to the stored refresh token",
    ],
    [
      'zoho with an empty refresh token',
      { 'client-id': 'i', 'client-secret': 's', provider: 'zoho', 'refresh-token': '' },
      "Input 'refresh-token' is empty, and Zoho is used with the refresh_token grant: pass the stored refresh token from a secret. An empty value usually means the secret did not arrive: a misspelt secret name, or a run that is given no secrets (a pull request from a fork, a Dependabot run). For the client_credentials grant, set grant-type to client_credentials",
    ],
    [
      'zoho without secret',
      { 'client-id': 'i', 'refresh-token': 'r', provider: 'zoho' },
      "Input 'client-secret' is required for Zoho: pass the client secret from a secret",
    ],
    [
      'zoho client_credentials without scope',
      {
        'client-id': 'i',
        'client-secret': 's',
        provider: 'site24x7',
        'grant-type': 'client_credentials',
      },
      "Input 'scope' is required for the client_credentials grant with Zoho: set the scopes the Self Client was given, e.g. Site24x7.Operations.All (and soid in extra-params if Zoho asks for it)",
    ],
    [
      'malformed extra-params',
      { ...base, provider: 'zoho', 'extra-params': 'soid=1\njustakey' },
      "Input 'extra-params' line 2 is not of the form key=value: write one key=value pair per line, e.g. soid=Site24x7.12345",
    ],
    [
      'extra-params overriding',
      { ...base, provider: 'zoho', 'extra-params': 'client_secret=x' },
      "Input 'extra-params' line 1 sets 'client_secret', which the step sets itself: remove it; the step sets client_secret from its own setting",
    ],
    [
      'non-numeric timeout',
      { ...base, provider: 'zoho', 'timeout-seconds': 'ten' },
      "Input 'timeout-seconds' has the value 'ten', which is not a number of seconds more than 0 and at most 600: set a number more than 0 and at most 600, or leave it empty for the default 30",
    ],
    [
      'negative budget',
      { ...base, provider: 'zoho', 'max-retry-seconds': '-1' },
      "Input 'max-retry-seconds' has the value '-1', which is not a number of seconds from 0 to 3600: set a number from 0 to 3600, or leave it empty for the default 300",
    ],
    [
      'zero timeout',
      { ...base, provider: 'zoho', 'timeout-seconds': '0' },
      "Input 'timeout-seconds' has the value '0', which is not a number of seconds more than 0 and at most 600: set a number more than 0 and at most 600, or leave it empty for the default 30",
    ],
    [
      'bad resource',
      { ...base, provider: 'zoho', resource: 'api' },
      "Input 'resource' has 'api', which is not an absolute URI without a #fragment (RFC 8707): give one absolute URI per line, e.g. https://api.example.com/",
    ],
    [
      'line break inside a secret',
      { ...base, provider: 'zoho', 'client-secret': 'abc\ndef' },
      "Input 'client-secret' contains a line break or control character inside the value: store the secret again as a single line, exactly as the provider issued it",
    ],
    [
      'bad client-auth',
      { ...base, provider: 'zoho', 'client-auth': 'jwt' },
      "Input 'client-auth' has the value 'jwt', which is not allowed: use one of: basic, post, private-key-jwt, federated",
    ],
  ])('%s', (_name, values, message) => {
    expect(err(values)).toBe(message);
  });

  test('Azure DevOps names inputs in camelCase', () => {
    expect(err({ 'client-secret': 's', 'refresh-token': 'r', provider: 'zoho' }, true)).toBe(
      "Input 'clientId' is required: set it to the OAuth client id issued by the provider",
    );
  });

  test('messages never contain the secret values', () => {
    const m = err({
      'client-id': 'i',
      'client-secret': 'TopSecretValue\nx',
      provider: 'zoho',
      'refresh-token': 'r',
    });
    expect(m).not.toContain('TopSecretValue');
  });
});

describe('input normalisation', () => {
  test('whitespace around secrets is trimmed with a notice that does not show the value', () => {
    const notices: string[] = [];
    const cfg = parseTokenConfig(
      inputs(
        {
          ...base,
          provider: 'zoho',
          'client-secret': '  secretvalue\n',
          'refresh-token': '1000.rt\r\n',
        },
        notices,
      ),
    );
    expect(cfg.clientSecret).toBe('secretvalue');
    expect(cfg.refreshToken).toBe('1000.rt');
    expect(notices).toEqual([
      "Input 'client-secret' had whitespace or a line break around it; it was trimmed.",
      "Input 'refresh-token' had whitespace or a line break around it; it was trimmed.",
    ]);
    expect(notices.join()).not.toContain('secretvalue');
  });

  test('extra params, resources, multi-line scope and seconds', () => {
    const cfg = parseTokenConfig(
      inputs({
        ...base,
        provider: 'site24x7',
        scope: 'Site24x7.Operations.All\nSite24x7.Admin.Read',
        'extra-params': '# comment\nsoid = Site24x7.123\n\nx=a=b',
        resource: 'https://api.example.com/\nhttps://other.example.com/v1',
        'timeout-seconds': '2.5',
        'max-retry-seconds': '0',
      }),
    );
    expect(cfg.scope).toBe('Site24x7.Operations.All,Site24x7.Admin.Read');
    expect(cfg.extraParams).toEqual([
      ['soid', 'Site24x7.123'],
      ['x', 'a=b'],
    ]);
    expect(cfg.resources).toHaveLength(2);
    expect(cfg.timeoutMs).toBe(2500);
    expect(cfg.budgetMs).toBe(0);
  });

  test('loopback http is allowed: 127.x, localhost, [::1]', () => {
    for (const u of [
      'http://127.0.0.1:1/t',
      'http://localhost/t',
      'http://[::1]:9/t',
      'http://127.1.2.3/t',
    ]) {
      expect(parseTokenConfig(inputs({ ...base, 'token-url': u })).tokenUrl.href).toBe(
        new URL(u).href,
      );
    }
  });
});

describe('presets named by a tenant, domain or realm', () => {
  const parse = (inputs: Record<string, string>) =>
    parseTokenConfig(
      new Inputs({ get: (k) => inputs[k] ?? '', label: (k) => k }, { notice: () => undefined }),
    );
  test.each([
    [
      { provider: 'entra', tenant: 'contoso.onmicrosoft.com' },
      'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token',
      'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token',
    ],
    [
      { provider: 'okta', domain: 'acme.okta.com' },
      'https://acme.okta.com/oauth2/v1/token',
      'https://acme.okta.com/oauth2/v1/token',
    ],
    [
      { provider: 'okta', domain: 'https://acme.okta.com/', 'authorization-server': 'default' },
      'https://acme.okta.com/oauth2/default/v1/token',
      'https://acme.okta.com/oauth2/default/v1/token',
    ],
    [
      { provider: 'auth0', domain: 'acme.eu.auth0.com' },
      'https://acme.eu.auth0.com/oauth/token',
      'https://acme.eu.auth0.com/',
    ],
    [
      { provider: 'keycloak', 'base-url': 'https://sso.acme.test/', realm: 'ci' },
      'https://sso.acme.test/realms/ci/protocol/openid-connect/token',
      'https://sso.acme.test/realms/ci',
    ],
  ])('%j: token endpoint and assertion audience', (inputs, tokenUrl, aud) => {
    const cfg = parse({
      ...inputs,
      'client-id': 'app',
      'client-auth': 'private-key-jwt',
      'client-assertion-key': 'k',
      'client-assertion-certificate': 'c',
    });
    expect(cfg.tokenUrl.href).toBe(tokenUrl);
    expect(cfg.assertion?.audience).toBe(aud);
    expect(cfg.clientSecret).toBe('');
  });

  test('entra federated: the audience Entra expects by default', () => {
    const cfg = parse({
      provider: 'entra',
      tenant: 't',
      'client-id': 'app',
      'client-auth': 'federated',
      scope: 'https://graph.microsoft.com/.default',
    });
    expect(cfg.ciAudience).toBe('api://AzureADTokenExchange');
    expect(cfg.assertion?.kind).toBe('federated');
  });

  test.each([
    ['public', 'login.microsoftonline.com', 'api://AzureADTokenExchange'],
    ['usgov', 'login.microsoftonline.us', 'api://AzureADTokenExchangeUSGov'],
    ['china', 'login.partner.microsoftonline.cn', 'api://AzureADTokenExchangeChina'],
  ])('entra cloud %s: its sign-in host and its federated audience', (region, host, aud) => {
    const cfg = parse({
      provider: 'entra',
      region,
      tenant: 't',
      'client-id': 'app',
      'client-auth': 'federated',
    });
    expect(cfg.tokenUrl.href).toBe(`https://${host}/t/oauth2/v2.0/token`);
    expect(cfg.ciAudience).toBe(aud);
  });

  test('keycloak federated: the realm issuer as the CI audience, and no client_id sent', async () => {
    const cfg = parse({
      provider: 'keycloak',
      'base-url': 'https://sso.acme.test',
      realm: 'ci',
      'client-id': 'app',
      'client-auth': 'federated',
    });
    expect(cfg.ciAudience).toBe('https://sso.acme.test/realms/ci');
    const { buildTokenRequest } = await import('../../../src/core/oauth/request.js');
    const form = new URLSearchParams(buildTokenRequest(cfg, { clientAssertion: 'a.b.c' }).body);
    expect(form.has('client_id')).toBe(false);
    // Other servers get client_id beside the assertion, as before.
    const entra = parse({
      provider: 'entra',
      tenant: 't',
      'client-id': 'app',
      'client-auth': 'federated',
    });
    expect(
      new URLSearchParams(buildTokenRequest(entra, { clientAssertion: 'a.b.c' }).body).get(
        'client_id',
      ),
    ).toBe('app');
  });

  test.each([
    [
      { provider: 'entra', region: 'germany' },
      "Input 'region' has the value 'germany', which is not a Microsoft Entra ID region: use one of: public, usgov, china",
    ],
    [
      { provider: 'entra' },
      "Input 'tenant' is required for provider 'entra': tenant: the directory (tenant) id or domain",
    ],
    [
      { provider: 'keycloak', 'base-url': 'https://sso.acme.test' },
      "Input 'realm' is required for provider 'keycloak'",
    ],
    [
      { provider: 'generic', 'token-url': 'https://a.example/t', 'client-auth': 'federated' },
      "Input 'oidc-audience' is required with client-auth federated for Generic OAuth 2.0 server",
    ],
  ] as Array<[Record<string, string>, string]>)('%j is refused by name', (inputs, message) => {
    expect(() =>
      parse({
        'client-id': 'app',
        'client-secret': 's',
        ...inputs,
        ...(inputs['client-auth'] ? { 'client-secret': '' } : {}),
      }),
    ).toThrow(message);
  });
});
