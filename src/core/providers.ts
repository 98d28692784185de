/**
 * Provider presets: the single source of truth for token endpoints, regions and each
 * provider's habits. Facts come from the providers' public documentation (see README).
 */
export type ProviderId = 'generic' | 'zoho' | 'site24x7' | 'workato' | 'datadog';
export type GrantType = 'refresh_token' | 'client_credentials';
export type ClientAuth = 'basic' | 'post';

export interface Region {
  /** Host of the token (accounts) server. */
  host: string;
  /** Site24x7 only: the region's REST API root. */
  apiRoot?: string;
}

export interface ProviderPreset {
  id: ProviderId;
  title: string;
  /** Regions by name; the first is the default. Empty for `generic`. */
  regions: Record<string, Region>;
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
}

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
} as const;

export const PROVIDERS: Record<ProviderId, ProviderPreset> = {
  generic: {
    id: 'generic',
    title: 'Generic OAuth 2.0 server',
    regions: {},
    tokenPath: '',
    clientAuth: 'basic',
    authScheme: 'Bearer',
    grants: ['refresh_token', 'client_credentials'],
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
      us1: { host: 'api.datadoghq.com' },
      us3: { host: 'api.us3.datadoghq.com' },
      us5: { host: 'api.us5.datadoghq.com' },
      eu1: { host: 'api.datadoghq.eu' },
      ap1: { host: 'api.ap1.datadoghq.com' },
      ap2: { host: 'api.ap2.datadoghq.com' },
      uk1: { host: 'api.uk1.datadoghq.com' },
      'us1-fed': { host: 'api.ddog-gov.com' },
      'us2-fed': { host: 'api.us2.ddog-gov.com' },
    },
    tokenPath: '/oauth2/v1/token',
    revokePath: '/oauth2/v1/revoke',
    clientAuth: 'post',
    authScheme: 'Bearer',
    grants: ['refresh_token'],
    mayRotateRefreshToken: true,
    zohoAccounts: false,
    requiresSecret: true,
  },
};

export const PROVIDER_IDS = Object.keys(PROVIDERS) as ProviderId[];

export function regionNames(p: ProviderPreset): string[] {
  return Object.keys(p.regions);
}

export function defaultRegion(p: ProviderPreset): string | undefined {
  return regionNames(p)[0];
}

/** A region's Site24x7 API root, when the region is one of Site24x7's. */
export function site24x7ApiRoot(region: string | undefined): string | undefined {
  return region ? PROVIDERS.site24x7.regions[region]?.apiRoot : undefined;
}

/** Site24x7 web console for an API root (the API root without `/api`). */
export function site24x7Console(apiRoot: URL | string): string {
  return String(apiRoot)
    .replace(/\/+$/, '')
    .replace(/\/api$/, '');
}

/** The console page that lists windows in progress, for a step that could not end one. */
export function site24x7MaintenanceConsole(apiRoot: URL | string): string {
  return `${site24x7Console(apiRoot)}/app/client#/admin/operations/view-maintenance-monitors`;
}
