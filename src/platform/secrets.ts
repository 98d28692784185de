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
    const candidates = [...secretForms(value), ...value.split(/\r?\n/).map((l) => l.trim())];
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
