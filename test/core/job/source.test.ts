/**
 * The job token source's rules, in process: when a kept token is handed out (the margin the
 * command line's cache shares), what a source must look like to be used, and what its removal
 * touches.
 */
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  readSource,
  readToken,
  removeSource,
  SOURCE_PREFIX,
  writeSource,
  writeToken,
} from '../../../src/core/job/source.js';
import { reuseMarginMs, usable, type CachedToken } from '../../../src/core/token-cache.js';

const token = (lifeMs: number, mintedAt = 1_000_000): CachedToken => ({
  accessToken: 'tok-0123456789',
  tokenType: 'Bearer',
  authorization: 'Bearer tok-0123456789',
  mintedAt,
  expiresAt: mintedAt + lifeMs,
  scope: '',
});

test('a kept token is handed out until a fifth of its life or five minutes are left, whichever is less', () => {
  const hour = token(3_600_000);
  expect(reuseMarginMs(hour)).toBe(300_000);
  expect(usable(hour, hour.expiresAt - 300_000)).toBe(true);
  expect(usable(hour, hour.expiresAt - 299_999)).toBe(false);
  const five = token(5_000);
  expect(reuseMarginMs(five)).toBe(1_000);
  expect(usable(five, five.expiresAt - 1_000)).toBe(true);
  expect(usable(five, five.expiresAt - 999)).toBe(false);
  // A caller that needs the token for a while asks for that much more.
  expect(usable(hour, hour.mintedAt, 3_300)).toBe(true);
  expect(usable(hour, hour.mintedAt, 3_301)).toBe(false);
});

function source(): string {
  const dir = mkdtempSync(join(mkdtempSync(join(tmpdir(), 'job-')), SOURCE_PREFIX));
  return dir;
}

test('a source is used only as this version wrote it, and only when it is private', () => {
  const dir = source();
  writeSource(dir, { platform: 'github', env: { INPUT_X: 'y' } });
  expect(readSource(dir)).toEqual({
    source: { platform: 'github', env: { INPUT_X: 'y' }, pendingWriteBack: false },
  });
  writeToken(dir, token(60_000));
  expect(readToken(dir)?.accessToken).toBe('tok-0123456789');
  for (const bad of [
    '{"version":2,"platform":"github","env":{}}',
    '{"version":1,"platform":"cli","env":{}}',
    '{"version":1,"platform":"github","env":{"A":1}}',
    'not json',
  ]) {
    writeFileSync(join(dir, 'source.json'), bad, { mode: 0o600 });
    expect(readSource(dir)).toHaveProperty('problem');
  }
  if (process.platform !== 'win32') {
    writeSource(dir, { platform: 'github', env: {} });
    chmodSync(join(dir, 'source.json'), 0o644);
    expect(readSource(dir)).toEqual({
      problem: `the job token source ${dir} may be read by others (mode 644)`,
    });
    chmodSync(dir, 0o755);
    expect(readSource(dir)).toHaveProperty('problem');
  }
  expect(readSource(join(dir, 'gone'))).toHaveProperty('problem');
});

test('removal takes only a folder of ours, and never follows a link out of it', () => {
  const outside = mkdtempSync(join(tmpdir(), 'outside-'));
  writeFileSync(join(outside, 'keep'), 'x');
  const dir = source();
  writeSource(dir, { platform: 'azure', env: {} });
  mkdirSync(join(dir, 'bin'));
  writeFileSync(join(dir, 'bin', 'oauth-token-job'), '#!/bin/sh\n');
  symlinkSync(outside, join(dir, 'link'));
  expect(removeSource(dir)).toBeUndefined();
  expect(existsSync(dir)).toBe(false);
  expect(existsSync(join(outside, 'keep'))).toBe(true);
  expect(removeSource(outside)).toContain('is not a job token source folder');
  expect(existsSync(outside)).toBe(true);
  expect(removeSource(dir)).toBeUndefined(); // already gone
});
