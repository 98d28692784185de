/**
 * Every failure the project reports is a StepError: a message that says what went wrong
 * and what to do, and a kind that tells callers (and tests) how it was classified.
 * Messages are built only from values that are not secret; server-controlled text goes
 * through `serverText()` first.
 */
import { defuseCommands, oneLine } from './text.js';

export type ErrorKind =
  | 'input' // the step's inputs are wrong; nothing was sent
  | 'auth' // the provider refused the credentials or the grant
  | 'throttled' // the provider refused because of a rate limit and the budget ran out
  | 'server' // the provider failed (5xx) and the budget ran out, or it is not safe to retry
  | 'network' // connection, TLS or timeout failures
  | 'protocol' // the answer was not a usable OAuth response
  | 'gate' // a health gate did not pass
  | 'not-found' // what the inputs name does not exist at the provider (a mistyped window id)
  | 'cancelled'; // the runner asked the step to stop

/**
 * What is known about a failure beyond its message, as fields (as oauth4webapi's errors carry
 * theirs): callers decide on these, never on the message text.
 */
export interface ErrorFacts {
  /** The HTTP status of the last answer, when there was one. */
  status?: number;
  /** The OAuth `error` code the server sent (`invalid_client`, `invalid_grant`, ...). */
  oauthError?: string;
  /** The provider preset in use (`zoho`, `site24x7`, ...). */
  provider?: string;
  /** The last attempt's failure in a word or two: `ECONNREFUSED`, `timeout`, `HTTP 503`. */
  cause?: string;
}

export class StepError extends Error {
  readonly kind: ErrorKind;
  readonly facts: Readonly<ErrorFacts>;
  constructor(kind: ErrorKind, message: string, facts: ErrorFacts = {}) {
    super(message);
    this.name = 'StepError';
    this.kind = kind;
    this.facts = facts;
  }
}

/** A bad input: names the input as the user wrote it (`client-id` or `clientId`) and the fix. */
export class InputError extends StepError {
  readonly input: string;
  /** `subject`: how the source names the input (Inputs.subject); never assumed. */
  constructor(input: string, problem: string, fix: string, subject: string) {
    // Messages may quote what the user typed (`has the value '...'`): keep them one printable
    // line that cannot start or smuggle a runner command, whatever the input held.
    super('input', defuseCommands(oneLine(`${subject} ${problem}: ${fix}`)));
    this.name = 'InputError';
    this.input = input;
  }
}

export function isStepError(e: unknown): e is StepError {
  return e instanceof StepError;
}
