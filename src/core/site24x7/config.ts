/**
 * The maintenance step's settings, parsed and checked before anything is sent: operation,
 * credentials (an access token, client credentials to mint one, or both), the API root,
 * what is selected, and the window's time, name and options.
 */
import { type InputSource, Inputs, type Wording } from '../inputs.js';
import type { RunInfo } from '../runtime.js';
import { abbreviatedZone, formatMinutes, isTimeZone, parseDuration, parseStart } from './time.js';
import { parseSelection, type Selection } from './select.js';
import { parseStates } from './health.js';
import { t } from '../text.js';
import { type ApiConfig, parseApiConfig, parseApiLimits } from './api-config.js';

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
  /** How a message names the input on this source (`Input 'x'`, `Option --x`). */
  subject: (key: string) => string;
  /** How messages speak here (a pipeline's steps, a terminal's commands). */
  words: Wording;
}

export const DEFAULT_DURATION = '60m';
export const MAX_DURATION_MINUTES = 7 * 24 * 60;
const MAX_NAME = 100;
const MAX_DESCRIPTION = 500;

export function defaultName(run: RunInfo): string {
  const what = run.source ?? 'pipeline';
  const parts = [`Deployment: ${what}`];
  if (run.run) parts.push(`#${run.run}`);
  if (run.sha) parts.push(`(${run.sha.slice(0, 7)})`);
  return parts.join(' ');
}

/** How a window's default description starts: how `maintenance list` tells this tool's windows. */
export const OPENED_BY = 'Opened by the site24x7-maintenance step';

export function defaultDescription(run: RunInfo): string {
  const bits = [`${OPENED_BY} for ${run.source ?? 'a pipeline'}`];
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

  const { apiRoot, region, accessToken, fromJob, token, customerId, timeoutMs, budgetMs } =
    parseApiConfig(src, log);

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
      t`pass ${inputs.words.windowIdSource}`,
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
    fromJob,
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
    subject: (k) => inputs.subject(k),
    words: inputs.words,
  };
}

/** What the gate reads beside its own settings (core/gate/config.ts). */
export type CheckSettings = Pick<
  MaintenanceConfig,
  'waitMs' | 'pollMs' | 'pass' | 'label' | 'words' | 'timeoutMs' | 'budgetMs'
>;

/** The check's settings alone: for a gate over Datadog or PagerDuty only. */
export function parseCheckSettings(
  src: InputSource,
  log: { notice(m: string): void },
): CheckSettings {
  const inputs = new Inputs(src, log);
  return {
    waitMs: inputs.seconds('wait-seconds', 0, 0, 6 * 3600),
    pollMs: inputs.seconds('poll-seconds', 30, 1, 600),
    pass: parseStates(['up']).codes,
    label: (k) => inputs.label(k),
    words: inputs.words,
    ...parseApiLimits(inputs),
  };
}

/** A window's settings, shared by every provider's window (Site24x7's, Datadog's, PagerDuty's). */
export interface WindowSettings {
  startMs: number;
  durationMinutes: number;
  timeZone: string;
  name: string;
  description: string;
  performMonitoring: boolean;
  endOnExit: boolean;
  dryRun: boolean;
  timeoutMs: number;
  budgetMs: number;
}

/**
 * The window's settings alone: for a step that mutes only Datadog or PagerDuty, which needs
 * neither Site24x7's credentials nor its selection.
 */
export function parseWindowSettings(
  src: InputSource,
  log: { notice(m: string): void },
  now: number,
  run: RunInfo,
): WindowSettings {
  const inputs = new Inputs(src, log);
  const w = parseWindow(inputs, now, run);
  const dryRun = inputs.bool('dry-run', false);
  return {
    ...w,
    endOnExit: w.endOnExit && !dryRun,
    dryRun,
    ...parseApiLimits(inputs),
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
  const abbreviated = abbreviatedZone(timeZone);
  if (abbreviated) {
    throw inputs.error(
      'time-zone',
      t`has the value '${timeZone}', an abbreviation or alias that readers take for different zones (Site24x7 reads zones as Java does)`,
      t`use the full IANA name${abbreviated.suggest ? `: ${abbreviated.suggest}` : ', such as Asia/Tokyo or Europe/Berlin'}`,
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
      t`has the value '${startRaw}', which is not a time that can be read (or does not exist in ${timeZone})`,
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
