/**
 * Where a token envelope is sealed and opened, and the rules that need no cryptography: the
 * step reads these on every run, while sealing.ts (the cryptography) loads only when an envelope is
 * made or opened.
 */

/** Where an envelope may be opened: a repository (or project) and one run of it. */
export interface Binding {
  /** `github.com/owner/repo`, `azure:<collection id>/<project id>`. */
  scope: string;
  /** The run id (GitHub run id, Azure build id). Not the attempt: re-runs reuse outputs. */
  run: string;
}

/** A share key must decode to at least this many bytes (256 bits): see shareKeyProblem. */
export const MIN_SHARE_KEY_BYTES = 32;

/**
 * Why a share key is refused, or undefined. An envelope is public in practice (job outputs, a
 * consumer's logged inputs, an artifact) and HKDF has no work factor, so the key must be the
 * randomness itself: base64, base64url or hex of at least 32 random bytes (`openssl rand
 * -base64 32`). Randomness cannot be proven, but its absence often shows: 32 random bytes have
 * at least 22 distinct values and at most 25 printable ASCII bytes in a million draws, while a
 * repeated pattern or an encoded phrase has few distinct bytes or only printable ones.
 */
export function shareKeyProblem(key: string): string | undefined {
  let bytes: Buffer | undefined;
  if (/^[0-9a-fA-F]+$/.test(key) && key.length % 2 === 0) bytes = Buffer.from(key, 'hex');
  else if (/^[A-Za-z0-9+/]+={0,2}$/.test(key) || /^[A-Za-z0-9_-]+$/.test(key))
    bytes = Buffer.from(key, key.includes('-') || key.includes('_') ? 'base64url' : 'base64');
  if (!bytes) return 'is not base64, base64url or hex';
  if (bytes.length < MIN_SHARE_KEY_BYTES)
    return `decodes to ${bytes.length} bytes, fewer than the ${MIN_SHARE_KEY_BYTES} random bytes (256 bits) a share key needs`;
  const head = bytes.subarray(0, MIN_SHARE_KEY_BYTES);
  const printable = head.filter((b) => b >= 0x20 && b < 0x7f).length;
  if (new Set(head).size < 16 || printable >= 30)
    return 'does not look random (a repeated pattern, or an encoded word or phrase)';
  return undefined;
}

export function bindingText(b: Binding): string {
  return `${b.scope} run ${b.run}`;
}
