/** Links into the Site24x7 web console, for summaries and for errors that send a user there. */

/** Site24x7 web console for an API root (the API root without `/api`). */
export function site24x7Console(apiRoot: URL | string): string {
  return String(apiRoot)
    .replace(/\/+$/, '')
    .replace(/\/api$/, '');
}

/** The console page that lists windows in progress, for a step that could not end one. */
export function site24x7MaintenanceConsole(apiRoot: URL | string): string {
  return `${site24x7Console(apiRoot)}/app/client#/admin/operations/view-maintenance-monitors`;
}
