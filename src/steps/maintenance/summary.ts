/** The job summary (Markdown) of a started window and of a health gate. */
import { site24x7MaintenanceConsole } from '../../core/site24x7/console.js';
import type { RunInfo } from '../../core/runtime.js';
import type { MaintenanceConfig } from '../../core/site24x7/config.js';
import type { GateResult } from '../../core/gate/model.js';
import { type MonitorHealth, stateName } from '../../core/site24x7/health.js';
import { type WindowPlan, windowBody } from '../../core/site24x7/maintenance.js';
import type { Resolved } from '../../core/site24x7/select.js';
import { isoSeconds, markdownText, serverText } from '../../core/text.js';

/** Markdown-safe text: server names, IDs and inputs alike (bounded, one line, escaped). */
const md = (value: string): string => markdownText(serverText(value));

export function startSummary(
  cfg: MaintenanceConfig,
  plan: WindowPlan,
  id: string,
  r: Resolved,
  run: RunInfo,
): string {
  const b = windowBody(plan);
  const rows = r.monitors.map((m) => `| ${md(m.name)} | ${md(m.id)} |`).join('\n');
  const selected =
    r.kind === 'monitors'
      ? ''
      : `| Selected ${r.kind === 'tags' ? 'tags' : 'groups'} | ${[...r.names.entries()].map(([i, n]) => `${md(n)} (${md(i)})`).join(', ')} |\n`;
  return [
    `### Site24x7 maintenance window ${md(id)}`,
    '',
    '| | |',
    '|---|---|',
    `| Name | ${md(plan.name)} |`,
    `| From | ${isoSeconds(new Date(plan.startMs))} (${b.start_date} ${b.start_time} ${md(cfg.timeZone)}) |`,
    `| To | ${isoSeconds(new Date(plan.endMs))} (${b.end_date} ${b.end_time} ${md(cfg.timeZone)}) |`,
    `${selected}| Monitoring during the window | ${plan.performMonitoring ? 'kept on (alerts suppressed)' : 'paused'} |`,
    `| Ends early | ${cfg.endOnExit ? 'when the job finishes (post step)' : 'no (end-on-exit is off)'} |`,
    `| Console | [Scheduled maintenance](${site24x7MaintenanceConsole(cfg.apiRoot)}) |`,
    ...(run.url ? [`| Run | ${md(run.url)} |`] : []),
    '',
    '| Monitor | ID |',
    '|---|---|',
    rows,
    '',
  ].join('\n');
}

export function checkSummary(
  ms: MonitorHealth[] | undefined,
  r: GateResult,
  passNames: string,
): string {
  const outcome =
    r.outcome === 'inconclusive'
      ? `inconclusive (${r.passes ? 'passed by choice' : 'fails closed'})`
      : r.outcome;
  const last = r.evaluations.at(-1);
  const signals = last?.signals ?? [];
  const items = new Map(
    signals
      .filter((s) => s.signal === 'site24x7')
      .flatMap((s) => s.items)
      .map((i) => [i.id, i]),
  );
  const mark = (verdict: string, preexisting?: boolean) =>
    verdict === 'pass'
      ? 'pass'
      : verdict === 'inconclusive'
        ? 'inconclusive'
        : preexisting
          ? 'pre-existing'
          : '**fail**';
  const multi = signals.length > 1 || !ms;
  const others = signals.filter((s) => s.signal !== 'site24x7');
  return [
    `### ${multi ? 'Deployment gate' : 'Site24x7 health gate'}: ${outcome}`,
    '',
    `${ms ? `Passing states: ${passNames}. ` : ''}${md(r.reason)}.`,
    '',
    ...(ms
      ? [
          '| Monitor | ID | State | |',
          '|---|---|---|---|',
          ...ms.map((m) => {
            const i = items.get(m.id);
            return `| ${md(m.name)} | ${md(m.id)} | ${stateName(m.state)} | ${m.passes ? 'pass' : mark(i?.verdict ?? 'fail', i?.preexisting)} |`;
          }),
          '',
        ]
      : []),
    ...(others.length
      ? [
          '| Signal | ID | State | |',
          '|---|---|---|---|',
          ...others.flatMap((s) =>
            s.error
              ? [`| ${s.signal} | | API: ${md(s.error).slice(0, 120)} | inconclusive |`]
              : s.items.map(
                  (i) =>
                    `| ${s.signal} | ${md(i.id)} | ${md(i.state)} | ${mark(i.verdict, i.preexisting)} |`,
                ),
          ),
          '',
        ]
      : []),
    '| Evaluation | At | Verdict | Not passing |',
    '|---|---|---|---|',
    ...r.evaluations.map(
      (e) =>
        `| ${e.n} | +${Math.round(e.atMs / 1000)} s | ${e.verdict} | ${
          e.signals
            .flatMap((s) =>
              s.error
                ? [`${s.signal} API: ${md(s.error).slice(0, 120)}`]
                : s.items
                    .filter((i) => i.verdict !== 'pass')
                    .map((i) => `${multi ? `${s.signal} ` : ''}${md(i.id)} ${md(i.state)}`),
            )
            .join(', ') || '–'
        } |`,
    ),
    '',
  ].join('\n');
}
