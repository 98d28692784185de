/**
 * `oauth-token site24x7 maintenance list` (the windows this tool opened, to recover a lost id)
 * and `... maintenance run [options] -- command` (open a window, run the command, end the
 * window when it exits or on Ctrl-C, exit with its status).
 */
import { constants } from 'node:os';
import which from 'which';
import { StepError } from '../core/errors.js';
import type { Runtime } from '../core/runtime.js';
import { parseApiConfig, parseApiLimits } from '../core/site24x7/api-config.js';
import { OPENED_BY, parseMaintenanceConfig, parseWindowSettings } from '../core/site24x7/config.js';
import {
  parseOtherAccess,
  parseOtherEnds,
  parseOtherWindows,
  wantsSite24x7,
} from '../core/windows/config.js';
import { MARKER_PREFIX } from '../core/windows/marker.js';
import { listDowntimes } from '../core/datadog/downtimes.js';
import { listPagerDutyWindows } from '../core/pagerduty/windows.js';
import { closeAll, describeClosing } from '../core/windows/transaction.js';
import { Inputs } from '../core/inputs.js';
import { arr, rec, str } from '../core/site24x7/json.js';
import type { Site24x7Api } from '../core/site24x7/api.js';
import { endWindow, windowInfo } from '../core/site24x7/maintenance.js';
import { KIND_BY_TYPE } from '../core/site24x7/select.js';
import { count, isoSeconds, serverText, t } from '../core/text.js';
import { SECRET_ENV } from '../core/secret-inputs.js';
import type { CliPlatform } from '../platform/cli.js';
import type { Io } from './io.js';
import { connect, MAINTENANCE_SECRET_INPUTS } from '../steps/maintenance.js';
import { apiClient, Tokens } from '../steps/maintenance/connect.js';
import { end } from '../steps/maintenance/end.js';
import { report } from '../steps/maintenance/report.js';
import { start } from '../steps/maintenance/start.js';
import {
  closeAndReport,
  closeTargets,
  closingSets,
  NOUNS,
  providerApi,
} from '../steps/maintenance/windows.js';
import { createRuntime } from '../steps/run.js';
import { maskSecretInputs } from '../steps/mask.js';

/** How the step's default description begins: the mark of a window this tool opened. */

interface Listed {
  maintenance_id: string;
  display_name: string;
  starts_at: string | null;
  ends_at: string | null;
  state: 'upcoming' | 'running' | 'over' | 'unknown';
  /** What it covers: its selection kind and the IDs (decimal only: the rest is not shown). */
  covers: { kind: 'monitors' | 'monitor_groups' | 'tags' | 'unknown'; ids: string[] };
  description: string;
}

function coverage(item: Record<string, unknown>): Listed['covers'] {
  // The kind by select.ts's map, named as the window's body names its field (monitor_groups).
  const known = KIND_BY_TYPE[Number(item.selection_type)];
  const kind = known ? (known.replace('-', '_') as Listed['covers']['kind']) : 'unknown';
  const raw = kind === 'unknown' ? [] : arr(item[kind]);
  // IDs only as Site24x7 writes them (decimal), as everywhere a server's ID is used.
  const ids = raw.map((x) => String(x)).filter((x) => /^\d{1,30}$/.test(x));
  return { kind, ids };
}

function describeCoverage(c: Listed['covers']): string {
  if (c.kind === 'unknown') return '?';
  const noun = { monitors: 'monitor', monitor_groups: 'group', tags: 'tag' }[c.kind];
  return count(c.ids.length, noun);
}

/** The windows this tool opened (by their description), or every window with `all`. */
async function windows(api: Site24x7Api, now: number, all: boolean): Promise<Listed[]> {
  const { data } = await api.get('/maintenance', 'window list');
  const rows: Listed[] = [];
  for (const item of arr(data)) {
    const description = str(rec(item).description);
    if (!all && !description.startsWith(OPENED_BY)) continue;
    const { id, name, startMs, endMs } = windowInfo(str(rec(item).maintenance_id), rec(item));
    rows.push({
      maintenance_id: id,
      display_name: name,
      starts_at: startMs === undefined ? null : isoSeconds(new Date(startMs)),
      ends_at: endMs === undefined ? null : isoSeconds(new Date(endMs)),
      state:
        startMs === undefined || endMs === undefined
          ? 'unknown'
          : now < startMs
            ? 'upcoming'
            : now < endMs
              ? 'running'
              : 'over',
      covers: coverage(rec(item)),
      description,
    });
  }
  return rows;
}

/**
 * `maintenance end` at a terminal: an ID that names no window is an error, not a success. A
 * mistyped ID would otherwise say "nothing to end" and leave the real window running; the
 * windows this tool opened that are still running or to come are listed with it.
 */
export async function endAtTerminal(p: CliPlatform, rt: Runtime): Promise<void> {
  maskSecretInputs(p, MAINTENANCE_SECRET_INPUTS);
  // Datadog downtimes and PagerDuty windows by ID, ended first: a Site24x7 ID that names no
  // window is an error below, and must not leave these running.
  const ends = parseOtherEnds(p, p.log);
  const failures: string[] = [];
  const dryRun = new Inputs(p, p.log).bool('dry-run', false);
  for (const e of ends) {
    if (dryRun) {
      for (const id of e.ids) p.log.info(t`Dry run: would end ${NOUNS[e.provider]} ${id}.`);
      continue;
    }
    const windows = e.ids.map((id) => ({ provider: e.provider, id, covers: 'given by its ID' }));
    for (const c of await closeAll(closingSets(p, rt, [e]), windows)) {
      if (c.end === 'gone') {
        failures.push(t`no ${NOUNS[e.provider]} has the ID ${c.window.id}`);
      } else if (c.error) failures.push(describeClosing(c, NOUNS));
      else p.log.info(t`Closed ${describeClosing(c, NOUNS)}.`);
    }
  }
  if (!ends.length || p.get('maintenance-id').trim()) {
    const cfg = parseMaintenanceConfig(p, p.log, rt.now(), p.runInfo());
    const { api } = await connect(p, rt, cfg);
    const ended = await end(p, rt, cfg, api);
    if (ended?.action === 'gone') {
      const open = (await windows(api, rt.now(), false)).filter((w) => w.state !== 'over');
      failures.push(
        open.length
          ? t`No maintenance window has the ID ${cfg.maintenanceId}. Windows this tool opened that are running or to come: ${open.map((w) => `${w.maintenance_id} '${serverText(w.display_name)}' (${w.state}, until ${w.ends_at ?? '?'})`).join('; ')}.`
          : t`No maintenance window has the ID ${cfg.maintenanceId}, and no window this tool opened is running or to come (oauth-token site24x7 maintenance list --all shows every window).`,
      );
    }
  }
  if (failures.length) {
    const notFound = failures.every((f) => /^no |^No maintenance window/.test(f));
    throw new StepError(notFound ? 'not-found' : 'server', t`${failures.join('; ')}`);
  }
}

/** A Datadog downtime or PagerDuty window as the list shows it. */
interface OtherListed {
  id: string;
  state: Listed['state'];
  starts_at: string | null;
  ends_at: string | null;
  covers: string;
  /** The first line of its message or description. */
  name: string;
}

function stateOf(now: number, startMs?: number, endMs?: number): Listed['state'] {
  if (startMs === undefined || endMs === undefined) return 'unknown';
  return now < startMs ? 'upcoming' : now < endMs ? 'running' : 'over';
}

const iso = (ms?: number) => (ms === undefined ? null : isoSeconds(new Date(ms)));

/** The Datadog downtimes and PagerDuty windows this tool opened (by their marker), or all. */
async function otherWindows(
  p: CliPlatform,
  rt: Runtime,
  all: boolean,
): Promise<Record<string, OtherListed[]>> {
  const out: Record<string, OtherListed[]> = {};
  const limits = parseApiLimits(new Inputs(p, p.log));
  for (const a of parseOtherAccess(p, p.log)) {
    const api = providerApi(p, rt, a.provider, new URL(a.origin), a.token, a.from, limits);
    const mine = (text: string) => all || text.includes(MARKER_PREFIX);
    if (a.provider === 'datadog') {
      out.datadog_downtimes = (await listDowntimes(api))
        .filter((d) => mine(d.message))
        .map((d) => ({
          id: d.id,
          state: stateOf(rt.now(), d.startMs, d.endMs),
          starts_at: iso(d.startMs),
          ends_at: iso(d.endMs),
          covers: d.covers,
          name: d.message.split('\n')[0] ?? '',
        }));
    } else {
      out.pagerduty_windows = (await listPagerDutyWindows(api))
        .filter((w) => mine(w.description))
        .map((w) => ({
          id: w.id,
          state: stateOf(rt.now(), w.startMs, w.endMs),
          starts_at: iso(w.startMs),
          ends_at: iso(w.endMs),
          covers: count(w.services, 'service'),
          name: w.description.split(/[:\n]/)[0] ?? '',
        }));
    }
  }
  return out;
}

export async function listWindows(
  p: CliPlatform,
  rt: Runtime,
  io: Io,
  flags: Record<string, string>,
): Promise<void> {
  maskSecretInputs(p, MAINTENANCE_SECRET_INPUTS);
  const all = flags.all === 'true';
  const others = await otherWindows(p, rt, all);
  // Site24x7's windows unless only Datadog's or PagerDuty's were asked for.
  const site = wantsSite24x7(p) || Object.keys(others).length === 0;
  let rows: Listed[] = [];
  if (site) {
    const cfg = parseApiConfig(p, p.log);
    const { api } = await connect(p, rt, cfg);
    rows = await windows(api, rt.now(), all);
  }
  if (io.json) {
    io.json({ ...(site ? { windows: rows } : {}), ...others });
    return;
  }
  io.out(
    `${'ID'.padEnd(20)} ${'STATE'.padEnd(9)} ${'FROM'.padEnd(20)} ${'TO'.padEnd(20)} ${'COVERS'.padEnd(12)} NAME`,
  );
  for (const r of rows) {
    io.out(
      t`${r.maintenance_id.padEnd(20)} ${r.state.padEnd(9)} ${(r.starts_at ?? '?').padEnd(20)} ${(r.ends_at ?? '?').padEnd(20)} ${describeCoverage(r.covers).padEnd(12)} ${serverText(r.display_name)}`,
    );
  }
  const labels: Record<string, string> = {
    datadog_downtimes: 'Datadog',
    pagerduty_windows: 'PagerDuty',
  };
  let n = rows.length;
  for (const [key, list] of Object.entries(others)) {
    for (const r of list) {
      n++;
      io.out(
        t`${r.id.padEnd(20)} ${r.state.padEnd(9)} ${(r.starts_at ?? '?').padEnd(20)} ${(r.ends_at ?? '?').padEnd(20)} ${r.covers.padEnd(12)} [${labels[key]}] ${serverText(r.name)}`,
      );
    }
  }
  io.err(
    all
      ? `${count(n, 'window')}.`
      : `${count(n, 'window')} opened by this tool (by their description; --all lists every window). End one with: oauth-token site24x7 maintenance end --maintenance-id ID (or --datadog-downtime-ids, --pagerduty-window-id)`,
  );
}

/**
 * The wrapped command's environment: this one, less every secret the tool reads (whatever
 * the case of its name, as Windows' environment is case-insensitive), plus `add`. The
 * command is the user's own, but a deploy script passes its environment on to everything it
 * runs, and none of it needs the client secret or the refresh token.
 */
export function commandEnv(
  env: NodeJS.ProcessEnv,
  add: Record<string, string>,
): Record<string, string> {
  const secret = new Set(Object.values(SECRET_ENV).map((n) => n.toUpperCase()));
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env))
    if (v !== undefined && !secret.has(k.toUpperCase())) out[k] = v;
  return { ...out, ...add };
}

/** What running the wrapped command gave: its exit code, or the signal that ended it. */
export interface CommandExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** The shell's convention: the command's status, or 128 + the signal's number. */
export function exitStatus(e: CommandExit): number {
  if (e.code !== null) return e.code;
  return 128 + (constants.signals[e.signal ?? 'SIGTERM'] ?? constants.signals.SIGTERM);
}

export async function runInWindow(
  p: CliPlatform,
  rt: Runtime,
  io: Io,
  flags: Record<string, string>,
  command: string[],
): Promise<void> {
  if (command.length === 0) {
    throw new StepError(
      'input',
      'Usage: oauth-token site24x7 maintenance run [options] -- command [arguments] (the command after --).',
    );
  }
  if (!io.run) throw new StepError('input', 'This command line cannot run commands.');
  // Found before anything is opened: a typo in the command must not leave a window behind
  // it, or mute the monitors for a deployment that never ran.
  if (!which.sync(command[0]!, { nothrow: true, path: io.env.PATH, pathExt: io.env.PATHEXT })) {
    p.exitCode = 127; // the shell's status for a command not found
    throw new StepError(
      'input',
      t`The command ${command[0]!} was not found${/[\\/]/.test(command[0]!) ? '' : ' on PATH'}, or may not be run: no window was opened. Check its name and that it is executable.`,
    );
  }
  maskSecretInputs(p, MAINTENANCE_SECRET_INPUTS);
  flags.operation = 'start';
  flags['end-on-exit'] = 'false'; // this command ends the windows itself, below
  const run = p.runInfo();
  const others = parseOtherWindows(p, p.log);
  const alone = Boolean(others.datadog || others.pagerduty) && !wantsSite24x7(p);
  const cfg = alone ? undefined : parseMaintenanceConfig(p, p.log, rt.now(), run);
  const site = cfg ? { cfg, ...(await connect(p, rt, cfg)) } : undefined;
  const w = cfg ?? parseWindowSettings(p, p.log, rt.now(), run);
  const started = await start(p, rt, w, site, others, run);
  if (w.dryRun) {
    p.log.info(t`Dry run: would then run ${command.join(' ')} and end the windows when it exits.`);
    return;
  }
  const id = started.siteId ?? '';
  const what = [
    ...(id ? [`window ${id}`] : []),
    ...started.windows.map((x) => `${NOUNS[x.provider]} ${x.id}`),
  ].join(', ');
  p.log.info(t`Running ${command.join(' ')} (${what} open; ended when the command exits).`);
  const env = commandEnv(io.env, {
    ...(id ? { SITE24X7_MAINTENANCE_ID: id } : {}),
    ...(flags['pass-access-token'] === 'true' && site
      ? { SITE24X7_ACCESS_TOKEN: site.tokens.current() }
      : {}),
  });
  const exit = await io.run(command, env, rt.signal, io.json !== undefined);
  const status = exitStatus(exit);
  io.json?.({ command_status: status, command_signal: exit.signal });
  p.log.info(
    t`The command ${exit.signal ? `was ended by ${exit.signal}` : `exited with status ${status}`}; ending ${what}.`,
  );
  // Ctrl-C aborted the step's signal, and the windows must still be ended: a runtime of its
  // own, bounded by the request timeouts and the retry budget.
  const endRt = createRuntime(p.log, p.transport());
  const failures: string[] = [];
  if (site && id) {
    const endApi = apiClient(
      p,
      endRt,
      new Tokens(p, endRt, site.cfg, site.tokens.current(), site.tokens.expiresAt),
      site.cfg,
    );
    try {
      report(p, id, await endWindow(endApi, id, endRt, site.cfg.subject('maintenance-id')));
    } catch (e) {
      failures.push(
        t`window ${id} could not be ended: ${e instanceof Error ? e.message : String(e)} End it with: oauth-token site24x7 maintenance end --maintenance-id ${id}`,
      );
    }
  }
  failures.push(
    ...(await closeAndReport(p, closingSets(p, endRt, closeTargets(others)), started.windows)),
  );
  if (failures.length) {
    p.exitCode = status || 1;
    throw new StepError(
      'network',
      t`The command finished (status ${status}), but not every window was ended: ${failures.join('; ')}`,
    );
  }
  p.exitCode = status;
}
