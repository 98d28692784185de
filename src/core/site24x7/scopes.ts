/** Site24x7's OAuth scopes: the one each call needs, and what to give a Zoho Self Client. */
/** The HTTP methods the Site24x7 client uses. */
export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * The OAuth scope each call this project makes needs, from Site24x7's API reference (see
 * docs/providers.md for the sources). A scope is also granted by its group's `.All`
 * (Site24x7.Operations.All covers Operations.Read, .Create, .Update and .Delete).
 */
export const CALL_SCOPES: ReadonlyArray<{
  method: Method;
  path: RegExp;
  call: string;
  what: string;
  scope: string;
}> = [
  {
    method: 'GET',
    path: /^\/monitors$/,
    call: 'GET /monitors',
    what: 'monitors by name',
    scope: 'Site24x7.Admin.Read',
  },
  {
    method: 'GET',
    path: /^\/monitor_groups$/,
    call: 'GET /monitor_groups',
    what: 'monitor groups by name',
    scope: 'Site24x7.Admin.Read',
  },
  {
    method: 'GET',
    path: /^\/tags$/,
    call: 'GET /tags',
    what: 'tags by name',
    scope: 'Site24x7.Admin.Read',
  },
  {
    method: 'GET',
    path: /^\/current_status$/,
    call: 'GET /current_status',
    what: 'the health gate (check)',
    scope: 'Site24x7.Reports.Read',
  },
  {
    method: 'GET',
    path: /^\/maintenance(\/\d+)?$/,
    call: 'GET /maintenance[/{id}]',
    what: 'reading windows (end, recovery)',
    scope: 'Site24x7.Operations.Read',
  },
  {
    method: 'POST',
    path: /^\/maintenance$/,
    call: 'POST /maintenance',
    what: 'opening a window (start)',
    scope: 'Site24x7.Operations.Create',
  },
  {
    method: 'PUT',
    path: /^\/maintenance\/\d+$/,
    call: 'PUT /maintenance/{id}',
    what: 'ending a running window',
    scope: 'Site24x7.Operations.Update',
  },
  {
    method: 'DELETE',
    path: /^\/maintenance\/\d+$/,
    call: 'DELETE /maintenance/{id}',
    what: 'removing a window not yet started',
    scope: 'Site24x7.Operations.Delete',
  },
];

/** The scopes to give a Zoho Self Client for every step of this project. */
export const RECOMMENDED_SCOPES =
  'Site24x7.Admin.Read,Site24x7.Operations.All,Site24x7.Reports.Read';

export const SCOPE_HINT = `The Zoho client needs the scopes ${RECOMMENDED_SCOPES.split(',').join(', ')} (issue a new refresh token after changing them).`;

/** One of our calls (by method and path, query ignored), with the scope it needs. */
export function callFor(method: Method, path: string): (typeof CALL_SCOPES)[number] | undefined {
  const bare = path.split('?')[0]!;
  return CALL_SCOPES.find((c) => c.method === method && c.path.test(bare));
}

/** The scope a call needs, when it is one of ours. */
export function scopeFor(method: Method, path: string): string | undefined {
  return callFor(method, path)?.scope;
}
