/** The version, from package.json, inlined into the bundle when it is built. */
import pkg from '../../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
