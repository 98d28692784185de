/** The strings a private key could show in a log, for masking (no cryptography here). */

/** Every private part of a key, as strings a log could show: for masking. */
export function keySecrets(text: string): string[] {
  const out = [text.trim()];
  for (const line of text.split(/\r?\n/)) if (line.trim().length >= 16) out.push(line.trim());
  try {
    const jwk = JSON.parse(text) as Record<string, unknown>;
    for (const k of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'])
      if (typeof jwk[k] === 'string') out.push(jwk[k] as string);
  } catch {
    /* PEM */
  }
  return out.filter(Boolean);
}
