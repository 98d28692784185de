/**
 * Runs a built task bundle the way the Azure Pipelines agent does: inputs as INPUT_* (task.json
 * defaults filled in), a service connection as ENDPOINT_* variables, secret variables as
 * SECRET_*, task variables for the post-job step as VSTS_TASKVARIABLE_*. Parses the ##vso
 * logging commands it prints.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseEnv, ROOT } from './github.js';
import { agentCommandProblems, type AgentOs } from './runner-model.js';

export interface VsoCommand {
  area: string;
  props: Record<string, string>;
  value: string;
  line: number;
}

export interface Connection {
  id: string;
  scheme: 'Token' | 'UsernamePassword' | 'Certificate' | 'None';
  params: Record<string, string>;
  data: Record<string, string>;
  url?: string;
}

export interface AzureRun {
  code: number | null;
  stdout: string;
  stderr: string;
  commands: VsoCommand[];
  /** Output variables set with isOutput=true, by name. */
  outputs: Record<string, { value: string; secret: boolean }>;
  /** Task variables (state for the post-job step). */
  taskVariables: Record<string, string>;
  /** The result of task.complete, if any ('Failed', 'Succeeded' ...) and its message. */
  result?: { result: string; message: string };
  secretsRegistered: string[];
  /** What an agent on Linux, macOS or Windows would fail the step for (runner-model.ts). */
  agentProblems: Record<AgentOs, string[]>;
  dir: string;
  files: Record<string, string>;
}

export interface AzureRunOptions {
  connection?: Connection;
  /** More connections, by the task input that names them (pagerdutyConnection). */
  connections?: Record<string, Connection>;
  /** Secret pipeline variables (SECRET_<NAME>). */
  secretVariables?: Record<string, string>;
  /** Plain agent variables (name as the agent gives it, e.g. AGENT_PROXYURL). */
  variables?: Record<string, string>;
  taskVariables?: Record<string, string>;
  node?: string;
  /** Send `signal` once `at` resolves (a peer has the request the step waits on: arrival.ts). */
  signalAt?: import('./arrival.js').SignalAt;
  /** A test that looks at agent problems itself: do not fail the run on them. */
  allowAgentProblems?: boolean;
  /** Run on Node for Windows under Wine (test/helpers/windows.ts), with Windows paths. */
  windows?: boolean;
}

const unescape = (s: string) =>
  s
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%5D/g, ']')
    .replace(/%3B/g, ';')
    .replace(/%AZP25/g, '%');

export function parseVso(stdout: string): VsoCommand[] {
  const out: VsoCommand[] = [];
  // The agent reads lines ending in LF or CRLF (a Windows bundle writes CRLF).
  stdout.split(/\r?\n/).forEach((line, i) => {
    const m = /##vso\[([a-z.]+)([^\]]*)\](.*)$/.exec(line);
    if (!m) return;
    const props: Record<string, string> = {};
    for (const kv of m[2]!.trim().split(';')) {
      const eq = kv.indexOf('=');
      if (eq > 0) props[kv.slice(0, eq).trim()] = unescape(kv.slice(eq + 1));
    }
    out.push({ area: m[1]!, props, value: unescape(m[3]!), line: i });
  });
  return out;
}

const defaults = new Map<string, Record<string, string>>();

/** The task's input defaults, as the agent passes them (read once per suite). */
export function taskDefaults(task: string): Record<string, string> {
  let out = defaults.get(task);
  if (!out) {
    const doc = JSON.parse(readFileSync(join(ROOT, 'task', task, 'task.json'), 'utf8')) as {
      inputs: Array<{ name: string; defaultValue?: string }>;
    };
    out = Object.fromEntries(doc.inputs.map((i) => [i.name, i.defaultValue ?? '']));
    defaults.set(task, out);
  }
  return { ...out };
}

/**
 * What the agent gives a task: a temporary folder (its Agent.TempDirectory) and the
 * environment (agent and build variables, INPUT_* with task.json's defaults, connections as
 * ENDPOINT_*, secret and task variables).
 */
export function prepareAzureRun(
  task: string,
  inputs: Record<string, string>,
  opts: AzureRunOptions = {},
): { dir: string; env: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'azp-run-'));
  const env: Record<string, string> = {
    ...baseEnv(),
    AGENT_VERSION: '4.260.0',
    AGENT_TEMPDIRECTORY: dir,
    AGENT_WORKFOLDER: dir,
    SYSTEM_COLLECTIONURI: 'https://dev.azure.com/acme/',
    SYSTEM_TEAMPROJECT: 'Shop',
    SYSTEM_COLLECTIONID: '6f1c2a53-1d35-4d4e-9c38-0e3b8d3c9a11',
    SYSTEM_TEAMPROJECTID: '2b8e5f0c-7a4d-4f6e-8a8b-5d9c1e2f3a44',
    BUILD_BUILDID: '981',
    BUILD_BUILDNUMBER: '20261122.3',
    BUILD_DEFINITIONNAME: 'shop-release',
    BUILD_SOURCEVERSION: '0123456789abcdef0123456789abcdef01234567',
    TF_BUILD: 'True',
  };
  const all = { ...taskDefaults(task), ...inputs };
  if (opts.connection) all.connection = opts.connection.id;
  for (const [input, c] of Object.entries(opts.connections ?? {})) all[input] = c.id;
  for (const [k, v] of Object.entries(all)) env[`INPUT_${k.toUpperCase()}`] = v;
  for (const c of [opts.connection, ...Object.values(opts.connections ?? {})]) {
    if (!c) continue;
    env[`ENDPOINT_URL_${c.id}`] = c.url ?? 'https://oauth-token-action.invalid/';
    env[`ENDPOINT_AUTH_${c.id}`] = JSON.stringify({ parameters: c.params, scheme: c.scheme });
    env[`ENDPOINT_AUTH_SCHEME_${c.id}`] = c.scheme;
    for (const [k, v] of Object.entries(c.params))
      env[`ENDPOINT_AUTH_PARAMETER_${c.id}_${k.toUpperCase()}`] = v;
    for (const [k, v] of Object.entries(c.data))
      env[`ENDPOINT_DATA_${c.id}_${k.toUpperCase()}`] = v;
  }
  for (const [k, v] of Object.entries(opts.secretVariables ?? {}))
    env[`SECRET_${k.toUpperCase()}`] = v;
  for (const [k, v] of Object.entries(opts.taskVariables ?? {}))
    env[`VSTS_TASKVARIABLE_${k.toUpperCase()}`] = v;
  Object.assign(env, opts.variables ?? {});
  return { dir, env };
}

export async function runAzure(
  task: string,
  bundle: 'main' | 'post',
  inputs: Record<string, string>,
  opts: AzureRunOptions = {},
): Promise<AzureRun> {
  const { dir, env } = prepareAzureRun(task, inputs, opts);
  let code: number | null;
  let stdout = '';
  let stderr = '';
  if (opts.windows) {
    const { runOnWindows } = await import('./windows.js');
    ({ code, stdout, stderr } = await runOnWindows(
      join('task', task, bundle, 'index.js'),
      env,
      dir,
    ));
  } else {
    const child = spawn(
      opts.node ?? process.env.BUNDLE_NODE ?? process.execPath,
      [join(ROOT, 'task', task, bundle, 'index.js')],
      { env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    void opts.signalAt?.at.then(() => child.kill(opts.signalAt!.signal));
    code = await new Promise<number | null>((r) => child.on('close', r));
  }
  return finishAzure(dir, code, stdout, stderr, opts);
}

/** A run's result as the agent sees it: its logging commands, outputs, result and files. */
export function finishAzure(
  dir: string,
  code: number | null,
  stdout: string,
  stderr: string,
  opts: Pick<AzureRunOptions, 'allowAgentProblems'> = {},
): AzureRun {
  const commands = parseVso(stdout);
  const outputs: AzureRun['outputs'] = {};
  const taskVariables: Record<string, string> = {};
  let result: AzureRun['result'];
  for (const cmd of commands) {
    if (cmd.area === 'task.setvariable' && cmd.props.isOutput === 'true') {
      outputs[cmd.props.variable!] = { value: cmd.value, secret: cmd.props.issecret === 'true' };
    }
    if (cmd.area === 'task.settaskvariable') taskVariables[cmd.props.variable!] = cmd.value;
    if (cmd.area === 'task.complete') result = { result: cmd.props.result!, message: cmd.value };
  }
  const files: Record<string, string> = {};
  for (const f of readdirSync(dir)) {
    try {
      files[f] = readFileSync(join(dir, f), 'utf8');
    } catch {
      /* a folder */
    }
  }
  const agentProblems = {
    linux: agentCommandProblems(commands, 'linux'),
    macos: agentCommandProblems(commands, 'macos'),
    windows: agentCommandProblems(commands, 'windows'),
  };
  // Every spawned run is held to every agent OS's rules, not only this machine's.
  const problems = Object.values(agentProblems).flat();
  if (problems.length && !opts.allowAgentProblems)
    throw new Error(`An Azure Pipelines agent would fail this step: ${problems.join('; ')}`);
  return {
    code,
    stdout,
    stderr,
    agentProblems,
    commands,
    outputs,
    taskVariables,
    result,
    secretsRegistered: commands.filter((c) => c.area === 'task.setsecret').map((c) => c.value),
    dir,
    files,
  };
}

/** Lines the agent reads as commands that carry a secret value by design. */
export const isSecretCommandLine = (line: string) =>
  /##vso\[task\.setsecret\]/.test(line) ||
  /##vso\[task\.setvariable [^\]]*issecret=true/.test(line) ||
  /##vso\[task\.settaskvariable [^\]]*issecret=true/.test(line);

/** A Site24x7 service connection (Refresh token scheme) for a Site24x7 peer. */
export function site24x7Connection(peer: {
  client: { id: string; secret: string; refreshToken: string };
  tokenUrl: string;
  apiUrl: string;
}): Connection {
  return {
    id: 'c0ffee00-1111-2222-3333-444455556666',
    scheme: 'Token',
    params: {
      clientid: peer.client.id,
      clientsecret: peer.client.secret,
      refreshtoken: peer.client.refreshToken,
    },
    data: { provider: 'site24x7', region: 'eu', tokenUrl: peer.tokenUrl, apiUrl: peer.apiUrl },
  };
}
