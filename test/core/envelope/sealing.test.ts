/**
 * The token envelope's format: seal then open is the identity; any change, another binding,
 * another key, an expired token or a future format fails, with a message that quotes nothing
 * secret.
 */
import fc from 'fast-check';
import type { Binding } from '../../../src/core/envelope/rules.js';
import {
  envelopeClaims,
  EnvelopeError,
  openEnvelope,
  sealEnvelope,
  type SharedToken,
} from '../../../src/core/envelope/sealing.js';
import { attack } from '../../helpers/record.js';

const KEY = 'k'.repeat(12) + 'Zq3-share-key-of-forty-chars!!';
const RUN: Binding = { scope: 'github.com/acme/shop', run: '4242' };
const NOW = Date.parse('2026-11-24T10:00:00Z');
const TOKEN: SharedToken = {
  accessToken: '1000.secret-access-token.0123456789abcdef',
  authorization: 'Zoho-oauthtoken 1000.secret-access-token.0123456789abcdef',
  tokenType: 'Bearer',
  expiresIn: 3600,
  expiresAt: new Date(NOW + 3600_000),
  scope: 'Site24x7.Operations.All',
  apiDomain: 'https://www.site24x7.eu/api',
};

function open(envelope: string, over: Partial<Parameters<typeof openEnvelope>[1]> = {}) {
  const secrets: string[] = [];
  const token = openEnvelope(envelope, {
    shareKey: KEY,
    binding: RUN,
    now: NOW,
    minRemainingMs: 300_000,
    onSecret: (s) => secrets.push(s),
    ...over,
  });
  return { token, secrets };
}

function failure(fn: () => unknown): EnvelopeError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(EnvelopeError);
    const err = e as EnvelopeError;
    for (const secret of [KEY, TOKEN.accessToken]) expect(err.message).not.toContain(secret);
    return err;
  }
  throw new Error('expected the envelope to be refused');
}

const flipBit = (envelope: string, bit: number) => {
  const raw = Buffer.from(envelope, 'base64url');
  raw[Math.floor(bit / 8) % raw.length]! ^= 1 << (bit % 8);
  return raw.toString('base64url');
};

describe('token envelope', () => {
  test('opens to the same token, registering the token before returning it', () => {
    const { envelope, expires } = sealEnvelope(TOKEN, KEY, RUN, NOW);
    expect(expires.toISOString()).toBe('2026-11-24T11:00:00.000Z');
    const { token, secrets } = open(envelope);
    expect(token).toEqual(TOKEN);
    expect(secrets).toEqual([TOKEN.accessToken, TOKEN.authorization]);
    expect(envelope).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(envelope).not.toContain(TOKEN.accessToken);
    expect(envelopeClaims(envelope)).toEqual({
      version: 1,
      expires,
      binding: 'github.com/acme/shop run 4242',
    });
  });

  test('two seals of one token differ (random salt and iv)', () => {
    expect(sealEnvelope(TOKEN, KEY, RUN, NOW).envelope).not.toBe(
      sealEnvelope(TOKEN, KEY, RUN, NOW).envelope,
    );
  });

  test('a token without expiry seals for one hour', () => {
    const { expires } = sealEnvelope(
      { ...TOKEN, expiresIn: undefined, expiresAt: undefined },
      KEY,
      RUN,
      NOW,
    );
    expect(expires.getTime()).toBe(NOW + 3600_000);
  });

  test.each([
    ['another repository', { binding: { scope: 'github.com/evil/shop', run: '4242' } }, 'binding'],
    ['another run', { binding: { scope: 'github.com/acme/shop', run: '4243' } }, 'binding'],
    ['a wrong key', { shareKey: `${KEY}x` }, 'key'],
    ['an expired token', { now: NOW + 3600_000 }, 'expired'],
    ['too little life left', { now: NOW + 3600_000 - 60_000 }, 'expired'],
  ] as const)('refuses %s', (_what, over, problem) => {
    const { envelope } = sealEnvelope(TOKEN, KEY, RUN, NOW);
    const err = failure(() => open(envelope, over));
    expect(err.problem).toBe(problem);
    if (problem === 'binding') {
      expect(err.message).toContain('sealed for github.com/acme/shop run 4242');
    }
  });

  // Security round 3, nit: an opened envelope's fields reach outputs and logs, so they are held
  // to the token answer's grammar (a producer with the key could otherwise smuggle a line).
  test.each([
    ['access token', { accessToken: 'tok\n::stop-commands::x' }],
    ['token type', { tokenType: 'Bearer\r\n##vso[task.complete]' }],
    ['scope', { scope: 'read\nwrite' }],
    ['authorization', { authorization: 'Bearer other-token' }],
    ['api domain', { apiDomain: 'javascript:alert(1)' }],
  ])('refuses a sealed %s outside the token grammar, quoting nothing', (_what, over) => {
    const { envelope } = sealEnvelope({ ...TOKEN, ...over }, KEY, RUN, NOW);
    const err = failure(() => open(envelope));
    expect(err.problem).toBe('malformed');
    expect(err.message).toMatch(
      /is not of the form a token answer allows; nothing from it was used/,
    );
    expect(err.message).not.toContain('::');
    attack('envelopes', `a sealed ${_what} outside the token grammar`, 'core');
  });

  test('an implausible sealed expires_in is dropped', () => {
    const { envelope } = sealEnvelope({ ...TOKEN, expiresIn: 1e13 }, KEY, RUN, NOW);
    expect(open(envelope).token.expiresIn).toBeUndefined();
  });

  test('too little life left: the seconds left are shown below the minimum, never equal to it', () => {
    const { envelope } = sealEnvelope(TOKEN, KEY, RUN, NOW);
    const expires = Math.floor(TOKEN.expiresAt!.getTime() / 1000) * 1000;
    const err = failure(() =>
      open(envelope, { now: expires - 3598_600, minRemainingMs: 3599_000 }),
    );
    expect(err.message).toContain('in 3598 s, less than the 3599 s this step requires');
  });

  test('refuses a future format before anything else', () => {
    const raw = Buffer.from(sealEnvelope(TOKEN, KEY, RUN, NOW).envelope, 'base64url');
    raw[0] = 2;
    const err = failure(() => open(raw.toString('base64url')));
    expect(err.problem).toBe('version');
    expect(err.message).toContain('format 2');
  });

  test.each(['', 'not an envelope!', 'AQ', 'AQAAAAAAAAAAAAA'])('refuses garbage %j', (text) => {
    expect(failure(() => open(text)).problem).toMatch(/malformed|version/);
  });

  test('every single flipped bit is refused, and nothing secret is quoted', () => {
    const { envelope } = sealEnvelope(TOKEN, KEY, RUN, NOW);
    const bits = Buffer.from(envelope, 'base64url').length * 8;
    // Thousands of bits: the wrong outcomes are collected and compared once, since an expect
    // call per bit costs seconds.
    const wrong: string[] = [];
    for (let bit = 0; bit < bits; bit++) {
      try {
        open(flipBit(envelope, bit));
        wrong.push(`bit ${bit}: opened`);
      } catch (e) {
        if (!(e instanceof EnvelopeError)) wrong.push(`bit ${bit}: ${String(e)}`);
        else if ([KEY, TOKEN.accessToken].some((s) => e.message.includes(s)))
          wrong.push(`bit ${bit}: the refusal quotes a secret`);
      }
    }
    expect(wrong).toEqual([]);
  });

  test('property: seal then open is the identity for any token answer', () => {
    // Any answer the token endpoint's grammar admits (response.ts, RFC 6749 appendix A).
    const vschar = fc.stringMatching(/^[\x20-\x7e]{1,300}$/);
    const token = fc
      .record({
        accessToken: vschar,
        scheme: fc.constantFrom('Bearer', 'Zoho-oauthtoken'),
        tokenType: fc.stringMatching(/^[A-Za-z0-9._-]{0,20}$/),
        expiresIn: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: undefined }),
        expiresAt: fc.option(
          fc.integer({ min: NOW + 600_000, max: NOW + 10 ** 10 }).map((ms) => new Date(ms)),
          { nil: undefined },
        ),
        scope: fc.stringMatching(
          /^(?:[\x21\x23-\x5b\x5d-\x7e]{1,20}(?: [\x21\x23-\x5b\x5d-\x7e]{1,20}){0,5})?$/,
        ),
        apiDomain: fc.constantFrom('', 'https://www.zohoapis.eu', 'https://www.site24x7.eu/api'),
      })
      .map(({ scheme, ...t }) => ({ ...t, authorization: `${scheme} ${t.accessToken}` }));
    const binding = fc.record({ scope: fc.string({ minLength: 1 }), run: fc.string() });
    fc.assert(
      fc.property(token, binding, fc.string({ minLength: 32 }), (tok, b, key) => {
        const { envelope } = sealEnvelope(tok, key, b, NOW);
        const { token: back } = open(envelope, { shareKey: key, binding: b });
        expect(back).toEqual({
          ...tok,
          // Dates travel as ISO strings: milliseconds are kept.
          expiresAt: tok.expiresAt,
        });
      }),
      { numRuns: 150 },
    );
  });

  test('property: a sealed field with a control character anywhere is refused', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('accessToken', 'tokenType', 'scope'),
        fc.string({ maxLength: 20 }),
        fc.integer({ min: 0, max: 31 }),
        fc.string({ maxLength: 20 }),
        (field, before, code, after) => {
          const value = `${before}${String.fromCharCode(code)}${after}`;
          const tok = { ...TOKEN, [field]: value };
          if (field === 'accessToken') tok.authorization = `Bearer ${value}`;
          const { envelope } = sealEnvelope(tok, KEY, RUN, NOW);
          expect(failure(() => open(envelope)).problem).toBe('malformed');
        },
      ),
      { numRuns: 150 },
    );
  });

  test('property: any mutation of the envelope is refused', () => {
    const { envelope } = sealEnvelope(TOKEN, KEY, RUN, NOW);
    const raw = Buffer.from(envelope, 'base64url');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: raw.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        fc.option(fc.integer({ min: 0, max: raw.length - 1 }), { nil: undefined }),
        (at, xor, cut) => {
          const changed = Buffer.from(raw);
          changed[at]! ^= xor;
          const text = (cut === undefined ? changed : raw.subarray(0, cut)).toString('base64url');
          failure(() => open(text));
        },
      ),
      { numRuns: 300 },
    );
  });
});
