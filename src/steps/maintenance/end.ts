/** operation: end. Close the window given by maintenance-id (or say what would be done). */
import type { Runtime } from '../../core/runtime.js';
import type { Site24x7Api } from '../../core/site24x7/api.js';
import type { MaintenanceConfig } from '../../core/site24x7/config.js';
import { endWindow, getWindow } from '../../core/site24x7/maintenance.js';
import { nextMinute } from '../../core/site24x7/time.js';
import { isoSeconds, t } from '../../core/text.js';
import type { Platform } from '../../platform/types.js';
import { report } from './report.js';

export async function end(p: Platform, rt: Runtime, cfg: MaintenanceConfig, api: Site24x7Api) {
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
