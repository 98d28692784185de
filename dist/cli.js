#!/usr/bin/env node
// oauth-token, the command line: the bundle is dist/cli/.
require('./cli/index.js');
