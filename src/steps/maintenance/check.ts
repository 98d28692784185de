/**
 * operation: check. The deployment gate (core/gate/model.ts) over every signal the step
 * selects: Site24x7 monitor states, Datadog monitor states, PagerDuty incidents open on
 * services. Evaluated every poll-seconds after stabilize-seconds, until a run of
 * required-passes passing evaluations, max-failures failing ones, or wait-seconds.
 */
import { StepError } from '../../core/errors.js';
import { parseGate } from '../../core/gate/config.js';
import {
  type Evaluation,
  type GateResult,
  type GateTiming,
  type Item,
  judged,
  runGate,
  type Signal,
} from '../../core/gate/model.js';
import { datadogSignal, pagerDutySignal } from '../../core/gate/providers.js';
import { site24x7Signal } from '../../core/gate/site24x7.js';
import { resolveDatadog } from '../../core/datadog/downtimes.js';
import { resolveServices } from '../../core/pagerduty/windows.js';
import type { Runtime } from '../../core/runtime.js';
import type { Site24x7Api } from '../../core/site24x7/api.js';
import type { CheckSettings } from '../../core/site24x7/config.js';
import {
  describeFailing,
  maintenanceHint,
  type MonitorHealth,
  stateName,
} from '../../core/site24x7/health.js';
import { requireMonitors, resolveSelection, type Selection } from '../../core/site24x7/select.js';
import { count, formatSeconds, serverText, t, untrustedJson } from '../../core/text.js';
import type { OtherWindows } from '../../core/windows/config.js';
import { wordingOf } from '../../core/inputs.js';
import type { DeploymentStatus, Platform } from '../../platform/types.js';
import { countMonitors, inputsOf } from './report.js';
import { checkSummary } from './summary.js';
import { mintOtherTokens, providerApi } from './windows.js';

export async function check(
  p: Platform,
  cfg: CheckSettings,
  site: { api: Site24x7Api; selection: Selection } | undefined,
  others: OtherWindows,
  rt: Runtime,
) {
  const gate = parseGate(p, p.log, cfg.waitMs, cfg.pollMs);
  const signals: Signal[] = [];
  const what: string[] = [];
  let s24: ReturnType<typeof site24x7Signal> | undefined;
  const passNames = [...cfg.pass].map((s) => stateName(s)).join(', ');
  if (site) {
    const resolved = await resolveSelection(site.api, site.selection, inputsOf(p));
    requireMonitors(resolved, inputsOf(p));
    s24 = site24x7Signal(site.api, resolved.monitors, cfg.pass, gate.baseline);
    signals.push(s24);
    what.push(t`${countMonitors(resolved)} (each must be ${passNames})`);
  }
  await mintOtherTokens(p, rt, others);
  if (others.datadog) {
    const dd = others.datadog;
    const api = providerApi(p, rt, 'datadog', dd.origin, dd.accessToken, undefined, cfg);
    const target = await resolveDatadog(
      api,
      dd.selection,
      wordingOf(p).subject(dd.selection.monitors.length ? 'datadog-monitors' : 'datadog-tags'),
    );
    signals.push(datadogSignal(api, target, gate.baseline));
    what.push(
      t`Datadog ${[target.monitors.length ? `${target.monitors.length} monitors` : '', target.tags.length ? `monitors tagged ${target.tags.join(', ')}` : ''].filter(Boolean).join(' and ')} (each must be OK)`,
    );
  }
  if (others.pagerduty) {
    const pd = others.pagerduty;
    const api = providerApi(p, rt, 'pagerduty', pd.origin, pd.accessToken, pd.from, cfg);
    const services = await resolveServices(
      api,
      pd.services,
      wordingOf(p).subject('pagerduty-services'),
    );
    signals.push(pagerDutySignal(api, services, gate.baseline));
    what.push(t`PagerDuty services ${services.map((s) => s.id).join(', ')} (no open incident)`);
  }
  const g = gate.timing;
  p.log.info(
    t`Checking ${what.join('; ')}${cfg.waitMs ? `, waiting up to ${formatSeconds(cfg.waitMs)}` : ''}${g.stabilizeMs ? `, first after ${formatSeconds(g.stabilizeMs)}` : ''}${g.requiredPasses > 1 ? `, ${g.requiredPasses} passing evaluations in a row` : ''}${g.minSuccessMs ? ` over at least ${formatSeconds(g.minSuccessMs)}` : ''}${g.maxFailures ? `, failing after ${g.maxFailures} failing evaluations` : ''}.`,
  );
  const deployment = deploymentOf(p, rt, cfg);
  await deployment?.report({
    state: 'in_progress',
    description: 'The deployment gate is evaluating.',
  });
  let seen: Evaluation | undefined;
  let result: GateResult;
  try {
    result = await runGate(signals, g, rt, (e, next) => {
      seen = e;
      progress(p, e, s24?.last, g, next);
    });
  } catch (e) {
    // Cancelled (or refused): say where the gate stood, then stop at once.
    if (seen && e instanceof StepError) {
      p.log.info(
        t`The gate stopped after ${count(seen.n, 'evaluation')}; the last was ${seen.verdict} (${seen.signals.map((x) => `${x.signal} ${x.verdict}`).join(', ')}).`,
      );
    }
    throw e;
  }
  const last = s24?.last ?? [];
  const verdict = result.evaluations.at(-1);
  p.setOutput('status', result.passes ? 'pass' : 'fail');
  if (site) {
    p.setOutput('monitor-ids', last.map((m) => m.id).join(','));
    p.setOutput(
      'monitor-states',
      untrustedJson(
        last.map((m) => ({
          // No names: they are Site24x7's text, and no variable is set from it (the log and
          // the summary have them; `oauth-token site24x7 monitors --json` maps ids to names).
          id: m.id,
          state: stateName(m.state),
          passes: m.passes,
        })),
      ),
    );
  }
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
  await p.writeSummary(checkSummary(site ? last : undefined, result, passNames));
  await deployment?.report({
    state:
      result.outcome === 'passed'
        ? 'success'
        : result.outcome === 'failed'
          ? 'failure'
          : result.passes
            ? 'success'
            : 'error',
    description: `Deployment gate ${result.outcome}${result.outcome === 'inconclusive' ? (result.passes ? ', passed by choice' : ', failed closed') : ''}: ${result.reason}.`,
  });
  for (const s of verdict?.signals ?? []) {
    for (const i of s.items) {
      if (!i.preexisting) continue;
      p.log.warning(
        t`${s.signal === 'site24x7' ? 'Monitor' : `${s.signal === 'datadog' ? 'Datadog monitor' : 'PagerDuty service'}`} ${i.id} is ${i.state}, as it was before the deploy (the baseline): pre-existing, ${g.preexisting === 'ignore' ? 'not held against the gate (pre-existing: ignore)' : 'failing the gate (pre-existing: fail)'}.`,
      );
    }
  }
  if (!result.passes) throw gateError(cfg, result, site ? last : undefined, passNames, g);
  const items = (verdict?.signals ?? []).flatMap((s) => s.items);
  p.log.info(
    result.outcome === 'inconclusive'
      ? t`Health gate inconclusive, passed by choice (inconclusive: pass): ${result.reason}.`
      : site && signals.length === 1
        ? t`Health gate passed: all ${last.length} monitors are ${passNames}${result.evaluations.length > 1 ? ` (after ${result.evaluations.length} checks, ${formatSeconds(result.waitedMs)})` : ''}.`
        : t`Health gate passed: all ${items.length} items of ${signals.length} signals pass${result.evaluations.length > 1 ? ` (after ${result.evaluations.length} checks, ${formatSeconds(result.waitedMs)})` : ''}.`,
  );
}

/**
 * The deployment this gate decides (deployment-id, GitHub): its status is set to in_progress,
 * then to the verdict. A status that cannot be set is a warning: the gate's verdict stands.
 */
function deploymentOf(p: Platform, rt: Runtime, cfg: CheckSettings) {
  const inputs = inputsOf(p);
  const id = inputs.str('deployment-id');
  if (!id) return undefined;
  if (!/^\d{1,20}$/.test(id)) {
    throw inputs.error(
      'deployment-id',
      t`has the value '${id}', which is not a deployment id`,
      'pass the id of the deployment, e.g. from the step that created it',
    );
  }
  const token = inputs.secret('deployment-token');
  if (!token) {
    throw inputs.error(
      'deployment-token',
      t`is empty, but ${inputs.label('deployment-id')} is set`,
      "pass a token that may write deployment statuses, e.g. the job's github.token with permissions deployments: write",
    );
  }
  if (!p.deploymentStatus) {
    throw inputs.error(
      'deployment-id',
      'is set, but this platform has no deployment statuses',
      'remove it (GitHub Actions only)',
    );
  }
  p.setSecret(token);
  const logUrl = p.runInfo().url;
  return {
    async report(status: Omit<DeploymentStatus, 'logUrl'>) {
      try {
        await p.deploymentStatus!(id, token, { ...status, ...(logUrl ? { logUrl } : {}) }, rt, {
          timeoutMs: cfg.timeoutMs,
          budgetMs: cfg.budgetMs,
          budgetLabel: p.label('max-retry-seconds'),
          secrets: () => [token],
        });
        p.log.info(t`Deployment ${id}: status ${status.state}.`);
      } catch (e) {
        if (e instanceof StepError && e.kind === 'cancelled') throw e;
        p.log.warning(
          t`Deployment ${id}: the status ${status.state} could not be set: ${(e as Error).message}`,
        );
      }
    },
  };
}

/** A signal's items held against the gate (a pre-existing failure may be ignored: judged). */
function heldAgainst(items: readonly Item[], g: GateTiming): Item[] {
  return items.filter((i) => judged(i, g) !== 'pass');
}

/** Items held against the gate, of every signal or of one. */
function against(e: Evaluation | undefined, g: GateTiming, signal?: string): Item[] {
  return (e?.signals ?? [])
    .filter((s) => !signal || s.signal === signal)
    .flatMap((s) => heldAgainst(s.items, g));
}

/** Site24x7 monitors held against the gate (the others read as passing), for messages. */
function site24x7Against(
  last: MonitorHealth[],
  e: Evaluation | undefined,
  g: GateTiming,
): MonitorHealth[] {
  const ids = new Set(against(e, g, 'site24x7').map((i) => i.id));
  return last.map((m) => (ids.has(m.id) ? m : { ...m, passes: true }));
}

/** Items held against the gate outside Site24x7 (whose monitors are described by name). */
function describeOthers(e: Evaluation | undefined, g: GateTiming): string {
  return (e?.signals ?? [])
    .filter((s) => s.signal !== 'site24x7')
    .flatMap((s) =>
      s.error
        ? [`${s.signal}: ${serverText(s.error)}`]
        : heldAgainst(s.items, g).map((i) => `${s.signal} ${i.id}: ${i.state}`),
    )
    .join('; ');
}

function progress(
  p: Platform,
  e: Evaluation,
  health: MonitorHealth[] | undefined,
  g: GateTiming,
  next?: { inMs: number; leftMs: number },
): void {
  const items = e.signals.flatMap((s) => s.items);
  const ok = items.length - against(e, g).length;
  const error = e.signals.find((s) => s.error);
  const counted =
    e.signals.length === 1 && health
      ? `${ok} of ${items.length} monitors pass`
      : `${ok} of ${items.length} items pass`;
  const head = t`Evaluation ${e.n}: ${e.verdict}; ${counted}${error ? ` (${error.signal} did not answer: ${error.error})` : ''}`;
  if (!next) return p.log.info(t`${head}.`);
  const failing = [
    health ? describeFailing(site24x7Against(health, e, g)) : '',
    describeOthers(e, g),
  ]
    .filter(Boolean)
    .join('; ');
  p.log.info(
    t`${head}; waiting ${formatSeconds(next.inMs)} (${formatSeconds(next.leftMs)} left).${failing ? ` Not yet: ${failing}.` : ''}`,
  );
}

function gateError(
  cfg: CheckSettings,
  r: GateResult,
  lastRead: MonitorHealth[] | undefined,
  passNames: string,
  g: GateTiming,
): StepError {
  const e = r.evaluations.at(-1);
  const last = lastRead && site24x7Against(lastRead, e, g);
  const failing = (last ?? []).filter((m) => !m.passes);
  const waited = cfg.waitMs
    ? ` after ${formatSeconds(r.waitedMs)} (${r.evaluations.length} checks; ${cfg.label('wait-seconds')} is ${Math.round(cfg.waitMs / 1000)})`
    : '';
  const others = describeOthers(e, g);
  const parts = [last && failing.length ? describeFailing(last) : '', others].filter(Boolean);
  const why = parts.length
    ? `: ${parts.join('; ')}.${last ? maintenanceHint(last, cfg) : ''}`
    : `: ${serverText(e?.signals.find((s) => s.error)?.error ?? r.reason)}.`;
  if (r.outcome === 'inconclusive') {
    return new StepError(
      'gate',
      t`Health gate inconclusive, so it fails (fail-closed; ${cfg.label('inconclusive')}: pass would let it pass): ${r.reason}${waited}${why}`,
    );
  }
  const items = (e?.signals ?? []).flatMap((s) => s.items);
  const count =
    last && e?.signals.length === 1
      ? `${failing.length} of ${last.length} monitors are not ${passNames}`
      : `${against(e, g).length} of ${items.length} items do not pass`;
  return new StepError('gate', t`Health gate failed: ${count}${waited} (${r.reason})${why}`);
}
