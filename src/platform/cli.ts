/**
 * The command-line adapter: the same steps, run on a workstation. Inputs come from flags (and
 * `OAUTH_<NAME>` environment variables); secrets only from the environment or stdin, never from
 * arguments (process lists and shell history keep those). Logs go to stderr, results to stdout,
 * with every registered secret replaced by `***`.
 */
import { readFileSync } from 'node:fs';
import type { ErrorKind } from '../core/errors.js';
import { runnerSafe } from '../core/text.js';
import { envProxyAgent } from './proxy-env.js';
import { SecretRegistry } from './secrets.js';
import type { Platform } from './types.js';

/** Inputs that hold secrets, and the environment variable each is read from. */
export const SECRET_ENV: Record<string, string> = {
  'client-secret': 'OAUTH_CLIENT_SECRET',
  'refresh-token': 'OAUTH_REFRESH_TOKEN',
  'access-token': 'OAUTH_ACCESS_TOKEN',
  'share-key': 'OAUTH_SHARE_KEY',
};

export const envName = (key: string) =>
  SECRET_ENV[key] ?? `OAUTH_${key.replace(/-/g, '_').toUpperCase()}`;

export interface CliPlatform extends Platform {
  readonly outputs: Map<string, { value: string; secret: boolean }>;
  failed: string | undefined;
  failedKind: ErrorKind | undefined;
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
    failed: undefined,
    failedKind: undefined,
    get(key) {
      if (key in SECRET_ENV) return stdinSecrets[key] ?? env[SECRET_ENV[key]!] ?? '';
      return flags[key] ?? env[envName(key)] ?? '';
    },
    label: (key) => (key in SECRET_ENV ? `${key} (${SECRET_ENV[key]})` : `--${key}`),
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
    transport: () => ({
      agentFor: (url) => envProxyAgent(url, (v) => void secrets.add(v)),
    }),
    runInfo: () => ({ source: env.USER ? `${env.USER} (command line)` : 'command line' }),
    redact: (text) => secrets.redact(text),
    clean: (text) => secrets.clean(text),
  };
  return platform;
}

/** Where the command line reads and writes. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
  stdin(): string;
}

/**
 * The process's own streams. Every line passes `runnerSafe()` (the command line also runs in
 * pipelines, and terminals honour escape sequences); secrets are replaced before that, by the
 * platform's writer, except where the user asked to see the token (--show-token).
 */
export function processIo(): Io {
  return {
    out: (l) => process.stdout.write(`${runnerSafe(l)}\n`),
    err: (l) => process.stderr.write(`${runnerSafe(l)}\n`),
    env: process.env,
    stdin: () => readFileSync(0, 'utf8'),
  };
}
