/**
 * The leak scanner: for each secret, look for the raw value and its URL-encoded, form-encoded,
 * base64 and JSON-escaped forms in every place a run wrote to. A place may be allowed to hold
 * a value only where the runner needs it (the masking command, a secret output).
 */
export interface Place {
  name: string;
  text: string;
  /** Lines of this place that may hold secrets (e.g. `::add-mask::` lines). */
  allowLine?: (line: string) => boolean;
  /** Secrets (by label) this whole place may hold, e.g. the output file holds the token. */
  allowSecrets?: string[];
}

export function forms(secret: string): string[] {
  const set = new Set([
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ v: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
    Buffer.from(secret).toString('base64'),
  ]);
  return [...set].filter((f) => f.length >= 6);
}

export function findLeaks(secrets: Record<string, string | undefined>, places: Place[]): string[] {
  const found: string[] = [];
  for (const [label, secret] of Object.entries(secrets)) {
    if (!secret) continue;
    for (const place of places) {
      if (place.allowSecrets?.includes(label)) continue;
      const lines = place.text.split('\n');
      lines.forEach((line, i) => {
        if (place.allowLine?.(line)) return;
        for (const f of forms(secret)) {
          if (line.includes(f))
            found.push(
              `${label} (as ${f === secret ? 'raw' : 'encoded'}) in ${place.name} line ${i + 1}`,
            );
        }
      });
    }
  }
  return found;
}

export const isAddMask = (line: string) => line.startsWith('::add-mask::');
