import { secretInputsOf } from '../../core/secret-inputs.js';

/** The maintenance step's inputs that hold secrets, masked before anything else happens. */
export const MAINTENANCE_SECRET_INPUTS = secretInputsOf('maintenance');
