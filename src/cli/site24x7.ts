/** `oauth-token site24x7 ...`: list IDs and names, and the maintenance step's operations. */
import { StepError } from '../core/errors.js';
import type { Runtime } from '../core/runtime.js';
import type { Site24x7Api } from '../core/site24x7/api.js';
import { parseApiConfig } from '../core/site24x7/api-config.js';
import { listGroups, listMonitors, listTags } from '../core/site24x7/select.js';
import type { CliPlatform, Io } from '../platform/cli.js';
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
  const json = flags.json === 'true';
  if (what === 'maintenance') {
    if (op === 'list') return listWindows(p, rt, io, flags);
    if (op === 'run') return runInWindow(p, rt, io, flags, rest);
    if (!op || !['start', 'end', 'check'].includes(op)) {
      throw new StepError(
        'input',
        'Usage: oauth-token site24x7 maintenance start|end|check|list|run [options] (see --help).',
      );
    }
    flags.operation = op;
    flags['end-on-exit'] = 'false'; // no post step on a workstation: end it with `maintenance end`
    if (op === 'end') await endAtTerminal(p, rt);
    else await maintenanceMain(p, rt);
    const outs = Object.fromEntries([...p.outputs].map(([k, v]) => [k, v.value]));
    if (json) io.out(JSON.stringify(jsonOutputs(outs), null, 2));
    else for (const [k, v] of Object.entries(outs)) io.out(`${k.padEnd(15)} ${v}`);
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
  if (json) {
    io.out(JSON.stringify(rows, null, 2));
    return;
  }
  io.out(`${'ID'.padEnd(20)} NAME`);
  for (const r of rows) io.out(`${r.id.padEnd(20)} ${r.name}${r.type ? `  (${r.type})` : ''}`);
  io.err(`${rows.length} ${what}.`);
}

/**
 * The step's outputs as the command line's JSON: the same key style as `token --json`
 * (snake_case, as OAuth's own fields) and lists as arrays.
 */
const JSON_OUTPUTS = ['monitor-states', 'dry-run-request'];

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
