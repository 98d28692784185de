/**
 * The streams of the job token command (oauth-token-job): standard output carries the token and
 * nothing else, so a script can take it with `TOKEN=$(oauth-token-job)`; every other write, the
 * adapters' included (masks first, log lines, errors), goes to standard error. Both runners
 * read their commands (::add-mask::, ##vso[task.setsecret]) from a script's standard error as
 * well as its output.
 */
import { oneLine, runnerSafe } from '../core/text.js';

export interface JobStreams {
  /** One line on standard output: the token in the asked form. */
  print(line: string): void;
  /**
   * A failure before the adapter is loaded, on standard error, on one line: only our own words
   * and the paths the caller gave.
   */
  say(message: string): void;
}

export function splitJobStreams(): JobStreams {
  const out = process.stdout.write.bind(process.stdout);
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  return {
    print: (line) => void out(`${line}\n`),
    // The paths come from the caller's environment: data, defused like every log line.
    say: (message) =>
      void process.stderr.write(`${runnerSafe(`oauth-token-job: ${oneLine(message)}`)}\n`),
  };
}
