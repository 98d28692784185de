/**
 * The Site24x7 maintenance step: read inputs through the platform, then start, end or check
 * with the core; and its post step, which ends the window the main step opened.
 */
import { DEFAULT_TIMEOUT_SECONDS } from '../core/config.js';
import { StepError } from '../core/errors.js';
import { Inputs } from '../core/inputs.js';
import { site24x7Console } from '../core/providers.js';
import type { Runtime } from '../core/runtime.js';
import { Site24x7Api, type TokenSource } from '../core/site24x7/api.js';
import {
  API_MAX_RETRY_SECONDS,
  type ApiConfig,
  type MaintenanceConfig,
  parseMaintenanceConfig,
  parseMaintenanceToken,
} from '../core/site24x7/config.js';
import {
  closeWindow,
  createWindow,
  describeFailing,
  endWindow,
  findWindow,
  getWindow,
  type Ended,
  knownWindow,
  maintenanceHint,
  type MonitorHealth,
  stateName,
  waitForHealth,
  type WindowPlan,
  windowBody,
} from '../core/site24x7/maintenance.js';
import { requireMonitors, resolveSelection, type Resolved } from '../core/site24x7/select.js';
import { floorMinute, nextMinute } from '../core/site24x7/time.js';
import { jsonObject } from '../core/json.js';
import type { RunInfo } from '../core/runtime.js';
import { formatSeconds, isoSeconds, markdownText, serverText, t } from '../core/text.js';
import { fetchToken, requestSecrets } from '../core/token.js';
import type { Platform } from '../platform/types.js';
import { maskSecretInputs, maskToken } from './token.js';

export const MAINTENANCE_SECRET_INPUTS = [
  'access-token',
  'client-secret',
  'refresh-token',
] as const;

/** What the post step needs to end the window; the token is kept as a secret. */
const STATE = {
  id: 'maintenance-id',
  planned: 'planned-window',
  token: 'access-token',
  tokenExpiresAt: 'token-expires-at',
  apiRoot: 'api-root',
  customerId: 'customer-id',
  endsAt: 'ends-at',
  timeoutMs: 'timeout-ms',
  budgetMs: 'budget-ms',
} as const;

/** The access token in use: the one given, or one minted (first, or after a 401). */
export class Tokens implements TokenSource {
  private token = '';
  expiresAt?: number;
  minted = false;

  constructor(
    private readonly p: Platform,
    private readonly rt: Runtime,
    private readonly cfg: Pick<MaintenanceConfig, 'token'>,
    given: string,
    givenExpiresAt?: number,
  ) {
    this.token = given;
    this.expiresAt = givenExpiresAt;
    if (cfg.token) for (const s of requestSecrets(cfg.token)) p.setSecret(s);
    if (cfg.token) this.renew = () => this.mint();
  }

  renew?: () => Promise<string>;

  current(): string {
    return this.token;
  }

  async mint(): Promise<string> {
    if (!this.cfg.token) throw new Error('no credentials to mint a token');
    const t = await fetchToken(this.cfg.token, this.rt);
    maskToken(this.p, t);
    this.token = t.accessToken;
    this.expiresAt = t.expiresAt?.getTime();
    this.minted = true;
    return this.token;
  }

  async ready(): Promise<void> {
    if (!this.token) await this.mint();
  }
}

function secretsOf(tokens: Tokens, extra: string[] = []): () => string[] {
  return () => [tokens.current(), ...extra].filter(Boolean);
}

/** A Site24x7 API client for a step: the token given, or one minted (first, or after a 401). */
export async function connect(
  p: Platform,
  rt: Runtime,
  cfg: ApiConfig,
): Promise<{ api: Site24x7Api; tokens: Tokens }> {
  const tokens = new Tokens(p, rt, cfg, cfg.accessToken);
  const api = new Site24x7Api(
    {
      apiRoot: cfg.apiRoot,
      token: tokens,
      customerId: cfg.customerId || undefined,
      timeoutMs: cfg.timeoutMs,
      budgetMs: cfg.budgetMs,
      budgetLabel: p.label('max-retry-seconds'),
      secrets: secretsOf(tokens),
    },
    rt,
  );
  await tokens.ready();
  p.log.info(
    t`Site24x7 API: ${cfg.apiRoot.origin}${cfg.apiRoot.pathname}${cfg.region ? ` (region ${cfg.region})` : ''}; ${cfg.accessToken ? 'using the access token given' : 'using a freshly minted access token'}.`,
  );
  return { api, tokens };
}

export async function maintenanceMain(p: Platform, rt: Runtime): Promise<void> {
  maskSecretInputs(p, MAINTENANCE_SECRET_INPUTS);
  const run = p.runInfo();
  const cfg = parseMaintenanceConfig(p, p.log, rt.now(), run);
  const { api, tokens } = await connect(p, rt, cfg);
  if (cfg.operation === 'start') return start(p, rt, cfg, api, tokens, run);
  if (cfg.operation === 'end') return end(p, rt, cfg, api);
  return check(p, cfg, api, rt);
}

async function start(
  p: Platform,
  rt: Runtime,
  cfg: MaintenanceConfig,
  api: Site24x7Api,
  tokens: Tokens,
  run: RunInfo,
): Promise<void> {
  const resolved = await resolveSelection(api, cfg.selection!, inputsOf(p));
  requireMonitors(resolved, inputsOf(p));
  const startMs = floorMinute(cfg.startMs);
  const plan: WindowPlan = {
    name: cfg.name,
    description: cfg.description,
    startMs,
    endMs: startMs + cfg.durationMinutes * 60_000,
    timeZone: cfg.timeZone,
    performMonitoring: cfg.performMonitoring,
    kind: resolved.kind,
    ids: resolved.ids,
  };

  if (cfg.dryRun) {
    p.log.info(
      t`Dry run: would send POST ${cfg.apiRoot.pathname.replace(/\/+$/, '')}/maintenance for ${countMonitors(resolved)} (${resolved.monitors.map((m) => `'${serverText(m.name)}' ${m.id}`).join(', ')}), with this body:`,
    );
    p.log.info(JSON.stringify(windowBody(plan), null, 2));
    p.setOutput('monitor-ids', resolved.monitors.map((m) => m.id).join(','));
    p.setOutput('starts-at', isoSeconds(new Date(plan.startMs)));
    p.setOutput('ends-at', isoSeconds(new Date(plan.endMs)));
    return;
  }
  if (cfg.endOnExit) {
    // Saved before the window exists: if this step dies mid-request, the post step can
    // still find the window by its name and times and end it.
    p.saveState(STATE.planned, JSON.stringify(windowBody(plan)));
    saveConnection(p, cfg, tokens, plan.endMs);
  }
  let created: Awaited<ReturnType<typeof createWindow>>;
  try {
    created = await createWindow(api, plan);
  } catch (e) {
    // Refused outright (a 4xx): no window exists, so the post step has nothing to look for.
    // After a network failure or a 5xx one may exist: keep the plan for the post step.
    if (e instanceof StepError && ['protocol', 'auth', 'input'].includes(e.kind) && cfg.endOnExit)
      p.saveState(STATE.planned, '');
    throw e;
  }
  if (cfg.endOnExit) p.saveState(STATE.id, created.id);

  const startsAt = isoSeconds(new Date(plan.startMs));
  const endsAt = isoSeconds(new Date(plan.endMs));
  p.setOutput('maintenance-id', created.id);
  p.setOutput('starts-at', startsAt);
  p.setOutput('ends-at', endsAt);
  p.setOutput('monitor-ids', resolved.monitors.map((m) => m.id).join(','));

  p.log.info(
    `${created.recovered ? 'Found' : 'Opened'} maintenance window ${created.id} '${plan.name}' for ${countMonitors(resolved)}, from ${startsAt} to ${endsAt} (sent as ${cfg.timeZone} wall-clock time).` +
      (created.recovered ? ' An earlier attempt had created it; it was not created twice.' : ''),
  );
  p.log.info(
    cfg.endOnExit
      ? `The post step ends it when the job finishes, even if the job fails or is cancelled. If that cannot happen, it ends on its own at ${endsAt}.`
      : `end-on-exit is off: the window ends at ${endsAt}, or when a later step ends it with ${cfg.label('maintenance-id')} ${created.id}.`,
  );
  await p.writeSummary(startSummary(cfg, plan, created.id, resolved, run));
}

function saveConnection(p: Platform, cfg: MaintenanceConfig, tokens: Tokens, endsAt: number) {
  p.saveState(STATE.token, tokens.current());
  p.saveState(STATE.tokenExpiresAt, tokens.expiresAt ? String(tokens.expiresAt) : '');
  p.saveState(STATE.apiRoot, cfg.apiRoot.href);
  p.saveState(STATE.customerId, cfg.customerId);
  p.saveState(STATE.endsAt, String(endsAt));
  p.saveState(STATE.timeoutMs, String(cfg.timeoutMs));
  p.saveState(STATE.budgetMs, String(cfg.budgetMs));
}

function countMonitors(r: Resolved): string {
  const n = r.monitors.length;
  const what =
    r.kind === 'monitors'
      ? ''
      : ` in ${r.ids.length} ${r.kind === 'tags' ? 'tag' : 'group'}${r.ids.length > 1 ? 's' : ''}`;
  return `${n} monitor${n === 1 ? '' : 's'}${what}`;
}

async function end(p: Platform, rt: Runtime, cfg: MaintenanceConfig, api: Site24x7Api) {
  if (cfg.dryRun) {
    const w = await getWindow(api, cfg.maintenanceId);
    const now = rt.now();
    const what = !w
      ? 'nothing: the window no longer exists'
      : w.type !== 3
        ? 'nothing: it is a recurring window, which this step does not change'
        : w.endMs !== undefined && now >= w.endMs
          ? 'nothing: the window is over'
          : w.startMs !== undefined && now < w.startMs
            ? `DELETE it: it has not started`
            : `PUT it with its end moved to ${isoSeconds(new Date(nextMinute(now)))}`;
    p.log.info(t`Dry run: for window ${cfg.maintenanceId} this would do ${what}.`);
    return;
  }
  const ended = await endWindow(api, cfg.maintenanceId, rt, cfg.label('maintenance-id'));
  report(p, cfg.maintenanceId, ended);
  p.setOutput('maintenance-id', cfg.maintenanceId);
  if (ended.endMs !== undefined) p.setOutput('ends-at', isoSeconds(new Date(ended.endMs)));
}

/** One log line per outcome of ending a window. */
function report(p: Platform, id: string, e: Ended): void {
  const at = (ms?: number) => (ms === undefined ? '' : isoSeconds(new Date(ms)));
  const name = e.window ? ` '${serverText(e.window.name)}'` : '';
  switch (e.action) {
    case 'shortened':
      p.log.info(
        t`Ended maintenance window ${id}${name}: it now ends at ${at(e.endMs)}, the next whole minute (Site24x7 schedules in minutes). Its history is kept.`,
      );
      break;
    case 'deleted':
      p.log.info(t`Deleted maintenance window ${id}${name}: it had not started yet.`);
      break;
    case 'gone':
      p.log.notice(t`Maintenance window ${id} no longer exists in Site24x7; nothing to end.`);
      break;
    case 'already-ended':
      p.log.notice(
        t`Maintenance window ${id}${name} already ended at ${at(e.endMs)}; nothing to do.`,
      );
      break;
    case 'ending':
      p.log.info(
        t`Maintenance window ${id}${name} ends at ${at(e.endMs)}, within the minute; nothing to change.`,
      );
      break;
  }
}

async function check(p: Platform, cfg: MaintenanceConfig, api: Site24x7Api, rt: Runtime) {
  const resolved = await resolveSelection(api, cfg.selection!, inputsOf(p));
  requireMonitors(resolved, inputsOf(p));
  const passNames = [...cfg.pass].map((s) => stateName(s)).join(', ');
  p.log.info(
    t`Checking ${countMonitors(resolved)}: each must be ${passNames}${cfg.waitMs ? `, waiting up to ${formatSeconds(cfg.waitMs)}` : ''}.`,
  );
  const result = await waitForHealth(
    api,
    resolved.monitors,
    { pass: cfg.pass, waitMs: cfg.waitMs, pollMs: cfg.pollMs },
    rt,
  );
  p.setOutput('status', result.passed ? 'pass' : 'fail');
  p.setOutput('monitor-ids', resolved.monitors.map((m) => m.id).join(','));
  await p.writeSummary(checkSummary(result.monitors, result.passed, passNames));
  if (!result.passed) {
    const failing = result.monitors.filter((m) => !m.passes);
    throw new StepError(
      'gate',
      t`Health gate failed: ${failing.length} of ${result.monitors.length} monitors are not ${passNames}${cfg.waitMs ? ` after ${formatSeconds(result.waitedMs)} (${result.polls} checks; ${cfg.label('wait-seconds')} is ${Math.round(cfg.waitMs / 1000)})` : ''}: ${describeFailing(result.monitors)}.${maintenanceHint(result.monitors)}`,
    );
  }
  p.log.info(
    t`Health gate passed: all ${result.monitors.length} monitors are ${passNames}${result.polls > 1 ? ` (after ${result.polls} checks, ${formatSeconds(result.waitedMs)})` : ''}.`,
  );
}

/** Inputs, for messages naming them after parsing. */
function inputsOf(p: Platform): Inputs {
  return new Inputs(p, p.log);
}

/** Markdown-safe text: server names, IDs and inputs alike (bounded, one line, escaped). */
const md = (value: string): string => markdownText(serverText(value));

function consoleLink(apiRoot: URL): string {
  return `${site24x7Console(apiRoot.href.replace(/\/+$/, ''))}/app/client#/admin/operations/view-maintenance-monitors`;
}

function startSummary(
  cfg: MaintenanceConfig,
  plan: WindowPlan,
  id: string,
  r: Resolved,
  run: RunInfo,
): string {
  const b = windowBody(plan);
  const rows = r.monitors.map((m) => `| ${md(m.name)} | ${md(m.id)} |`).join('\n');
  const selected =
    r.kind === 'monitors'
      ? ''
      : `| Selected ${r.kind === 'tags' ? 'tags' : 'groups'} | ${[...r.names.entries()].map(([i, n]) => `${md(n)} (${md(i)})`).join(', ')} |\n`;
  return [
    `### Site24x7 maintenance window ${md(id)}`,
    '',
    '| | |',
    '|---|---|',
    `| Name | ${md(plan.name)} |`,
    `| From | ${isoSeconds(new Date(plan.startMs))} (${b.start_date} ${b.start_time} ${md(cfg.timeZone)}) |`,
    `| To | ${isoSeconds(new Date(plan.endMs))} (${b.end_date} ${b.end_time} ${md(cfg.timeZone)}) |`,
    `${selected}| Monitoring during the window | ${plan.performMonitoring ? 'kept on (alerts suppressed)' : 'paused'} |`,
    `| Ends early | ${cfg.endOnExit ? 'when the job finishes (post step)' : 'no (end-on-exit is off)'} |`,
    `| Console | [Scheduled maintenance](${consoleLink(cfg.apiRoot)}) |`,
    ...(run.url ? [`| Run | ${md(run.url)} |`] : []),
    '',
    '| Monitor | ID |',
    '|---|---|',
    rows,
    '',
  ].join('\n');
}

function checkSummary(ms: MonitorHealth[], passed: boolean, passNames: string): string {
  return [
    `### Site24x7 health gate: ${passed ? 'passed' : 'failed'}`,
    '',
    `Passing states: ${passNames}.`,
    '',
    '| Monitor | ID | State | |',
    '|---|---|---|---|',
    ...ms.map(
      (m) =>
        `| ${md(m.name)} | ${md(m.id)} | ${stateName(m.state)} | ${m.passes ? 'pass' : '**fail**'} |`,
    ),
    '',
  ].join('\n');
}

export async function maintenancePost(p: Platform, rt: Runtime): Promise<void> {
  const id = p.getState(STATE.id);
  const planned = p.getState(STATE.planned);
  if (!id && !planned) return;
  const saved = p.getState(STATE.token);
  if (saved) p.setSecret(saved);
  maskSecretInputs(p, MAINTENANCE_SECRET_INPUTS);
  const endsAtMs = Number(p.getState(STATE.endsAt));
  const endsAt = endsAtMs ? isoSeconds(new Date(endsAtMs)) : 'its scheduled end';
  const apiRoot = new URL(p.getState(STATE.apiRoot));

  try {
    // Credentials for a fresh token, when the inputs have them; read leniently: a bad input
    // here must not stop the window from being ended with the saved token.
    let token: MaintenanceConfig['token'];
    try {
      token = parseMaintenanceToken(p, p.log);
    } catch (e) {
      p.log.debug(t`Client credentials unusable in the post step: ${(e as Error).message}`);
      token = undefined;
    }
    const expiresAt = Number(p.getState(STATE.tokenExpiresAt)) || undefined;
    const fresh = saved && (!expiresAt || expiresAt > rt.now() + 60_000) ? saved : '';
    const tokens = new Tokens(p, rt, { token }, fresh, expiresAt);
    if (!fresh && !token) {
      throw new StepError(
        'auth',
        'The saved access token has expired and the step has no client credentials to mint another.',
      );
    }
    await tokens.ready();
    const api = new Site24x7Api(
      {
        apiRoot,
        token: tokens,
        customerId: p.getState(STATE.customerId) || undefined,
        timeoutMs: Number(p.getState(STATE.timeoutMs)) || DEFAULT_TIMEOUT_SECONDS * 1000,
        budgetMs: Number(p.getState(STATE.budgetMs)) || API_MAX_RETRY_SECONDS * 1000,
        budgetLabel: p.label('max-retry-seconds'),
        secrets: secretsOf(tokens, saved ? [saved] : []),
      },
      rt,
    );
    let windowId = id;
    const body = jsonObject(planned);
    if (!windowId) {
      windowId = (body && (await findWindow(api, body, 'window lookup'))) || '';
      if (!windowId) {
        p.log.info('The main step did not open a maintenance window; nothing to end.');
        return;
      }
      p.log.info(t`The main step stopped before it heard back; found its window ${windowId}.`);
    }
    p.log.info(t`Ending maintenance window ${windowId}, opened by the main step (end-on-exit).`);
    // The body the main step sent: one request to end it. Without it (or if Site24x7 refuses
    // it, say because someone edited the window), read the window first.
    const known = body ? knownWindow(windowId, body) : undefined;
    let ended: Ended | undefined;
    if (known) {
      try {
        ended = await closeWindow(api, known, rt);
      } catch (e) {
        if (!(e instanceof StepError) || e.kind !== 'protocol') throw e;
        p.log.info(
          t`Site24x7 refused the saved window (${e.message}); reading it and trying again.`,
        );
      }
    }
    ended ??= await endWindow(api, windowId, rt, p.label('maintenance-id'));
    report(p, windowId, ended);
  } catch (e) {
    if (e instanceof StepError && e.kind === 'cancelled') throw e;
    const msg = e instanceof Error ? e.message : String(e);
    throw new StepError(
      e instanceof StepError ? e.kind : 'server',
      t`Could not end maintenance window ${id || '(not yet known)'}: ${msg} The window still closes on its own at ${endsAt}; to resume alerting sooner, end it in the Site24x7 console: ${consoleLink(apiRoot)}`,
    );
  }
}
