/** What the maintenance step says in the log: counts, and one line per outcome of an end. */
import { Inputs } from '../../core/inputs.js';
import type { Ended } from '../../core/site24x7/maintenance.js';
import type { Resolved } from '../../core/site24x7/select.js';
import { count, isoSeconds, serverText, t } from '../../core/text.js';
import type { Platform } from '../../platform/types.js';

/** Inputs, for messages naming them after parsing. */
export function inputsOf(p: Platform): Inputs {
  return new Inputs(p, p.log);
}

export function countMonitors(r: Resolved): string {
  const n = r.monitors.length;
  const what =
    r.kind === 'monitors' ? '' : ` in ${count(r.ids.length, r.kind === 'tags' ? 'tag' : 'group')}`;
  return `${count(n, 'monitor')}${what}`;
}

/** One log line per outcome of ending a window. */
export function report(p: Platform, id: string, e: Ended): void {
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

/**
 * What a dry run would send, as the dry-run-request output: method, full address and body, or
 * a null method when nothing would be sent.
 */
export function requestOf(
  cfg: { apiRoot: URL },
  req: { method: string; path: string; body?: Record<string, unknown> } | undefined,
): { method: string | null; url: string | null; body: Record<string, unknown> | null } {
  if (!req) return { method: null, url: null, body: null };
  return {
    method: req.method,
    url: `${cfg.apiRoot.href.replace(/\/+$/, '')}${req.path}`,
    body: req.body ?? null,
  };
}
