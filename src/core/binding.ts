/**
 * Where a token envelope is sealed and opened, and the rules that need no cryptography: the
 * step reads these on every run, while envelope.ts (the sealing) loads only when an envelope is
 * made or opened.
 */

/** Where an envelope may be opened: a repository (or project) and one run of it. */
export interface Binding {
  /** `github.com/owner/repo`, `azure:<collection id>/<project id>`. */
  scope: string;
  /** The run id (GitHub run id, Azure build id). Not the attempt: re-runs reuse outputs. */
  run: string;
}

/** A share key shorter than this is refused: the envelope may be read by anyone with the run's outputs. */
export const MIN_SHARE_KEY_LENGTH = 32;

export function bindingText(b: Binding): string {
  return `${b.scope} run ${b.run}`;
}
