/** The gate's timing model on a fake clock, with scripted signals whose states change. */
import {
  type GateTiming,
  runGate,
  type Signal,
  type Verdict,
} from '../../../src/core/gate/model.js';
import { StepError } from '../../../src/core/errors.js';
import { fakeRuntime } from '../helpers.js';

const timing = (t: Partial<GateTiming> = {}): GateTiming => ({
  stabilizeMs: 0,
  intervalMs: 30_000,
  requiredPasses: 1,
  minSuccessMs: 0,
  maxFailures: 0,
  maxErrors: 3,
  timeoutMs: 300_000,
  inconclusive: 'fail',
  preexisting: 'ignore',
  ...t,
});

/** A signal that reads one item's verdict from `script`, one entry per evaluation. */
function scripted(
  script: Array<Verdict | Error>,
  extra: { preexisting?: boolean } = {},
): Signal & { reads: number } {
  const s = {
    name: 'site24x7',
    reads: 0,
    async evaluate() {
      const v = script[Math.min(s.reads++, script.length - 1)]!;
      if (v instanceof Error) throw v;
      return {
        signal: 'site24x7',
        items: [
          {
            id: '1',
            state: v === 'pass' ? 'up' : v === 'fail' ? 'down' : 'suspended',
            verdict: v,
            ...extra,
          },
        ],
      };
    },
  };
  return s;
}

test("today's check: one look, or poll until it passes; the last look comes at the timeout", async () => {
  const { rt, sleeps } = fakeRuntime([]);
  const once = await runGate([scripted(['fail'])], timing({ timeoutMs: 0 }), rt, () => undefined);
  expect(once).toMatchObject({ outcome: 'failed', passes: false });
  expect(once.evaluations).toHaveLength(1);
  const polled = await runGate(
    [scripted(['fail', 'fail', 'pass'])],
    timing({ timeoutMs: 60_000 }),
    rt,
    () => undefined,
  );
  expect(polled.outcome).toBe('passed');
  expect(sleeps).toEqual([30_000, 30_000]);
});

test('a flapping monitor does not pass before its run of passes', async () => {
  const { rt } = fakeRuntime([]);
  const flapping = scripted(['pass', 'fail', 'pass', 'pass', 'fail', 'pass', 'pass', 'pass']);
  const r = await runGate([flapping], timing({ requiredPasses: 3 }), rt, () => undefined);
  expect(r.outcome).toBe('passed');
  expect(r.evaluations.map((e) => e.verdict)).toEqual([
    'pass',
    'fail',
    'pass',
    'pass',
    'fail',
    'pass',
    'pass',
    'pass',
  ]);
  expect(r.reason).toBe('3 passing evaluations in a row over 60 s');
  // A minimum success duration: the run must also last that long.
  const { rt: rt2 } = fakeRuntime([]);
  const long = await runGate(
    [scripted(['pass'])],
    timing({ minSuccessMs: 90_000 }),
    rt2,
    () => undefined,
  );
  expect(long.evaluations).toHaveLength(4);
});

test('the stabilisation delay comes first; the timeout bounds the whole gate', async () => {
  const { rt, sleeps } = fakeRuntime([]);
  const r = await runGate(
    [scripted(['fail'])],
    timing({ stabilizeMs: 120_000, timeoutMs: 180_000 }),
    rt,
    () => undefined,
  );
  expect(sleeps[0]).toBe(120_000);
  expect(r.outcome).toBe('failed');
  expect(r.waitedMs).toBe(180_000);
  expect(r.evaluations.map((e) => e.atMs)).toEqual([120_000, 150_000, 180_000]);
});

test('a failure threshold ends the gate early', async () => {
  const { rt } = fakeRuntime([]);
  const r = await runGate(
    [scripted(['fail', 'pass', 'fail'])],
    timing({ requiredPasses: 2, maxFailures: 2 }),
    rt,
    () => undefined,
  );
  expect(r).toMatchObject({
    outcome: 'failed',
    reason: '2 failing evaluations reached the failure threshold',
  });
  expect(r.evaluations).toHaveLength(3);
});

test('no data is inconclusive, and fails closed by default; pass-on-inconclusive is explicit', async () => {
  const { rt } = fakeRuntime([]);
  const closed = await runGate(
    [scripted(['inconclusive'])],
    timing({ timeoutMs: 60_000 }),
    rt,
    () => undefined,
  );
  expect(closed).toMatchObject({ outcome: 'inconclusive', passes: false });
  const { rt: rt2 } = fakeRuntime([]);
  const open = await runGate(
    [scripted(['inconclusive'])],
    timing({ timeoutMs: 60_000, inconclusive: 'pass' }),
    rt2,
    () => undefined,
  );
  expect(open).toMatchObject({ outcome: 'inconclusive', passes: true });
});

test('an API that keeps failing makes the gate inconclusive; cancellation and bad input end it', async () => {
  const { rt } = fakeRuntime([]);
  const r = await runGate([scripted([new Error('HTTP 503')])], timing(), rt, () => undefined);
  expect(r).toMatchObject({
    outcome: 'inconclusive',
    reason: "a signal's API failed 3 evaluations in a row",
  });
  expect(r.evaluations[0]!.signals[0]!.error).toBe('HTTP 503');
  const { rt: rt2 } = fakeRuntime([]);
  await expect(
    runGate(
      [scripted(['fail', new StepError('cancelled', 'Cancelled.')])],
      timing(),
      rt2,
      () => undefined,
    ),
  ).rejects.toThrow('Cancelled.');
  const { rt: rt3 } = fakeRuntime([]);
  await expect(
    runGate(
      [scripted([new StepError('auth', 'HTTP 403: needs incidents.read')])],
      timing(),
      rt3,
      () => undefined,
    ),
  ).rejects.toThrow('HTTP 403');
});

test('a monitor down before the deploy is pre-existing: ignored by default, failed by choice', async () => {
  const { rt } = fakeRuntime([]);
  const ignored = await runGate(
    [scripted(['fail'], { preexisting: true })],
    timing(),
    rt,
    () => undefined,
  );
  expect(ignored.outcome).toBe('passed');
  expect(ignored.evaluations[0]!.signals[0]!.items[0]).toMatchObject({
    verdict: 'fail',
    preexisting: true,
  });
  const { rt: rt2 } = fakeRuntime([]);
  const failed = await runGate(
    [scripted(['fail'], { preexisting: true })],
    timing({ preexisting: 'fail', timeoutMs: 0 }),
    rt2,
    () => undefined,
  );
  expect(failed.outcome).toBe('failed');
});

test('signals are combined: one failing signal fails the evaluation, each result is kept', async () => {
  const { rt } = fakeRuntime([]);
  const a = scripted(['pass']);
  const b = { ...scripted(['fail', 'pass']), name: 'pagerduty' };
  const r = await runGate([a, b], timing({ timeoutMs: 60_000 }), rt, () => undefined);
  expect(r.evaluations.map((e) => e.signals.map((s) => `${s.signal}:${s.verdict}`))).toEqual([
    ['site24x7:pass', 'pagerduty:fail'],
    ['site24x7:pass', 'pagerduty:pass'],
  ]);
  expect(r.outcome).toBe('passed');
});
