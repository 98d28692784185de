import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lockPath, machineLock } from '../../src/core/lock.js';
import { sleep } from '../../src/core/runtime.js';

const logs: string[] = [];
const log = {
  debug: (m: string) => logs.push(m),
  info: (m: string) => logs.push(m),
  notice: (m: string) => logs.push(m),
  warning: (m: string) => logs.push(`warning: ${m}`),
};
const lock = machineLock(log, Date.now, sleep);
const opts = (dir: string, extra = {}) => ({
  dir,
  maxWaitMs: 5000,
  staleMs: 60_000,
  pollMs: 5,
  what: 'a token',
  ...extra,
});
beforeEach(() => logs.splice(0));

test('holders of one key run one at a time; other keys do not wait', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lock-'));
  const events: string[] = [];
  const job = (name: string, key: string) =>
    lock(key, opts(dir), async () => {
      events.push(`${name} in`);
      await sleep(40);
      events.push(`${name} out`);
    });
  await Promise.all([job('a', 'k'), job('b', 'k'), job('c', 'other')]);
  const [a, b] = [events.indexOf('a in'), events.indexOf('b in')];
  const first = a < b ? 'a' : 'b';
  const second = first === 'a' ? 'b' : 'a';
  expect(events.indexOf(`${first} out`)).toBeLessThan(events.indexOf(`${second} in`));
  expect(events.indexOf('c in')).toBeLessThan(events.indexOf(`${first} out`));
  expect(logs.some((l) => l.startsWith('Waiting for another run on this machine'))).toBe(true);
  expect(existsSync(lockPath('k', dir))).toBe(false);
});

test('released when the work fails', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lock-'));
  await expect(
    lock('k', opts(dir), async () => {
      throw new Error('boom');
    }),
  ).rejects.toThrow('boom');
  expect(existsSync(lockPath('k', dir))).toBe(false);
});

test('a lock left by a killed process is taken over at once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lock-'));
  const child = spawn(process.execPath, ['-e', '0']);
  const pid = child.pid!;
  await new Promise((r) => child.on('close', r));
  const path = lockPath('k', dir);
  mkdirSync(path, { recursive: true });
  writeFileSync(join(path, 'owner'), `${pid} ${Date.now()}`);
  const t0 = Date.now();
  await lock('k', opts(dir), async () => undefined);
  expect(Date.now() - t0).toBeLessThan(1000);
  expect(logs.filter((l) => l.startsWith('Waiting'))).toEqual([]);
});

test('a live holder past the wait limit: go ahead with a warning, leave its lock alone', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lock-'));
  const path = lockPath('k', dir);
  mkdirSync(path, { recursive: true });
  writeFileSync(join(path, 'owner'), `${process.pid} ${Date.now()}`);
  let ran = false;
  await lock('k', opts(dir, { maxWaitMs: 50 }), async () => {
    ran = true;
  });
  expect(ran).toBe(true);
  expect(logs.some((l) => l.startsWith('warning: Another run on this machine'))).toBe(true);
  expect(existsSync(path)).toBe(true);
});

test('the lock name carries no secret: a hash of the token URL and client id, in the user folder', () => {
  const p = lockPath('https://accounts.zoho.eu/oauth/v2/token\n1000.CLIENT', '/tmp');
  expect(p).toMatch(
    new RegExp(`^/tmp/oauth-token-action-${process.getuid!()}/[0-9a-f]{20}\\.lock$`),
  );
});

test('an owner file caught half-written (empty) means a live owner: wait, do not take over', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lock-'));
  const path = lockPath('k', dir);
  mkdirSync(path, { recursive: true });
  writeFileSync(join(path, 'owner'), '');
  await lock('k', opts(dir, { maxWaitMs: 60 }), async () => undefined);
  expect(logs.some((l) => l.startsWith('warning: Another run on this machine'))).toBe(true);
  expect(existsSync(path)).toBe(true);
});
