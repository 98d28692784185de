/**
 * Provider presets: the single source of truth for token endpoints, regions and each
 * provider's habits. Facts come from the providers' public documentation (see README).
 */
export type ProviderId =
  | 'generic'
  | 'zoho'
  | 'site24x7'
  | 'workato'
  | 'datadog'
  | 'pagerduty'
  | 'entra'
  | 'okta'
  | 'auth0'
  | 'keycloak';
/**
 * `jwt-bearer` (RFC 7523 s2.1: an assertion is the grant) and `token-exchange` (RFC 8693: the CI
 * platform's OIDC token is the subject token) take the CI token as the grant itself.
 */
export type GrantType = 'refresh_token' | 'client_credentials' | 'jwt-bearer' | 'token-exchange';
/** Client authentication with a client secret: HTTP Basic or in the form body. */
export type ClientAuth = 'basic' | 'post';
/** Client authentication without a stored secret (RFC 7523 client assertions). */
export type AssertionAuth = 'private-key-jwt' | 'federated';

/** The `grant_type` value each grant is sent as. */
export const GRANT_TYPE_URI: Record<GrantType, string> = {
  refresh_token: 'refresh_token',
  client_credentials: 'client_credentials',
  'jwt-bearer': 'urn:ietf:params:oauth:grant-type:jwt-bearer',
  'token-exchange': 'urn:ietf:params:oauth:grant-type:token-exchange',
};

/**
 * A preset whose server is named by inputs rather than by a region (a tenant, a domain, a
 * realm): which inputs, and the token endpoint and issuer they give.
 */
export interface ServerInputs {
  /** Inputs that name the server, required unless marked optional. */
  keys: readonly string[];
  optional?: readonly string[];
  /** `host`: the region's host, for presets that also have regions (Entra's clouds). */
  tokenUrl(v: Record<string, string>, host?: string): string;
  issuer(v: Record<string, string>, host?: string): string;
  /** For messages: what each input holds. */
  hint: string;
}

export interface Region {
  /** Host of the token (accounts) server. */
  host: string;
  /** Site24x7 only: the region's REST API root. */
  apiRoot?: string;
  /** Datadog only: the site's web app host, for links to what the steps open. */
  appHost?: string;
  /** The audience the region's server expects in a federated CI token (Entra's clouds). */
  federatedAudience?: string;
}

/**
 * How a server identifies and checks a private_key_jwt assertion's key, where it is stricter
 * than RFC 7523 (see docs/providers.md, "Keyless client authentication").
 */
export interface AssertionRules {
  /** The algorithms the server accepts; others are an input error before anything is sent. */
  algs?: readonly string[];
  /** The algorithm for an RSA key when none is given (Entra recommends PS256). */
  rsaDefault?: string;
  /**
   * `thumbprint`: without a given kid, send the key's RFC 7638 thumbprint. `given`: send a kid
   * only when one is given (input or the JWK's own), because the server has its own for the
   * key (Auth0 generates one per credential) or finds the key by another header (Entra: the
   * certificate thumbprint); a guessed kid would be refused.
   */
  kid: 'thumbprint' | 'given';
  /** The server finds the key by its certificate's thumbprint (`x5t#S256`; Entra). */
  certificate?: 'required';
  /** Also send the certificate's SHA-1 thumbprint (`x5t`), for older server paths (Entra). */
  x5tSha1?: boolean;
}

export interface ProviderPreset {
  id: ProviderId;
  title: string;
  /** Regions by name; the first is the default. Empty for `generic`. */
  regions: Record<string, Region>;
  /** What its regions are, when not regions, as the docs say it (`the cloud`: Entra). */
  regionsAre?: string;
  tokenPath: string;
  /** Path of the RFC 7009 revocation endpoint on the same host, when the provider has one. */
  revokePath?: string;
  clientAuth: ClientAuth;
  /** Scheme of the Authorization header a caller sends with the token. */
  authScheme: 'Bearer' | 'Zoho-oauthtoken';
  grants: readonly GrantType[];
  /**
   * Whether a refresh may hand out a new refresh token and kill the old one. A refresh that
   * may have reached such a server is never re-sent blindly.
   */
  mayRotateRefreshToken: boolean;
  /** Zoho's accounts server: errors as HTTP 200, legacy millisecond expiry, scope needed for client_credentials. */
  zohoAccounts: boolean;
  /** Whether the provider requires a client secret. */
  requiresSecret: boolean;
  /**
   * The grant this preset is used with when `grant-type` is auto: with `refresh_token`, an
   * empty refresh token is an error (a secret that did not arrive), not a switch to
   * client_credentials. Absent: the refresh token decides.
   */
  usualGrant?: GrantType;
  /** Presets named by a tenant, domain or realm instead of a region. */
  server?: ServerInputs;
  /**
   * What a client assertion's `aud` must be: the token endpoint (RFC 7523, Entra, Okta) or
   * the issuer (Auth0, which wants its tenant URL with the trailing slash; Keycloak accepts both).
   */
  assertionAudience?: 'token-endpoint' | 'issuer';
  /**
   * The audience to request for the CI platform's OIDC token, when the server has a fixed one:
   * a value, or `issuer` (the server's issuer URL, the only audience Keycloak accepts). A
   * region's own audience comes first (Entra's clouds).
   */
  federatedAudience?: string;
  /**
   * Federated client authentication sends no `client_id` (RFC 7521 s4.2 makes it optional with
   * an assertion): Keycloak 26.6 refuses a `client_id` that differs from the assertion's `sub`,
   * and a CI token's `sub` is never the client id. The server finds the client by the token's
   * issuer and subject.
   */
  federatedOmitsClientId?: boolean;
  /**
   * Grants the server has but this step cannot use as it is offered, with the reason, for the
   * error (Entra's jwt-bearer is on-behalf-of only, with an assertion Entra issued).
   */
  unusableGrants?: Partial<Record<GrantType, string>>;
  /** private_key_jwt habits (absent: RFC 7523 as written, a thumbprint kid). */
  assertionRules?: AssertionRules;
  /**
   * A scope the server requires in every request, made from the region (PagerDuty's
   * `as_account-<region>.<subdomain>`, which names the account): its pattern and an example.
   */
  accountScope?: { pattern: (region: string) => RegExp; example: (region: string) => string };
}

const ASSERTION_GRANTS = ['client_credentials', 'jwt-bearer', 'token-exchange'] as const;

/**
 * What the identity-provider presets share: a server named by inputs rather than a region,
 * bearer tokens, no client secret required (an assertion may replace it), and refresh tokens
 * assumed to rotate (an ambiguous refresh is never replayed).
 */
const identityBase = {
  regions: {},
  tokenPath: '',
  authScheme: 'Bearer',
  mayRotateRefreshToken: true,
  zohoAccounts: false,
  requiresSecret: false,
} as const;

/** Okta's issuer: a custom authorization server's, or the org authorization server's. */
const oktaIssuer = (v: Record<string, string>) =>
  v['authorization-server']
    ? `${https(v.domain!)}/oauth2/${encodeURIComponent(v['authorization-server'])}`
    : https(v.domain!);
const keycloakIssuer = (v: Record<string, string>) =>
  `${v['base-url']!.replace(/\/+$/, '')}/realms/${encodeURIComponent(v.realm!)}`;
const https = (host: string) => `https://${host.replace(/^https:\/\//, '').replace(/\/+$/, '')}`;

const zohoRegions: Record<string, Region> = {
  us: { host: 'accounts.zoho.com', apiRoot: 'https://www.site24x7.com/api' },
  eu: { host: 'accounts.zoho.eu', apiRoot: 'https://www.site24x7.eu/api' },
  in: { host: 'accounts.zoho.in', apiRoot: 'https://www.site24x7.in/api' },
  au: { host: 'accounts.zoho.com.au', apiRoot: 'https://www.site24x7.net.au/api' },
  cn: { host: 'accounts.zoho.com.cn', apiRoot: 'https://www.site24x7.cn/api' },
  jp: { host: 'accounts.zoho.jp', apiRoot: 'https://app.site24x7.jp/api' },
  ca: { host: 'accounts.zohocloud.ca', apiRoot: 'https://www.site24x7.ca/api' },
  uk: { host: 'accounts.zoho.uk', apiRoot: 'https://app.site24x7.uk/api' },
  sa: { host: 'accounts.zoho.sa', apiRoot: 'https://www.site24x7.sa/api' },
  ae: { host: 'accounts.zoho.ae', apiRoot: 'https://app.site24x7.ae/api' },
};

const zohoBase = {
  regions: zohoRegions,
  tokenPath: '/oauth/v2/token',
  revokePath: '/oauth/v2/token/revoke',
  clientAuth: 'post',
  authScheme: 'Zoho-oauthtoken',
  grants: ['refresh_token', 'client_credentials'],
  mayRotateRefreshToken: false,
  zohoAccounts: true,
  requiresSecret: true,
  // Zoho's client_credentials is the Self Client's rarer flow: asked for by name.
  usualGrant: 'refresh_token',
} as const;

export const PROVIDERS: Record<ProviderId, ProviderPreset> = {
  generic: {
    id: 'generic',
    title: 'Generic OAuth 2.0 server',
    regions: {},
    tokenPath: '',
    clientAuth: 'basic',
    authScheme: 'Bearer',
    grants: ['refresh_token', 'client_credentials', 'jwt-bearer', 'token-exchange'],
    // Unknown server: assume it may rotate, so an ambiguous refresh is never replayed.
    mayRotateRefreshToken: true,
    zohoAccounts: false,
    requiresSecret: false,
  },
  zoho: { id: 'zoho', title: 'Zoho', ...zohoBase },
  site24x7: { id: 'site24x7', title: 'Site24x7 (Zoho accounts)', ...zohoBase },
  workato: {
    id: 'workato',
    title: 'Workato API platform',
    regions: {
      us: { host: 'apim.workato.com' },
      eu: { host: 'apim.eu.workato.com' },
      jp: { host: 'apim.jp.workato.com' },
      sg: { host: 'apim.sg.workato.com' },
      au: { host: 'apim.au.workato.com' },
    },
    tokenPath: '/oauth2/token',
    clientAuth: 'basic',
    authScheme: 'Bearer',
    grants: ['client_credentials'],
    mayRotateRefreshToken: false,
    zohoAccounts: false,
    requiresSecret: true,
  },
  datadog: {
    id: 'datadog',
    title: 'Datadog',
    regions: {
      us1: { host: 'api.datadoghq.com', appHost: 'app.datadoghq.com' },
      us3: { host: 'api.us3.datadoghq.com', appHost: 'us3.datadoghq.com' },
      us5: { host: 'api.us5.datadoghq.com', appHost: 'us5.datadoghq.com' },
      eu1: { host: 'api.datadoghq.eu', appHost: 'app.datadoghq.eu' },
      ap1: { host: 'api.ap1.datadoghq.com', appHost: 'ap1.datadoghq.com' },
      ap2: { host: 'api.ap2.datadoghq.com', appHost: 'ap2.datadoghq.com' },
      uk1: { host: 'api.uk1.datadoghq.com', appHost: 'uk1.datadoghq.com' },
      'us1-fed': { host: 'api.ddog-gov.com', appHost: 'app.ddog-gov.com' },
      'us2-fed': { host: 'api.us2.ddog-gov.com', appHost: 'us2.ddog-gov.com' },
    },
    tokenPath: '/oauth2/v1/token',
    revokePath: '/oauth2/v1/revoke',
    clientAuth: 'post',
    authScheme: 'Bearer',
    grants: ['refresh_token'],
    mayRotateRefreshToken: true,
    zohoAccounts: false,
    requiresSecret: true,
    usualGrant: 'refresh_token',
  },
  pagerduty: {
    id: 'pagerduty',
    title: 'PagerDuty (Scoped OAuth app)',
    // One identity service for both service regions; the region is named in the scope.
    regions: {
      us: { host: 'identity.pagerduty.com' },
      eu: { host: 'identity.pagerduty.com' },
    },
    regionsAre: 'the service region',
    tokenPath: '/oauth/token',
    clientAuth: 'post',
    authScheme: 'Bearer',
    grants: ['client_credentials'],
    mayRotateRefreshToken: false,
    zohoAccounts: false,
    requiresSecret: true,
    accountScope: {
      pattern: (region) => new RegExp(`(^| )as_account-${region}\\.[a-z0-9][a-z0-9-]*( |$)`),
      example: (region) => `as_account-${region}.yoursubdomain services.read services.write`,
    },
  },
  entra: {
    id: 'entra',
    title: 'Microsoft Entra ID',
    ...identityBase,
    // The region is the cloud: each has its own sign-in host and federated audience.
    regionsAre: 'the cloud',
    regions: {
      public: {
        host: 'login.microsoftonline.com',
        federatedAudience: 'api://AzureADTokenExchange',
      },
      usgov: {
        host: 'login.microsoftonline.us',
        federatedAudience: 'api://AzureADTokenExchangeUSGov',
      },
      china: {
        host: 'login.partner.microsoftonline.cn',
        federatedAudience: 'api://AzureADTokenExchangeChina',
      },
    },
    server: {
      keys: ['tenant'],
      tokenUrl: (v, host) =>
        `https://${host ?? 'login.microsoftonline.com'}/${encodeURIComponent(v.tenant!)}/oauth2/v2.0/token`,
      issuer: (v, host) =>
        `https://${host ?? 'login.microsoftonline.com'}/${encodeURIComponent(v.tenant!)}/v2.0`,
      hint: 'tenant: the directory (tenant) id or domain',
    },
    clientAuth: 'post',
    grants: ['client_credentials', 'refresh_token'],
    unusableGrants: {
      'jwt-bearer':
        "Entra accepts the jwt-bearer grant only as on-behalf-of (requested_token_use=on_behalf_of), with an assertion Entra itself issued to a user; the CI platform's OIDC token is never one. For a keyless token, use the client_credentials grant with client-auth federated (a federated credential on the app registration)",
    },
    assertionAudience: 'token-endpoint',
    assertionRules: {
      algs: ['RS256', 'PS256'],
      rsaDefault: 'PS256',
      kid: 'given',
      certificate: 'required',
      x5tSha1: true,
    },
  },
  okta: {
    id: 'okta',
    title: 'Okta',
    ...identityBase,
    server: {
      keys: ['domain'],
      optional: ['authorization-server'],
      tokenUrl: (v) => `${oktaIssuer(v)}${v['authorization-server'] ? '' : '/oauth2'}/v1/token`,
      issuer: oktaIssuer,
      hint: 'domain: your Okta domain (example.okta.com); authorization-server: a custom authorization server id such as default (empty: the org authorization server, needed for Okta API scopes)',
    },
    clientAuth: 'basic',
    grants: [...ASSERTION_GRANTS, 'refresh_token'],
    assertionAudience: 'token-endpoint',
    assertionRules: { algs: ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512'], kid: 'given' },
  },
  auth0: {
    id: 'auth0',
    title: 'Auth0',
    ...identityBase,
    server: {
      keys: ['domain'],
      tokenUrl: (v) => `${https(v.domain!)}/oauth/token`,
      issuer: (v) => `${https(v.domain!)}/`,
      hint: 'domain: your tenant or custom domain (example.eu.auth0.com)',
    },
    clientAuth: 'post',
    grants: [...ASSERTION_GRANTS, 'refresh_token'],
    assertionAudience: 'issuer',
    // Auth0's private_key_jwt credentials are RSA keys with a kid Auth0 generates.
    assertionRules: { algs: ['RS256', 'RS384', 'PS256'], kid: 'given' },
  },
  keycloak: {
    id: 'keycloak',
    title: 'Keycloak',
    ...identityBase,
    server: {
      keys: ['base-url', 'realm'],
      tokenUrl: (v) => `${keycloakIssuer(v)}/protocol/openid-connect/token`,
      issuer: keycloakIssuer,
      hint: 'base-url: the server address (https://sso.example.com, with /auth on old versions); realm: the realm name',
    },
    clientAuth: 'basic',
    grants: [...ASSERTION_GRANTS, 'refresh_token'],
    assertionAudience: 'issuer',
    federatedAudience: 'issuer',
    federatedOmitsClientId: true,
    // Keycloak finds an imported key by its own key id, not the RFC 7638 thumbprint.
    assertionRules: { kid: 'given' },
  },
};

export const PROVIDER_IDS = Object.keys(PROVIDERS) as ProviderId[];

export function regionNames(p: ProviderPreset): string[] {
  return Object.keys(p.regions);
}

/**
 * Each preset's regions as the manifests, the connection type and the help say them: one
 * sentence per group of presets with the same regions ("zoho and site24x7: us, eu, ..."), the
 * default (the first) when asked. Those files are tested against this, and the help is made
 * from it, so a new region is one row in PROVIDERS.
 */
export function regionSentences(withDefaults: boolean): string[] {
  const groups = new Map<string, ProviderPreset[]>();
  for (const p of Object.values(PROVIDERS)) {
    const names = regionNames(p);
    if (!names.length) continue;
    const key = names.join(',');
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups.values()].map((ps) => {
    const names = regionNames(ps[0]!);
    const who = ps.map((p) => p.id).join(' and ');
    const are = ps[0]!.regionsAre;
    const list = are
      ? `${are}, ${names.slice(0, -1).join(', ')} or ${names.at(-1)}`
      : names.join(', ');
    return `${who}: ${list}${withDefaults ? ` (default ${names[0]})` : ''}`;
  });
}

export function defaultRegion(p: ProviderPreset): string | undefined {
  return regionNames(p)[0];
}

/** A region's Site24x7 API root, when the region is one of Site24x7's. */
export function site24x7ApiRoot(region: string | undefined): string | undefined {
  return region ? PROVIDERS.site24x7.regions[region]?.apiRoot : undefined;
}
