/**
 * Helpers for text that ends up in logs. Three rules:
 * - every line a step writes to a runner passes `runnerSafe()` in its platform adapter (the
 *   one way out), which defuses runner command syntax for both platforms, whoever wrote it;
 * - values interpolated into a message go through the `t` tag, which keeps each of them on
 *   one line, so no value can forge a log line of its own;
 * - any known secret, in any of the encodings it could travel in, is replaced by `***`.
 */

const MAX_SERVER_TEXT = 300;

/** Upper- and lower-case hex in percent escapes: servers and proxies write either. */
function percentVariants(encoded: string): string[] {
  const lower = encoded.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
  return lower === encoded ? [encoded] : [encoded, lower];
}

/**
 * The forms a secret may take on the wire or in a log: raw, form/URL-encoded (either hex case),
 * JSON-escaped, base64, and flattened to one line (as `oneLine()` would print it).
 */
export function secretForms(secret: string): string[] {
  if (!secret) return [];
  const forms = new Set<string>([secret]);
  // A lone surrogate cannot be percent-encoded (encodeURIComponent throws), so that form
  // cannot travel either: skip it rather than fail the step.
  try {
    for (const f of percentVariants(encodeURIComponent(secret))) forms.add(f);
  } catch {
    /* URIError: a lone surrogate */
  }
  for (const f of percentVariants(new URLSearchParams({ v: secret }).toString().slice(2)))
    forms.add(f);
  forms.add(JSON.stringify(secret).slice(1, -1));
  forms.add(Buffer.from(secret, 'utf8').toString('base64'));
  forms.add(oneLine(secret));
  return [...forms].filter((f) => f.length > 0);
}

/** Every form of every secret (3+ characters), longest first, ready for replaceForms(). */
export function redactionForms(secrets: readonly string[]): string[] {
  const forms = new Set(
    secrets
      .filter((s) => s && s.length >= 3)
      .flatMap(secretForms)
      .filter((f) => f.trim().length >= 3),
  );
  return [...forms].sort((a, b) => b.length - a.length);
}

/** Replace each of `forms` (longest first) with `***`. */
export function replaceForms(text: string, forms: readonly string[]): string {
  let out = text;
  for (const f of forms) out = out.split(f).join('***');
  return out;
}

/** Replace every known secret (longest first, all encodings) with `***`. */
export function redact(text: string, secrets: readonly string[]): string {
  return replaceForms(text, redactionForms(secrets));
}

/**
 * Make text that came from a server safe to quote: printable, one line, bounded, no
 * runner-command openers, no known secrets. Secrets are replaced before the text is
 * flattened, so a secret holding a line break or a control character is found too.
 */
export function serverText(value: unknown, secrets: readonly string[] = []): string {
  const raw = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  let s = defuseCommands(redact(oneLine(redact(raw, secrets)).trim(), secrets));
  if (s.length > MAX_SERVER_TEXT) s = `${s.slice(0, MAX_SERVER_TEXT)}…`;
  return s;
}

/**
 * Characters a culture-aware string search skips as if absent (Unicode default-ignorable code
 * points: zero-width spaces and joiners, bidi controls, soft hyphen, variation selectors...).
 * The Azure Pipelines agent finds `##vso[` with such a search and the GitHub runner checks for
 * `::` with one, so `#\u200B#vso[` is a command to them: these are removed before defusing.
 */
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

/** Control characters (including CR/LF, which would start a new log line) become spaces. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(IGNORABLE, '').replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
}

/** Azure Pipelines reads `##vso[` and `##[` anywhere in a line; GitHub reads `::` commands. */
export function defuseCommands(text: string): string {
  return text
    .replace(IGNORABLE, '')
    .replace(/##(vso)?\[/gi, (m) => m.replace('[', '('))
    .replace(/::/g, ': :');
}

/**
 * JSON for an output or variable that carries text we did not write (Site24x7 names, inputs):
 * one line (JSON escapes line breaks; U+2028, U+2029 and C1 controls become spaces) with runner
 * commands defused. `::` and `##vso[` occur in JSON only inside strings, so it stays valid.
 */
export function untrustedJson(value: unknown): string {
  return defuseCommands(oneLine(JSON.stringify(value)));
}

/**
 * The one transform every line a step writes to a runner passes (see the adapters): line
 * breaks of every kind a runner or terminal honours become `\n`, other control characters
 * (terminal escapes among them) become spaces, and on each line the command syntax of both
 * runners is defused. Our own messages never hold a runner command, so nothing is lost.
 */
export function runnerSafe(text: string): string {
  return (
    text
      // (Default-ignorable characters go in defuseCommands, line by line.)
      // eslint-disable-next-line no-control-regex
      .replace(/\r\n?|[\u0085\u2028\u2029\u000b\u000c]/g, '\n')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g, ' ')
      .split('\n')
      .map(defuseCommands)
      .join('\n')
  );
}

/**
 * The tag for messages: `t\`Opened window ${id} '${name}'\``. The literal text is ours; each
 * interpolated value is flattened to one line (control characters and line breaks become
 * spaces), so a value can never start a line of its own. The lint forbids untagged templates
 * in log calls and error constructors.
 */
export function t(strings: TemplateStringsArray, ...values: unknown[]): string {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out += oneLine(typeof v === 'string' ? v : String(v)) + (strings[i + 1] ?? '');
  }
  return out;
}

/**
 * Text for a Markdown table cell or line of a job summary: one line, command syntax defused,
 * and Markdown and HTML syntax escaped, so a name cannot add a link, an image or markup.
 */
export function markdownText(value: string): string {
  return defuseCommands(oneLine(value)).replace(/[\\|<>[\]()*_`!#&~]/g, (c) => `\\${c}`);
}

/** `2026-11-22T10:00:00Z`: ISO 8601 UTC without milliseconds. */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A count with its noun: `1 window`, `2 windows` (`plural` for the irregular ones). */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** Human-readable seconds: 0.4 s, 12 s, 2 min 5 s. */
export function formatSeconds(ms: number): string {
  if (ms < 10_000) return `${Math.round(ms / 100) / 10} s`;
  const total = Math.round(ms / 1000);
  if (total < 120) return `${total} s`;
  const m = Math.floor(total / 60);
  const s = total % 60;
  return s ? `${m} min ${s} s` : `${m} min`;
}
