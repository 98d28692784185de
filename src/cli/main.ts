/**
 * `oauth-token`: the pipeline steps on a workstation, for trying credentials before they go into
 * a pipeline, finding monitor IDs, rehearsing a maintenance window, and finding out why a
 * provider refuses. Exit codes: 0 success, 1 the provider or the network failed (or a health gate
 * did not pass), 2 bad usage or input (nothing was sent), 130 interrupted (Ctrl-C), and for
 * `maintenance run` the wrapped command's status. One module per command beside this one.
 */
import { runnerSafe, t } from '../core/text.js';
import { StepError } from '../core/errors.js';
import type { Runtime } from '../core/runtime.js';
import { SECRET_ENV } from '../core/secret-inputs.js';
import { type CliPlatform, cliPlatform } from '../platform/cli.js';
import { type Io, processIo } from './io.js';
import { runStep } from '../steps/run.js';
import { cacheCommand, useTokenCache } from './cache.js';
import { HELP, helpPage, unknownCommand } from './help.js';
import { SWITCHES, unknownOption } from './options.js';
import { VERSION } from './version.js';
import { token } from './token.js';

export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/** The secrets each command may need, in the order --stdin asks for them on a terminal. */
const PROMPTS: Record<string, string[]> = {
  // (A private key is not typed at a prompt: OAUTH_CLIENT_ASSERTION_KEY, or a JWK line on stdin.)
  token: ['client-secret', 'refresh-token'],
  doctor: ['client-secret', 'refresh-token'],
  site24x7: ['access-token', 'client-secret', 'refresh-token'],
  zoho: ['client-secret', 'grant-code'],
  envelope: ['share-key'],
};

interface Parsed {
  words: string[];
  flags: Record<string, string>;
  /** Options given without the value they need (reported after unknown options). */
  missing: string[];
  /** What follows `--`: the command `maintenance run` wraps. */
  rest: string[];
}

export function parseArgs(argv: string[]): Parsed {
  const words: string[] = [];
  const flags: Record<string, string> = {};
  const missing: string[] = [];
  let rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      rest = argv.slice(i + 1);
      break;
    }
    if (a === '-h') {
      flags.help = 'true';
    } else if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const key = (eq > 0 ? a.slice(2, eq) : a.slice(2)).toLowerCase();
      if (eq > 0) flags[key] = a.slice(eq + 1);
      else if (SWITCHES.has(key)) flags[key] = 'true';
      // A value never starts with `--`: `--duration --dry-run` is a missing value, not a value.
      else if (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) flags[key] = argv[++i]!;
      else {
        flags[key] = '';
        missing.push(key);
      }
    } else {
      words.push(a);
    }
  }
  return { words, flags, missing, rest };
}

/** Bad usage found before any step runs (arguments, stdin). */
class UsageError extends Error {}

function readStdinSecrets(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const eq = line.indexOf('=');
    // Never quoted: a line without its name may be a secret pasted alone.
    if (eq <= 0)
      throw new UsageError(
        t`--stdin: line ${i + 1} is not name=value (it is not shown, as it may be a secret): give one secret per line, as client-secret=... or refresh-token=...`,
      );
    const key = line.slice(0, eq).trim().toLowerCase();
    if (!(key in SECRET_ENV))
      throw new UsageError(
        t`--stdin: unknown name '${key}' (use ${Object.keys(SECRET_ENV).join(', ')}).`,
      );
    out[key] = line.slice(eq + 1);
  }
  return out;
}

/** What the command line takes from the outside besides its streams (tests inject these). */
export interface Deps {
  /** The accounts servers the doctor asks, by Zoho region (default: Zoho's own). */
  zohoHosts?: Readonly<Record<string, string>>;
}

export async function main(argv: string[], io: Io, deps: Deps = {}): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parseArgs(argv);
  } catch (e) {
    io.err((e as Error).message);
    return EXIT.usage;
  }
  const { words, flags } = parsed;
  const json = flags.json === 'true';
  const command = words[0] ?? '';
  /** Bad usage: said on stderr, and with --json also as the one object on stdout. */
  const usage = (message: string): number => {
    io.err(message);
    if (json) printReply(io, { ok: false, error: { kind: 'usage', message } }, (v) => v);
    return EXIT.usage;
  };
  if (flags.version) {
    if (json) printReply(io, { ok: true, version: VERSION }, (v) => v);
    else io.out(`oauth-token ${VERSION}`);
    return EXIT.ok;
  }
  if (flags.help) {
    io.out(helpPage(words));
    return EXIT.ok;
  }
  if (!command) {
    io.err(HELP['']!);
    return EXIT.usage;
  }
  const wrong = unknownCommand(words);
  if (wrong) return usage(wrong);
  const unknown = unknownOption(words, flags);
  if (unknown) return usage(unknown);
  if (parsed.missing.length) return usage(t`Option --${parsed.missing[0]} needs a value.`);
  for (const key of Object.keys(SECRET_ENV)) {
    if (key in flags) {
      return usage(
        `Do not pass --${key} as an argument: process lists and shell history keep arguments. Set ${SECRET_ENV[key]} in the environment, or use --stdin.`,
      );
    }
  }
  let stdinSecrets: Record<string, string> = {};
  if (flags.stdin && io.isTTY && io.prompt) {
    // On a terminal, ask for each secret the command may need; nothing typed is echoed.
    for (const key of PROMPTS[command] ?? []) {
      const v = await io.prompt(`${key} (${SECRET_ENV[key]}; hidden, empty to skip): `);
      if (v === undefined) return EXIT.interrupted;
      if (v) stdinSecrets[key] = v;
    }
  } else {
    try {
      if (flags.stdin) stdinSecrets = readStdinSecrets(io.stdin());
    } catch (e) {
      return usage((e as Error).message);
    }
  }
  const p = cliPlatform(flags, stdinSecrets, io.env, io.err);
  // From here on every line goes through the platform's writer: secrets replaced, runner
  // commands and terminal escapes defused. Only --show-token prints the token, on `io` itself.
  const safe: Io = { ...io, out: (l) => io.out(p.clean(l)), err: (l) => io.err(p.clean(l)) };
  const reply: Record<string, unknown> = {};
  const shown = new Set<string>();
  if (json) {
    safe.json = (fields, secret = []) => {
      Object.assign(reply, fields);
      for (const k of secret) shown.add(k);
    };
  }
  // The commands that mint for use (not the doctor, which tests the credentials) reuse a kept
  // token while it lasts: Zoho allows about 10 per refresh token per 10 minutes.
  await runStep(p, async (p, rt) => {
    if (command === 'token' || command === 'site24x7') useTokenCache(p, io.env, flags);
    const show = (l: string) => io.out(runnerSafe(l));
    if (command === 'token') return token(p, rt, safe, flags, show);
    if (command === 'cache') return cacheCommand(p, safe, words.slice(1));
    // The other commands' code is read when they are asked for, not at every start.
    if (command === 'doctor')
      return (await import('./doctor.js')).doctor(p, rt, safe, deps.zohoHosts);
    if (command === 'zoho') return zohoCommand(p, rt, safe, words.slice(1), flags, show);
    if (command === 'envelope') {
      const { envelope } = await import('./envelope.js');
      return envelope(p, safe, words.slice(1), flags, show, rt.now());
    }
    return (await import('./site24x7.js')).site24x7(
      p,
      rt,
      safe,
      words.slice(1),
      flags,
      parsed.rest,
    );
  });
  keepRotated(p, io, json ? reply : undefined, shown);
  const code =
    p.failed === undefined
      ? (p.exitCode ?? EXIT.ok)
      : (p.exitCode ??
        (p.failedKind === 'cancelled'
          ? EXIT.interrupted
          : p.failedKind === 'input'
            ? EXIT.usage
            : EXIT.failed));
  if (p.failed !== undefined) io.err(`error: ${p.failed}`);
  if (json) {
    const failed =
      p.failed === undefined ? {} : { error: { kind: p.failedKind, message: p.failed } };
    printReply(
      io,
      { ok: p.failed === undefined && code === EXIT.ok, ...reply, ...failed, exit_code: code },
      // Every string is redacted before it is escaped, so no JSON form of a secret survives;
      // only the fields the command was asked to show are printed as they are.
      (v, key) => (shown.has(key) ? v : p.redact(v)),
    );
  }
  return code;
}

/** The one JSON object of a --json run, on stdout: strings passed through `str` first. */
function printReply(
  io: Io,
  doc: Record<string, unknown>,
  str: (value: string, key: string) => string,
): void {
  const text = JSON.stringify(
    doc,
    (key, v: unknown) => (typeof v === 'string' ? str(v, key) : v),
    2,
  );
  io.out(runnerSafe(text));
}

/**
 * A server that rotated the refresh token has spent the stored one: its successor is a result
 * of the command, printed on stdout whatever else happened (a later failure included), unless
 * the command printed it already. Nothing else keeps it on a workstation. With --json it is
 * the refresh_token field of the one object.
 */
function keepRotated(
  p: CliPlatform,
  io: Io,
  reply: Record<string, unknown> | undefined,
  shown: Set<string>,
): void {
  const rotated = p.outputs.get('refresh-token')?.value;
  if (!rotated || p.shown.has('refresh-token')) return;
  const where = reply ? 'in the refresh_token field on stdout' : 'on stdout as refresh_token=...';
  io.err(
    `warning: the server rotated the refresh token: the one you passed may no longer work. The new one is printed ${where}; store it now, where OAUTH_REFRESH_TOKEN comes from.`,
  );
  if (reply) {
    reply.refresh_token = rotated;
    shown.add('refresh_token');
  } else io.out(runnerSafe(`refresh_token=${rotated}`));
}

async function zohoCommand(
  p: CliPlatform,
  rt: Runtime,
  io: Io,
  words: string[],
  flags: Record<string, string>,
  showSecret: (line: string) => void,
): Promise<void> {
  if (words[0] !== 'exchange-code') {
    throw new StepError(
      'input',
      'Usage: oauth-token zoho exchange-code [options] (see oauth-token zoho --help).',
    );
  }
  return (await import('./exchange.js')).zohoExchange(p, rt, io, flags, showSecret);
}

/** The bundled entry: run with the process's own streams. */
export async function run(): Promise<void> {
  process.exitCode = await main(process.argv.slice(2), processIo());
}
