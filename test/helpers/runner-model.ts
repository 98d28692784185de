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
