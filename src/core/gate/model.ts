/**
 * The deployment gate's timing model, independent of where the signals come from:
 *
 *   stabilise ── evaluate ── interval ── evaluate ── ... ── passed | failed | inconclusive
 *
 * - a stabilisation delay before the first evaluation;
 * - an evaluation every interval, of every signal at once;
 * - passed after a run of consecutive passing evaluations (and, when asked, a run that has
 *   lasted a minimum success duration);
 * - failed early once failing evaluations reach the failure threshold;
 * - inconclusive when evaluations keep saying "cannot tell" (no data, suspended, in
 *   maintenance) or a signal's API keeps failing; inconclusive passes or fails by an explicit
 *   choice (fail-closed by default), and is always said;
 * - a timeout that bounds the whole gate: throttling stretches an interval, never the timeout.
 *
 * Maps to Azure DevOps gates (delay before evaluation, time between re-evaluation, minimum
 * duration for steady results, timeout) and Argo Rollouts analysis (initialDelay, interval,
 * count/consecutive successes, failureLimit, inconclusiveLimit, consecutiveErrorLimit).
 */
import { StepError } from '../errors.js';
import type { Runtime } from '../runtime.js';

export type Verdict = 'pass' | 'fail' | 'inconclusive';

/** One monitor, service or incident set a signal looked at. */
export interface Item {
  id: string;
  /** The provider's state, as a short word (`up`, `alert`, `2 open incidents`). */
  state: string;
  verdict: Verdict;
  /** Failing already in the baseline: reported, and judged by the pre-existing rule. */
  preexisting?: boolean;
}

export interface SignalResult {
  /** `site24x7`, `datadog`, `pagerduty`. */
  signal: string;
  verdict: Verdict;
  items: Item[];
  /** Set when the signal's API failed this time (the evaluation is then inconclusive). */
  error?: string;
}

export interface Signal {
  name: string;
  evaluate(): Promise<Omit<SignalResult, 'verdict'> & { verdict?: Verdict }>;
}

export interface GateTiming {
  stabilizeMs: number;
  intervalMs: number;
  /** Consecutive passing evaluations needed. */
  requiredPasses: number;
  /** The run of passes must also span this long (0: no minimum). */
  minSuccessMs: number;
  /** Failing evaluations that end the gate early as failed (0: none; wait for the timeout). */
  maxFailures: number;
  /** Consecutive evaluations whose API failed that make the gate inconclusive. */
  maxErrors: number;
  /** The whole gate, stabilisation included. */
  timeoutMs: number;
  /** What an inconclusive gate does to the step. */
  inconclusive: 'fail' | 'pass';
  /** A failing item that was already failing in the baseline. */
  preexisting: 'ignore' | 'fail';
}

export interface Evaluation {
  n: number;
  /** Milliseconds since the gate started. */
  atMs: number;
  verdict: Verdict;
  signals: SignalResult[];
}

export interface GateResult {
  outcome: 'passed' | 'failed' | 'inconclusive';
  /** Whether the step passes: passed, or inconclusive with inconclusive: pass. */
  passes: boolean;
  /** Why it ended, in a sentence. */
  reason: string;
  evaluations: Evaluation[];
  waitedMs: number;
}

/** How a baseline names an item: `<signal>/<id>` (ids of different providers may collide). */
export const baselineKey = (signal: string, id: string) => `${signal}/${id}`;

/** An item's verdict once the pre-existing rule is applied. */
export function judged(item: Item, t: Pick<GateTiming, 'preexisting'>): Verdict {
  return item.verdict === 'fail' && item.preexisting && t.preexisting === 'ignore'
    ? 'pass'
    : item.verdict;
}

/** A signal's verdict from its items: any fail fails, else any inconclusive, else pass. */
export function combine(verdicts: Verdict[]): Verdict {
  if (verdicts.includes('fail')) return 'fail';
  if (verdicts.includes('inconclusive')) return 'inconclusive';
  return 'pass';
}

async function evaluateAll(signals: readonly Signal[], t: GateTiming): Promise<SignalResult[]> {
  const out: SignalResult[] = [];
  for (const s of signals) {
    try {
      const r = await s.evaluate();
      const verdict = r.error
        ? 'inconclusive'
        : (r.verdict ?? combine(r.items.map((i) => judged(i, t))));
      out.push({ ...r, signal: s.name, verdict });
    } catch (e) {
      // Cancellation, bad input and a refused token (a missing scope) end the gate: waiting
      // cannot mend them. An API that failed otherwise makes this evaluation inconclusive
      // (the retry policy has already retried it within its budget).
      if (e instanceof StepError && ['cancelled', 'input', 'auth'].includes(e.kind)) throw e;
      out.push({
        signal: s.name,
        verdict: 'inconclusive',
        items: [],
        error: e instanceof Error ? e.message : String(e),
      });
    }
  }
  return out;
}

/**
 * Run the gate. `onEvaluation` sees each evaluation as it happens (the progress line). A
 * cancellation ends it at once, with what it had seen so far in the error.
 */
export async function runGate(
  signals: readonly Signal[],
  t: GateTiming,
  rt: Runtime,
  onEvaluation: (e: Evaluation, next?: { inMs: number; leftMs: number }) => void,
): Promise<GateResult> {
  const started = rt.now();
  const evaluations: Evaluation[] = [];
  const waited = () => rt.now() - started;
  const end = (outcome: GateResult['outcome'], reason: string): GateResult => ({
    outcome,
    passes: outcome === 'passed' || (outcome === 'inconclusive' && t.inconclusive === 'pass'),
    reason,
    evaluations,
    waitedMs: waited(),
  });
  if (t.stabilizeMs > 0) await rt.sleep(Math.min(t.stabilizeMs, t.timeoutMs), rt.signal);

  let passes = 0;
  let passStart = 0;
  let failures = 0;
  let errors = 0;
  for (let n = 1; ; n++) {
    const signalResults = await evaluateAll(signals, t);
    const verdict = combine(signalResults.map((s) => s.verdict));
    const e: Evaluation = { n, atMs: waited(), verdict, signals: signalResults };
    evaluations.push(e);
    errors = signalResults.some((s) => s.error) ? errors + 1 : 0;
    if (verdict === 'pass') {
      if (passes === 0) passStart = e.atMs;
      passes++;
    } else passes = 0;
    if (verdict === 'fail') failures++;

    const lasted = e.atMs - passStart;
    if (passes >= t.requiredPasses && lasted >= t.minSuccessMs) {
      onEvaluation(e);
      return end(
        'passed',
        passes > 1
          ? `${passes} passing evaluations in a row over ${Math.round(lasted / 1000)} s`
          : 'every signal passed',
      );
    }
    if (t.maxFailures > 0 && failures >= t.maxFailures) {
      onEvaluation(e);
      return end('failed', `${failures} failing evaluations reached the failure threshold`);
    }
    if (errors >= t.maxErrors) {
      onEvaluation(e);
      return end('inconclusive', `a signal's API failed ${errors} evaluations in a row`);
    }
    const left = t.timeoutMs - waited();
    // The last evaluation comes at the timeout at the latest; a throttled API that stretched
    // this evaluation has used up its part of the interval, not more of the timeout.
    const delay = Math.min(Math.max(0, t.intervalMs - (waited() - e.atMs)), left);
    if (left <= 0) {
      onEvaluation(e);
      if (verdict === 'inconclusive') {
        return end(
          'inconclusive',
          'the last evaluation could not tell, and the timeout was reached',
        );
      }
      return end(
        'failed',
        passes > 0
          ? `the timeout came after ${passes} of ${t.requiredPasses} passing evaluations in a row`
          : 'the signals did not pass within the timeout',
      );
    }
    onEvaluation(e, { inMs: delay, leftMs: left });
    await rt.sleep(delay, rt.signal);
  }
}
