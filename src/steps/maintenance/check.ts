/**
 * operation: check. The deployment gate (core/gate/model.ts): evaluate the selected monitors
 * every poll-seconds after stabilize-seconds, until a run of required-passes passing
 * evaluations, max-failures failing ones, or wait-seconds; passed, failed or inconclusive.
 */
import { StepError } from '../../core/errors.js';
import { parseGate } from '../../core/gate/config.js';
import { type Evaluation, type GateResult, runGate } from '../../core/gate/model.js';
import { site24x7Signal } from '../../core/gate/site24x7.js';
import type { Runtime } from '../../core/runtime.js';
import type { Site24x7Api } from '../../core/site24x7/api.js';
import type { MaintenanceConfig } from '../../core/site24x7/config.js';
import {
  describeFailing,
  maintenanceHint,
  type MonitorHealth,
  stateName,
} from '../../core/site24x7/health.js';
import { requireMonitors, resolveSelection } from '../../core/site24x7/select.js';
import { formatSeconds, serverText, t, untrustedJson } from '../../core/text.js';
import type { Platform } from '../../platform/types.js';
import { countMonitors, inputsOf } from './report.js';
import { checkSummary } from './summary.js';

export async function check(p: Platform, cfg: MaintenanceConfig, api: Site24x7Api, rt: Runtime) {
  const gate = parseGate(p, p.log, cfg.waitMs, cfg.pollMs);
  const resolved = await resolveSelection(api, cfg.selection!, inputsOf(p));
  requireMonitors(resolved, inputsOf(p));
  const passNames = [...cfg.pass].map((s) => stateName(s)).join(', ');
  const g = gate.timing;
  p.log.info(
    t`Checking ${countMonitors(resolved)}: each must be ${passNames}${cfg.waitMs ? `, waiting up to ${formatSeconds(cfg.waitMs)}` : ''}${g.stabilizeMs ? `, first after ${formatSeconds(g.stabilizeMs)}` : ''}${g.requiredPasses > 1 ? `, ${g.requiredPasses} passing evaluations in a row` : ''}${g.minSuccessMs ? ` over at least ${formatSeconds(g.minSuccessMs)}` : ''}${g.maxFailures ? `, failing after ${g.maxFailures} failing evaluations` : ''}.`,
  );
  const signal = site24x7Signal(api, resolved.monitors, cfg.pass, gate.baseline);
  const result = await runGate([signal], g, rt, (e, next) => progress(p, e, signal.last, next));
  const last = signal.last ?? [];
  const verdict = result.evaluations.at(-1);
  p.setOutput('status', result.passes ? 'pass' : 'fail');
  p.setOutput('monitor-ids', resolved.monitors.map((m) => m.id).join(','));
  p.setOutput(
    'monitor-states',
    untrustedJson(
      last.map((m) => ({
        // No names: they are Site24x7's text, and no variable is set from it (the log and the
        // summary have them; `oauth-token site24x7 monitors --json` maps ids to names).
        id: m.id,
        state: stateName(m.state),
        passes: m.passes,
      })),
    ),
  );
  p.setOutput(
    'verdict',
    untrustedJson({
      outcome: result.outcome,
      passes: result.passes,
      evaluations: result.evaluations.length,
      signals: (verdict?.signals ?? []).map((s) => ({
        signal: s.signal,
        verdict: s.verdict,
        items: s.items,
      })),
    }),
  );
  await p.writeSummary(checkSummary(last, result, passNames));
  for (const i of verdict?.signals.flatMap((s) => s.items) ?? []) {
    if (i.preexisting) {
      p.log.warning(
        t`Monitor ${i.id} is ${i.state}, as it was before the deploy (the baseline): pre-existing, ${g.preexisting === 'ignore' ? 'not held against the gate (pre-existing: ignore)' : 'failing the gate (pre-existing: fail)'}.`,
      );
    }
  }
  if (!result.passes) throw gateError(cfg, result, last, passNames);
  p.log.info(
    result.outcome === 'inconclusive'
      ? t`Health gate inconclusive, passed by choice (inconclusive: pass): ${result.reason}.`
      : t`Health gate passed: all ${last.length} monitors are ${passNames}${result.evaluations.length > 1 ? ` (after ${result.evaluations.length} checks, ${formatSeconds(result.waitedMs)})` : ''}.`,
  );
}

function progress(
  p: Platform,
  e: Evaluation,
  health: MonitorHealth[] | undefined,
  next?: { inMs: number; leftMs: number },
): void {
  const hs = health ?? [];
  const ok = hs.filter((m) => m.passes).length;
  const error = e.signals.find((s) => s.error)?.error;
  const head = t`Evaluation ${e.n}: ${e.verdict}; ${ok} of ${hs.length} monitors pass${error ? ` (Site24x7 did not answer: ${error})` : ''}`;
  if (!next) return p.log.info(t`${head}.`);
  const failing = describeFailing(hs);
  p.log.info(
    t`${head}; waiting ${formatSeconds(next.inMs)} (${formatSeconds(next.leftMs)} left).${failing ? ` Not yet: ${failing}.` : ''}`,
  );
}

function gateError(
  cfg: MaintenanceConfig,
  r: GateResult,
  last: MonitorHealth[],
  passNames: string,
): StepError {
  const failing = last.filter((m) => !m.passes);
  const waited = cfg.waitMs
    ? ` after ${formatSeconds(r.waitedMs)} (${r.evaluations.length} checks; ${cfg.label('wait-seconds')} is ${Math.round(cfg.waitMs / 1000)})`
    : '';
  const why = failing.length
    ? `: ${describeFailing(last)}.${maintenanceHint(last, cfg)}`
    : `: ${serverText(r.evaluations.at(-1)?.signals.find((s) => s.error)?.error ?? r.reason)}.`;
  if (r.outcome === 'inconclusive') {
    return new StepError(
      'gate',
      t`Health gate inconclusive, so it fails (fail-closed; ${cfg.label('inconclusive')}: pass would let it pass): ${r.reason}${waited}${why}`,
    );
  }
  return new StepError(
    'gate',
    t`Health gate failed: ${failing.length} of ${last.length} monitors are not ${passNames}${waited} (${r.reason})${why}`,
  );
}
