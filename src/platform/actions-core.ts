/**
 * The parts of `@actions/core` a step uses, taken from its own modules rather than its index.
 * The index (`core.js`) statically imports the OIDC client, which imports
 * `@actions/http-client` and through it `undici`, plus `@actions/exec`: loading them costs
 * most of a token run (see BENCHMARKS.md) and no step here asks for an OIDC token. The
 * command escaping, the file-command format and the summary writer stay the library's own;
 * the wrappers below are the index's, a few lines each, with the same behaviour.
 *
 * The package's `exports` map offers only its index, so the modules are reached by path.
 * test/platform/bundles.test.ts checks that the bundles still behave as the runner expects and
 * that undici stays out of what every run loads.
 */
import { EOL } from 'node:os';
import {
  issueCommand,
  type CommandProperties,
} from '../../node_modules/@actions/core/lib/command.js';
import {
  issueFileCommand,
  prepareKeyValueMessage,
} from '../../node_modules/@actions/core/lib/file-command.js';
import { toCommandValue } from '../../node_modules/@actions/core/lib/utils.js';

export { summary } from '../../node_modules/@actions/core/lib/summary.js';

const env = (name: string) => process.env[name] || '';

export function getInput(name: string): string {
  return env(`INPUT_${name.replace(/ /g, '_').toUpperCase()}`);
}

export function setSecret(secret: string): void {
  issueCommand('add-mask', {}, secret);
}

/** A file command when the runner gives the file; the deprecated stdout command otherwise. */
function fileOrCommand(file: string, command: string, legacy: string, name: string, value: string) {
  if (env(file)) return issueFileCommand(command, prepareKeyValueMessage(name, value));
  if (legacy === 'set-output') process.stdout.write(EOL);
  issueCommand(legacy, { name }, toCommandValue(value));
}

export function setOutput(name: string, value: string): void {
  fileOrCommand('GITHUB_OUTPUT', 'OUTPUT', 'set-output', name, value);
}

export function exportVariable(name: string, value: string): void {
  process.env[name] = value;
  fileOrCommand('GITHUB_ENV', 'ENV', 'set-env', name, value);
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
