/** Reading Site24x7's JSON without trusting its shape: wrong types read as empty. */
export const str = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const rec = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
/**
 * A Site24x7 ID: a long decimal number, kept as a string. Anything else reads as empty, so a
 * hostile or broken answer cannot put text where an ID is printed, saved or sent back.
 */
export const id = (v: unknown): string => {
  const s = str(v);
  return /^\d{1,40}$/.test(s) ? s : '';
};
