/**
 * Results of the reliability tests, for docs/reliability.md: each test may record what it
 * tried and what happened. Written only when RELIABILITY_OUT names a folder (npm run
 * reliability sets it); otherwise recording does nothing.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface Record_ {
  area:
    | 'fault'
    | 'bad-input'
    | 'injection'
    | 'leak-scan'
    | 'contention'
    | 'property'
    | 'security'
    | 'lifecycle';
  what: string;
  platform?: 'github' | 'azure' | 'core';
  step?: 'token' | 'maintenance';
  /** Faults: on the built bundle (a process as a runner starts it), or in process. */
  how?: 'bundle' | 'in process';
  outcome: string;
  requests?: number;
  /** Secrets looked for and places searched, for leak scans. */
  leaks?: number;
  /** Security attacks: the feature attacked, for the counts by feature. */
  feature?: string;
}

/**
 * One attack of a security review reproduced as a test: `held` when the defence held (the
 * test asserts it did, so a recorded attack that did not hold is a failing test).
 */
export function attack(feature: string, what: string, platform: Record_['platform']): void {
  record({ area: 'security', feature, what, platform, outcome: 'held' });
}

export function record(r: Record_): void {
  const dir = process.env.RELIABILITY_OUT;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  appendFileSync(join(dir, `${process.pid}.jsonl`), `${JSON.stringify(r)}\n`);
}
