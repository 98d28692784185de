/**
 * The parts of `@actions/core` a step uses, taken from its own modules rather than its index.
 * The index (`core.js`) statically imports the OIDC client, which imports
 * `@actions/http-client` and through it `undici`, plus `@actions/exec`: loading them costs
 * most of a token run (see BENCHMARKS.md) and no step here asks for an OIDC token. The
 * command escaping and the summary writer stay the library's own; the wrappers below are the
 * index's, a few lines each, with the same behaviour.
 *
 * Two pieces are written here rather than taken from the library, for what they load:
 * - the summary writer (`summary.js`) reads `fs.promises` when it loads, so it is imported
 *   only when a step writes a summary (github.ts);
 * - the file-command writer (`file-command.js`) loads `node:crypto` for its delimiter
 *   (`ghadelimiter_<randomUUID>`), ~2 ms of every run that nothing else on a mint's path needs.
 *   `keyValueMessage` below writes the same format with a delimiter from Math.random and keeps
 *   the library's refusal of a name or value that contains it: the delimiter's only job is
 *   not to occur in the value, and a value that held it fails the step instead of ending the
 *   entry early, so a guessed delimiter can stop a step but never inject a line.
 *
 * The package's `exports` map offers only its index, so the modules are reached by path.
 * test/platform/bundles.test.ts checks that the bundles still behave as the runner expects and
 * that undici, node:crypto and fs.promises stay out of what a plain mint loads.
 */
import { appendFileSync, existsSync } from 'node:fs';
import { EOL } from 'node:os';
import { delimiter } from 'node:path';
import {
  issueCommand,
  type CommandProperties,
} from '../../node_modules/@actions/core/lib/command.js';
import { toCommandValue } from '../../node_modules/@actions/core/lib/utils.js';

const env = (name: string) => process.env[name] || '';

export function getInput(name: string): string {
  return env(`INPUT_${name.replace(/ /g, '_').toUpperCase()}`);
}

export function setSecret(secret: string): void {
  issueCommand('add-mask', {}, secret);
}

/** A file command when the runner gives the file; the deprecated stdout command otherwise. */
function fileOrCommand(file: string, command: string, legacy: string, name: string, value: string) {
  if (env(file)) return appendFileCommand(file, keyValueMessage(name, toCommandValue(value)));
  if (legacy === 'set-output') process.stdout.write(EOL);
  issueCommand(legacy, { name }, toCommandValue(value));
}

/** The library's summary writer, loaded when asked for (it reads fs.promises when it loads). */
export const loadSummary = async () =>
  (await import('../../node_modules/@actions/core/lib/summary.js')).summary;

/** The library's prepareKeyValueMessage, with the delimiter described at the top. */
export function keyValueMessage(key: string, value: string): string {
  // UUID-shaped, as the library's: 8-4-4-4-12 hexadecimal digits.
  const hex = (n: number) =>
    Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join('');
  const delimiter = `ghadelimiter_${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;
  if (key.includes(delimiter)) {
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
  }
  if (value.includes(delimiter)) {
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
  }
  return `${key}<<${delimiter}${EOL}${value}${EOL}${delimiter}`;
}

export function setOutput(name: string, value: string): void {
  fileOrCommand('GITHUB_OUTPUT', 'OUTPUT', 'set-output', name, value);
}

export function exportVariable(name: string, value: string): void {
  process.env[name] = value;
  fileOrCommand('GITHUB_ENV', 'ENV', 'set-env', name, value);
}

/** The library's addPath: first on PATH for later steps (GITHUB_PATH), and for this process. */
export function addPath(dir: string): void {
  fileOrPath(dir);
  process.env.PATH = `${dir}${delimiter}${process.env.PATH ?? ''}`;
}

function fileOrPath(dir: string): void {
  if (!env('GITHUB_PATH')) return issueCommand('add-path', {}, dir);
  appendFileCommand('GITHUB_PATH', toCommandValue(dir));
}

/** The library's issueFileCommand: the runner creates the file; a missing one is an error. */
function appendFileCommand(file: string, line: string): void {
  const path = env(file);
  if (!existsSync(path)) throw new Error(`Missing file at path: ${path}`);
  appendFileSync(path, `${line}${EOL}`, 'utf8');
}

export function saveState(name: string, value: string): void {
  fileOrCommand('GITHUB_STATE', 'STATE', 'save-state', name, value);
}

export function getState(name: string): string {
  return env(`STATE_${name}`);
}

const annotation =
  (kind: string) =>
  (message: string, props: CommandProperties = {}) =>
    issueCommand(kind, props, message);

export const debug = (message: string) => issueCommand('debug', {}, message);
export const notice = annotation('notice');
export const warning = annotation('warning');
export const error = annotation('error');

export function info(message: string): void {
  process.stdout.write(message + EOL);
}

export function setFailed(message: string): void {
  process.exitCode = 1;
  error(message);
}
