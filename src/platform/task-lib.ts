/**
 * The parts of azure-pipelines-task-lib a task uses, built on its `internal` module (vault,
 * variables, logging commands) rather than `task.js`. `task.js` also loads the tool runner, its
 * promise library and the external-output helpers at the top level: about 14 ms per run that
 * no step here uses (see BENCHMARKS.md). The commands are written by task-lib's own command
 * formatter, and the vault is loaded exactly as `task.js` loads it; the wrappers below follow
 * `task.js` where they overlap, with one deliberate difference: `setSecret` registers each line
 * of a multi-line value (a PEM key) where `task.js` refuses it, because a value the step must
 * mask is never better left unmasked. Secret variables with line breaks are refused before
 * they get here (see src/core/oauth/response.ts).
 */
import * as internal from 'azure-pipelines-task-lib/internal.js';
import { isLoopbackHost } from '../core/url-policy.js';

/**
 * task-lib's exports object itself, not a copy of its names: _loadData() replaces im._vault and
 * im._knownVariableMap, and a copy taken before that would keep the old ones. In the CommonJS
 * bundles ncc builds, the namespace is that object (the module is marked __esModule); loaded as
 * an ES module (the tests in process), the namespace is a copy and its `default` the object.
 */
const im: typeof internal =
  (internal as typeof internal & { default?: typeof internal }).default ?? internal;

/**
 * Load the agent's data as task.js does when it is imported: inputs, connections' auth
 * parameters, secret and task variables go into task-lib's vault and out of the environment.
 * The adapter calls it when it is made, after taking its own copy of the environment
 * (azure-env.ts), and before any other call here. The flag is task.js's own, so that a task.js
 * loaded later in the process does not load again (which would replace the vault's key).
 */
export function loadAgentData(): void {
  im._loadData();
  (globalThis as Record<string, unknown>)._vsts_task_lib_loaded = true;
}

export const debug = (message: string) => im._debug(message);
export const warning = (message: string) => im._warning(message, im.IssueSource.TaskInternal);
export const error = (message: string) => im._error(message, im.IssueSource.TaskInternal);
export const getVariable = (name: string) => im._getVariable(name);

/** Register a value for masking; each line of a multi-line value on its own. */
export function setSecret(value: string): void {
  for (const line of value.split(/\r?\n/)) if (line) im._command('task.setsecret', {}, line);
}

export function setVariable(name: string, value: string, secret: boolean, isOutput: boolean) {
  const key = im._getVariableKey(name);
  const known = im._knownVariableMap[key];
  const isSecret = secret || Boolean(known?.secret);
  debug(`set ${name}=${isSecret && value ? '********' : value}`);
  if (isSecret) {
    im._vault.storeSecret(`SECRET_${key}`, value);
    delete process.env[key];
  } else {
    process.env[key] = value;
  }
  im._knownVariableMap[key] = { name, secret: isSecret };
  im._command(
    'task.setvariable',
    { variable: name, isOutput: String(isOutput), issecret: String(isSecret) },
    value,
  );
}

/** State for the post-job step (agent 2.115.0 or later; task.json asks for 3.250.0). */
export function setTaskVariable(name: string, value: string, secret: boolean): void {
  debug(`set task variable: ${name}=${secret && value ? '********' : value}`);
  im._vault.storeSecret(`VSTS_TASKVARIABLE_${im._getVariableKey(name)}`, value);
  im._command('task.settaskvariable', { variable: name, issecret: String(secret) }, value);
}

export function setFailed(message: string): void {
  debug('task result: Failed');
  error(message);
  im._command('task.complete', { result: 'Failed' }, message);
}

/** Put a folder first on PATH for later tasks (task.js prependPath; the agent updates PATH). */
export function prependPath(path: string): void {
  im._command('task.prependpath', null, path);
}

/** A job summary with a readable title (task.js addAttachment, as Microsoft's own tasks do). */
export function addSummary(name: string, path: string): void {
  im._command('task.addattachment', { type: 'Distributedtask.Core.Summary', name }, path);
}

export function getEndpointAuthorizationScheme(id: string): string {
  const scheme = im._vault.retrieveSecret(`ENDPOINT_AUTH_SCHEME_${id}`) ?? '';
  debug(`${id} auth scheme = ${scheme}`);
  return scheme;
}

export function getEndpointDataParameter(id: string, key: string): string {
  const value = process.env[`ENDPOINT_DATA_${id}_${key.toUpperCase()}`];
  debug(`${id} data ${key} = ${value}`);
  return value ?? '';
}

export interface AgentProxy {
  url: string;
  username?: string;
}

/**
 * The agent's proxy for a URL, unless the bypass list matches it (task-lib's rule) or the URL
 * is on loopback (a local server is never reached through a proxy, and an http:// one would
 * hand the proxy the secrets in clear text).
 */
export function agentProxyFor(requestUrl: string): AgentProxy | undefined {
  const url = getVariable('Agent.ProxyUrl');
  if (!url) return undefined;
  // The same loopback rule that lets http:// through (url-policy.ts): 127.0.0.0/8, localhost, ::1.
  if (isLoopbackHost(new URL(requestUrl).hostname)) return undefined;
  let bypass: string[];
  try {
    bypass = JSON.parse(getVariable('Agent.ProxyBypassList') || '[]') as string[];
  } catch {
    bypass = [];
  }
  if (bypass.some((b) => new RegExp(b, 'i').test(requestUrl))) return undefined;
  return { url, username: getVariable('Agent.ProxyUsername') || undefined };
}
