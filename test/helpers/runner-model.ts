/**
 * What each runner would act on in a step's output, modelled on the runners' own parsers:
 * - GitHub (actions/runner, ActionCommand.TryParseV2): each line, after TrimStart(), that
 *   starts with `::`;
 * - Azure Pipelines (azure-pipelines-agent, Command.TryParse): the first `##vso[` anywhere in
 *   a line.
 * Both compare with culture-aware .NET string functions, which skip default-ignorable
 * characters (zero-width spaces, joiners, bidi controls...): the model removes them first, so
 * `:\u200B:warning::` counts as a command, as it would on a runner. Lines split at CR, LF and
 * CRLF (StreamReader.ReadLine).
 */
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;
// .NET Char.IsWhiteSpace, which TrimStart() removes.
const DOTNET_SPACE = /^[\s\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u;

export interface SeenCommand {
  name: string;
  /** The raw line starts with the marker itself, as a command the adapter issued does. */
  ours: boolean;
  line: string;
}

const lines = (stdout: string) => stdout.split(/\r\n|\r|\n/);

export function githubCommands(stdout: string): SeenCommand[] {
  const out: SeenCommand[] = [];
  for (const line of lines(stdout)) {
    const seen = line.replace(IGNORABLE, '').replace(DOTNET_SPACE, '');
    if (!seen.startsWith('::')) continue;
    const name = /^::([^\s:]*)/.exec(seen)![1]!;
    out.push({ name, ours: line.startsWith(`::${name}`), line });
  }
  return out;
}

export function azureCommands(stdout: string): SeenCommand[] {
  const out: SeenCommand[] = [];
  for (const line of lines(stdout)) {
    const seen = line.replace(IGNORABLE, '');
    const i = seen.indexOf('##vso[');
    if (i < 0) continue;
    const name = /^##vso\[([^\s\]]*)/.exec(seen.slice(i))![1]!;
    out.push({ name, ours: line.startsWith(`##vso[${name}`), line });
  }
  return out;
}

/** Commands a runner would see that the adapter did not issue: must always be empty. */
export function injected(platform: 'github' | 'azure', stdout: string): string[] {
  const seen = platform === 'github' ? githubCommands(stdout) : azureCommands(stdout);
  return seen.filter((c) => !c.ours).map((c) => c.line);
}

/**
 * What the Azure Pipelines agent refuses per OS, from its source (microsoft/azure-pipelines-
 * agent, src/Agent.Worker/TaskCommandExtension.cs): `task.addattachment` (and `task.
 * uploadsummary`, the same command) throws when the name holds a character of
 * Path.GetInvalidFileNameChars(), and the command failure fails the step (WorkerCommandManager,
 * StepsRunner). On Windows that set is `" < > | : * ? \ /` and the control characters; on
 * Linux and macOS only NUL and `/`.
 */
/* eslint-disable no-control-regex -- the agent's rule is about control characters */
export const INVALID_FILE_NAME = {
  windows: /["<>|:*?\\/\u0000-\u001f]/,
  linux: /[\u0000/]/,
  macos: /[\u0000/]/,
} as const;
/* eslint-enable no-control-regex */

export type AgentOs = keyof typeof INVALID_FILE_NAME;

/** The commands an agent on `os` would fail the step for, with why. */
export function agentCommandProblems(
  commands: Array<{ area: string; props: Record<string, string> }>,
  os: AgentOs,
): string[] {
  return commands
    .filter((c) => c.area === 'task.addattachment' || c.area === 'task.uploadsummary')
    .filter((c) => INVALID_FILE_NAME[os].test(c.props.name ?? ''))
    .map((c) => `${c.area} name '${c.props.name}' is not a valid file name on ${os}`);
}
