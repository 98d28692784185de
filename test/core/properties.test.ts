/**
 * Property tests (fast-check): for any input, the parsers give a typed result or a typed,
 * secret-free error, and never crash. Each property runs NUM_RUNS generated cases (more with
 * FC_RUNS, e.g. FC_RUNS=20000 npm test -- properties).
 */
import fc from 'fast-check';
import { parseTokenConfig } from '../../src/core/oauth/token-config.js';
import { InputError, StepError } from '../../src/core/errors.js';
import { Inputs } from '../../src/core/inputs.js';
import { endpointUrl } from '../../src/core/url-policy.js';
import { PROVIDER_IDS, PROVIDERS } from '../../src/core/oauth/providers.js';
import { EndpointError, parseRetryAfter } from '../../src/core/net/endpoint-error.js';
import { parseTokenResponse } from '../../src/core/oauth/response.js';
import { parseMaintenanceConfig } from '../../src/core/site24x7/config.js';
import { parseStates } from '../../src/core/site24x7/health.js';
import { nearMatches } from '../../src/core/site24x7/select.js';
import {
  formatMinutes,
  fromWall,
  parseDuration,
  parseStart,
  toWall,
} from '../../src/core/site24x7/time.js';
import { secretForms, serverText } from '../../src/core/text.js';
import { record } from '../helpers/record.js';
import { source } from './helpers.js';

const NUM_RUNS = Number(process.env.FC_RUNS ?? 1000);
const SECRET = 'Pr0p-S3cret+/=%:&';
const REFRESH = 'prop-refresh-token-0123456789';
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe'];

let properties = 0;
function check(name: string, prop: fc.IAsyncProperty<unknown[]> | fc.IProperty<unknown[]>) {
  properties++;
  const out = fc.check(prop as fc.IProperty<unknown[]>, { numRuns: NUM_RUNS });
  if (out instanceof Promise) throw new Error('use checkAsync');
  if (out.failed) throw new Error(`${name}: ${fc.defaultReportMessage(out)}`);
  record({
    area: 'property',
    what: name,
    platform: 'core',
    outcome: `${out.numRuns} cases, 0 failures`,
  });
}

/** No form of a secret (raw, URL-encoded, form-encoded, JSON-escaped, base64) in the text. */
function secretFree(text: string): boolean {
  return [SECRET, REFRESH].every((s) => secretForms(s).every((f) => !text.includes(f)));
}

/** Strings that look like the things users and servers send, plus anything at all. */
const messyPlain = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom(
    '',
    ' ',
    '\n',
    'a\nb',
    'true',
    'FALSE',
    '0',
    '-1',
    '1e3',
    '30',
    '600.5',
    'auto',
    '::error::x',
    '##vso[task.complete result=Succeeded]x',
  ),
  fc.integer().map(String),
  fc.double().map(String),
);
const messy = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom(
    '',
    ' ',
    '\n',
    'true',
    'FALSE',
    '0',
    '-1',
    '1e3',
    '30',
    '600.5',
    'auto',
    '::error::x',
    '##vso[task.complete result=Succeeded]x',
    SECRET,
    `${SECRET}\n`,
  ),
  fc.integer().map(String),
  fc.double().map(String),
);

test('parseTokenResponse: any status, headers and body give a token or an EndpointError without a secret', () => {
  const body = fc.oneof(
    fc.string(),
    fc.json(),
    fc
      .record({
        access_token: fc.oneof(fc.string(), fc.constant(SECRET), fc.integer()),
        token_type: fc.oneof(fc.string(), fc.constant('Bearer')),
        expires_in: fc.oneof(fc.integer(), fc.string(), fc.double(), fc.constant(null)),
        expires_in_sec: fc.option(fc.integer()),
        refresh_token: fc.option(fc.oneof(fc.constant(REFRESH), fc.string())),
        error: fc.option(fc.oneof(fc.string(), fc.constant(SECRET))),
        error_description: fc.option(
          fc.oneof(fc.string(), fc.constant(`bad ${SECRET} ${REFRESH}`)),
        ),
        status: fc.option(fc.constantFrom('failure', 'success')),
        scope: fc.option(fc.string()),
      })
      .map((o) => JSON.stringify(o)),
  );
  check(
    'token response parser',
    fc.property(
      fc.integer({ min: 100, max: 599 }),
      body,
      fc.constantFrom(...PROVIDER_IDS),
      fc.option(fc.string()),
      fc.option(fc.string()),
      (status, text, provider, contentType, retryAfter) => {
        const headers: Record<string, string> = {};
        if (contentType !== null) headers['content-type'] = String(contentType);
        if (retryAfter !== null) headers['retry-after'] = String(retryAfter);
        try {
          const t = parseTokenResponse(status, headers, Buffer.from(text), {
            provider: PROVIDERS[provider],
            grantType: 'refresh_token',
            requestedScope: '',
            sentRefreshToken: REFRESH,
            startedAt: 0,
            now: 10,
            secrets: [SECRET, REFRESH],
            label: (k) => k,
          });
          return (
            typeof t.accessToken === 'string' &&
            t.accessToken.length > 0 &&
            secretFree(t.notes.join(' '))
          );
        } catch (e) {
          return e instanceof EndpointError && secretFree(e.message) && !e.message.includes('\n');
        }
      },
    ),
  );
});

test('serverText: one printable line, no runner command, no secret', () => {
  check(
    'server text sanitiser',
    fc.property(
      fc.oneof(messy, fc.json()),
      fc.constantFrom('', SECRET, REFRESH),
      (text, secret) => {
        const s = serverText(`${text}${secret}${text}`, [SECRET, REFRESH]);
        return (
          !/[\r\n\u2028\u2029]/.test(s) &&
          !s.includes('::') &&
          !/##(vso)?\[/i.test(s) &&
          secretFree(s) &&
          s.length <= 301
        );
      },
    ),
  );
});

test('parseRetryAfter: a non-negative number of ms or undefined', () => {
  check(
    'Retry-After parser',
    fc.property(
      fc.oneof(
        messy,
        fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
      ),
      (v) => {
        const ms = parseRetryAfter(v, Date.UTC(2026, 10, 22));
        return ms === undefined || (Number.isFinite(ms) && ms >= 0);
      },
    ),
  );
});

test('durations: a whole number of minutes or undefined; formatMinutes round-trips', () => {
  check(
    'duration parser',
    fc.property(
      fc.oneof(messy, fc.stringMatching(/^(\d{1,3}d)?(\d{1,3}h)?(\d{1,4}m)?$/)),
      (raw) => {
        const m = parseDuration(raw);
        return m === undefined || (Number.isInteger(m) && m >= 0);
      },
    ),
  );
  check(
    'duration round trip',
    fc.property(fc.integer({ min: 1, max: 100_000 }), (m) => parseDuration(formatMinutes(m)) === m),
  );
});

test('wall time: every instant round-trips through its zone (earliest on repeated hours)', () => {
  check(
    'wall-time round trip',
    fc.property(
      fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2060, 0, 1) }),
      fc.constantFrom(...ZONES),
      (t, tz) => {
        const minute = Math.floor(t / 60_000) * 60_000;
        const w = toWall(minute, tz);
        const back = fromWall(w.date, w.time, tz);
        return (
          back !== undefined &&
          back <= minute &&
          minute - back <= 3_600_000 &&
          toWall(back, tz).time === w.time
        );
      },
    ),
  );
  check(
    'wall-time parser',
    fc.property(messy, messy, fc.constantFrom(...ZONES), (d, t, tz) => {
      const ms = fromWall(d, t, tz);
      return ms === undefined || Number.isFinite(ms);
    }),
  );
  check(
    'start parser',
    fc.property(messy, fc.constantFrom(...ZONES), (raw, tz) => {
      const ms = parseStart(raw, Date.UTC(2026, 10, 22), tz);
      return ms === undefined || Number.isFinite(ms);
    }),
  );
});

test('pass states and near matches never throw', () => {
  check(
    'pass-state parser',
    fc.property(fc.array(messy), (items) => {
      const { codes, bad } = parseStates(items);
      return [...codes].every(Number.isFinite) && bad.every((b) => items.includes(b));
    }),
  );
  check(
    'near matches',
    fc.property(
      messy,
      fc.array(fc.record({ id: fc.string(), name: messy }), { maxLength: 20 }),
      (w, all) => {
        const near = nearMatches(w, all);
        return near.length <= 5 && near.every((n) => all.includes(n));
      },
    ),
  );
});

/** Input keys both steps read, with generators biased toward plausible values. */
const TOKEN_KEYS = [
  'provider',
  'region',
  'token-url',
  'grant-type',
  'client-id',
  'client-secret',
  'refresh-token',
  'scope',
  'audience',
  'resource',
  'client-auth',
  'extra-params',
  'timeout-seconds',
  'max-retry-seconds',
  'revoke-url',
];
const MAINT_KEYS = [
  'operation',
  'access-token',
  'api-url',
  'customer-id',
  'monitors',
  'monitor-groups',
  'tags',
  'name',
  'description',
  'start',
  'duration',
  'time-zone',
  'perform-monitoring',
  'end-on-exit',
  'maintenance-id',
  'wait-seconds',
  'poll-seconds',
  'pass-states',
];
const SECRET_KEYS = new Set(['client-secret', 'refresh-token', 'access-token']);
const secretValue = fc.constantFrom(SECRET, REFRESH, ` ${SECRET}\n`, `${SECRET}\n${REFRESH}`, '');
const plausible = fc.oneof(
  messyPlain,
  fc.constantFrom(
    ...PROVIDER_IDS,
    'eu',
    'us',
    'https://auth.example.com/token',
    'http://127.0.0.1:1/t',
    'http://example.com/t',
    'https://u:p@x.example/t',
    'refresh_token',
    'client_credentials',
    'basic',
    'post',
    'soid=Site24x7.1',
    'start',
    'end',
    'check',
    '45m',
    '+15m',
    'Europe/Berlin',
    '123456789012',
    'up,trouble',
  ),
);
/** Any subset of the keys; secrets only in the secret inputs, where messages must never show them. */
function inputsArb(keys: string[]) {
  return fc.record(
    Object.fromEntries(keys.map((k) => [k, SECRET_KEYS.has(k) ? secretValue : plausible])),
    { requiredKeys: [] },
  ) as fc.Arbitrary<Record<string, string>>;
}

function typedOutcome(fn: () => unknown): boolean {
  try {
    fn();
    return true;
  } catch (e) {
    // A StepError (InputError for inputs), whose text holds no secret and no line break.
    return (
      e instanceof StepError &&
      secretFree(e.message) &&
      !e.message.includes('\n') &&
      (e.kind !== 'input' || e instanceof InputError || /^Input '/.test(e.message))
    );
  }
}

test('token inputs: any set of inputs gives a TokenConfig or an InputError without a secret', () => {
  check(
    'token input parser',
    fc.property(inputsArb(TOKEN_KEYS), fc.boolean(), (values, camel) =>
      typedOutcome(() =>
        parseTokenConfig(new Inputs(source(values, camel), { notice: () => undefined })),
      ),
    ),
  );
});

test('maintenance inputs: any set of inputs gives a config or an InputError without a secret', () => {
  check(
    'maintenance input parser',
    fc.property(inputsArb([...MAINT_KEYS, ...TOKEN_KEYS]), fc.boolean(), (values, camel) =>
      typedOutcome(() =>
        parseMaintenanceConfig(
          source(values, camel),
          { notice: () => undefined },
          Date.UTC(2026, 10, 22),
          {
            source: 'acme/shop',
            run: '1',
          },
        ),
      ),
    ),
  );
});

test('endpoint URLs: any text gives an https (or loopback http) URL without credentials, or an InputError', () => {
  check(
    'endpoint URL check',
    fc.property(
      fc.oneof(messy, fc.webUrl({ withQueryParameters: true, withFragments: true }), plausible),
      (raw) => {
        const inputs = new Inputs(source({}), { notice: () => undefined });
        try {
          const u = endpointUrl(inputs, 'token-url', raw, 'token endpoint');
          return (
            (u.protocol === 'https:' ||
              (u.protocol === 'http:' &&
                ['127.0.0.1', 'localhost', '[::1]'].some((h) =>
                  u.hostname.startsWith(h.slice(0, 3)),
                ))) &&
            !u.username &&
            !u.password &&
            !u.hash
          );
        } catch (e) {
          return e instanceof InputError && /^Input 'token-url' /.test(e.message);
        }
      },
    ),
  );
});

afterAll(() => {
  expect(properties).toBeGreaterThanOrEqual(12);
});
