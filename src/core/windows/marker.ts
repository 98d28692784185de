/**
 * How a window this tool opened is found again without its id (the step died before it heard
 * back): a marker at the end of its message or description, unique to the step's run.
 */

/** The marker text: `[oauth-token-action <key>]`, key from the run and a random part. */
export function markerText(key: string): string {
  return `[oauth-token-action ${key}]`;
}

/** What every marker starts with: how `maintenance list` tells this tool's windows. */
export const MARKER_PREFIX = '[oauth-token-action ';

/** ISO-8601 in UTC to the second, with a zero offset written `Z` (Datadog and PagerDuty). */
export function utcIso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
