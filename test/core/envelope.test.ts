/**
 * The token envelope's format: seal then open is the identity; any change, another binding,
 * another key, an expired token or a future format fails, with a message that quotes nothing
 * secret.
 */
import fc from 'fast-check';
import type { Binding } from '../../src/core/binding.js';
import {
  envelopeClaims,
  EnvelopeError,
  openEnvelope,
  sealEnvelope,
  type SharedToken,
} from '../../src/core/envelope.js';

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
    for (let bit = 0; bit < bits; bit++) failure(() => open(flipBit(envelope, bit)));
  });

  test('property: seal then open is the identity for any token answer', () => {
    const token = fc.record({
      accessToken: fc.string({ minLength: 1, maxLength: 300 }),
      authorization: fc.string({ maxLength: 300 }),
      tokenType: fc.string({ maxLength: 20 }),
      expiresIn: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: undefined }),
      expiresAt: fc.option(
        fc.integer({ min: NOW + 600_000, max: NOW + 10 ** 10 }).map((ms) => new Date(ms)),
        { nil: undefined },
      ),
      scope: fc.string({ maxLength: 200 }),
      apiDomain: fc.string({ maxLength: 100 }),
    });
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
