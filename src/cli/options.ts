/**
 * The options each command takes. Anything else is a usage error that names it and suggests
 * the nearest known option: a misspelt `--dryrun` must never run a real operation.
 */
import { nearMatches } from '../core/site24x7/select.js';

const GLOBAL = ['help', 'version', 'json', 'stdin'];

/** The options that take no value (`--json`), beside the options above and below that do. */
export const SWITCHES: ReadonlySet<string> = new Set([
  ...GLOBAL,
  'show-token',
  'token-only',
  'dry-run',
  'all',
  'pass-access-token',
]);
/** Secrets are refused as arguments with their own message (main.ts), not as unknown. */
const SECRETS = [
  'client-secret',
  'refresh-token',
  'access-token',
  'share-key',
  'grant-code',
  'client-assertion-key',
];
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
const API = ['region', 'api-url', 'customer-id', 'client-id', 'token-url', ...LIMITS];
const MAINTENANCE = [
  ...API,
  'monitors',
  'monitor-groups',
  'tags',
  'name',
  'description',
  'start',
  'duration',
  'time-zone',
  'perform-monitoring',
  'dry-run',
  'maintenance-id',
  'wait-seconds',
  'poll-seconds',
  'pass-states',
];

/** The options a command (its words: `token`, `site24x7 maintenance`, ...) accepts. */
export function optionsOf(words: string[]): Set<string> {
  const [command, what] = words;
  const own =
    command === 'token'
      ? [...TOKEN, 'show-token', 'token-only']
      : command === 'doctor'
        ? [...TOKEN, 'api-url']
        : command === 'zoho'
          ? ['region', 'token-url', 'client-id', 'client-auth', 'redirect-uri', 'timeout-seconds']
          : command === 'envelope'
            ? ['envelope', 'scope', 'run-id', 'show-token']
            : command === 'site24x7'
              ? what === 'maintenance'
                ? [...MAINTENANCE, 'all', 'pass-access-token']
                : API
              : [];
  return new Set([...GLOBAL, ...SECRETS, ...own]);
}

/** The first option `flags` has that the command does not take, with a suggestion. */
export function unknownOption(words: string[], flags: Record<string, string>): string | undefined {
  const known = optionsOf(words);
  const bad = Object.keys(flags).find((k) => !known.has(k));
  if (!bad) return undefined;
  const near = nearMatches(
    bad,
    [...known].map((k) => ({ id: k, name: k })),
    1,
  )[0];
  const where =
    words
      .filter((w) => !w.startsWith('-'))
      .slice(0, 2)
      .join(' ') || 'oauth-token';
  return `Unknown option --${bad} for '${where}'${near ? `: did you mean --${near.name}?` : '.'} See oauth-token ${words.slice(0, 2).join(' ')} --help.`;
}
