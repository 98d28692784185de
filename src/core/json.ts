/** Reading JSON that came from elsewhere: never throws, and says what shape it found. */

/** The value of JSON text, or undefined when the text is empty or not JSON. */
export function parseJson(text: string): unknown {
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A JSON object (not an array, not a scalar), or undefined. */
export function jsonObject(text: string): Record<string, unknown> | undefined {
  const v = parseJson(text);
  return v && typeof v === 'object' && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}
