/**
 * Helpers for text that ends up in logs. Two rules:
 * - server-controlled text is reduced to one short, printable line that cannot start or
 *   smuggle a runner command (`::x::` on GitHub, `##vso[` / `##[` on Azure Pipelines);
 * - any known secret, in any of the encodings it could travel in, is replaced by `***`.
 */

const MAX_SERVER_TEXT = 300;

/** The forms a secret may take on the wire or in a log: raw, form/URL-encoded, JSON-escaped, base64. */
export function secretForms(secret: string): string[] {
  if (!secret) return [];
  const forms = new Set<string>([secret]);
  forms.add(encodeURIComponent(secret));
  forms.add(new URLSearchParams({ v: secret }).toString().slice(2));
  forms.add(JSON.stringify(secret).slice(1, -1));
  forms.add(Buffer.from(secret, 'utf8').toString('base64'));
  return [...forms].filter((f) => f.length > 0);
}

/** Every form of every secret (3+ characters), longest first, ready for replaceForms(). */
export function redactionForms(secrets: readonly string[]): string[] {
  const forms = new Set(secrets.filter((s) => s && s.length >= 3).flatMap(secretForms));
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
 * Make text that came from a server safe to print: printable, one line, bounded,
 * no runner-command openers, no known secrets.
 */
export function serverText(value: unknown, secrets: readonly string[] = []): string {
  let s = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  s = defuseCommands(redact(oneLine(s).trim(), secrets));
  if (s.length > MAX_SERVER_TEXT) s = `${s.slice(0, MAX_SERVER_TEXT)}…`;
  return s;
}

/** Control characters (including CR/LF, which would start a new log line) become spaces. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
}

/** Azure Pipelines reads `##vso[` and `##[` anywhere in a line; GitHub reads `::` commands. */
export function defuseCommands(text: string): string {
  return text.replace(/##(vso)?\[/gi, (m) => m.replace('[', '(')).replace(/::/g, ': :');
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
