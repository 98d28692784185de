/** operation: end. Close the window given by maintenance-id (or say what would be done). */
import type { Runtime } from '../../core/runtime.js';
import type { Site24x7Api } from '../../core/site24x7/api.js';
import type { MaintenanceConfig } from '../../core/site24x7/config.js';
import {
  type Ended,
  endWindow,
  getWindow,
  ONE_OFF,
  planClose,
} from '../../core/site24x7/maintenance.js';
import { isoSeconds, t, untrustedJson } from '../../core/text.js';
import type { Platform } from '../../platform/types.js';
import { report, requestOf } from './report.js';

/**
 * What ending found (a dry run: only whether the window is gone). The command line refuses a
 * window that is gone; a pipeline's post step must not (someone may have deleted it).
 */
export async function end(
  p: Platform,
  rt: Runtime,
  cfg: MaintenanceConfig,
  api: Site24x7Api,
): Promise<Ended | undefined> {
  if (cfg.dryRun) {
    const w = await getWindow(api, cfg.maintenanceId);
    const plan = w && w.type === ONE_OFF ? planClose(w, rt.now()) : undefined;
    const what = !w
      ? 'nothing: the window no longer exists'
      : w.type !== ONE_OFF
        ? 'nothing: it is a recurring window, which this tool does not change'
        : plan!.request?.method === 'DELETE'
          ? 'DELETE it: it has not started'
          : plan!.request
            ? `PUT it with its end moved to ${isoSeconds(new Date(plan!.endMs!))}`
            : 'nothing: the window is over, or ends within the minute';
    p.log.info(t`Dry run: for window ${cfg.maintenanceId} this would do ${what}.`);
    p.setOutput('dry-run-request', untrustedJson(requestOf(cfg, plan?.request)));
    return w ? undefined : { action: 'gone' };
  }
  const ended = await endWindow(api, cfg.maintenanceId, rt, cfg.subject('maintenance-id'));
  report(p, cfg.maintenanceId, ended);
  p.setOutput('maintenance-id', cfg.maintenanceId);
  if (ended.endMs !== undefined) p.setOutput('ends-at', isoSeconds(new Date(ended.endMs)));
  return ended;
}
