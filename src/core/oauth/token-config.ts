/**
 * The token request's settings, parsed and checked from raw inputs before anything is sent.
 */
import { Inputs, type Wording } from '../inputs.js';
import { endpointUrl } from '../url-policy.js';
import type { SigningSettings } from './assertion.js';
import {
  type AssertionAuth,
  type ClientAuth,
  defaultRegion,
  type GrantType,
  PROVIDER_IDS,
  PROVIDERS,
  type ProviderPreset,
  regionNames,
} from './providers.js';
import { t } from '../text.js';

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
  /** Client authentication without a secret (RFC 7523), when chosen. */
  assertion?: {
    kind: AssertionAuth;
    /** private-key-jwt: the key, algorithm, key id and certificate. */
    signing?: SigningSettings;
    /** The `aud` of the assertion this step signs. */
    audience: string;
  };
  /**
   * The audience to request for the CI platform's OIDC token, when one is needed (federated
   * client authentication, or the jwt-bearer and token-exchange grants).
   */
  ciAudience?: string;
  /** token-exchange: what the subject token is (RFC 8693 s3). */
  subjectTokenType: string;
  timeoutMs: number;
  budgetMs: number;
  /** How long a provider throttle may be waited out (InputSource.waitsOutThrottle). */
  throttleBudgetMs: number;
  /** The input name as the user sees it, for messages. */
  label: (key: string) => string;
  /** How a message names the input on this source (`Input 'x'`, `Option --x`). */
  subject: (key: string) => string;
  /** How messages speak here (a pipeline's steps, a terminal's commands). */
  words: Wording;
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
  'assertion',
  'subject_token',
  'subject_token_type',
];

export const JWT_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:jwt';

export const DEFAULT_TIMEOUT_SECONDS = 30;
export const DEFAULT_MAX_RETRY_SECONDS = 300;

/**
 * `maxRetrySeconds`: the budget when max-retry-seconds is not given (the maintenance step's
 * token shares its calls' shorter budget, as its help and action say).
 */
export function parseTokenConfig(
  inputs: Inputs,
  maxRetrySeconds = DEFAULT_MAX_RETRY_SECONDS,
): TokenConfig {
  const providerId = inputs.oneOf('provider', PROVIDER_IDS, 'generic');
  const provider = PROVIDERS[providerId];
  const { region, regionInfo, tokenUrl, revokeUrl, issuer } = parseEndpoint(inputs, provider);
  const method = inputs.oneOf<ClientAuth | AssertionAuth>(
    'client-auth',
    ['basic', 'post', 'private-key-jwt', 'federated'],
    provider.clientAuth,
  );
  const assertionKind = method === 'private-key-jwt' || method === 'federated' ? method : undefined;
  const clientAuth: ClientAuth = assertionKind ? provider.clientAuth : (method as ClientAuth);
  const { grantType, clientId, clientSecret, refreshToken } = parseGrant(
    inputs,
    provider,
    assertionKind,
  );
  const { scope, audience, resources, extraParams } = parseParameters(inputs, provider, grantType);
  if (provider.accountScope && region && !provider.accountScope.pattern(region).test(scope)) {
    throw inputs.error(
      'scope',
      scope
        ? t`does not name the ${provider.title} account for region ${region}`
        : t`is empty, and ${provider.title} needs the account named in it`,
      t`start it with as_account-${region}.<your subdomain>, e.g. ${provider.accountScope.example(region)} (the subdomain is the first part of your PagerDuty address)`,
    );
  }
  const assertion = assertionKind
    ? {
        kind: assertionKind,
        signing: assertionKind === 'private-key-jwt' ? parseSigning(inputs, provider) : undefined,
        audience:
          inputs.str('client-assertion-audience') ||
          (provider.assertionAudience === 'issuer' && issuer ? issuer : tokenUrl.href),
      }
    : undefined;
  const needsCiToken =
    assertionKind === 'federated' || grantType === 'jwt-bearer' || grantType === 'token-exchange';
  let ciAudience: string | undefined;
  if (needsCiToken) {
    ciAudience =
      inputs.str('oidc-audience') ||
      regionInfo?.federatedAudience ||
      (provider.federatedAudience === 'issuer' ? issuer : provider.federatedAudience) ||
      '';
    if (!ciAudience) {
      throw inputs.error(
        'oidc-audience',
        t`is required with ${assertionKind === 'federated' ? `${inputs.label('client-auth')} federated` : `the ${grantType} grant`} for ${provider.title}`,
        "set the audience the server expects in the CI platform's OIDC token (its federated credential or identity provider settings say which)",
      );
    }
  }
  const subjectTokenType = inputs.str('subject-token-type') || JWT_TOKEN_TYPE;
  const timeoutMs = inputs.seconds('timeout-seconds', DEFAULT_TIMEOUT_SECONDS, 0, 600, true);
  const budgetMs = inputs.seconds('max-retry-seconds', maxRetrySeconds, 0, 3600);

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
    assertion,
    ciAudience,
    subjectTokenType,
    timeoutMs,
    budgetMs,
    throttleBudgetMs:
      inputs.source.waitsOutThrottle === false && !inputs.str('max-retry-seconds') ? 0 : budgetMs,
    label: (k) => inputs.label(k),
    subject: (k) => inputs.subject(k),
    words: inputs.words,
  };
}

/** private-key-jwt: the key and what to sign with; checked in full when the key is loaded. */
function parseSigning(inputs: Inputs, provider: ProviderPreset): SigningSettings {
  const key = inputs.source.get('client-assertion-key').trim();
  if (!key) {
    throw inputs.error(
      'client-assertion-key',
      t`is required when ${inputs.label('client-auth')} is private-key-jwt`,
      'pass the private key (PEM PKCS#8 or a private JWK) from a secret; register its public key (or certificate) with the server',
    );
  }
  const certificate = inputs.source.get('client-assertion-certificate').trim();
  if (provider.assertionRules?.certificate === 'required' && !certificate) {
    throw inputs.error(
      'client-assertion-certificate',
      t`is required for private_key_jwt with ${provider.title}, which finds the key by its certificate's thumbprint (x5t#S256), not by a key id`,
      'pass the PEM certificate ("-----BEGIN CERTIFICATE-----") uploaded to the app registration\'s Certificates & secrets; it is public, so a variable will do',
    );
  }
  return {
    key,
    alg: inputs.str('client-assertion-alg'),
    kid: inputs.str('client-assertion-kid'),
    certificate,
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
  // Presets named by a tenant, domain or realm (on the region's host, for Entra's clouds).
  let serverUrl: string | undefined;
  let issuer: string | undefined;
  if (provider.server) {
    const v: Record<string, string> = {};
    for (const k of [...provider.server.keys, ...(provider.server.optional ?? [])])
      v[k] = inputs.str(k);
    const missing = provider.server.keys.find((k) => !v[k]);
    if (missing && !inputs.str('token-url')) {
      throw inputs.error(
        missing,
        t`is required for provider '${provider.id}'`,
        provider.server.hint,
      );
    }
    if (!missing) {
      serverUrl = provider.server.tokenUrl(v, regionInfo?.host);
      issuer = provider.server.issuer(v, regionInfo?.host);
    }
  }

  const tokenUrlRaw = inputs.str('token-url');
  let tokenUrl: URL;
  if (tokenUrlRaw) {
    tokenUrl = endpointUrl(inputs, 'token-url', tokenUrlRaw, 'token endpoint');
  } else if (serverUrl) {
    tokenUrl = endpointUrl(inputs, provider.server!.keys[0]!, serverUrl, 'token endpoint');
  } else if (regionInfo && !provider.server) {
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

  return { region, regionInfo, tokenUrl, revokeUrl, issuer };
}

/** The grant, the client and its secrets: what must and must not come together. */
function parseGrant(
  inputs: Inputs,
  provider: ProviderPreset,
  assertion: AssertionAuth | undefined,
) {
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
    ['refresh_token', 'client_credentials', 'jwt-bearer', 'token-exchange'],
    // auto: the preset's usual grant (usualGrant), else whatever the refresh token says.
    refreshToken ? 'refresh_token' : (provider.usualGrant ?? 'client_credentials'),
  );
  const unusable = provider.unusableGrants?.[grantType];
  if (unusable) {
    throw inputs.error(
      'grant-type',
      t`is ${grantType}, which this tool cannot use with ${provider.title}`,
      unusable,
    );
  }
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
  if (grantType === 'refresh_token' && !refreshToken && inputs.isAuto('grant-type')) {
    // An empty secret is a secret that did not arrive far more often than a choice of grant.
    throw inputs.error(
      'refresh-token',
      t`is empty, and ${provider.title} is used with the refresh_token grant`,
      t`pass the stored refresh token ${inputs.words.secretSource}. An empty value usually means the secret did not arrive: a misspelt secret name, or a run that is given no secrets (a pull request from a fork, a Dependabot run)` +
        (provider.grants.includes('client_credentials')
          ? t`. For the client_credentials grant, set ${inputs.label('grant-type')} to client_credentials`
          : ''),
    );
  }
  if (grantType === 'refresh_token' && !refreshToken) {
    throw inputs.error(
      'refresh-token',
      t`is required when ${inputs.label('grant-type')} is refresh_token`,
      t`pass the stored refresh token ${inputs.words.secretSource}`,
    );
  }
  if (grantType !== 'refresh_token' && refreshToken) {
    throw inputs.error(
      'refresh-token',
      t`is set, but ${inputs.label('grant-type')} is ${grantType}`,
      t`remove ${inputs.label('refresh-token')}, or set ${inputs.label('grant-type')} to refresh_token`,
    );
  }
  if (assertion && clientSecret) {
    throw inputs.error(
      'client-secret',
      t`is set, but ${inputs.label('client-auth')} is ${assertion}, which uses no client secret`,
      t`remove ${inputs.label('client-secret')} (nothing would send it)`,
    );
  }
  if (
    !assertion &&
    !clientSecret &&
    (provider.requiresSecret || grantType === 'client_credentials')
  ) {
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
