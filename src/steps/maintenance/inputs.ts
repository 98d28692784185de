/** The maintenance step's inputs that hold secrets, masked before anything else happens. */

export const MAINTENANCE_SECRET_INPUTS = [
  'access-token',
  'client-secret',
  'refresh-token',
] as const;
