"use strict";
exports.id = 235;
exports.ids = [235];
exports.modules = {

/***/ 9235:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AZURE_DEVOPS_AUDIENCE: () => (/* binding */ AZURE_DEVOPS_AUDIENCE),
/* harmony export */   azureAudienceProblem: () => (/* binding */ azureAudienceProblem),
/* harmony export */   ciTokenOf: () => (/* binding */ ciTokenOf),
/* harmony export */   freshCiTokens: () => (/* binding */ freshCiTokens)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2020);
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


/***/ })

};
;
//# sourceMappingURL=235.index.cjs.js.map