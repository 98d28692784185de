import {
  markdownText,
  redact,
  runnerSafe,
  secretForms,
  serverText,
  t,
} from '../../src/core/text.js';

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

test('runnerSafe defuses both runners on every line, through zero-width characters', () => {
  const out = runnerSafe(
    'ok\n::warning::a\r\n  ::error::b\rx ##vso[task.prependpath]/e\u2028:\u200b:set-output\u0085#\u200d#vso[x]\u001b[2J',
  );
  expect(out).toBe(
    'ok\n: :warning: :a\n  : :error: :b\nx ##vso(task.prependpath]/e\n: :set-output\n##vso(x] [2J',
  );
});

test('t keeps every interpolated value on one line', () => {
  expect(t`a ${'x\n::warning::y\r\nz'} b ${42}`).toBe('a x ::warning::y z b 42');
});

test('markdownText escapes links, images, HTML and table pipes', () => {
  expect(markdownText('[x](https://e) <img> a|b ![i](j) `c`')).toBe(
    '\\[x\\]\\(https://e\\) \\<img\\> a\\|b \\!\\[i\\]\\(j\\) \\`c\\`',
  );
});

test('secret forms include lower-case percent-encoding and the one-line form', () => {
  const s = 'a/b\u2028c';
  const f = secretForms(s);
  expect(f).toContain('a%2Fb%E2%80%A8c');
  expect(f).toContain('a%2fb%e2%80%a8c');
  expect(f).toContain('a/b c');
  expect(redact(`x a%2fb%e2%80%a8c y ${serverText(`said ${s}`)}`, [s])).toBe('x *** y said ***');
});
