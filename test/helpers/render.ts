/**
 * What a person sees in the GitHub Actions log for a step's stdout: masks applied, workflow
 * commands rendered, mask and debug lines hidden. Used by the demo and snapshot tests.
 */
import { unescapeCommand } from './github.js';

export function renderRunnerLog(stdout: string, debug = false): string {
  const masks: string[] = [];
  const out: string[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(line);
    if (m?.[1] === 'add-mask') {
      masks.push(unescapeCommand(m[2]!));
      continue;
    }
    let text = line;
    if (m) {
      const [, cmd, value] = m;
      const v = unescapeCommand(value!);
      if (cmd === 'debug') {
        if (!debug) continue;
        text = `##[debug]${v}`;
      } else if (cmd === 'error' || cmd === 'warning' || cmd === 'notice') {
        text = `${cmd[0]!.toUpperCase()}${cmd.slice(1)}: ${v}`;
      } else {
        text = v;
      }
    }
    for (const mask of [...masks].sort((a, b) => b.length - a.length))
      text = text.split(mask).join('***');
    out.push(text);
  }
  return out.join('\n').replace(/\n+$/, '');
}
