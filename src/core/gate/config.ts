/**
 * The gate's settings beside wait-seconds (its timeout) and poll-seconds (its interval): the
 * stabilisation delay, the run of passes, the failure threshold, what an inconclusive gate
 * does, and the baseline a pre-existing failure is judged against.
 */
import { type InputSource, Inputs } from '../inputs.js';
import { parseJson } from '../json.js';
import { t } from '../text.js';
import { baselineKey, type GateTiming } from './model.js';

export interface GateSettings {
  timing: GateTiming;
  /** Item id -> whether it was failing before (from a baseline the pipeline passed on). */
  baseline?: Map<string, boolean>;
}

export function parseGate(
  src: InputSource,
  log: { notice(m: string): void },
  waitMs: number,
  pollMs: number,
): GateSettings {
  const inputs = new Inputs(src, log);
  const stabilizeMs = inputs.seconds('stabilize-seconds', 0, 0, 6 * 3600);
  const passesRaw = inputs.str('required-passes');
  const requiredPasses = passesRaw ? Number(passesRaw) : 1;
  if (!Number.isInteger(requiredPasses) || requiredPasses < 1 || requiredPasses > 100) {
    throw inputs.error(
      'required-passes',
      t`has the value '${passesRaw}', which is not a whole number from 1 to 100`,
      'give how many passing evaluations in a row the gate needs (default 1)',
    );
  }
  const failuresRaw = inputs.str('max-failures');
  const maxFailures = failuresRaw ? Number(failuresRaw) : 0;
  if (!Number.isInteger(maxFailures) || maxFailures < 0 || maxFailures > 1000) {
    throw inputs.error(
      'max-failures',
      t`has the value '${failuresRaw}', which is not a whole number from 0 to 1000`,
      'give how many failing evaluations end the gate early (0, the default: wait for the timeout)',
    );
  }
  const minSuccessMs = inputs.seconds('min-success-seconds', 0, 0, 6 * 3600);
  if (stabilizeMs + minSuccessMs > waitMs && (stabilizeMs || minSuccessMs)) {
    throw inputs.error(
      stabilizeMs ? 'stabilize-seconds' : 'min-success-seconds',
      t`leaves no time to pass within ${inputs.label('wait-seconds')} (${waitMs / 1000} s)`,
      t`raise ${inputs.label('wait-seconds')} above ${inputs.label('stabilize-seconds')} plus ${inputs.label('min-success-seconds')}`,
    );
  }
  if (requiredPasses > 1 && pollMs * (requiredPasses - 1) > waitMs - stabilizeMs) {
    throw inputs.error(
      'required-passes',
      t`is ${requiredPasses}, but ${requiredPasses - 1} intervals of ${inputs.label('poll-seconds')} do not fit in ${inputs.label('wait-seconds')}`,
      t`raise ${inputs.label('wait-seconds')} to at least ${((pollMs * (requiredPasses - 1) + stabilizeMs) / 1000).toFixed(0)}, or lower ${inputs.label('required-passes')}`,
    );
  }
  const inconclusive = inputs.oneOf<'fail' | 'pass'>('inconclusive', ['fail', 'pass'], 'fail');
  const preexisting = inputs.oneOf<'ignore' | 'fail'>('pre-existing', ['ignore', 'fail'], 'ignore');
  return {
    timing: {
      stabilizeMs,
      intervalMs: pollMs,
      requiredPasses,
      minSuccessMs,
      maxFailures,
      maxErrors: 3,
      timeoutMs: waitMs,
      inconclusive,
      preexisting,
    },
    baseline: parseBaseline(inputs),
  };
}

/**
 * A baseline: the `monitor-states` (or `verdict`) output of an earlier check in the job, taken
 * before the deploy. An item failing there is pre-existing.
 */
function parseBaseline(inputs: Inputs): Map<string, boolean> | undefined {
  const raw = inputs.str('baseline');
  if (!raw) return undefined;
  const v = parseJson(raw) as unknown;
  // monitor-states: Site24x7's items; verdict: every signal's, each under its signal's name.
  const groups: Array<{ signal: string; items: unknown[] }> | undefined = Array.isArray(v)
    ? [{ signal: 'site24x7', items: v }]
    : v && typeof v === 'object' && Array.isArray((v as { signals?: unknown }).signals)
      ? (v as { signals: Array<{ signal?: unknown; items?: unknown }> }).signals.map((s) => ({
          signal: typeof s.signal === 'string' ? s.signal : '',
          items: Array.isArray(s.items) ? s.items : [],
        }))
      : undefined;
  if (!groups) {
    throw inputs.error(
      'baseline',
      'is not the monitor-states or verdict output of an earlier check',
      t`pass an earlier check's output, e.g. \${{ steps.before.outputs.monitor-states }}`,
    );
  }
  const out = new Map<string, boolean>();
  for (const g of groups) {
    for (const i of g.items) {
      const o = i as { id?: unknown; passes?: unknown; verdict?: unknown };
      if (typeof o.id !== 'string' || !/^[A-Za-z0-9._:-]{1,64}$/.test(o.id)) continue;
      out.set(baselineKey(g.signal, o.id), o.passes === false || o.verdict === 'fail');
    }
  }
  return out;
}
