/**
 * operation: start. Resolve every selection first (nothing opens if a name is wrong), then
 * open the Site24x7 window and the Datadog and PagerDuty windows as one transaction (or say
 * what would be sent).
 */
import { StepError } from '../../core/errors.js';
import type { RunInfo, Runtime } from '../../core/runtime.js';
import type { Site24x7Api } from '../../core/site24x7/api.js';
import type { MaintenanceConfig, WindowSettings } from '../../core/site24x7/config.js';
import {
  createWindow,
  endWindow,
  type WindowPlan,
  windowBody,
} from '../../core/site24x7/maintenance.js';
import { requireMonitors, type Resolved, resolveSelection } from '../../core/site24x7/select.js';
import { floorMinute, wallRange } from '../../core/site24x7/time.js';
import { count, isoSeconds, serverText, t, untrustedJson } from '../../core/text.js';
import type { Signal } from '../../core/gate/model.js';
import { site24x7Signal } from '../../core/gate/site24x7.js';
import { Inputs, wordingOf } from '../../core/inputs.js';
import type { OtherWindows } from '../../core/windows/config.js';
import { type OpenedWindow, openAll, WindowsFailed } from '../../core/windows/transaction.js';
import type { Platform } from '../../platform/types.js';
import type { Tokens } from './connect.js';
import { countMonitors, inputsOf, requestOf } from './report.js';
import { saveConnection, STATE } from './state.js';
import { startSummary } from './summary.js';
import {
  clearWindows,
  mintOtherTokens,
  newMarker,
  NOUNS,
  prepareWindows,
  saveOpened,
  savePlanned,
  windowRows,
} from './windows.js';

/** The Site24x7 part of a start, when the step selects something there. */
export interface Site24x7Start {
  cfg: MaintenanceConfig;
  api: Site24x7Api;
  tokens: Tokens;
}

/** What a start opened (nothing on a dry run): for the command line's run, which ends it. */
export interface Started {
  siteId?: string;
  windows: OpenedWindow[];
  endMs: number;
}

export async function start(
  p: Platform,
  rt: Runtime,
  w: WindowSettings,
  site: Site24x7Start | undefined,
  others: OtherWindows,
  run: RunInfo,
): Promise<Started> {
  const resolved = site && (await resolveSelection(site.api, site.cfg.selection!, inputsOf(p)));
  if (resolved) requireMonitors(resolved, inputsOf(p));
  const startMs = floorMinute(w.startMs);
  const endMs = startMs + w.durationMinutes * 60_000;
  const plan: WindowPlan | undefined = resolved && {
    name: w.name,
    description: w.description,
    startMs,
    endMs,
    timeZone: w.timeZone,
    performMonitoring: w.performMonitoring,
    kind: resolved.kind,
    ids: resolved.ids,
  };
  const marker = newMarker(p);
  await mintOtherTokens(p, rt, others);
  const sets = await prepareWindows(
    p,
    rt,
    others,
    { startMs, endMs, name: w.name, description: w.description },
    marker,
    w,
  );
  const startsAt = isoSeconds(new Date(startMs));
  const endsAt = isoSeconds(new Date(endMs));
  // A baseline for the gate after the deploy, read before any window opens (inside one,
  // Site24x7 reports 'maintenance', not health).
  if (new Inputs(p, p.log).bool('take-baseline', false)) {
    const signals: Signal[] = [
      ...(site && resolved ? [site24x7Signal(site.api, resolved.monitors, site.cfg.pass)] : []),
      ...sets.flatMap((x) => (x.signal ? [x.signal] : [])),
    ];
    const taken = [];
    for (const sig of signals) {
      const r = await sig.evaluate();
      taken.push({ signal: sig.name, items: r.items });
    }
    p.setOutput('baseline', untrustedJson({ signals: taken }));
    const failing = taken.flatMap((x) =>
      x.items.filter((i) => i.verdict === 'fail').map((i) => `${x.signal} ${i.id} ${i.state}`),
    );
    p.log.info(
      t`Baseline taken: ${count(
        taken.reduce((n, x) => n + x.items.length, 0),
        'item',
      )}${failing.length ? `, failing already: ${failing.join(', ')}` : ', all passing'}.`,
    );
  }

  if (w.dryRun) {
    if (site && plan && resolved) {
      p.log.info(
        t`Dry run: would send POST ${site.cfg.apiRoot.pathname.replace(/\/+$/, '')}/maintenance for ${countMonitors(resolved)} (${resolved.monitors.map((m) => `'${serverText(m.name)}' ${m.id}`).join(', ')}), with this body:`,
      );
      p.log.info(JSON.stringify(windowBody(plan), null, 2));
      p.setOutput(
        'dry-run-request',
        untrustedJson(
          requestOf(site.cfg, { method: 'POST', path: '/maintenance', body: windowBody(plan) }),
        ),
      );
      p.setOutput('monitor-ids', resolved.monitors.map((m) => m.id).join(','));
    }
    for (const s of sets) {
      for (const r of s.planned) {
        p.log.info(
          t`Dry run: would send ${r.method} ${r.path} (${s.noun} for ${r.covers}), with this body:`,
        );
        p.log.info(untrustedJson(r.body));
      }
    }
    p.setOutput('starts-at', startsAt);
    p.setOutput('ends-at', endsAt);
    return { windows: [], endMs };
  }
  if (w.endOnExit) {
    // Saved before any window exists: if this step dies mid-request, the post step can
    // still find each window (Site24x7's by its name and times, the others by the marker).
    if (site && plan) {
      p.saveState(STATE.planned, JSON.stringify(windowBody(plan)));
      saveConnection(p, site.cfg, site.tokens, endMs);
    }
    if (sets.length) savePlanned(p, others, marker, endMs);
  }

  let created: Awaited<ReturnType<typeof createWindow>> | undefined;
  if (site && plan) {
    try {
      created = await createWindow(site.api, plan);
    } catch (e) {
      // Refused outright (a 4xx): no window exists, so the post step has nothing to look for.
      // After a network failure or a 5xx one may exist: keep the plan for the post step.
      if (e instanceof StepError && ['protocol', 'auth', 'input'].includes(e.kind) && w.endOnExit) {
        p.saveState(STATE.planned, '');
        if (sets.length) clearWindows(p);
      }
      throw e;
    }
    if (w.endOnExit) p.saveState(STATE.id, created.id);
  }

  const opened: OpenedWindow[] = [];
  try {
    await openAll(sets, (x) => {
      opened.push(x);
      if (w.endOnExit) saveOpened(p, opened);
    });
  } catch (e) {
    if (!(e instanceof WindowsFailed)) throw e;
    // One transaction: the Site24x7 window opened first is closed too.
    let siteLine = '';
    if (site && created) {
      try {
        const ended = await endWindow(
          site.api,
          created.id,
          rt,
          wordingOf(p).subject('maintenance-id'),
        );
        siteLine = t` ${NOUNS.site24x7} ${created.id}: ${ended.action === 'deleted' ? 'deleted before it started' : 'ended'}.`;
        if (w.endOnExit) {
          p.saveState(STATE.id, '');
          p.saveState(STATE.planned, '');
        }
      } catch (closeError) {
        siteLine = t` ${NOUNS.site24x7} ${created.id}: could not be closed: ${(closeError as Error).message}`;
      }
    }
    if (w.endOnExit) {
      const left = e.stillOpen;
      if (left.length) saveOpened(p, left);
      else clearWindows(p);
    }
    throw new StepError(e.kind, t`${e.message}${siteLine}`);
  }

  p.setOutput('starts-at', startsAt);
  p.setOutput('ends-at', endsAt);
  if (site && created && resolved && plan) {
    const local = wallRange(plan.startMs, plan.endMs, w.timeZone);
    p.setOutput('maintenance-id', created.id);
    p.setOutput('monitor-ids', resolved.monitors.map((m) => m.id).join(','));
    p.log.info(
      t`${created.recovered ? 'Found' : 'Opened'} maintenance window ${created.id} '${plan.name}' for ${countMonitors(resolved)}, from ${startsAt} to ${endsAt} (${local ? `${local}, as sent` : 'sent as UTC wall-clock time'}).${created.recovered ? ' An earlier attempt had created it; it was not created twice.' : ''}`,
    );
  }
  const dd = opened.filter((x) => x.provider === 'datadog');
  const pd = opened.filter((x) => x.provider === 'pagerduty');
  if (dd.length) p.setOutput('datadog-downtime-ids', dd.map((x) => x.id).join(','));
  if (pd.length) p.setOutput('pagerduty-window-id', pd.map((x) => x.id).join(','));
  for (const x of opened) {
    p.log.info(
      t`Opened ${NOUNS[x.provider]} ${x.id} for ${x.covers}, from ${startsAt} to ${endsAt}.`,
    );
  }
  const several = opened.length + (created ? 1 : 0) > 1;
  p.log.info(
    w.endOnExit
      ? t`The post step ends ${several ? 'every window' : 'it'} when the job finishes, even if the job fails or is cancelled. If that cannot happen, ${several ? 'each ends' : 'it ends'} on its own at ${endsAt}.`
      : created
        ? wordingOf(p).endLater(endsAt, created.id)
        : t`end-on-exit is off: ${several ? 'each window ends' : 'the window ends'} on its own at ${endsAt}.`,
  );
  const summary = [
    site && plan && created && resolved
      ? startSummary(site.cfg, plan, created.id, resolved as Resolved, run)
      : `### Maintenance windows\n\nFrom ${startsAt} to ${endsAt}.\n`,
    windowRows(opened),
  ].join('\n');
  await p.writeSummary(summary);
  return { siteId: created?.id, windows: opened, endMs };
}
