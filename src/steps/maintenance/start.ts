/** operation: start. Resolve the selection, then open the window (or say what would be sent). */
import { StepError } from '../../core/errors.js';
import type { RunInfo, Runtime } from '../../core/runtime.js';
import type { Site24x7Api } from '../../core/site24x7/api.js';
import type { MaintenanceConfig } from '../../core/site24x7/config.js';
import { createWindow, type WindowPlan, windowBody } from '../../core/site24x7/maintenance.js';
import { requireMonitors, resolveSelection } from '../../core/site24x7/select.js';
import { floorMinute, wallRange } from '../../core/site24x7/time.js';
import { isoSeconds, serverText, t, untrustedJson } from '../../core/text.js';
import { wordingOf } from '../../core/inputs.js';
import type { Platform } from '../../platform/types.js';
import type { Tokens } from './connect.js';
import { countMonitors, inputsOf, requestOf } from './report.js';
import { saveConnection, STATE } from './state.js';
import { startSummary } from './summary.js';

export async function start(
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
    p.setOutput(
      'dry-run-request',
      untrustedJson(
        requestOf(cfg, { method: 'POST', path: '/maintenance', body: windowBody(plan) }),
      ),
    );
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
  const local = wallRange(plan.startMs, plan.endMs, cfg.timeZone);
  p.setOutput('maintenance-id', created.id);
  p.setOutput('starts-at', startsAt);
  p.setOutput('ends-at', endsAt);
  p.setOutput('monitor-ids', resolved.monitors.map((m) => m.id).join(','));

  p.log.info(
    t`${created.recovered ? 'Found' : 'Opened'} maintenance window ${created.id} '${plan.name}' for ${countMonitors(resolved)}, from ${startsAt} to ${endsAt} (${local ? `${local}, as sent` : 'sent as UTC wall-clock time'}).${created.recovered ? ' An earlier attempt had created it; it was not created twice.' : ''}`,
  );
  p.log.info(
    cfg.endOnExit
      ? t`The post step ends it when the job finishes, even if the job fails or is cancelled. If that cannot happen, it ends on its own at ${endsAt}.`
      : wordingOf(p).endLater(endsAt, created.id),
  );
  await p.writeSummary(startSummary(cfg, plan, created.id, resolved, run));
}
