/**
 * Security round 3, finding 3: once the token endpoint has answered with a new refresh token,
 * nothing may lose it. The step is run in process against a loopback server that rotates, and
 * a fault is injected at every platform call after the answer, one run per call: each run
 * fails, still holds the new refresh token in its masked output, and says so.
 */
import { StepError } from '../../src/core/errors.js';
import type { Platform } from '../../src/platform/types.js';
import { tokenMain } from '../../src/steps/token.js';
import { runInProcess } from '../helpers/inprocess.js';
import { sequence, type Stub, startStub } from '../peers/stub.js';
import { attack } from '../helpers/record.js';

const NEW = 'rotated-refresh-0123456789';
let server: Stub;
beforeAll(async () => {
  server = await startStub(
    sequence({
      json: {
        access_token: 'access-0123456789',
        token_type: 'Bearer',
        expires_in: 3600,
        refresh_token: NEW,
      },
    }),
  );
});
afterAll(() => server.close());

const inputs = () => ({
  'token-url': server.url('/token'),
  'client-id': 'client',
  'client-secret': 'secret-0123456789',
  'refresh-token': 'old-refresh-0123456789',
  'export-env': 'API_TOKEN',
});
const DEFAULTS = { action: 'action.yml', task: 'OAuthTokenV1' };

/** The platform, failing at its `failAt`-th call after the refresh-token output was set. */
function faulty(failAt: number, seen: { calls: number; fired: boolean }) {
  let armed = false;
  const hit = (what: string) => {
    if (!armed || ++seen.calls !== failAt) return;
    seen.fired = true;
    // Half the faults are our own errors, half are crashes (a bug, an I/O failure).
    throw failAt % 2
      ? new StepError('server', `injected failure at ${what}`)
      : new Error(`injected crash at ${what}`);
  };
  return (p: Platform): Platform => {
    const log = new Proxy(p.log, {
      get: (t, k: string) => (m: string) => {
        hit(`log.${k}`);
        return (t as unknown as Record<string, (m: string) => void>)[k]!(m);
      },
    });
    return new Proxy(p, {
      get(target, prop: string) {
        if (prop === 'log') return log;
        const v = (target as unknown as Record<string, unknown>)[prop];
        if (typeof v !== 'function' || prop === 'get' || prop === 'label' || prop === 'outputName')
          return v;
        return (...args: unknown[]) => {
          const rotatedOutput = prop === 'setOutput' && args[0] === 'refresh-token';
          if (!rotatedOutput && prop !== 'setSecret') hit(`${prop}(${String(args[0])})`);
          const r = (v as (...a: unknown[]) => unknown).apply(target, args);
          if (rotatedOutput) armed = true;
          return r;
        };
      },
    });
  };
}

test.each(['github', 'azure'] as const)(
  '%s: a failure at any point after the answer keeps the new refresh token and says so',
  async (platform) => {
    let points = 0;
    for (let failAt = 1; failAt < 100; failAt++) {
      const seen = { calls: 0, fired: false };
      const r = await runInProcess(platform, tokenMain, DEFAULTS, inputs(), faulty(failAt, seen));
      if (!seen.fired) {
        expect(r.ok).toBe(true);
        expect(r.outputs['refresh-token']).toBe(NEW);
        break;
      }
      points++;
      expect([failAt, r.ok]).toEqual([failAt, false]);
      expect(r.outputs['refresh-token']).toBe(NEW);
      expect(r.message).toMatch(/injected (failure|crash) at/);
      expect(r.message).toContain('The server had already issued a new refresh token');
      expect(r.message).toContain('refresh-token output (masked)');
      expect(r.everything.replace(r.outputs['refresh-token']!, '')).not.toContain(NEW);
    }
    // The outputs, the export and the log lines after the answer: every one was a fault point.
    expect(points).toBeGreaterThanOrEqual(8);
    attack('rotation', `a failure at each of ${points} points after the answer`, platform);
  },
);

test('an answer whose other fields are refused still yields its well-formed new refresh token', async () => {
  const bad = await startStub(
    sequence({
      json: {
        access_token: 'access-0123456789',
        token_type: 'Bearer\n::stop-commands::x',
        refresh_token: NEW,
      },
    }),
  );
  try {
    const r = await runInProcess('github', tokenMain, DEFAULTS, {
      ...inputs(),
      'token-url': bad.url('/token'),
    });
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/^The token endpoint answered with a malformed token_type/);
    expect(r.message).toContain('The server had already issued a new refresh token');
    expect(r.outputs['refresh-token']).toBe(NEW);
    expect(r.outputs['access-token']).toBeUndefined();
    attack('rotation', 'a refused field beside a new refresh token', 'core');
  } finally {
    await bad.close();
  }
});
