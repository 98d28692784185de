import { redact, secretForms, serverText } from '../../src/core/text.js';

test('secretForms covers raw, URL, form, JSON and base64', () => {
  expect(secretForms('a b"c')).toEqual(
    expect.arrayContaining([
      'a b"c',
      'a%20b%22c',
      'a+b%22c',
      'a b\\"c',
      Buffer.from('a b"c').toString('base64'),
    ]),
  );
});

test('redact replaces every form', () => {
  const s = 'x+y/z';
  const text = `raw ${s} url ${encodeURIComponent(s)} b64 ${Buffer.from(s).toString('base64')}`;
  expect(redact(text, [s])).toBe('raw *** url *** b64 ***');
});

test('serverText defuses runner commands on both platforms', () => {
  expect(serverText('::add-mask::x')).toBe(': :add-mask: :x');
  expect(serverText('a ##vso[task.complete result=Succeeded]done')).toBe(
    'a ##vso(task.complete result=Succeeded]done',
  );
  expect(serverText('##[error]x')).toBe('##(error]x');
  expect(serverText('line1\nline2\u2028x')).toBe('line1 line2 x');
});
