"use strict";
exports.id = 763;
exports.ids = [763];
exports.modules = {

/***/ 5763:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   makeJobSource: () => (/* binding */ makeJobSource)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _core_private_files_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2774);
/* harmony import */ var _core_job_source_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5838);
/* harmony import */ var _core_token_cache_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(593);
/* harmony import */ var _core_text_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2020);
/* harmony import */ var _job_token_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8660);
/**
 * Making the job token source after a mint (core/job/source.ts): its files, the command on
 * PATH, and OAUTH_TOKEN_JOB. Apart from steps/job-token.ts only so that it loads when
 * job-token is true: a plain mint never reads this code.
 */







/** Quoted for sh: single quotes, each ' as '\''. */
const sh = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
/** A path cmd.exe can take between double quotes (which no Windows path contains). */
const cmdPath = (s) => {
    if (/["%\r\n]/.test(s))
        throw new Error((0,_core_text_js__WEBPACK_IMPORTED_MODULE_6__.t) `the path ${s} cannot be quoted for cmd.exe`);
    return `"${s}"`;
};
/**
 * After a mint: the source, its current token, the command on PATH and OAUTH_TOKEN_JOB for
 * the steps after this one. The post step's state is saved before anything secret is written,
 * so a step stopped half-way still has its source removed.
 */
function makeJobSource(p, rt, token, needs) {
    const dir = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdtempSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(p.jobTemp(), _core_job_source_js__WEBPACK_IMPORTED_MODULE_3__/* .SOURCE_PREFIX */ .VY));
    p.saveState(_job_token_js__WEBPACK_IMPORTED_MODULE_5__/* .JOB_SOURCE_STATE */ .s, dir);
    try {
        (0,_core_job_source_js__WEBPACK_IMPORTED_MODULE_3__/* .writeSource */ .ly)(dir, {
            platform: p.id === 'azure' ? 'azure' : 'github',
            env: p.handoffEnv(needs),
            refreshToken: token.newRefreshToken,
        });
        const kept = (0,_core_token_cache_js__WEBPACK_IMPORTED_MODULE_4__/* .toCached */ .QO)(token, rt.now());
        if (kept)
            (0,_core_job_source_js__WEBPACK_IMPORTED_MODULE_3__/* .writeToken */ .tK)(dir, kept);
        // The command: the runner's own Node on this action's reader bundle, for this source.
        const node = process.execPath;
        const reader = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(process.argv[1] ?? '.'), '..', 'job-token', 'index.js');
        (0,_core_private_files_js__WEBPACK_IMPORTED_MODULE_2__/* .writePrivateFile */ .Pl)(dir, _core_job_source_js__WEBPACK_IMPORTED_MODULE_3__/* .COMMAND_FILE */ .v5, JSON.stringify({ node, reader }));
        const bin = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, 'bin');
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)(bin, { mode: 0o700 });
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(bin, _core_job_source_js__WEBPACK_IMPORTED_MODULE_3__/* .COMMAND */ .Wr), `#!/bin/sh\n# oauth-token-action: an access token valid now, for this job (docs/job-token.md).\nexec ${sh(node)} ${sh(reader)} --source ${sh(dir)} "$@"\n`, { mode: 0o700 });
        // For PowerShell and cmd on Windows (Git Bash runs the sh one).
        if (process.platform === 'win32') {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(bin, `${_core_job_source_js__WEBPACK_IMPORTED_MODULE_3__/* .COMMAND */ .Wr}.cmd`), `@${cmdPath(node)} ${cmdPath(reader)} --source ${cmdPath(dir)} %*\r\n`, { mode: 0o700 });
        }
        p.addPath(bin);
        p.exportVariable(_core_job_source_js__WEBPACK_IMPORTED_MODULE_3__/* .JOB_SOURCE_ENV */ .Aj, dir);
        p.log.info((0,_core_text_js__WEBPACK_IMPORTED_MODULE_6__.t) `Job token: later steps of this job get an access token valid now with the command ${_core_job_source_js__WEBPACK_IMPORTED_MODULE_3__/* .COMMAND */ .Wr} (on PATH; the source is in ${_core_job_source_js__WEBPACK_IMPORTED_MODULE_3__/* .JOB_SOURCE_ENV */ .Aj}). It mints again shortly before the token expires, and the post step removes the source.`);
        return dir;
    }
    catch (e) {
        (0,_core_job_source_js__WEBPACK_IMPORTED_MODULE_3__.removeSource)(dir);
        throw e;
    }
}


/***/ })

};
;
//# sourceMappingURL=763.index.cjs.js.map