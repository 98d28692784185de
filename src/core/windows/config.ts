/**
 * The maintenance step's Datadog and PagerDuty settings: read only to start a window, and only
 * when their selection inputs are set. Each provider's access token goes to its own API host
 * only: the host of its site or region, or the API URL given (the connection owner's input).
 */
import { type InputSource, Inputs, renamedSource } from '../inputs.js';
import { parseTokenConfig, type TokenConfig } from '../oauth/token-config.js';
import { API_MAX_RETRY_SECONDS } from '../site24x7/api-config.js';
import { endpointUrl } from '../url-policy.js';
import { PROVIDERS } from '../oauth/providers.js';
import { t } from '../text.js';
import type { DatadogSelection } from '../datadog/downtimes.js';
import { PAGERDUTY_REGIONS, type PagerDutyRegion } from '../pagerduty/windows.js';

export interface DatadogConfig {
  origin: URL;
  /** The site, when the origin is one of Datadog's (for links to its web app). */
  site?: string;
  accessToken: string;
  selection: DatadogSelection;
  scope: string;
}

export interface PagerDutyConfig {
  origin: URL;
  /** The token given, or '' until one is minted from `token`. */
  accessToken: string;
  /** Client credentials of a Scoped OAuth app (the pagerduty preset), to mint the token here. */
  token?: TokenConfig;
  services: string[];
  from?: string;
}

export interface OtherWindows {
  datadog?: DatadogConfig;
  pagerduty?: PagerDutyConfig;
}

/** The inputs that select something to mute beside Site24x7. */
export const OTHER_SELECTION_INPUTS = ['datadog-monitors', 'datadog-tags', 'pagerduty-services'];

/** The API origin an input gives: scheme, host and port only. */
function originInput(inputs: Inputs, key: string, what: string, example: string): URL | undefined {
  const raw = inputs.str(key);
  if (!raw) return undefined;
  const u = endpointUrl(inputs, key, raw, what);
  if (u.search || u.hash || (u.pathname !== '/' && u.pathname !== '')) {
    throw inputs.error(key, 'has a path or query', t`give the API origin only, e.g. ${example}`);
  }
  return new URL(u.origin);
}

function tokenInput(inputs: Inputs, key: string, selection: string, preset: string): string {
  const token = inputs.secret(key);
  if (!token) {
    throw inputs.error(
      key,
      t`is empty, but ${inputs.label(selection)} is set`,
      t`pass the access token ${inputs.words.tokenSource} (an earlier token step with provider: ${preset})`,
    );
  }
  return token;
}

export function parseOtherWindows(
  src: InputSource,
  log: { notice(m: string): void },
): OtherWindows {
  const inputs = new Inputs(src, log);
  const out: OtherWindows = {};

  const monitors = [...new Set(inputs.list('datadog-monitors'))];
  const tags = [...new Set(inputs.list('datadog-tags'))];
  if (monitors.length || tags.length) {
    for (const tag of tags) {
      if (!/^[^\s,:]+:[^\s,]+$/.test(tag) && !/^[^\s,:]+$/.test(tag)) {
        throw inputs.error(
          'datadog-tags',
          t`has '${tag}', which is not a Datadog tag`,
          'write tags as key:value or key, one per line or comma-separated',
        );
      }
    }
    const scope = inputs.str('datadog-scope') || '*';
    if (/[\r\n]/.test(scope)) {
      throw inputs.error(
        'datadog-scope',
        'has a line break',
        'write the scope on one line, e.g. env:prod',
      );
    }
    const { origin, site } = datadogOrigin(inputs);
    out.datadog = {
      origin,
      site,
      accessToken: tokenInput(
        inputs,
        'datadog-access-token',
        monitors.length ? 'datadog-monitors' : 'datadog-tags',
        'datadog',
      ),
      selection: { monitors, tags },
      scope,
    };
  } else if (inputs.str('datadog-access-token')) {
    log.notice(
      t`${inputs.subject('datadog-access-token')} is set, but ${inputs.label('datadog-monitors')} and ${inputs.label('datadog-tags')} are empty: no Datadog downtime is scheduled.`,
    );
  }

  const services = [...new Set(inputs.list('pagerduty-services'))];
  if (services.length) {
    const token = pagerDutyToken(src, log);
    out.pagerduty = {
      origin: pagerDutyOrigin(inputs),
      accessToken: token
        ? inputs.secret('pagerduty-access-token')
        : tokenInput(inputs, 'pagerduty-access-token', 'pagerduty-services', 'pagerduty'),
      token,
      from: pagerDutyFrom(inputs),
      services,
    };
  } else if (inputs.str('pagerduty-access-token')) {
    log.notice(
      t`${inputs.subject('pagerduty-access-token')} is set, but ${inputs.label('pagerduty-services')} is empty: no PagerDuty maintenance window is opened.`,
    );
  }
  return out;
}

function datadogOrigin(inputs: Inputs): { origin: URL; site?: string } {
  const given = originInput(inputs, 'datadog-api-url', 'Datadog API', 'https://api.datadoghq.eu');
  if (given) return { origin: given };
  const site = inputs.oneOf('datadog-site', Object.keys(PROVIDERS.datadog.regions), 'us1');
  return { origin: new URL(`https://${PROVIDERS.datadog.regions[site]!.host}`), site };
}

function pagerDutyOrigin(inputs: Inputs): URL {
  const given = originInput(
    inputs,
    'pagerduty-api-url',
    'PagerDuty API',
    'https://api.eu.pagerduty.com',
  );
  if (given) return given;
  const regions = Object.keys(PAGERDUTY_REGIONS) as PagerDutyRegion[];
  return new URL(
    PAGERDUTY_REGIONS[inputs.oneOf<PagerDutyRegion>('pagerduty-region', regions, 'us')],
  );
}

/** The PagerDuty inputs the token core reads, by the names it knows them by. */
const PAGERDUTY_TOKEN_INPUTS: Readonly<Record<string, string>> = {
  'client-id': 'pagerduty-client-id',
  'client-secret': 'pagerduty-client-secret',
  scope: 'pagerduty-scope',
  region: 'pagerduty-region',
  'token-url': 'pagerduty-token-url',
  'timeout-seconds': 'timeout-seconds',
  'max-retry-seconds': 'max-retry-seconds',
};

/** With pagerduty-client-id, the step mints its PagerDuty app token itself (preset pagerduty). */
function pagerDutyToken(
  src: InputSource,
  log: { notice(m: string): void },
): TokenConfig | undefined {
  if (!src.get('pagerduty-client-id').trim()) return undefined;
  const own = renamedSource(src, (k) => PAGERDUTY_TOKEN_INPUTS[k], {
    provider: 'pagerduty',
    'grant-type': 'client_credentials',
  });
  return parseTokenConfig(new Inputs(own, log), API_MAX_RETRY_SECONDS);
}

function pagerDutyFrom(inputs: Inputs): string | undefined {
  const from = inputs.str('pagerduty-from') || undefined;
  if (from && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(from)) {
    throw inputs.error(
      'pagerduty-from',
      t`has the value '${from}', which is not an email address`,
      'give the email of a PagerDuty user, or leave it empty',
    );
  }
  return from;
}

/** Windows to end by id (the command line's `maintenance end`), with where to end them. */
export interface OtherEnd {
  provider: 'datadog' | 'pagerduty';
  origin: string;
  token: string;
  from?: string;
  ids: string[];
}

/** `datadog-downtime-ids` and `pagerduty-window-id`, each with its provider's token and host. */
export function parseOtherEnds(src: InputSource, log: { notice(m: string): void }): OtherEnd[] {
  const inputs = new Inputs(src, log);
  const out: OtherEnd[] = [];
  const dd = [...new Set(inputs.list('datadog-downtime-ids'))];
  if (dd.length) {
    const bad = dd.find((id) => !/^[0-9a-f-]{1,64}$/i.test(id));
    if (bad) {
      throw inputs.error(
        'datadog-downtime-ids',
        t`has '${bad}', which is not a Datadog downtime ID`,
        'give the IDs start printed (datadog-downtime-ids)',
      );
    }
    out.push({
      provider: 'datadog',
      origin: datadogOrigin(inputs).origin.origin,
      token: tokenInput(inputs, 'datadog-access-token', 'datadog-downtime-ids', 'datadog'),
      ids: dd,
    });
  }
  const pd = [...new Set(inputs.list('pagerduty-window-id'))];
  if (pd.length) {
    const bad = pd.find((id) => !/^[A-Z0-9]{1,20}$/.test(id));
    if (bad) {
      throw inputs.error(
        'pagerduty-window-id',
        t`has '${bad}', which is not a PagerDuty window ID`,
        'give the ID start printed (pagerduty-window-id)',
      );
    }
    out.push({
      provider: 'pagerduty',
      origin: pagerDutyOrigin(inputs).origin,
      token: tokenInput(inputs, 'pagerduty-access-token', 'pagerduty-window-id', 'pagerduty'),
      from: pagerDutyFrom(inputs),
      ids: pd,
    });
  }
  return out;
}

/** Where to read each provider's windows: the providers whose access token is given. */
export function parseOtherAccess(
  src: InputSource,
  log: { notice(m: string): void },
): Array<Omit<OtherEnd, 'ids'>> {
  const inputs = new Inputs(src, log);
  const out: Array<Omit<OtherEnd, 'ids'>> = [];
  const dd = inputs.secret('datadog-access-token');
  if (dd) out.push({ provider: 'datadog', origin: datadogOrigin(inputs).origin.origin, token: dd });
  const pd = inputs.secret('pagerduty-access-token');
  if (pd) {
    out.push({
      provider: 'pagerduty',
      origin: pagerDutyOrigin(inputs).origin,
      token: pd,
      from: pagerDutyFrom(inputs),
    });
  }
  return out;
}

/** Whether the step selects something in Site24x7 or gives it credentials. */
export function wantsSite24x7(src: InputSource): boolean {
  return ['monitors', 'monitor-groups', 'tags', 'access-token', 'client-id'].some(
    (k) => src.get(k).trim() !== '',
  );
}
