/** `oauth-token site24x7 ...`: list IDs and names, and the maintenance step's operations. */
import { StepError } from '../core/errors.js';
import type { Runtime } from '../core/runtime.js';
import type { Site24x7Api } from '../core/site24x7/api.js';
import { parseApiConfig } from '../core/site24x7/api-config.js';
import { listGroups, listMonitors, listTags } from '../core/site24x7/select.js';
import { count } from '../core/text.js';
import type { CliPlatform } from '../platform/cli.js';
import type { Io } from './io.js';
import { endAtTerminal, listWindows, runInWindow } from './maintenance.js';
import { connect, MAINTENANCE_SECRET_INPUTS, maintenanceMain } from '../steps/maintenance.js';
import { maskSecretInputs } from '../steps/mask.js';

export async function site24x7(
  p: CliPlatform,
  rt: Runtime,
  io: Io,
  words: string[],
  flags: Record<string, string>,
  rest: string[] = [],
) {
  const [what, op] = words;
  if (what === 'maintenance') {
    if (op === 'list') return listWindows(p, rt, io, flags);
    if (!op || !['start', 'end', 'check', 'run'].includes(op)) {
      throw new StepError(
        'input',
        'Usage: oauth-token site24x7 maintenance start|end|check|list|run [options] (see --help).',
      );
    }
    // The outputs are the command's result, a failed gate's monitor states included: given
    // whatever happened (main.ts adds the error to the JSON object).
    try {
      if (op === 'run') await runInWindow(p, rt, io, flags, rest);
      else if (op === 'end') {
        flags.operation = 'end';
        await endAtTerminal(p, rt);
      } else {
        flags.operation = op;
        flags['end-on-exit'] = 'false'; // no post step here: end it with `maintenance end`
        await maintenanceMain(p, rt);
      }
    } finally {
      const outs = Object.fromEntries([...p.outputs].map(([k, v]) => [k, v.value]));
      if (io.json) io.json(jsonOutputs(outs));
      // run: its command's output is what the terminal shows; the window's id is logged.
      else if (op !== 'run')
        for (const [k, v] of Object.entries(outs)) io.out(`${k.padEnd(15)} ${v}`);
    }
    return;
  }
  // The same list calls the step makes to resolve names (select.ts).
  // `name` is exactly what --monitors, --monitor-groups and --tags accept.
  type Row = { id: string; name: string; type?: string };
  const kinds: Record<string, (api: Site24x7Api) => Promise<Row[]>> = {
    monitors: async (api) =>
      (await listMonitors(api)).map((m) => ({ id: m.id, name: m.name, type: m.type })),
    groups: async (api) => (await listGroups(api)).map((g) => ({ id: g.id, name: g.name })),
    tags: listTags,
  };
  const kind = what ? kinds[what] : undefined;
  if (!kind)
    throw new StepError(
      'input',
      'Usage: oauth-token site24x7 monitors|groups|tags|maintenance ... (see --help).',
    );
  maskSecretInputs(p, MAINTENANCE_SECRET_INPUTS);
  const cfg = parseApiConfig(p, p.log);
  const { api } = await connect(p, rt, cfg);
  const rows = await kind(api);
  if (io.json) {
    io.json({ [what!]: rows });
    return;
  }
  io.out(`${'ID'.padEnd(20)} NAME`);
  for (const r of rows) io.out(`${r.id.padEnd(20)} ${r.name}${r.type ? `  (${r.type})` : ''}`);
  const noun = { monitors: 'monitor', groups: 'monitor group', tags: 'tag' }[what!]!;
  io.err(`${count(rows.length, noun)}.`);
}

/**
 * The step's outputs as the command line's JSON: the same key style as `token --json`
 * (snake_case, as OAuth's own fields) and lists as arrays.
 */
const JSON_OUTPUTS = ['monitor-states', 'dry-run-request', 'verdict', 'baseline'];

export function jsonOutputs(outs: Record<string, string>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(outs).map(([k, v]) => [
      k.replace(/-/g, '_'),
      k.endsWith('-ids')
        ? v.split(',').filter(Boolean)
        : JSON_OUTPUTS.includes(k)
          ? (JSON.parse(v) as unknown)
          : v,
    ]),
  );
}
