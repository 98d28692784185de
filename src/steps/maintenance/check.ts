/** operation: check. The health gate: every selected monitor in a passing state, or fail. */
import { StepError } from '../../core/errors.js';
import type { Runtime } from '../../core/runtime.js';
import type { Site24x7Api } from '../../core/site24x7/api.js';
import type { MaintenanceConfig } from '../../core/site24x7/config.js';
import {
  describeFailing,
  maintenanceHint,
  stateName,
  waitForHealth,
} from '../../core/site24x7/health.js';
import { requireMonitors, resolveSelection } from '../../core/site24x7/select.js';
import { formatSeconds, t, untrustedJson } from '../../core/text.js';
import type { Platform } from '../../platform/types.js';
import { countMonitors, inputsOf } from './report.js';
import { checkSummary } from './summary.js';

export async function check(p: Platform, cfg: MaintenanceConfig, api: Site24x7Api, rt: Runtime) {
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
  p.setOutput(
    'monitor-states',
    untrustedJson(
      result.monitors.map((m) => ({
        // No names: they are Site24x7's text, and no variable is set from it (the log and the
        // summary have them; `oauth-token site24x7 monitors --json` maps ids to names).
        id: m.id,
        state: stateName(m.state),
        passes: m.passes,
      })),
    ),
  );
  await p.writeSummary(checkSummary(result.monitors, result.passed, passNames));
  if (!result.passed) {
    const failing = result.monitors.filter((m) => !m.passes);
    throw new StepError(
      'gate',
      t`Health gate failed: ${failing.length} of ${result.monitors.length} monitors are not ${passNames}${cfg.waitMs ? ` after ${formatSeconds(result.waitedMs)} (${result.polls} checks; ${cfg.label('wait-seconds')} is ${Math.round(cfg.waitMs / 1000)})` : ''}: ${describeFailing(result.monitors)}.${maintenanceHint(result.monitors, cfg)}`,
    );
  }
  p.log.info(
    t`Health gate passed: all ${result.monitors.length} monitors are ${passNames}${result.polls > 1 ? ` (after ${result.polls} checks, ${formatSeconds(result.waitedMs)})` : ''}.`,
  );
}
