/**
 * How a step reaches the Site24x7 API: an access token, client credentials to mint one (only a
 * Zoho or Site24x7 client: the API takes no other provider's tokens), the API root, the MSP
 * customer, and time limits. Shared by the maintenance step and the command line.
 */
import {
  DEFAULT_TIMEOUT_SECONDS,
  parseTokenConfig,
  type TokenConfig,
} from '../oauth/token-config.js';
import { derivedSource, type InputSource, Inputs } from '../inputs.js';
import { endpointUrl } from '../url-policy.js';
import { PROVIDERS, site24x7ApiRoot } from '../oauth/providers.js';
import { t } from '../text.js';

/** The Site24x7 calls' retry budget: shorter than a token's, which may wait out Zoho's throttle. */
export const API_MAX_RETRY_SECONDS = 120;

/** Providers whose tokens the Site24x7 API accepts. */
const SITE24X7_PROVIDERS = ['site24x7', 'zoho'];

/** Token inputs this step does not have read as unset; the provider defaults to site24x7. */
function tokenSource(src: InputSource): InputSource {
  return derivedSource(src, (key) =>
    key === 'provider' ? src.get('provider').trim() || 'site24x7' : src.get(key),
  );
}

/** Client credentials to mint a token with, when the inputs have a client id. */
export function parseMaintenanceToken(
  src: InputSource,
  log: { notice(m: string): void },
): TokenConfig | undefined {
  if (!src.get('client-id').trim()) return undefined;
  const inputs = new Inputs(tokenSource(src), log);
  // Site24x7 takes only tokens from Zoho's accounts servers: a token of another provider would
  // be sent to it for nothing (and with it, to a party that should never see it).
  const provider = inputs.str('provider').toLowerCase();
  if (!SITE24X7_PROVIDERS.includes(provider)) {
    throw inputs.error(
      'provider',
      t`is '${provider}', but the Site24x7 API accepts only tokens from Zoho's accounts servers`,
      t`use a service connection or provider of ${SITE24X7_PROVIDERS.join(' or ')}`,
    );
  }
  // One retry budget for the token and the calls, as the help and the action say.
  return parseTokenConfig(inputs, API_MAX_RETRY_SECONDS);
}

/** How to reach the Site24x7 API: credentials, API root, MSP customer, time limits. */
export interface ApiConfig {
  apiRoot: URL;
  region?: string;
  /** An access token given by the user (from the token step). */
  accessToken: string;
  /** Take the token from the job token source (core/job/client.ts) instead. */
  fromJob: boolean;
  /** Client credentials to mint a token (first, or after a 401). */
  token?: TokenConfig;
  customerId: string;
  timeoutMs: number;
  budgetMs: number;
}

export function parseApiConfig(src: InputSource, log: { notice(m: string): void }): ApiConfig {
  const inputs = new Inputs(src, log);
  // Credentials: an access token, client credentials, or both (the token first).
  const accessToken = inputs.secret('access-token');
  const haveClient = Boolean(inputs.str('client-id'));
  const fromJob = inputs.bool('token-from-job', false);
  if (fromJob && accessToken) {
    throw inputs.error(
      'token-from-job',
      t`is true together with ${inputs.label('access-token')}`,
      t`keep one: ${inputs.label('token-from-job')} for a token that is valid whenever it is used, or ${inputs.label('access-token')}`,
    );
  }
  if (!accessToken && !haveClient && !fromJob) {
    throw inputs.error(
      'access-token',
      t`is empty, and so is ${inputs.label('client-id')}`,
      t`pass the access token ${inputs.words.tokenSource} (preferred: it saves a mint, and Zoho allows about 10 per refresh token per 10 minutes), or ${inputs.label('client-id')}, ${inputs.label('client-secret')} and ${inputs.label('refresh-token')} with ${inputs.label('region')}`,
    );
  }
  const token = parseMaintenanceToken(src, log);

  // Where the API is.
  let region: string | undefined = token?.region;
  let apiRoot: URL;
  const apiRaw = inputs.str('api-url');
  if (apiRaw) {
    apiRoot = endpointUrl(inputs, 'api-url', apiRaw, 'Site24x7 API root');
    if (apiRoot.search) {
      // Not quoted: a query string is where signatures and keys travel.
      throw inputs.error(
        'api-url',
        'has a query string',
        'give the plain API root, e.g. https://www.site24x7.com/api (requests add their own paths)',
      );
    }
  } else {
    if (!token) {
      region = inputs.oneOf('region', Object.keys(PROVIDERS.site24x7.regions), 'us');
    }
    const root = site24x7ApiRoot(region);
    if (!root) {
      throw inputs.error(
        'api-url',
        'is empty, and the token settings name no Site24x7 region',
        t`set ${inputs.label('region')} to your Site24x7 data centre (${Object.keys(PROVIDERS.site24x7.regions).join(', ')}), or ${inputs.label('api-url')} to its API root, e.g. https://www.site24x7.com/api`,
      );
    }
    apiRoot = new URL(root);
  }

  const customerId = inputs.str('customer-id');
  if (customerId && !/^[A-Za-z0-9_-]{1,64}$/.test(customerId)) {
    throw inputs.error(
      'customer-id',
      'is not a Site24x7 customer ID (letters, digits, - and _ only)',
      'copy the MSP or business-unit customer ID (zaaid) from the Site24x7 console',
    );
  }
  const { timeoutMs, budgetMs } = parseApiLimits(inputs);

  return { apiRoot, region, accessToken, fromJob, token, customerId, timeoutMs, budgetMs };
}

/** Each API call's time limit and its retry budget: every provider's API calls share them. */
export function parseApiLimits(inputs: Inputs): { timeoutMs: number; budgetMs: number } {
  return {
    timeoutMs: inputs.seconds('timeout-seconds', DEFAULT_TIMEOUT_SECONDS, 0, 600, true),
    budgetMs: inputs.seconds('max-retry-seconds', API_MAX_RETRY_SECONDS, 0, 3600),
  };
}

/** The limits when no input says otherwise (a post step's lookups, say). */
export const DEFAULT_API_LIMITS = {
  timeoutMs: DEFAULT_TIMEOUT_SECONDS * 1000,
  budgetMs: API_MAX_RETRY_SECONDS * 1000,
} as const;
