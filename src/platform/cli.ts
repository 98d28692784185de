/**
 * The command-line adapter: the same steps, run on a workstation. Inputs come from flags (and
 * `OAUTH_<NAME>` environment variables); secrets only from the environment or stdin, never from
 * arguments (process lists and shell history keep those). Logs go to stderr, results to stdout,
 * with every registered secret replaced by `***`.
 */
import { hostname } from 'node:os';
import { type ErrorKind, StepError } from '../core/errors.js';
import { SECRET_ENV } from '../core/secret-inputs.js';
import { envProxyAgent } from './proxy-env.js';
import { SecretRegistry } from './secrets.js';
import type { Platform } from './types.js';

export const envName = (key: string) =>
  SECRET_ENV[key] ?? `OAUTH_${key.replace(/-/g, '_').toUpperCase()}`;

export interface CliPlatform extends Platform {
  readonly outputs: Map<string, { value: string; secret: boolean }>;
  failed: string | undefined;
  failedKind: ErrorKind | undefined;
  /** The exit status a command chose for itself (maintenance run: the wrapped command's). */
  exitCode?: number;
  /** Secret outputs a command has printed itself (`token --json --show-token`). */
  readonly shown: Set<string>;
  redact(text: string): string;
  /** The writer: secrets replaced, runner commands and terminal escapes defused. */
  clean(text: string): string;
}

export function cliPlatform(
  flags: Record<string, string>,
  stdinSecrets: Record<string, string>,
  env: NodeJS.ProcessEnv = process.env,
  err: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): CliPlatform {
  const secrets = new SecretRegistry();
  const outputs = new Map<string, { value: string; secret: boolean }>();
  const state = new Map<string, string>();
  const say = (prefix: string) => (m: string) => err(`${prefix}${secrets.clean(m)}`);
  const debug = env.OAUTH_DEBUG === '1' || env.OAUTH_DEBUG === 'true';
  const platform: CliPlatform = {
    id: 'cli',
    outputs,
    shown: new Set(),
    failed: undefined,
    failedKind: undefined,
    get(key) {
      if (key in SECRET_ENV) return stdinSecrets[key] ?? env[SECRET_ENV[key]!] ?? '';
      return flags[key] ?? env[envName(key)] ?? '';
    },
    label: (key) => (key in SECRET_ENV ? `${key} (${SECRET_ENV[key]})` : `--${key}`),
    waitsOutThrottle: false,
    wording: {
      subject: (key) =>
        key in SECRET_ENV ? `${SECRET_ENV[key]} (${key}= with --stdin)` : `Option --${key}`,
      secretSource: 'in the environment, or with --stdin',
      tokenSource: 'in OAUTH_ACCESS_TOKEN (oauth-token token --token-only prints one, alone)',
      self: 'this command',
      endLater: (endsAt, id) =>
        `It ends at ${endsAt}, or end it with: oauth-token site24x7 maintenance end --maintenance-id ${id}.`,
      windowIdSource:
        'the id maintenance start printed (oauth-token site24x7 maintenance list shows the windows this tool opened)',
      howToEnd: 'oauth-token site24x7 maintenance end --maintenance-id ID',
      reuseToken:
        'mint one and reuse it while it lasts: export OAUTH_ACCESS_TOKEN="$(oauth-token token --token-only ...)", and the site24x7 commands mint none',
    },
    log: {
      debug: (m) => (debug ? say('debug: ')(m) : undefined),
      info: say(''),
      notice: say('note: '),
      warning: say('warning: '),
    },
    setSecret: (v) => void secrets.add(v),
    outputName: (key) => `the ${key.replace(/-/g, '_')} field of --json --show-token`,
    setOutput: (key, value, o) => void outputs.set(key, { value, secret: o?.secret ?? false }),
    exportVariable: () => undefined,
    saveState: (k, v) => void state.set(k, v),
    getState: (k) => state.get(k) ?? '',
    writeSummary: async () => undefined,
    fail(m, kind) {
      platform.failed = secrets.clean(m);
      platform.failedKind = kind;
    },
    requestIdToken: () =>
      Promise.reject(
        new StepError(
          'input',
          "Federated authentication uses the CI platform's own OIDC token: it works in GitHub Actions and Azure Pipelines, not on a workstation.",
        ),
      ),
    transport: () => ({
      agentFor: (url) => envProxyAgent(url, (v) => void secrets.add(v)),
    }),
    // Who opened a window from where, as a person reads it in the Site24x7 console:
    // "Deployment: alice@build-01" (USERNAME on Windows).
    runInfo: () => {
      const user = env.USER || env.USERNAME;
      return { source: user ? `${user}@${hostname()}` : hostname() };
    },
    redact: (text) => secrets.redact(text),
    clean: (text) => secrets.clean(text),
  };
  return platform;
}
