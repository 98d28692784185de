import { isPemArmor } from '../core/oauth/key-secrets.js';
import type { Logger } from '../core/runtime.js';
import { redactionForms, replaceForms, runnerSafe, secretForms } from '../core/text.js';

/**
 * The values an adapter has registered as secret, so it can redact them from anything it
 * writes itself (defence in depth: the runner masks them too).
 */
export class SecretRegistry {
  /** What has been registered with the runner. */
  private readonly registered = new Set<string>();
  /** Raw values and lines, and the redaction forms derived from them once per add(). */
  private readonly values: string[] = [];
  private forms: string[] = [];

  /** Returns the forms that are new (raw, encoded, and each line of a multi-line value). */
  add(value: string): string[] {
    if (!value) return [];
    const fresh: string[] = [];
    // The forms a log line could carry: raw, URL/form-encoded, JSON-escaped, each line of a
    // multi-line value. (Base64 forms are redacted but not registered: nothing here prints
    // them, and the Basic header is registered as a value of its own.)
    const b64 = Buffer.from(value, 'utf8').toString('base64');
    const lines = value
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => !isPemArmor(l));
    for (const c of [...secretForms(value).filter((f) => f !== b64), ...lines]) {
      if (c.length >= 3 && !this.registered.has(c)) {
        this.registered.add(c);
        fresh.push(c);
      }
    }
    if (fresh.length) {
      this.values.push(value, ...lines);
      this.forms = redactionForms(this.values);
    }
    return fresh;
  }

  redact(text: string): string {
    return this.forms.length ? replaceForms(text, this.forms) : text;
  }

  /**
   * The one way out: every line an adapter writes to a runner or terminal passes here. Known
   * secrets are replaced, runner command syntax is defused on every line (`runnerSafe`), and
   * secrets are replaced once more in case defusing joined the pieces of one.
   */
  clean(text: string): string {
    return this.redact(runnerSafe(this.redact(text)));
  }

  /** A Logger whose every level writes through clean() to the runner's own sink for it. */
  logger(sinks: Logger): Logger {
    const through = (sink: (m: string) => void) => (m: string) => sink(this.clean(m));
    return {
      debug: through(sinks.debug),
      info: through(sinks.info),
      notice: through(sinks.notice),
      warning: through(sinks.warning),
    };
  }
}
