/** The one table of secret inputs agrees with the manifests that declare the inputs. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SECRET_ENV, SECRET_INPUTS, secretInputsOf } from '../../src/core/secret-inputs.js';
import { ROOT } from '../helpers/github.js';

const manifests = [
  { step: 'token', file: 'action.yml' },
  { step: 'maintenance', file: 'site24x7-maintenance/action.yml' },
] as const;

test.each(manifests)(
  '$file: every input said to come from a secret is masked first, and every masked one exists',
  ({ step, file }) => {
    const doc = parse(readFileSync(join(ROOT, file), 'utf8')) as {
      inputs: Record<string, { description: string }>;
    };
    const saysSecret = Object.entries(doc.inputs)
      .filter(([, v]) => /from a secret|^Secret\b/.test(v.description))
      .map(([k]) => k);
    const masked = secretInputsOf(step);
    for (const k of saysSecret)
      expect({ k, masked: masked.includes(k as never) }).toEqual({ k, masked: true });
    for (const k of masked) expect({ k, declared: k in doc.inputs }).toEqual({ k, declared: true });
  },
);

test('the command line reads every secret it takes from the environment, never an argument', () => {
  for (const [k, v] of Object.entries(SECRET_INPUTS)) {
    if (!('env' in v)) continue;
    expect(SECRET_ENV[k]).toMatch(/^OAUTH_[A-Z_]+$/);
  }
  expect(Object.keys(SECRET_ENV)).toEqual(expect.arrayContaining(secretInputsOf('exchange-code')));
  expect(Object.keys(SECRET_ENV)).toEqual(expect.arrayContaining(secretInputsOf('envelope')));
});
