/**
 * The maintenance step's settings, parsed and checked before anything is sent: operation,
 * credentials (an access token, client credentials to mint one, or both), the API root,
 * what is selected, and the window's time, name and options.
 */
import { DEFAULT_TIMEOUT_SECONDS, parseTokenConfig, type TokenConfig } from '../config.js';
import { endpointUrl, type InputSource, Inputs } from '../inputs.js';
import { PROVIDERS, site24x7ApiRoot } from '../providers.js';
import type { RunInfo } from '../runtime.js';
import { formatMinutes, isTimeZone, parseDuration, parseStart } from './time.js';
import { parseSelection, type Selection } from './select.js';
import { parseStates } from './maintenance.js';
import { t } from '../text.js';

export type Operation = 'start' | 'end' | 'check';

export interface MaintenanceConfig extends ApiConfig {
  operation: Operation;
  selection?: Selection;
  /** start */
  startMs: number;
  durationMinutes: number;
  timeZone: string;
  name: string;
  description: string;
  performMonitoring: boolean;
  endOnExit: boolean;
  /** start and end: resolve and say what would be sent, send nothing that changes anything. */
  dryRun: boolean;
  /** end */
  maintenanceId: string;
  /** check */
  waitMs: number;
  pollMs: number;
  pass: Set<number>;
  label: (key: string) => string;
}

/** The Site24x7 calls' retry budget: shorter than a token's, which may wait out Zoho's throttle. */
export const API_MAX_RETRY_SECONDS = 120;
export const DEFAULT_DURATION = '60m';
export const MAX_DURATION_MINUTES = 7 * 24 * 60;
const MAX_NAME = 100;
const MAX_DESCRIPTION = 500;

/** Providers whose tokens the Site24x7 API accepts. */
const SITE24X7_PROVIDERS = ['site24x7', 'zoho'];

/** Token inputs this step does not have read as unset; the provider defaults to site24x7. */
function tokenSource(src: InputSource): InputSource {
  return {
    get: (key) => (key === 'provider' ? src.get('provider').trim() || 'site24x7' : src.get(key)),
    label: (key) => src.label(key),
  };
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
  return parseTokenConfig(inputs);
}

export function defaultName(run: RunInfo): string {
  const what = run.source ?? 'pipeline';
  const parts = [`Deployment: ${what}`];
  if (run.run) parts.push(`#${run.run}`);
  if (run.sha) parts.push(`(${run.sha.slice(0, 7)})`);
  return parts.join(' ');
}

export function defaultDescription(run: RunInfo): string {
  const bits = [`Opened by the site24x7-maintenance step for ${run.source ?? 'a pipeline'}`];
  if (run.run) bits.push(`run ${run.run}`);
  if (run.sha) bits.push(`commit ${run.sha.slice(0, 12)}`);
  return `${bits.join(', ')}.${run.url ? ` ${run.url}` : ''}`;
}

/**
 * Plain text for Site24x7. Line breaks are allowed where `multiLine` (a description); a name is
 * one line, so its line breaks (say, from a commit message) become single spaces. Any other
 * control character is refused.
 */
function plainText(
  inputs: Inputs,
  key: string,
  raw: string,
  max: number,
  multiLine: boolean,
): string {
  const value = multiLine
    ? raw.replace(/\r\n?/g, '\n')
    : raw.replace(/\s*(?:\r\n?|[\n\u0085\u2028\u2029])\s*/g, ' ').trim();
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/.test(value)) {
    throw inputs.error(key, 'contains a control character', 'use plain text');
  }
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

export function parseMaintenanceConfig(
  src: InputSource,
  log: { notice(m: string): void },
  now: number,
  run: RunInfo,
): MaintenanceConfig {
  const inputs = new Inputs(src, log);
  const operation = inputs.oneOf<Operation>('operation', ['start', 'end', 'check'], 'start');

  const { apiRoot, region, accessToken, token, customerId, timeoutMs, budgetMs } = parseApiConfig(
    src,
    log,
  );

  const selection = operation === 'end' ? undefined : parseSelection(inputs);

  // The window (read only to start one, so leftovers in a shared input set do no harm).
  let startMs = now;
  let durationMinutes = 60;
  let timeZone = 'UTC';
  let name = '';
  let description = '';
  let performMonitoring = true;
  let endOnExit = false;
  if (operation === 'start') {
    ({ startMs, durationMinutes, timeZone, name, description, performMonitoring, endOnExit } =
      parseWindow(inputs, now, run));
  }

  const dryRun = inputs.bool('dry-run', false);
  if (dryRun) endOnExit = false;
  const maintenanceId = inputs.str('maintenance-id');
  if (operation === 'end' && !/^\d+$/.test(maintenanceId)) {
    throw inputs.error(
      'maintenance-id',
      maintenanceId
        ? `has the value '${maintenanceId}', which is not a Site24x7 ID`
        : 'is required to end a window',
      t`pass the ${inputs.label('maintenance-id')} output of the step that started the window`,
    );
  }

  const waitMs = inputs.seconds('wait-seconds', 0, 0, 6 * 3600);
  const pollMs = inputs.seconds('poll-seconds', 30, 1, 600);
  const passItems = inputs.list('pass-states');
  const { codes: pass, bad } = parseStates(passItems.length ? passItems : ['up']);
  if (bad.length) {
    throw inputs.error(
      'pass-states',
      t`has ${bad.map((b) => `'${b}'`).join(', ')}, which ${bad.length > 1 ? 'are not monitor states' : 'is not a monitor state'}`,
      'use up, down, trouble, critical, suspended, maintenance, discovery, configuration-error or a numeric status',
    );
  }

  return {
    operation,
    apiRoot,
    region,
    accessToken,
    token,
    customerId,
    timeoutMs,
    budgetMs,
    selection,
    startMs,
    durationMinutes,
    timeZone,
    name,
    description,
    performMonitoring,
    endOnExit,
    dryRun,
    maintenanceId,
    waitMs,
    pollMs,
    pass,
    label: (k) => inputs.label(k),
  };
}

function parseWindow(inputs: Inputs, now: number, run: RunInfo) {
  const timeZone = inputs.str('time-zone') || 'UTC';
  if (!isTimeZone(timeZone)) {
    throw inputs.error(
      'time-zone',
      t`has the value '${timeZone}', which is not an IANA time zone`,
      'use a name such as UTC, Europe/Berlin or America/New_York',
    );
  }
  const durationRaw = inputs.str('duration') || DEFAULT_DURATION;
  const durationMinutes = parseDuration(durationRaw);
  if (
    durationMinutes === undefined ||
    durationMinutes < 1 ||
    durationMinutes > MAX_DURATION_MINUTES
  ) {
    throw inputs.error(
      'duration',
      t`has the value '${durationRaw}', which is not a duration from 1m to ${formatMinutes(MAX_DURATION_MINUTES)}`,
      t`write minutes and hours such as 45m, 2h or 1h30m (the default is ${DEFAULT_DURATION})`,
    );
  }
  const startRaw = inputs.str('start');
  const startMs = parseStart(startRaw, now, timeZone);
  if (startMs === undefined) {
    throw inputs.error(
      'start',
      t`has the value '${startRaw}', which is not a time this step understands (or does not exist in ${timeZone})`,
      t`leave it empty for now, or write +15m, 2026-11-22T18:00Z, or 2026-11-22 18:00 (read in ${inputs.label('time-zone')})`,
    );
  }
  if (startMs < now - 60_000) {
    throw inputs.error(
      'start',
      t`is ${startRaw}, which is in the past`,
      'leave it empty to start now, or give a time to come',
    );
  }
  const name = plainText(inputs, 'name', inputs.str('name') || defaultName(run), MAX_NAME, false);
  const description = plainText(
    inputs,
    'description',
    inputs.str('description') || defaultDescription(run),
    MAX_DESCRIPTION,
    true,
  );
  const performMonitoring = inputs.bool('perform-monitoring', true);
  const endOnExit = inputs.bool('end-on-exit', true);

  return { startMs, durationMinutes, timeZone, name, description, performMonitoring, endOnExit };
}

/** How to reach the Site24x7 API: credentials, API root, MSP customer, time limits. */
export interface ApiConfig {
  apiRoot: URL;
  region?: string;
  /** An access token given by the user (from the token step). */
  accessToken: string;
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
  if (!accessToken && !haveClient) {
    throw inputs.error(
      'access-token',
      t`is empty, and so is ${inputs.label('client-id')}`,
      t`pass the access token from the token step (preferred: it saves a mint, and Zoho allows about 10 per refresh token per 10 minutes), or ${inputs.label('client-id')}, ${inputs.label('client-secret')} and ${inputs.label('refresh-token')} with ${inputs.label('region')}`,
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
  const timeoutMs = inputs.seconds('timeout-seconds', DEFAULT_TIMEOUT_SECONDS, 0, 600, true);
  const budgetMs = inputs.seconds('max-retry-seconds', API_MAX_RETRY_SECONDS, 0, 3600);

  return { apiRoot, region, accessToken, token, customerId, timeoutMs, budgetMs };
}
