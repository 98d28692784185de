"use strict";
exports.id = 95;
exports.ids = [95];
exports.modules = {

/***/ 9095:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  zohoExchange: () => (/* binding */ zohoExchange)
});

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/oauth/request.ts
var request = __webpack_require__(7522);
// EXTERNAL MODULE: ./src/core/oauth/response.ts + 1 modules
var response = __webpack_require__(7943);
// EXTERNAL MODULE: ./src/core/net/retry.ts
var retry = __webpack_require__(7161);
// EXTERNAL MODULE: ./src/core/text.ts
var core_text = __webpack_require__(2020);
;// CONCATENATED MODULE: ./src/core/oauth/code-exchange.ts
/**
 * Turning a one-time authorization code (a Zoho Self Client "grant code") into a refresh token:
 * the authorization_code grant (RFC 6749 s4.1.3), sent once. A code is single-use, so nothing
 * here is retried: a second attempt would only be refused, and could hide the first one's answer.
 */





/** Every secret the exchange carries, for masking before anything is written. */
function exchangeSecrets(x) {
    const auth = (0,request/* clientAuthParts */.AS)(x);
    const basic = auth.headers.authorization?.slice('Basic '.length);
    return [x.clientSecret, x.code, basic ?? ''].filter(Boolean);
}
async function exchangeCode(x, rt) {
    const form = new URLSearchParams();
    form.append('grant_type', 'authorization_code');
    form.append('code', x.code);
    if (x.redirectUri)
        form.append('redirect_uri', x.redirectUri);
    const auth = (0,request/* clientAuthParts */.AS)(x);
    for (const [k, v] of auth.params)
        form.append(k, v);
    const where = `${x.tokenUrl.origin}${x.tokenUrl.pathname}`;
    rt.log.info((0,core_text.t) `Exchanging the grant code at ${where} (${x.provider.title}${x.region ? `, region ${x.region}` : ''}).`);
    let token;
    try {
        token = await (0,retry/* withRetries */.LH)(async () => {
            const startedAt = rt.now();
            const res = await (0,request/* postForm */.jT)(rt, {
                url: x.tokenUrl,
                headers: { ...(0,request/* formHeaders */.lV)(), ...auth.headers },
                body: form.toString(),
            }, x.timeoutMs);
            return (0,response/* parseTokenResponse */.Ac)(res.status, res.headers, res.body, {
                provider: x.provider,
                grantType: 'authorization_code',
                requestedScope: '',
                sentRefreshToken: '',
                startedAt,
                now: rt.now(),
                secrets: exchangeSecrets(x),
                label: x.label,
            });
        }, {
            what: 'code exchange',
            facts: { provider: x.provider.id },
            // A code works once: only what never reached the server (a refused connection) is
            // tried again, within the connection window.
            budgetMs: 0,
            budgetLabel: x.label('timeout-seconds'),
            budgetWhy: 'a grant code works once, so a failed exchange is not retried',
            idempotent: false,
            notIdempotentReason: 'The code may have reached the server and a code works once: generate a new one and run this again.',
        }, rt);
    }
    catch (e) {
        const code = e instanceof errors/* StepError */.zg ? e.facts.oauthError : undefined;
        if (code === 'invalid_code' || code === 'invalid_grant') {
            throw new errors/* StepError */.zg('auth', (0,core_text.t) `${where} refused the grant code (${code}). A code works once and only for a few minutes (the time chosen when it was generated), and only at the accounts server of the region whose API console made it. Generate a new code${x.provider.zohoAccounts ? ` in the API console of your region and pass its region with ${x.label('region')}` : ''}, and exchange it at once.`, e.facts);
        }
        throw e;
    }
    if (!token.newRefreshToken) {
        throw new errors/* StepError */.zg('auth', (0,core_text.t) `${where} issued an access token but no refresh token. ${x.provider.zohoAccounts ? 'Generate the code from a Self Client (its codes are for offline access), not from a web client without access_type=offline.' : "Ask for offline access when requesting the code (the offline_access scope, or the server's equivalent)."}`);
    }
    return { ...token, refreshToken: token.newRefreshToken };
}

// EXTERNAL MODULE: ./src/core/inputs.ts
var core_inputs = __webpack_require__(9114);
// EXTERNAL MODULE: ./src/core/url-policy.ts
var url_policy = __webpack_require__(8601);
// EXTERNAL MODULE: ./src/core/oauth/providers.ts
var providers = __webpack_require__(7473);
// EXTERNAL MODULE: ./src/core/secret-inputs.ts
var secret_inputs = __webpack_require__(7517);
// EXTERNAL MODULE: ./src/steps/mask.ts
var mask = __webpack_require__(2579);
;// CONCATENATED MODULE: ./src/cli/exchange.ts
/**
 * `oauth-token zoho exchange-code`: turn a Zoho Self Client grant code into the refresh token a
 * pipeline stores. The refresh token goes to standard output once (alone on its line, so it can
 * be piped into `gh secret set`), and nowhere else; what to store where goes to standard error.
 */







async function zohoExchange(p, rt, io, flags, showSecret) {
    (0,mask/* maskSecretInputs */.q)(p, (0,secret_inputs/* secretInputsOf */.BA)('exchange-code'));
    const inputs = new core_inputs/* Inputs */.G0(p, p.log);
    const provider = providers/* PROVIDERS */.xq.zoho;
    const region = inputs.oneOf('region', (0,providers/* regionNames */.jk)(provider), (0,providers/* defaultRegion */._h)(provider) ?? 'us');
    const clientId = inputs.str('client-id');
    if (!clientId) {
        throw inputs.error('client-id', 'is required', "give the Self Client's client id (API console, Self Client, Client Secret tab)");
    }
    const clientSecret = inputs.secret('client-secret');
    if (!clientSecret) {
        throw inputs.error('client-secret', 'is required', 'set it in the environment, or give client-secret=... with --stdin');
    }
    const code = inputs.secret('grant-code');
    if (!code) {
        throw inputs.error('grant-code', 'is required', 'generate a code in the API console (Self Client, Generate Code) and set it in the environment, or give grant-code=... with --stdin');
    }
    const rawUrl = inputs.str('token-url');
    const tokenUrl = rawUrl
        ? (0,url_policy/* endpointUrl */.P)(inputs, 'token-url', rawUrl, 'token endpoint')
        : new URL(`https://${provider.regions[region].host}${provider.tokenPath}`);
    const x = {
        provider,
        region: rawUrl ? undefined : region,
        tokenUrl,
        clientId,
        clientSecret,
        clientAuth: inputs.oneOf('client-auth', ['basic', 'post'], provider.clientAuth),
        code,
        redirectUri: inputs.str('redirect-uri'),
        timeoutMs: inputs.seconds('timeout-seconds', 30, 0, 600, true),
        label: (k) => inputs.label(k),
    };
    for (const s of exchangeSecrets(x))
        p.setSecret(s);
    const got = await exchangeCode(x, rt);
    for (const s of [got.accessToken, got.refreshToken, got.idToken ?? ''])
        if (s)
            p.setSecret(s);
    if (io.json) {
        io.json({
            refresh_token: got.refreshToken,
            client_id: clientId,
            region: x.region,
            accounts_server: tokenUrl.origin,
            scope: got.scope || undefined,
            api_domain: got.apiDomain,
        }, ['refresh_token']);
    }
    else {
        showSecret(got.refreshToken);
    }
    const where = x.region ? `region ${x.region}` : tokenUrl.origin;
    const regionFlag = x.region ? ` --region ${x.region}` : ` --token-url ${tokenUrl.href}`;
    for (const line of [
        '',
        (0,core_text.t) `That is the refresh token (above, on standard output) for client ${clientId}, ${where}${got.scope ? `, scope ${got.scope}` : ''}.`,
        'It is printed once and written nowhere else. It does not expire; store it now as a secret:',
        '  GitHub Actions: secret ZOHO_REFRESH_TOKEN (gh secret set ZOHO_REFRESH_TOKEN), secret',
        (0,core_text.t) `    ZOHO_CLIENT_SECRET, and the client id as variable ZOHO_CLIENT_ID (gh variable set ZOHO_CLIENT_ID --body ${clientId}).`,
        '  Azure DevOps: a service connection of type "OAuth 2.0 client", scheme "Refresh token":',
        (0,core_text.t) `    provider site24x7 (or zoho), region ${x.region ?? '(custom token URL)'}, client id ${clientId}, the client secret and this refresh token.`,
        'Then check it end to end (reads OAUTH_CLIENT_SECRET and OAUTH_REFRESH_TOKEN from the environment):',
        (0,core_text.t) `  oauth-token doctor --provider site24x7${regionFlag} --client-id ${clientId}`,
        '',
        (0,core_text.t) `Zoho keeps at most 20 refresh tokens per client: the 21st deletes the oldest, with its access tokens. Exchanging more codes for client ${clientId} will in time delete the one stored for CI; give each pipeline its own Self Client, or replace the stored secret each time.`,
    ])
        io.err(line);
}


/***/ })

};
;
//# sourceMappingURL=95.index.cjs.js.map