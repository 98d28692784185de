"use strict";
exports.id = 838;
exports.ids = [838];
exports.modules = {

/***/ 5838:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Aj: () => (/* binding */ JOB_SOURCE_ENV),
/* harmony export */   VY: () => (/* binding */ SOURCE_PREFIX),
/* harmony export */   Wr: () => (/* binding */ COMMAND),
/* harmony export */   ly: () => (/* binding */ writeSource),
/* harmony export */   removeSource: () => (/* binding */ removeSource),
/* harmony export */   tK: () => (/* binding */ writeToken),
/* harmony export */   v5: () => (/* binding */ COMMAND_FILE)
/* harmony export */ });
/* unused harmony exports isSourceFolder, readSource, readToken */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _token_cache_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(593);
/* harmony import */ var _private_files_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2774);
/**
 * The job token source: what the token step leaves for the later steps of the same job, so
 * that each can get an access token that is valid now (docs/job-token.md). Platform-neutral:
 * where it lives and what it holds; the token step writes it (steps/job-token.ts) and the
 * credential command reads it (steps/job-read.ts).
 *
 * A folder in the job's own temporary folder (RUNNER_TEMP, Agent.TempDirectory), which the
 * runner empties when the job ends, made with mkdtemp (mode 0700, a name no one can claim
 * first), holding files of mode 0600 (core/private-files.ts):
 * - `source.json`: the token step's environment (its inputs, and what a script step lacks:
 *   the agent's connection and job variables), a rotated refresh token's successor, and
 *   whether that successor still has to reach the CI secret store;
 * - `token.json`: the current access token, as the command line's cache keeps one;
 * - `bin/oauth-token-job` (and `.cmd` on Windows): the command, which runs the runner's own
 *   Node on this action's reader bundle for this folder; `command.json` says the same for a
 *   step that runs it without a shell (core/job/client.ts).
 * The token step's post step removes it first thing, whatever else fails.
 */




/** The variable later steps find the newest source in. */
const JOB_SOURCE_ENV = 'OAUTH_TOKEN_JOB';
/** The folder's name starts with this; mkdtemp adds six random characters. */
const SOURCE_PREFIX = 'oauth-token-job-';
const COMMAND = 'oauth-token-job';
const SOURCE_FILE = 'source.json';
const TOKEN_FILE = 'token.json';
/** The command's Node and reader bundle, for a step that runs it without a shell. */
const COMMAND_FILE = 'command.json';
/** A source's folder name is ours: the prefix and mkdtemp's six characters, nothing else. */
function isSourceFolder(dir) {
    return new RegExp(`^${SOURCE_PREFIX}[A-Za-z0-9]{6}$`).test((0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(dir));
}
function writeSource(dir, source) {
    (0,_private_files_js__WEBPACK_IMPORTED_MODULE_3__/* .writePrivateFile */ .Pl)(dir, SOURCE_FILE, JSON.stringify({ version: 1, ...source }));
}
/** The source, checked: a private folder and file, and the shape this version writes. */
function readSource(dir) {
    const got = readPrivateFile(dir, SOURCE_FILE);
    if ('missing' in got) {
        return {
            problem: `${dir} holds no job token source: the token step that made it has ended (its post step removes it), or this is another job`,
        };
    }
    if ('refused' in got)
        return { problem: `the job token source ${dir} ${got.why}` };
    let v;
    try {
        v = JSON.parse(got.text);
    }
    catch {
        return { problem: `the job token source ${dir} is not JSON` };
    }
    const env = v.env;
    if (v.version !== 1 ||
        (v.platform !== 'github' && v.platform !== 'azure') ||
        !env ||
        typeof env !== 'object' ||
        Object.values(env).some((x) => typeof x !== 'string') ||
        (v.refreshToken !== undefined && typeof v.refreshToken !== 'string')) {
        return { problem: `the job token source ${dir} is not one this version wrote` };
    }
    return {
        source: {
            platform: v.platform,
            env: env,
            refreshToken: v.refreshToken,
            pendingWriteBack: v.pendingWriteBack === true,
        },
    };
}
function writeToken(dir, token) {
    (0,_private_files_js__WEBPACK_IMPORTED_MODULE_3__/* .writePrivateFile */ .Pl)(dir, TOKEN_FILE, JSON.stringify(token));
}
/** The kept access token, if there is one and it is private and well formed. */
function readToken(dir) {
    const got = readPrivateFile(dir, TOKEN_FILE);
    if (!('text' in got))
        return undefined;
    try {
        return parseCached(JSON.parse(got.text));
    }
    catch {
        return undefined;
    }
}
/**
 * Remove a source folder: only a folder whose name is ours and which is a real folder (not a
 * link), its entries one by one with lstat, so a planted link is removed as a link and never
 * followed. Says what could not be removed.
 */
function removeSource(dir) {
    if (!isSourceFolder(dir))
        return `${dir} is not a job token source folder`;
    let st;
    try {
        st = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(dir);
    }
    catch (e) {
        return e.code === 'ENOENT' ? undefined : e.message;
    }
    if (!st.isDirectory())
        return `${dir} is not a folder`;
    try {
        const clear = (folder, depth) => {
            for (const name of (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(folder)) {
                const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(folder, name);
                // lstat: a link is removed as a link, never followed.
                if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(path).isDirectory() && depth < 2) {
                    clear(path, depth + 1);
                    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmdirSync)(path);
                }
                else {
                    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.unlinkSync)(path);
                }
            }
        };
        clear(dir, 0);
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmdirSync)(dir);
        return undefined;
    }
    catch (e) {
        return e.message;
    }
}


/***/ })

};
;
//# sourceMappingURL=838.index.cjs.js.map