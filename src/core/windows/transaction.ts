/**
 * Opening several providers' windows as one transaction: open each in turn and record it the
 * moment it exists; if one fails, close those already opened (newest first) and fail saying
 * which failed and what was closed. Cancellation is not rolled back here: the runner runs the
 * post step, which closes every recorded window.
 */
import { StepError } from '../errors.js';
import { t } from '../text.js';
import type { Signal } from '../gate/model.js';

export type WindowProviderId = 'site24x7' | 'datadog' | 'pagerduty';

/** How ending a window went, in each API's terms mapped to one vocabulary. */
export type WindowEnd = 'ended' | 'deleted' | 'cancelled' | 'already-over' | 'gone';

export const END_WORDS: Record<WindowEnd, string> = {
  ended: 'ended now',
  deleted: 'deleted before it started',
  cancelled: 'cancelled',
  'already-over': 'already over; nothing to change',
  gone: 'no longer exists; nothing to change',
};

/** A window that exists: what the post step needs to close it (no secrets). */
export interface OpenedWindow {
  provider: WindowProviderId;
  id: string;
  /** For messages: `monitor 4001`, `services Shop, Billing`. */
  covers: string;
  /** Its page in the provider's web app, when known. */
  url?: string;
}

/** One window to open, as the request a dry run shows. */
export interface PlannedWindow {
  covers: string;
  method: 'POST';
  path: string;
  body: unknown;
}

/** One provider's part of the transaction. */
export interface WindowSet {
  provider: WindowProviderId;
  /** `Datadog downtime`, `PagerDuty maintenance window`. */
  noun: string;
  planned: PlannedWindow[];
  open(w: PlannedWindow): Promise<OpenedWindow>;
  close(id: string): Promise<WindowEnd>;
  /** The same selection as a gate signal, for a baseline taken before anything opens. */
  signal?: Signal;
}

export interface Closing {
  window: OpenedWindow;
  end?: WindowEnd;
  error?: string;
}

/** Close windows newest first; every failure is collected, none stops the others. */
export async function closeAll(
  sets: readonly WindowSet[],
  windows: readonly OpenedWindow[],
): Promise<Closing[]> {
  const out: Closing[] = [];
  for (const w of [...windows].reverse()) {
    const set = sets.find((s) => s.provider === w.provider);
    if (!set) {
      out.push({ window: w, error: 'no credentials for this provider in this step' });
      continue;
    }
    try {
      out.push({ window: w, end: await set.close(w.id) });
    } catch (e) {
      if (e instanceof StepError && e.kind === 'cancelled') throw e;
      out.push({ window: w, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return out;
}

export function describeClosing(c: Closing, nouns: Record<string, string>): string {
  const what = t`${nouns[c.window.provider] ?? c.window.provider} ${c.window.id} (${c.window.covers})`;
  return c.error ? t`${what}: could not be closed: ${c.error}` : t`${what}: ${END_WORDS[c.end!]}`;
}

/**
 * Open every planned window; `record` runs as soon as each exists. On a failure, close what
 * this call opened (`alsoOpened` windows are closed by the caller) and throw, naming both.
 */
export async function openAll(
  sets: readonly WindowSet[],
  record: (w: OpenedWindow) => void,
): Promise<OpenedWindow[]> {
  const opened: OpenedWindow[] = [];
  for (const set of sets) {
    for (const plan of set.planned) {
      try {
        const w = await set.open(plan);
        opened.push(w);
        record(w);
      } catch (e) {
        if (e instanceof StepError && e.kind === 'cancelled') throw e;
        const why = e instanceof Error ? e.message : String(e);
        const closed = await closeAll(sets, opened);
        const nouns = Object.fromEntries(sets.map((s) => [s.provider, s.noun]));
        const failed = closed.filter((c) => c.error);
        throw new WindowsFailed(
          e instanceof StepError ? e.kind : 'server',
          t`Opening the ${set.noun} for ${plan.covers} failed: ${why}${
            closed.length
              ? ` ${failed.length ? 'Of the windows opened before it, not all could be closed (the post step tries again)' : 'The windows opened before it were closed'}: ${closed.map((c) => describeClosing(c, nouns)).join('; ')}.`
              : ''
          }`,
          closed,
        );
      }
    }
  }
  return opened;
}

/** A failed transaction: what was closed on the way out (windows whose close failed remain). */
export class WindowsFailed extends StepError {
  constructor(
    kind: StepError['kind'],
    message: string,
    readonly closed: Closing[],
  ) {
    super(kind, message);
    this.name = 'WindowsFailed';
  }

  /** Windows still open after the rollback: the post step must try them again. */
  get stillOpen(): OpenedWindow[] {
    return this.closed.filter((c) => c.error).map((c) => c.window);
  }
}
