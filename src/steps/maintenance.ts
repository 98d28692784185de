/**
 * The maintenance step: read inputs through the platform, then start, end or check (one module
 * each under maintenance/); and its post step, which ends the windows the main step opened
 * (maintenance/post.ts). A start may also mute Datadog and PagerDuty (maintenance/windows.ts),
 * with or without a Site24x7 window.
 */
import { Inputs } from '../core/inputs.js';
import type { Runtime } from '../core/runtime.js';
import {
  parseCheckSettings,
  parseMaintenanceConfig,
  parseWindowSettings,
} from '../core/site24x7/config.js';
import { parseOtherWindows, wantsSite24x7 } from '../core/windows/config.js';
import type { Platform } from '../platform/types.js';
import { check } from './maintenance/check.js';
import { connect } from './maintenance/connect.js';
import { end } from './maintenance/end.js';
import { MAINTENANCE_SECRET_INPUTS } from './maintenance/inputs.js';
import { start } from './maintenance/start.js';
import { maskSecretInputs } from './mask.js';

export { connect } from './maintenance/connect.js';
export { MAINTENANCE_SECRET_INPUTS } from './maintenance/inputs.js';
export { maintenancePost } from './maintenance/post.js';

export async function maintenanceMain(p: Platform, rt: Runtime): Promise<void> {
  maskSecretInputs(p, MAINTENANCE_SECRET_INPUTS);
  const run = p.runInfo();
  const operation = new Inputs(p, p.log).oneOf('operation', ['start', 'end', 'check'], 'start');
  // Datadog and PagerDuty are read to start windows and to gate (the post step ends windows).
  const others = operation === 'end' ? {} : parseOtherWindows(p, p.log);
  if ((others.datadog || others.pagerduty) && !wantsSite24x7(p)) {
    if (operation === 'check') return check(p, parseCheckSettings(p, p.log), undefined, others, rt);
    const w = parseWindowSettings(p, p.log, rt.now(), run);
    return void (await start(p, rt, w, undefined, others, run));
  }
  const cfg = parseMaintenanceConfig(p, p.log, rt.now(), run);
  const { api, tokens } = await connect(p, rt, cfg);
  if (cfg.operation === 'start')
    return void (await start(p, rt, cfg, { cfg, api, tokens }, others, run));
  // A window that is gone is a notice here: a post step, or a person, may have ended it. The
  // command line refuses it (cli/maintenance.ts), where the ID was typed.
  if (cfg.operation === 'end') return void (await end(p, rt, cfg, api));
  return check(p, cfg, { api, selection: cfg.selection! }, others, rt);
}
