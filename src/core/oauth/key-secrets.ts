/** The strings a private key could show in a log, for masking (no cryptography here). */

/**
 * A PEM armor line (`-----BEGIN PRIVATE KEY-----`): the same in every key, so never a secret;
 * masking it would hide every mention of the format job-wide, our own hints included.
 */
export const isPemArmor = (line: string) => /^-----(BEGIN|END) [A-Z0-9 ]+-----$/.test(line.trim());

/** Every private part of a key, as strings a log could show: for masking. */
export function keySecrets(text: string): string[] {
  const out = [text.trim()];
  // Each base64 line of a PEM, not its armor.
  for (const line of text.split(/\r?\n/)) {
    const l = line.trim();
    if (l.length >= 16 && !isPemArmor(l)) out.push(l);
  }
  try {
    const jwk = JSON.parse(text) as Record<string, unknown>;
    for (const k of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'])
      if (typeof jwk[k] === 'string') out.push(jwk[k] as string);
  } catch {
    /* PEM */
  }
  return out.filter(Boolean);
}
