"use strict";
exports.id = 41;
exports.ids = [41];
exports.modules = {

/***/ 1041:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  AZURE_DEVOPS_AUDIENCE: () => (/* binding */ AZURE_DEVOPS_AUDIENCE),
  azureAudienceProblem: () => (/* binding */ azureAudienceProblem),
  freshCiTokens: () => (/* binding */ freshCiTokens),
  requestCiToken: () => (/* binding */ requestCiToken)
});

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/endpoint-error.ts
var endpoint_error = __webpack_require__(5245);
// EXTERNAL MODULE: ./src/core/json.ts
var core_json = __webpack_require__(6153);
// EXTERNAL MODULE: ./src/core/request.ts
var request = __webpack_require__(8506);
// EXTERNAL MODULE: ./src/core/retry.ts
var retry = __webpack_require__(7253);
// EXTERNAL MODULE: ./src/core/text.ts
var core_text = __webpack_require__(2020);
;// CONCATENATED MODULE: ./src/core/rest.ts
/** One JSON REST call to a CI platform's API, retried as the token request is. */





/**
 * One JSON REST call, retried as the token request is (429 and 5xx within the budget;
 * every call here is idempotent), refused answers explained by `explain`.
 */
async function restCall(rt, limits, o) {
    return (0,retry/* withRetries */.LH)(async () => {
        const res = await rt.send({
            url: o.url,
            method: o.method,
            headers: {
                authorization: o.authorization,
                accept: 'application/json',
                'user-agent': request/* USER_AGENT */._O,
                ...(o.body === undefined ? {} : { 'content-type': 'application/json' }),
                ...o.headers,
            },
            body: o.body === undefined ? undefined : JSON.stringify(o.body),
            timeoutMs: limits.timeoutMs,
            signal: rt.signal,
        });
        const json = (0,core_json/* jsonObject */.o)(res.body.toString('utf8').trim());
        if ((res.status >= 200 && res.status < 300) || o.accept?.includes(res.status)) {
            return { status: res.status, json };
        }
        const said = json && typeof json.message === 'string'
            ? `: ${(0,core_text/* serverText */.Tn)(json.message, limits.secrets())}`
            : '';
        const retry = (0,endpoint_error/* statusRetry */.Rd)(res.status);
        const explained = retry === 'never' ? o.explain(res.status) : undefined;
        throw new endpoint_error/* EndpointError */.cY((0,core_text.t) `The ${o.what} (${o.method} ${o.url.origin}${o.url.pathname}) was answered HTTP ${res.status}${said}.${explained ? ` ${explained}` : ''}`, res.status, retry, res.status === 401 || res.status === 403 ? 'auth' : 'server');
    }, {
        what: o.what,
        budgetMs: limits.budgetMs,
        budgetLabel: limits.budgetLabel,
        idempotent: true,
    }, rt);
}

;// CONCATENATED MODULE: ./src/core/ci-token.ts
/**
 * The CI platform's own OIDC token for this job, used as a client assertion (federated client
 * authentication) or as the grant (jwt-bearer, token-exchange), so no secret is stored at all.
 * - GitHub Actions: the runner's token endpoint (ACTIONS_ID_TOKEN_REQUEST_URL and _TOKEN, which
 *   the runner sets only with `permissions: id-token: write`), with the audience asked for.
 * - Azure Pipelines: System.OidcRequestUri with the job's access token: a token for the
 *   pipeline itself (subject `p://org/project/pipeline`), or with `serviceConnectionId` for a
 *   service connection of the workload identity scheme (subject `sc://org/project/name`), as
 *   Azure DevOps' own tasks and other extensions' connection types ask for one. Azure DevOps
 *   fixes the audience as api://AzureADTokenExchange.
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
        return new errors/* StepError */.zg('input', (0,core_text.t) `${server.title} accepts only its own issuer URL (${audience}) as the audience of a CI token, and Azure DevOps issues OIDC tokens only for the audience ${AZURE_DEVOPS_AUDIENCE}: ${server.title} federation cannot work from Azure Pipelines. Use client-auth private-key-jwt there (the service connection's Private key scheme), or a client secret.`);
    }
    return new errors/* StepError */.zg('input', (0,core_text.t) `Azure DevOps issues OIDC tokens only for the audience ${AZURE_DEVOPS_AUDIENCE}, not ${audience}: configure the server to accept that audience, and leave the OIDC audience empty.`);
}
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
async function requestCiToken(platform, src, audience, rt, limits) {
    if (!src) {
        throw new errors/* StepError */.zg('input', platform === 'github'
            ? 'This job may not request an OIDC token: the runner sets ACTIONS_ID_TOKEN_REQUEST_URL only with `permissions: id-token: write`. Add it to the workflow or the job (with the other permissions it needs, e.g. contents: read).'
            : platform === 'azure'
                ? 'This agent offers no OIDC token (System.OidcRequestUri is not set, or the job may not use System.AccessToken): use an Azure DevOps Services agent job, and in a classic release set "Allow scripts to access the OAuth token".'
                : "Federated authentication uses the CI platform's own OIDC token: it works in GitHub Actions and Azure Pipelines, not on a workstation.");
    }
    if (src.kind === 'azure') {
        const problem = azureAudienceProblem(audience);
        if (problem)
            throw problem;
    }
    const what = 'OIDC token request';
    const explain = (status) => src.kind === 'github'
        ? status === 401 || status === 403
            ? 'The runner refused the request for an OIDC token: check `permissions: id-token: write`.'
            : undefined
        : status === 401 || status === 403
            ? 'Azure DevOps refused the request for an OIDC token with the job access token (System.AccessToken).'
            : undefined;
    let value;
    if (src.kind === 'github') {
        const url = new URL(src.url);
        if (audience)
            url.searchParams.set('audience', audience);
        const { json } = await restCall(rt, limits, {
            method: 'GET',
            url,
            authorization: `Bearer ${src.token}`,
            what,
            explain,
        });
        value = json?.value;
    }
    else {
        const url = new URL(src.url);
        url.searchParams.set('api-version', '7.1');
        if (src.serviceConnectionId)
            url.searchParams.set('serviceConnectionId', src.serviceConnectionId);
        const { json } = await restCall(rt, limits, {
            method: 'POST',
            url,
            authorization: `Bearer ${src.accessToken}`,
            // Without it, Azure DevOps may answer with a sign-in redirect instead of a status.
            headers: { 'x-tfs-fedauthredirect': 'Suppress' },
            body: {},
            what,
            explain,
        });
        value = json?.oidcToken;
    }
    if (typeof value !== 'string' || !JWT.test(value)) {
        throw new errors/* StepError */.zg('protocol', (0,core_text.t) `The ${src.kind === 'github' ? 'runner' : 'Azure DevOps'} answered the OIDC token request without a token.`);
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
//# sourceMappingURL=41.index.cjs.js.map