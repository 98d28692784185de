import { SecretRegistry } from '../../src/platform/secrets.js';

test('registers raw and log-visible forms once; redacts every form, base64 included', () => {
  const r = new SecretRegistry();
  const v = 'a b"c+d';
  expect(r.add(v)).toEqual([
    'a b"c+d',
    'a%20b%22c%2Bd',
    'a%20b%22c%2bd',
    'a+b%22c%2Bd',
    'a+b%22c%2bd',
    'a b\\"c+d',
  ]);
  expect(r.add(v)).toEqual([]);
  const b64 = Buffer.from(v).toString('base64');
  expect(r.redact(`x ${v} ${encodeURIComponent(v)} ${b64} y`)).toBe('x *** *** *** y');
  r.add('first-line\nsecond-line');
  expect(r.redact('only second-line here')).toBe('only *** here');
});
