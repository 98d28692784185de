/**
 * The options each command takes. Anything else is a usage error that names it and suggests
 * the nearest known option: a misspelt `--dryrun` must never run a real operation.
 */
import { nearest } from '../core/near.js';
import { SECRET_ENV } from '../core/secret-inputs.js';

const GLOBAL = ['help', 'version', 'json', 'stdin'];

/** The options that take no value (`--json`), beside the options above and below that do. */
export const SWITCHES: ReadonlySet<string> = new Set([
  ...GLOBAL,
  'show-token',
  'token-only',
  'no-cache',
  'dry-run',
  'take-baseline',
  'all',
  'pass-access-token',
]);
/** Secrets are refused as arguments with their own message (main.ts), not as unknown. */
const SECRETS = Object.keys(SECRET_ENV);
const LIMITS = ['timeout-seconds', 'max-retry-seconds'];
const TOKEN = [
  'provider',
  'region',
  'token-url',
  'grant-type',
  'client-id',
  'scope',
  'audience',
  'resource',
  'client-auth',
  'extra-params',
  'tenant',
  'domain',
  'authorization-server',
  'base-url',
  'realm',
  'client-assertion-alg',
  'client-assertion-kid',
  'client-assertion-certificate',
  'client-assertion-audience',
  'oidc-audience',
  'subject-token-type',
  ...LIMITS,
];
const API = ['region', 'api-url', 'customer-id', 'client-id', 'token-url', 'no-cache', ...LIMITS];
const SELECTION = ['monitors', 'monitor-groups', 'tags'];
/** Where Datadog's and PagerDuty's tokens go (their secrets come from the environment). */
const DATADOG_HOST = ['datadog-site', 'datadog-api-url'];
const PAGERDUTY_HOST = ['pagerduty-region', 'pagerduty-api-url', 'pagerduty-from'];
const OTHERS = [
  'datadog-monitors',
  'datadog-tags',
  'datadog-scope',
  ...DATADOG_HOST,
  'pagerduty-services',
  ...PAGERDUTY_HOST,
];
const WINDOW = [
  ...SELECTION,
  'name',
  'description',
  'start',
  'duration',
  'time-zone',
  'perform-monitoring',
  'take-baseline',
  'dry-run',
  ...OTHERS,
];
/** Each maintenance operation's own options: one that would do nothing is refused. */
export const MAINTENANCE_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  start: WINDOW,
  end: [
    'maintenance-id',
    'datadog-downtime-ids',
    'pagerduty-window-id',
    ...DATADOG_HOST,
    ...PAGERDUTY_HOST,
    'dry-run',
  ],
  check: [
    ...SELECTION,
    'wait-seconds',
    'poll-seconds',
    'pass-states',
    'stabilize-seconds',
    'required-passes',
    'min-success-seconds',
    'max-failures',
    'inconclusive',
    'baseline',
    'pre-existing',
    ...OTHERS,
  ],
  list: ['all', ...DATADOG_HOST, ...PAGERDUTY_HOST],
  run: [...WINDOW, 'pass-access-token'],
};

/** The command line's commands and subcommands, for "did you mean" and per-command help. */
export const COMMANDS: Readonly<Record<string, readonly string[]>> = {
  token: [],
  doctor: [],
  zoho: ['exchange-code'],
  envelope: ['open'],
  cache: ['clear'],
  site24x7: ['monitors', 'groups', 'tags', 'maintenance'],
};
export const MAINTENANCE_OPERATIONS = Object.keys(MAINTENANCE_OPTIONS);

/** The options a command (its words: `token`, `site24x7 maintenance start`, ...) accepts. */
export function optionsOf(words: string[]): Set<string> {
  const [command, what, op] = words;
  const own =
    command === 'token'
      ? [...TOKEN, 'show-token', 'token-only', 'no-cache']
      : command === 'doctor'
        ? [...TOKEN, 'api-url']
        : command === 'zoho'
          ? ['region', 'token-url', 'client-id', 'client-auth', 'redirect-uri', 'timeout-seconds']
          : command === 'envelope'
            ? ['envelope', 'scope', 'run-id', 'show-token']
            : command === 'site24x7'
              ? what === 'maintenance'
                ? [
                    ...API,
                    ...(MAINTENANCE_OPTIONS[op ?? ''] ?? Object.values(MAINTENANCE_OPTIONS).flat()),
                  ]
                : API
              : [];
  return new Set([...GLOBAL, ...SECRETS, ...own]);
}

/** The first option `flags` has that the command does not take, with a suggestion. */
export function unknownOption(words: string[], flags: Record<string, string>): string | undefined {
  const known = optionsOf(words);
  const bad = Object.keys(flags).find((k) => !known.has(k));
  if (!bad) return undefined;
  const near = nearest(bad, [...known]);
  const where =
    words
      .filter((w) => !w.startsWith('-'))
      .slice(0, 3)
      .join(' ') || 'oauth-token';
  return `Unknown option --${bad} for '${where}'${near ? `: did you mean --${near}?` : '.'} See oauth-token ${where} --help.`;
}
