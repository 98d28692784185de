import { redact, secretForms } from '../core/text.js';

/**
 * The values an adapter has registered as secret, so it can redact them from anything it
 * writes itself (defence in depth: the runner masks them too).
 */
export class SecretRegistry {
  private readonly values = new Set<string>();

  /** Returns the forms that are new (raw, encoded, and each line of a multi-line value). */
  add(value: string): string[] {
    if (!value) return [];
    const fresh: string[] = [];
    // The forms a log line could carry: raw, URL/form-encoded, JSON-escaped, each line of a
    // multi-line value. (Base64 forms are redacted by redact() but not registered: nothing
    // here prints them, and the Basic header is registered as a value of its own.)
    const b64 = Buffer.from(value, 'utf8').toString('base64');
    const candidates = [
      ...secretForms(value).filter((f) => f !== b64),
      ...value.split(/\r?\n/).map((l) => l.trim()),
    ];
    for (const c of candidates) {
      if (c.length >= 3 && !this.values.has(c)) {
        this.values.add(c);
        fresh.push(c);
      }
    }
    return fresh;
  }

  redact(text: string): string {
    return this.values.size ? redact(text, [...this.values]) : text;
  }
}
