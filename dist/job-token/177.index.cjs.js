"use strict";
exports.id = 177;
exports.ids = [177];
exports.modules = {

/***/ 41:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   z: () => (/* binding */ restCall)
/* harmony export */ });
/* harmony import */ var _endpoint_error_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(81);
/* harmony import */ var _json_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(153);
/* harmony import */ var _oauth_request_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(522);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(161);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(20);
/** One JSON REST call to a CI platform's API, retried as the token request is. */





/**
 * One JSON REST call, retried as the token request is (429 and 5xx within the budget;
 * every call here is idempotent), refused answers explained by `explain`.
 */
async function restCall(rt, limits, o) {
    return (0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .withRetries */ .LH)(async () => {
        const res = await rt.send({
            url: o.url,
            method: o.method,
            headers: {
                authorization: o.authorization,
                accept: 'application/json',
                'user-agent': _oauth_request_js__WEBPACK_IMPORTED_MODULE_1__/* .USER_AGENT */ ._O,
                ...(o.body === undefined ? {} : { 'content-type': 'application/json' }),
                ...o.headers,
            },
            body: o.body === undefined ? undefined : JSON.stringify(o.body),
            timeoutMs: limits.timeoutMs,
            signal: rt.signal,
        });
        const json = (0,_json_js__WEBPACK_IMPORTED_MODULE_3__/* .jsonObject */ .o)(res.body.toString('utf8').trim());
        if ((res.status >= 200 && res.status < 300) || o.accept?.includes(res.status)) {
            return { status: res.status, json };
        }
        const said = json && typeof json.message === 'string'
            ? `: ${(0,_text_js__WEBPACK_IMPORTED_MODULE_4__/* .serverText */ .Tn)(json.message, limits.secrets())}`
            : '';
        const retry = (0,_endpoint_error_js__WEBPACK_IMPORTED_MODULE_0__/* .statusRetry */ .Rd)(res.status);
        const explained = retry === 'never' ? o.explain(res.status) : undefined;
        throw new _endpoint_error_js__WEBPACK_IMPORTED_MODULE_0__/* .EndpointError */ .cY((0,_text_js__WEBPACK_IMPORTED_MODULE_4__.t) `The ${o.what} (${o.method} ${o.url.origin}${o.url.pathname}) was answered HTTP ${res.status}${said}.${explained ? ` ${explained}` : ''}`, {
            status: res.status,
            retry,
            kind: res.status === 401 || res.status === 403 ? 'auth' : 'server',
        });
    }, {
        what: o.what,
        budgetMs: limits.budgetMs,
        budgetLabel: limits.budgetLabel,
        idempotent: true,
    }, rt);
}


/***/ }),

/***/ 177:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   postDeploymentStatus: () => (/* binding */ postDeploymentStatus)
/* harmony export */ });
/* harmony import */ var _core_net_rest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(41);
/**
 * A GitHub deployment status for the deployment a gate decides: in_progress while it
 * evaluates, then success, failure or error. Sent to the runner's own API (GITHUB_API_URL) with
 * a token that may write deployments (the job's GITHUB_TOKEN with `deployments: write`).
 * Loaded only when deployment-id is set.
 */

async function postDeploymentStatus(run, deploymentId, token, status, rt, limits) {
    const [owner, repo] = run.repository.split('/');
    await (0,_core_net_rest_js__WEBPACK_IMPORTED_MODULE_0__/* .restCall */ .z)(rt, limits, {
        method: 'POST',
        url: new URL(`${run.apiUrl.replace(/\/+$/, '')}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/deployments/${deploymentId}/statuses`),
        authorization: `Bearer ${token}`,
        headers: { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' },
        body: {
            state: status.state,
            // GitHub refuses descriptions over 140 characters.
            description: status.description.slice(0, 140),
            ...(status.logUrl ? { log_url: status.logUrl } : {}),
        },
        what: 'deployment status',
        explain: (s) => s === 404
            ? 'No such deployment in this repository, or the token may not see it: pass the id of a deployment of this repository.'
            : s === 403 || s === 401
                ? 'The token may not write deployment statuses: give the job permissions deployments: write, and pass its token.'
                : undefined,
    });
}


/***/ })

};
;
//# sourceMappingURL=177.index.cjs.js.map