/**
 * The one way out for text, by property (fast-check): whatever a server, an input or the
 * environment puts into a message, what the adapters write starts no runner command on either
 * platform (read with the runner model, which skips zero-width characters as the runners'
 * culture-aware parsers do) and shows no registered secret in any encoding; a value
 * interpolated with the `t` tag never starts a line of its own. The GitHub adapter is driven in
 * process, writing to a captured stdout.
 */
import fc from 'fast-check';
import { t } from '../../src/core/text.js';
import { githubPlatform } from '../../src/platform/github.js';
import { SecretRegistry } from '../../src/platform/secrets.js';
import { forms } from '../helpers/leaks.js';
import { record } from '../helpers/record.js';
import { azureCommands, githubCommands, injected } from '../helpers/runner-model.js';

const NUM_RUNS = Number(process.env.FC_RUNS ?? 1000);

/** Text built from the pieces that matter to a runner, a terminal and the redactor. */
const hostile = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '::',
        ':',
        '#',
        '##',
        '##vso[',
        '##[',
        'vso[',
        '[',
        ']',
        'warning::x',
        'set-output name=a::b',
        'task.setvariable variable=X]y',
        'task.prependpath]/evil',
        '\n',
        '\r',
        '\r\n',
        '\u0085',
        '\u2028',
        '\u2029',
        '\u000b',
        '\u000c',
        '\u200b',
        '\u200d',
        '\u00ad',
        '\ufeff',
        '\u2060',
        '\u001b[31m',
        '\u0000',
        '\t',
        ' ',
        '\u00a0',
        '\u3000',
        '%',
        '%0A',
        '***',
      ),
      fc.string({ maxLength: 4 }),
      fc.string({ unit: 'grapheme', maxLength: 3 }),
    ),
    { maxLength: 24 },
  )
  .map((parts) => parts.join(''));

const secretArb = fc
  .tuple(fc.string({ minLength: 6, maxLength: 16 }), hostile)
  .map(([a, b]) => `${a}${b}`.slice(0, 40))
  .filter((s) => s.trim().length >= 6 && wellFormed(s));

/** Secrets come from the environment or the network as UTF-8: never with a lone surrogate. */
function wellFormed(s: string): boolean {
  try {
    encodeURIComponent(s);
    return true;
  } catch {
    return false;
  }
}

function visibleSecretForms(secret: string): string[] {
  return forms(secret).filter((f) => f.trim().length >= 6);
}

test('clean(): no runner command on either platform, no secret, for any text and secret', () => {
  fc.assert(
    fc.property(hostile, secretArb, hostile, (before, secret, after) => {
      const r = new SecretRegistry();
      r.add(secret);
      const out = r.clean(`${before}${secret}${after}`);
      // Checked without expect (a thousand cases, several checks each); fast-check reports the
      // case and the reason.
      const commands = [...githubCommands(out), ...azureCommands(out)];
      if (commands.length) throw new Error(`runner commands: ${JSON.stringify(commands)}`);
      const shown = visibleSecretForms(secret).filter((f) => out.includes(f));
      if (shown.length) throw new Error(`secret forms shown: ${JSON.stringify(shown)}`);
    }),
    { numRuns: NUM_RUNS },
  );
  record({
    area: 'property',
    what: 'writer: no command, no secret',
    platform: 'core',
    outcome: `${NUM_RUNS} cases`,
  });
});

test('the t tag: an interpolated value never starts a line', () => {
  // eslint-disable-next-line no-control-regex
  const BREAKS = /[\n\r\u0085\u2028\u2029\u000b\u000c]/;
  fc.assert(
    fc.property(hostile, (v) => {
      expect(t`before ${v} after`).not.toMatch(BREAKS);
    }),
    { numRuns: NUM_RUNS },
  );
  record({
    area: 'property',
    what: 't tag: one line per value',
    platform: 'core',
    outcome: `${NUM_RUNS} cases`,
  });
});

describe('the GitHub adapter in process', () => {
  let captured = '';
  let write: typeof process.stdout.write;
  beforeEach(() => {
    captured = '';
    write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array) => {
      captured += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      return true;
    }) as typeof process.stdout.write;
  });
  afterEach(() => {
    process.stdout.write = write;
    process.exitCode = undefined;
  });

  test('every log level and the failure: only the commands the adapter issues, no secret', () => {
    fc.assert(
      fc.property(hostile, secretArb, (text, secret) => {
        captured = '';
        const p = githubPlatform({});
        p.setSecret(secret);
        const msg = `${text} ${secret} ${text}`;
        p.log.debug(msg);
        p.log.info(msg);
        p.log.notice(msg);
        p.log.warning(msg);
        p.fail(msg);
        const sink = captured;
        captured = '';
        expect(injected('github', sink)).toEqual([]);
        const issued = githubCommands(sink).map((c) => c.name);
        // add-mask lines first (the registration), then our four commands.
        expect(issued.filter((n) => n !== 'add-mask')).toEqual([
          'debug',
          'notice',
          'warning',
          'error',
        ]);
        const visible = sink
          .split('\n')
          .filter((l) => !l.startsWith('::add-mask::'))
          .join('\n');
        for (const f of visibleSecretForms(secret)) expect(visible).not.toContain(f);
      }),
      { numRuns: Math.ceil(NUM_RUNS / 4) },
    );
    record({
      area: 'property',
      what: 'GitHub adapter: every writer',
      platform: 'github',
      outcome: `${Math.ceil(NUM_RUNS / 4)} cases`,
    });
  });
});
