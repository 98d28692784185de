/**
 * The token request's settings, parsed and checked from raw inputs before anything is sent.
 */
import { endpointUrl, Inputs } from './inputs.js';
import {
  type ClientAuth,
  defaultRegion,
  type GrantType,
  PROVIDER_IDS,
  PROVIDERS,
  type ProviderPreset,
  regionNames,
} from './providers.js';
import { t } from './text.js';

export interface TokenConfig {
  provider: ProviderPreset;
  region?: string;
  tokenUrl: URL;
  /** RFC 7009 endpoint, when known (preset or `revoke-url`). */
  revokeUrl?: URL;
  /** Site24x7: the region's API root. */
  apiRoot?: string;
  grantType: GrantType;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  scope: string;
  audience: string;
  resources: string[];
  extraParams: Array<[string, string]>;
  clientAuth: ClientAuth;
  timeoutMs: number;
  budgetMs: number;
  /** The input name as the user sees it, for messages. */
  label: (key: string) => string;
}

/** Parameters the project sets itself; `extra-params` may not override them. */
const RESERVED_PARAMS = [
  'grant_type',
  'client_id',
  'client_secret',
  'refresh_token',
  'scope',
  'audience',
  'resource',
  'client_assertion',
  'client_assertion_type',
];

export const DEFAULT_TIMEOUT_SECONDS = 30;
export const DEFAULT_MAX_RETRY_SECONDS = 300;

export function parseTokenConfig(inputs: Inputs): TokenConfig {
  const providerId = inputs.oneOf('provider', PROVIDER_IDS, 'generic');
  const provider = PROVIDERS[providerId];
  const { region, regionInfo, tokenUrl, revokeUrl } = parseEndpoint(inputs, provider);
  const { grantType, clientId, clientSecret, refreshToken } = parseGrant(inputs, provider);
  const { scope, audience, resources, extraParams } = parseParameters(inputs, provider, grantType);
  const clientAuth = inputs.oneOf<ClientAuth>(
    'client-auth',
    ['basic', 'post'],
    provider.clientAuth,
  );
  const timeoutMs = inputs.seconds('timeout-seconds', DEFAULT_TIMEOUT_SECONDS, 0, 600, true);
  const budgetMs = inputs.seconds('max-retry-seconds', DEFAULT_MAX_RETRY_SECONDS, 0, 3600);

  return {
    provider,
    region,
    tokenUrl,
    revokeUrl,
    apiRoot: regionInfo?.apiRoot,
    grantType,
    clientId,
    clientSecret,
    refreshToken,
    scope,
    audience,
    resources,
    extraParams,
    clientAuth,
    timeoutMs,
    budgetMs,
    label: (k) => inputs.label(k),
  };
}

/** The region (for presets that have them), the token endpoint and the revocation endpoint. */
function parseEndpoint(inputs: Inputs, provider: ProviderPreset) {
  const regionRaw = inputs.str('region').toLowerCase();
  const regions = regionNames(provider);
  let region: string | undefined;
  if (regions.length === 0) {
    if (regionRaw) {
      throw inputs.error(
        'region',
        t`is set, but provider '${provider.id}' has no regions`,
        t`remove it and set ${inputs.label('token-url')}, or choose a provider preset: ${PROVIDER_IDS.filter((p) => p !== 'generic').join(', ')}`,
      );
    }
  } else {
    region = regionRaw || defaultRegion(provider);
    if (!region || !provider.regions[region]) {
      throw inputs.error(
        'region',
        t`has the value '${inputs.str('region')}', which is not a ${provider.title} region`,
        t`use one of: ${regions.join(', ')}`,
      );
    }
  }
  const regionInfo = region ? provider.regions[region] : undefined;

  const tokenUrlRaw = inputs.str('token-url');
  let tokenUrl: URL;
  if (tokenUrlRaw) {
    tokenUrl = endpointUrl(inputs, 'token-url', tokenUrlRaw, 'token endpoint');
  } else if (regionInfo) {
    tokenUrl = new URL(`https://${regionInfo.host}${provider.tokenPath}`);
  } else {
    throw inputs.error(
      'token-url',
      t`is required for provider '${provider.id}'`,
      t`set the token endpoint URL, or choose a provider preset: ${PROVIDER_IDS.filter((p) => p !== 'generic').join(', ')}`,
    );
  }

  const revokeUrlRaw = inputs.str('revoke-url');
  let revokeUrl: URL | undefined;
  if (revokeUrlRaw) {
    revokeUrl = endpointUrl(inputs, 'revoke-url', revokeUrlRaw, 'revocation endpoint');
  } else if (provider.revokePath) {
    revokeUrl = new URL(provider.revokePath, tokenUrl.origin);
  }

  return { region, regionInfo, tokenUrl, revokeUrl };
}

/** The grant, the client and its secrets: what must and must not come together. */
function parseGrant(inputs: Inputs, provider: ProviderPreset) {
  const clientId = inputs.secret('client-id');
  if (!clientId) {
    throw inputs.error(
      'client-id',
      'is required',
      'set it to the OAuth client id issued by the provider',
    );
  }
  const clientSecret = inputs.secret('client-secret');
  const refreshToken = inputs.secret('refresh-token');
  const grantType = inputs.oneOf<GrantType>(
    'grant-type',
    ['refresh_token', 'client_credentials'],
    refreshToken ? 'refresh_token' : 'client_credentials',
  );
  if (!provider.grants.includes(grantType)) {
    const hint =
      provider.grants[0] === 'refresh_token'
        ? `set ${inputs.label('refresh-token')} to the stored refresh token`
        : `remove ${inputs.label('refresh-token')} and set ${inputs.label('grant-type')} to client_credentials`;
    throw inputs.error(
      'grant-type',
      t`resolves to ${grantType}, which ${provider.title} does not support (it supports ${provider.grants.join(', ')})`,
      hint,
    );
  }
  if (grantType === 'refresh_token' && !refreshToken) {
    throw inputs.error(
      'refresh-token',
      t`is required when ${inputs.label('grant-type')} is refresh_token`,
      t`pass the stored refresh token ${inputs.words.secretSource}`,
    );
  }
  if (grantType === 'client_credentials' && refreshToken) {
    throw inputs.error(
      'refresh-token',
      t`is set, but ${inputs.label('grant-type')} is client_credentials`,
      t`remove ${inputs.label('refresh-token')}, or set ${inputs.label('grant-type')} to refresh_token`,
    );
  }
  if (!clientSecret && (provider.requiresSecret || grantType === 'client_credentials')) {
    throw inputs.error(
      'client-secret',
      t`is required for ${grantType === 'client_credentials' ? 'the client_credentials grant' : provider.title}`,
      t`pass the client secret ${inputs.words.secretSource}`,
    );
  }

  return { grantType, clientId, clientSecret, refreshToken };
}

/** Scope, audience, resource indicators and extra form parameters. */
function parseParameters(inputs: Inputs, provider: ProviderPreset, grantType: GrantType) {
  const scopeSep = provider.zohoAccounts ? ',' : ' ';
  const scope = inputs.lines('scope').join(scopeSep).trim();
  if (grantType === 'client_credentials' && provider.zohoAccounts && !scope) {
    throw inputs.error(
      'scope',
      'is required for the client_credentials grant with Zoho',
      t`set the scopes the Self Client was given, e.g. Site24x7.Operations.All (and soid in ${inputs.label('extra-params')} if Zoho asks for it)`,
    );
  }
  const audience = inputs.str('audience');
  const resources = inputs.lines('resource');
  for (const r of resources) {
    let ok: boolean;
    try {
      ok = !new URL(r).hash;
    } catch {
      ok = false;
    }
    if (!ok) {
      throw inputs.error(
        'resource',
        t`has '${r}', which is not an absolute URI without a #fragment (RFC 8707)`,
        'give one absolute URI per line, e.g. https://api.example.com/',
      );
    }
  }
  const extraParams = parseExtraParams(inputs);

  return { scope, audience, resources, extraParams };
}

function parseExtraParams(inputs: Inputs): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const lines = inputs.lines('extra-params');
  lines.forEach((line, i) => {
    const eq = line.indexOf('=');
    const key = eq > 0 ? line.slice(0, eq).trim() : '';
    if (!key || /\s/.test(key)) {
      throw inputs.error(
        'extra-params',
        t`line ${i + 1} is not of the form key=value`,
        'write one key=value pair per line, e.g. soid=Site24x7.12345',
      );
    }
    if (RESERVED_PARAMS.includes(key.toLowerCase())) {
      throw inputs.error(
        'extra-params',
        t`line ${i + 1} sets '${key}', which ${inputs.words.self} sets itself`,
        t`remove it; ${inputs.words.self} sets ${key} from its own setting`,
      );
    }
    out.push([key, line.slice(eq + 1).trim()]);
  });
  return out;
}
