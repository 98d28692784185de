/**
 * Datadog downtimes and PagerDuty maintenance windows beside (or instead of) the Site24x7
 * window: resolve what is selected, open each as one transaction with the Site24x7 window,
 * record every window in the step's state the moment it exists, and close each in the post
 * step. A window whose id the main step never heard is found by the marker in its text.
 */
import { randomBytes } from 'node:crypto';
import { StepError } from '../../core/errors.js';
import type { Runtime } from '../../core/runtime.js';
import { JsonApi } from '../../core/net/json-api.js';
import {
  cancelDowntime,
  DATADOG_DIALECT,
  downtimeRequests,
  findDowntimes,
  resolveDatadog,
  scheduleDowntime,
} from '../../core/datadog/downtimes.js';
import {
  endPagerDutyWindow,
  findPagerDutyWindows,
  openPagerDutyWindow,
  pagerDutyDialect,
  resolveServices,
  windowRequest,
} from '../../core/pagerduty/windows.js';
import type { OtherWindows } from '../../core/windows/config.js';
import { datadogSignal, pagerDutySignal } from '../../core/gate/providers.js';
import { markerText } from '../../core/windows/marker.js';
import {
  closeAll,
  describeClosing,
  type OpenedWindow,
  type WindowProviderId,
  type WindowSet,
} from '../../core/windows/transaction.js';
import { parseJson } from '../../core/json.js';
import { wordingOf } from '../../core/inputs.js';
import { markdownText, serverText, t } from '../../core/text.js';
import type { Platform } from '../../platform/types.js';
import { Tokens } from './connect.js';
import { PROVIDERS } from '../../core/oauth/providers.js';
import { DEFAULT_API_LIMITS } from '../../core/site24x7/api-config.js';

export const NOUNS: Record<WindowProviderId, string> = {
  site24x7: 'Site24x7 maintenance window',
  datadog: 'Datadog downtime',
  pagerduty: 'PagerDuty maintenance window',
};

/** State the post step reads (no secrets but the tokens, kept as secret state). */
export const WINDOW_STATE = {
  /** JSON: the providers planned, their API origins and the run's marker. */
  planned: 'other-windows-planned',
  /** JSON: every window opened so far. */
  opened: 'other-windows',
  token: (p: 'datadog' | 'pagerduty') => `${p}-token`,
} as const;

interface PlannedState {
  marker: string;
  endsAt: number;
  providers: Array<{ provider: 'datadog' | 'pagerduty'; origin: string; from?: string }>;
}

export interface WindowTimes {
  startMs: number;
  endMs: number;
  name: string;
  description: string;
}

/** A marker no other run shares: the run's own words, and a random part. */
export function newMarker(p: Platform): string {
  const run = p.runInfo();
  return markerText(`${run.run ? `run ${run.run} ` : ''}${randomBytes(6).toString('hex')}`);
}

/** A Datadog or PagerDuty API client: the one origin, the token, the provider's dialect. */
export function providerApi(
  p: Platform,
  rt: Runtime,
  provider: 'datadog' | 'pagerduty',
  origin: URL,
  token: string,
  from?: string,
  timeouts: { timeoutMs: number; budgetMs: number } = DEFAULT_API_LIMITS,
): JsonApi {
  return new JsonApi(
    provider === 'datadog' ? DATADOG_DIALECT : pagerDutyDialect(from),
    {
      origin,
      token: () => token,
      timeoutMs: timeouts.timeoutMs,
      budgetMs: timeouts.budgetMs,
      budgetLabel: p.label('max-retry-seconds'),
      secrets: () => [token],
    },
    rt,
  );
}

/** Mint the tokens the step has client credentials for and no token given (PagerDuty's). */
export async function mintOtherTokens(p: Platform, rt: Runtime, o: OtherWindows): Promise<void> {
  const pd = o.pagerduty;
  if (pd?.token && !pd.accessToken) {
    const tokens = new Tokens(p, rt, { token: pd.token }, '');
    await tokens.ready();
    pd.accessToken = tokens.current();
    p.log.info(
      t`PagerDuty API: ${pd.origin.origin}; using ${tokens.reused ? 'a kept' : 'a freshly minted'} app token.`,
    );
  }
}

/** Resolve every selection (nothing changes yet) into the sets the transaction opens. */
export async function prepareWindows(
  p: Platform,
  rt: Runtime,
  o: OtherWindows,
  w: WindowTimes,
  marker: string,
  timeouts: { timeoutMs: number; budgetMs: number },
): Promise<WindowSet[]> {
  const sets: WindowSet[] = [];
  if (o.datadog) {
    const dd = o.datadog;
    const client = providerApi(p, rt, 'datadog', dd.origin, dd.accessToken, undefined, timeouts);
    const target = await resolveDatadog(
      client,
      dd.selection,
      wordingOf(p).subject(
        o.datadog.selection.monitors.length ? 'datadog-monitors' : 'datadog-tags',
      ),
    );
    const message = `${w.name}\n\n${w.description}\n\n${marker}`;
    const requests = downtimeRequests(
      { startMs: w.startMs, endMs: w.endMs, scope: dd.scope, message },
      target,
    );
    const ui = datadogUi(dd.site);
    sets.push({
      provider: 'datadog',
      noun: NOUNS.datadog,
      planned: requests.map((r) => ({
        covers: r.covers,
        method: 'POST',
        path: '/api/v2/downtime',
        body: r.body,
      })),
      async open(plan) {
        const id = await scheduleDowntime(client, plan.body as (typeof requests)[number]['body']);
        return {
          provider: 'datadog',
          id,
          covers: plan.covers,
          url: ui && `${ui}/monitors/downtimes?id=${id}`,
        };
      },
      close: (id) => cancelDowntime(client, id),
      signal: datadogSignal(client, target),
    });
  }
  if (o.pagerduty) {
    const pd = o.pagerduty;
    const client = providerApi(p, rt, 'pagerduty', pd.origin, pd.accessToken, pd.from, timeouts);
    const services = await resolveServices(
      client,
      pd.services,
      wordingOf(p).subject('pagerduty-services'),
    );
    const body = windowRequest(
      { startMs: w.startMs, endMs: w.endMs, description: `${w.name}: ${w.description} ${marker}` },
      services,
    );
    const covers = `services ${services.map((s) => `${serverText(s.name)} (${s.id})`).join(', ')}`;
    sets.push({
      provider: 'pagerduty',
      noun: NOUNS.pagerduty,
      planned: [{ covers, method: 'POST', path: '/maintenance_windows', body }],
      async open() {
        const opened = await openPagerDutyWindow(client, body);
        return { provider: 'pagerduty', id: opened.id, covers, url: opened.htmlUrl };
      },
      close: (id) => endPagerDutyWindow(client, id, rt.now()),
      signal: pagerDutySignal(client, services),
    });
  }
  return sets;
}

/** Datadog's web app for a site (its preset region's appHost), for links. */
function datadogUi(site?: string): string | undefined {
  const host = site ? PROVIDERS.datadog.regions[site]?.appHost : undefined;
  return host && `https://${host}`;
}

/** Saved before anything is opened: if the step dies mid-request, the post step can look. */
export function savePlanned(p: Platform, o: OtherWindows, marker: string, endsAt: number): void {
  const providers: PlannedState['providers'] = [];
  if (o.datadog) {
    providers.push({ provider: 'datadog', origin: o.datadog.origin.origin });
    p.saveState(WINDOW_STATE.token('datadog'), o.datadog.accessToken, { secret: true });
  }
  if (o.pagerduty) {
    providers.push({
      provider: 'pagerduty',
      origin: o.pagerduty.origin.origin,
      from: o.pagerduty.from,
    });
    p.saveState(WINDOW_STATE.token('pagerduty'), o.pagerduty.accessToken, { secret: true });
  }
  p.saveState(
    WINDOW_STATE.planned,
    JSON.stringify({ marker, endsAt, providers } satisfies PlannedState),
  );
  p.saveState(WINDOW_STATE.opened, '[]');
}

/** Record the windows that exist now (the post step closes exactly these, and looks for more). */
export function saveOpened(p: Platform, windows: readonly OpenedWindow[]): void {
  p.saveState(WINDOW_STATE.opened, JSON.stringify(windows));
}

/** Nothing left for the post step: every window is closed, or none was opened. */
export function clearWindows(p: Platform): void {
  p.saveState(WINDOW_STATE.planned, '');
  p.saveState(WINDOW_STATE.opened, '');
}

function readPlanned(p: Platform): PlannedState | undefined {
  const v = parseJson(p.getState(WINDOW_STATE.planned)) as PlannedState | undefined;
  return v && typeof v.marker === 'string' && Array.isArray(v.providers) ? v : undefined;
}

function readOpened(p: Platform): OpenedWindow[] {
  const v = parseJson(p.getState(WINDOW_STATE.opened));
  return Array.isArray(v)
    ? (v as OpenedWindow[]).filter(
        (w) => typeof w?.id === 'string' && typeof w.provider === 'string',
      )
    : [];
}

/** Where one provider's windows are closed: its API origin, the token, the From header. */
export interface CloseTarget {
  provider: 'datadog' | 'pagerduty';
  origin: string;
  token: string;
  from?: string;
}

/** Sets that only close (the post step's, the command line's after its command exits). */
export function closingSets(
  p: Platform,
  rt: Runtime,
  targets: readonly CloseTarget[],
): WindowSet[] {
  return targets.map((c) => {
    const client = providerApi(p, rt, c.provider, new URL(c.origin), c.token, c.from);
    return {
      provider: c.provider,
      noun: NOUNS[c.provider],
      planned: [],
      open: () => Promise.reject(new Error('this step only closes windows')),
      close: (id: string) =>
        c.provider === 'datadog'
          ? cancelDowntime(client, id)
          : endPagerDutyWindow(client, id, rt.now()),
    };
  });
}

/** Where the windows of a configuration are closed. */
export function closeTargets(o: OtherWindows): CloseTarget[] {
  return [
    ...(o.datadog
      ? [
          {
            provider: 'datadog' as const,
            origin: o.datadog.origin.origin,
            token: o.datadog.accessToken,
          },
        ]
      : []),
    ...(o.pagerduty
      ? [
          {
            provider: 'pagerduty' as const,
            origin: o.pagerduty.origin.origin,
            token: o.pagerduty.accessToken,
            from: o.pagerduty.from,
          },
        ]
      : []),
  ];
}

/** Close windows, one log line each; the lines of those that could not be closed. */
export async function closeAndReport(
  p: Platform,
  sets: readonly WindowSet[],
  windows: readonly OpenedWindow[],
): Promise<string[]> {
  const failures: string[] = [];
  for (const c of await closeAll(sets, windows)) {
    const line = describeClosing(c, NOUNS);
    if (c.error) failures.push(line);
    else p.log.info(t`Closed ${line}.`);
  }
  return failures;
}

/**
 * The post step's part: close every recorded window, and any the main step opened without
 * hearing back (found by the marker). Throws when a window could not be closed, naming it.
 */
export async function closeRecordedWindows(p: Platform, rt: Runtime): Promise<void> {
  const planned = readPlanned(p);
  if (!planned) return;
  const windows = readOpened(p);
  const targets: CloseTarget[] = planned.providers.map((pr) => {
    const token = p.getState(WINDOW_STATE.token(pr.provider));
    if (token) p.setSecret(token);
    return { ...pr, token };
  });
  const failures: string[] = [];
  for (const c of targets) {
    // A window the main step may have opened without hearing back: look for its marker.
    const client = providerApi(p, rt, c.provider, new URL(c.origin), c.token, c.from);
    try {
      const found =
        c.provider === 'datadog'
          ? await findDowntimes(client, planned.marker)
          : await findPagerDutyWindows(client, planned.marker);
      for (const id of found) {
        if (!windows.some((w) => w.provider === c.provider && w.id === id)) {
          p.log.info(
            t`Found ${NOUNS[c.provider]} ${id}, which the main step opened without hearing back.`,
          );
          windows.push({ provider: c.provider, id, covers: 'found by its marker' });
        }
      }
    } catch (e) {
      if (e instanceof StepError && e.kind === 'cancelled') throw e;
      failures.push(
        t`could not look for ${NOUNS[c.provider]}s left by the main step: ${(e as Error).message}`,
      );
    }
  }
  failures.push(...(await closeAndReport(p, closingSets(p, rt, targets), windows)));
  if (failures.length) throw notClosed(failures, planned.endsAt);
}

export function notClosed(failures: readonly string[], endsAt: number): StepError {
  return new StepError(
    'server',
    t`Not every window could be closed: ${failures.join('; ')}. Each ends on its own at its scheduled end (${new Date(endsAt).toISOString().replace(/\.\d{3}Z$/, 'Z')}); to resume alerting sooner, end it in the provider's web app.`,
  );
}

/** Markdown rows for the job summary: one per opened window, with a link where known. */
export function windowRows(windows: readonly OpenedWindow[]): string {
  if (!windows.length) return '';
  const md = (v: string) => markdownText(serverText(v));
  return [
    '| Provider | Window | Covers |',
    '|---|---|---|',
    ...windows.map(
      (w) =>
        `| ${NOUNS[w.provider]} | ${w.url ? `[${md(w.id)}](${w.url})` : md(w.id)} | ${md(w.covers)} |`,
    ),
    '',
  ].join('\n');
}
