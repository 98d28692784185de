"use strict";
exports.id = 604;
exports.ids = [604,235];
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

/***/ 235:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AZURE_DEVOPS_AUDIENCE: () => (/* binding */ AZURE_DEVOPS_AUDIENCE),
/* harmony export */   azureAudienceProblem: () => (/* binding */ azureAudienceProblem),
/* harmony export */   ciTokenOf: () => (/* binding */ ciTokenOf),
/* harmony export */   freshCiTokens: () => (/* binding */ freshCiTokens)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(296);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(20);
/**
 * The CI platform's own OIDC token for this job, used as a client assertion (federated client
 * authentication) or as the grant (jwt-bearer, token-exchange), so no secret is stored at all.
 * How each platform hands one out is its adapter's (`Platform.requestIdToken`: GitHub's runner
 * endpoint in platform/github-oidc.ts, Azure DevOps' in platform/azure-oidc.ts); the rules that
 * hold for every platform are here: what an answer must be, and a fresh token per attempt.
 */


/** The audience Azure DevOps puts in every pipeline OIDC token. */
const AZURE_DEVOPS_AUDIENCE = 'api://AzureADTokenExchange';
/**
 * Azure DevOps fixes the audience of its OIDC tokens: a server that wants another can never
 * accept them. Keycloak (26.6) accepts only its realm issuer as a federated assertion's
 * audience, so Keycloak federation cannot work from Azure Pipelines at all.
 */
function azureAudienceProblem(audience, server) {
    if (!audience || audience === AZURE_DEVOPS_AUDIENCE)
        return undefined;
    if (server?.issuerOnly) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StepError */ .zg('input', (0,_text_js__WEBPACK_IMPORTED_MODULE_1__.t) `${server.title} accepts only its own issuer URL (${audience}) as the audience of a CI token, and Azure DevOps issues OIDC tokens only for the audience ${AZURE_DEVOPS_AUDIENCE}: ${server.title} federation cannot work from Azure Pipelines. Use client-auth private-key-jwt there (the service connection's Private key scheme), or a client secret.`);
    }
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StepError */ .zg('input', (0,_text_js__WEBPACK_IMPORTED_MODULE_1__.t) `Azure DevOps issues OIDC tokens only for the audience ${AZURE_DEVOPS_AUDIENCE}, not ${audience}: configure the server to accept that audience, and leave the OIDC audience empty.`);
}
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
/** The token in a CI platform's answer, or a protocol error naming who answered without one. */
function ciTokenOf(value, who) {
    if (typeof value !== 'string' || !JWT.test(value)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StepError */ .zg('protocol', (0,_text_js__WEBPACK_IMPORTED_MODULE_1__.t) `The ${who} answered the OIDC token request without a token.`);
    }
    return value;
}
/** A CI token younger than this is used for the first attempt; any later one asks anew. */
const FRESH_MS = 60_000;
/**
 * CI tokens for the token request's attempts: the first is asked for at once, so that a job
 * that may not have one is told before anything else happens; each later attempt (and a first
 * one that waited for the machine lock) gets a new one, since servers refuse a CI token used
 * long after its iat (Keycloak: 300 s) or used twice (Keycloak: a reused jti).
 */
async function freshCiTokens(rt, request) {
    let first = { value: await request(), at: rt.now() };
    return async () => {
        const f = first;
        first = undefined;
        return f && rt.now() - f.at < FRESH_MS ? f.value : request();
    };
}


/***/ }),

/***/ 604:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   githubIdToken: () => (/* binding */ githubIdToken)
/* harmony export */ });
/* harmony import */ var _core_oauth_ci_token_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(235);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(296);
/* harmony import */ var _core_net_rest_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(41);
/**
 * GitHub Actions' OIDC token for this job: the runner's endpoint (ACTIONS_ID_TOKEN_REQUEST_URL
 * and _TOKEN, which the runner sets only with `permissions: id-token: write`), with the audience
 * asked for. Loaded only by jobs that use federated authentication.
 */



async function githubIdToken(env, setSecret, audience, rt, limits) {
    const endpoint = env.ACTIONS_ID_TOKEN_REQUEST_URL;
    const token = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
    if (!endpoint || !token) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StepError */ .zg('input', 'This job may not request an OIDC token: the runner sets ACTIONS_ID_TOKEN_REQUEST_URL only with `permissions: id-token: write`. Add it to the workflow or the job (with the other permissions it needs, e.g. contents: read).');
    }
    setSecret(token);
    const url = new URL(endpoint);
    if (audience)
        url.searchParams.set('audience', audience);
    const { json } = await (0,_core_net_rest_js__WEBPACK_IMPORTED_MODULE_2__/* .restCall */ .z)(rt, limits, {
        method: 'GET',
        url,
        authorization: `Bearer ${token}`,
        what: 'OIDC token request',
        explain: (status) => status === 401 || status === 403
            ? 'The runner refused the request for an OIDC token: check `permissions: id-token: write`.'
            : undefined,
    });
    return (0,_core_oauth_ci_token_js__WEBPACK_IMPORTED_MODULE_0__.ciTokenOf)(json?.value, 'runner');
}


/***/ })

};
;
//# sourceMappingURL=604.index.cjs.js.map