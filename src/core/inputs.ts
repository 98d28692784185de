/**
 * Reading and checking raw string inputs, platform-neutral. A platform adapter supplies an
 * InputSource; every error names the input the way the user wrote it on that platform. Which
 * server addresses an input may give is url-policy.ts.
 */
import { InputError } from './errors.js';
import { t } from './text.js';

export interface InputSource {
  /** Raw value of an input by its canonical kebab-case key ('' when unset). Not trimmed. */
  get(key: string): string;
  /** The input's name as the user writes it on this platform (`client-id`, `clientId`). */
  label(key: string): string;
  /** How messages speak of inputs and steps here; pipeline wording when absent. */
  wording?: Partial<Wording>;
  /**
   * Whether the value comes from a service connection's owner, not from the pipeline (see
   * input-policy.ts): an error about it is then addressed to the owner.
   */
  owned?(key: string): boolean;
  /**
   * Whether a provider's throttle is waited out within the retry budget when no budget was
   * given (absent: yes). A pipeline runs unattended and waits; at a terminal a person is told at
   * once, rather than kept for minutes (Zoho's window is 10 minutes).
   */
  waitsOutThrottle?: boolean;
}

/**
 * The words a message uses for what differs between a pipeline and a terminal: a pipeline
 * speaks of inputs, steps and secrets; the command line of options, environment variables and
 * commands.
 */
export interface Wording {
  /** How an error names an input: `Input 'client-id'`, `Option --client-id`, `OAUTH_CLIENT_SECRET`. */
  subject(key: string): string;
  /** Where a stored secret is given: `from a secret`. */
  secretSource: string;
  /** Where an access token comes from. */
  tokenSource: string;
  /** What is running: `the step`, `the command`. */
  self: string;
  /** Where the id of a window to end comes from. */
  windowIdSource: string;
  /** The window that no post step ends: when it ends, and how to end it sooner. */
  endLater(endsAt: string, id: string): string;
  /** How to end a window now, in a sentence's middle: `operation end with its maintenance-id`. */
  howToEnd: string;
  /** How to spare a throttled accounts server: reuse one token rather than mint again. */
  reuseToken: string;
}

/**
 * A source that answers some inputs its own way and passes everything else through: the
 * mapped type lists every member of InputSource, so a member added later cannot be dropped
 * (a wrapper that forwarded only get and label once lost the command line's wording).
 */
export function derivedSource(src: InputSource, get: (key: string) => string): InputSource {
  const all: { [K in keyof Required<InputSource>]: InputSource[K] } = {
    get,
    label: (key) => src.label(key),
    wording: src.wording,
    owned: src.owned ? (key) => src.owned!(key) : undefined,
    waitsOutThrottle: src.waitsOutThrottle,
  };
  return all;
}

/**
 * A provider's own inputs read as a token configuration: `client-id` is read from (and named
 * in messages as) `pagerduty-client-id`. Keys `names` does not map and `fixed` does not give
 * read as empty, so another provider's credentials can never leak into this one's request.
 */
export function renamedSource(
  src: InputSource,
  names: (key: string) => string | undefined,
  fixed: Readonly<Record<string, string>>,
): InputSource {
  const name = (key: string) => names(key) ?? key;
  const w = src.wording;
  const all: { [K in keyof Required<InputSource>]: InputSource[K] } = {
    get: (key) => fixed[key] ?? (names(key) ? src.get(names(key)!) : ''),
    label: (key) => src.label(name(key)),
    wording: w && { ...w, subject: w.subject && ((key: string) => w.subject!(name(key))) },
    owned: src.owned ? (key) => src.owned!(name(key)) : undefined,
    waitsOutThrottle: src.waitsOutThrottle,
  };
  return all;
}

export function wordingOf(source: InputSource): Wording {
  const w = source.wording ?? {};
  return {
    subject: w.subject ?? ((key) => `Input '${source.label(key)}'`),
    secretSource: w.secretSource ?? 'from a secret',
    tokenSource: w.tokenSource ?? 'from the token step',
    self: w.self ?? 'the step',
    windowIdSource:
      w.windowIdSource ??
      `the ${source.label('maintenance-id')} output of the step that started the window`,
    endLater:
      w.endLater ??
      ((endsAt, id) =>
        `end-on-exit is off: the window ends at ${endsAt}, or when a later step ends it with ${source.label('maintenance-id')} ${id}.`),
    howToEnd:
      w.howToEnd ?? `${source.label('operation')} end with its ${source.label('maintenance-id')}`,
    reuseToken:
      w.reuseToken ?? 'mint one token per job and pass it to later steps (the access-token output)',
  };
}

export interface NoticeSink {
  notice(message: string): void;
}

export class Inputs {
  constructor(
    readonly source: InputSource,
    private readonly log: NoticeSink,
  ) {}

  label(key: string): string {
    return this.source.label(key);
  }

  get words(): Wording {
    return wordingOf(this.source);
  }

  /** How a message names the input here: `Input 'client-id'`, `Option --client-id`. */
  subject(key: string): string {
    return this.words.subject(key);
  }

  error(key: string, problem: string, fix: string): InputError {
    const toOwner = this.source.owned?.(key)
      ? '. The value comes from the service connection, so only its owner can change it: ask them to edit the connection (Project settings > Service connections)'
      : '';
    return new InputError(this.label(key), problem, fix + toOwner, this.words.subject(key));
  }

  /** Trimmed value, '' when unset. */
  str(key: string): string {
    return this.source.get(key).trim();
  }

  /** Whether the input leaves the choice to the step: empty, or `auto`. */
  isAuto(key: string): boolean {
    const v = this.str(key);
    return !v || v.toLowerCase() === 'auto';
  }

  /** One of `allowed`; empty or `auto` gives the fallback. */
  oneOf<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
    const v = this.str(key);
    if (this.isAuto(key)) return fallback;
    const hit = allowed.find((a) => a.toLowerCase() === v.toLowerCase());
    if (!hit) {
      throw this.error(
        key,
        t`has the value '${v}', which is not allowed`,
        t`use one of: ${allowed.join(', ')}`,
      );
    }
    return hit;
  }

  bool(key: string, fallback: boolean): boolean {
    const v = this.str(key).toLowerCase();
    if (!v) return fallback;
    if (['true', 'yes', '1', 'on'].includes(v)) return true;
    if (['false', 'no', '0', 'off'].includes(v)) return false;
    throw this.error(
      key,
      t`has the value '${this.str(key)}', which is not a boolean`,
      'use true or false',
    );
  }

  /** A number of seconds within [min, max]; returns milliseconds. */
  seconds(key: string, fallback: number, min: number, max: number, minExclusive = false): number {
    const raw = this.str(key);
    if (!raw) return fallback * 1000;
    const n = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
    const tooSmall = minExclusive ? n <= min : n < min;
    if (!Number.isFinite(n) || tooSmall || n > max) {
      const range = minExclusive ? `more than ${min} and at most ${max}` : `from ${min} to ${max}`;
      throw this.error(
        key,
        t`has the value '${raw}', which is not a number of seconds ${range}`,
        t`set a number ${range}, or leave it empty for the default ${fallback}`,
      );
    }
    return Math.round(n * 1000);
  }

  /**
   * A secret. Surrounding whitespace (a trailing newline from copy and paste is the usual
   * case) is trimmed with a notice; a line break or control character inside is refused,
   * since no OAuth credential contains one and the value was almost surely stored wrong.
   * The value itself is never echoed.
   */
  secret(key: string): string {
    const raw = this.source.get(key);
    const v = raw.trim();
    if (v !== raw && v) {
      this.log.notice(
        t`${this.words.subject(key)} had whitespace or a line break around it; it was trimmed.`,
      );
    }
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(v)) {
      throw this.error(
        key,
        'contains a line break or control character inside the value',
        'store the secret again as a single line, exactly as the provider issued it',
      );
    }
    return v;
  }

  /** Lines of a multi-line input, trimmed, without blanks and `#` comments. */
  lines(key: string): string[] {
    return this.str(key)
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
  }

  /** Items separated by newlines or commas. */
  list(key: string): string[] {
    return this.lines(key)
      .flatMap((l) => l.split(','))
      .map((s) => s.trim())
      .filter(Boolean);
  }
}
