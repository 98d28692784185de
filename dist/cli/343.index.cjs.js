"use strict";
exports.id = 343;
exports.ids = [343];
exports.modules = {

/***/ 5343:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ZOHO_ACCOUNTS: () => (/* binding */ ZOHO_ACCOUNTS),
/* harmony export */   doctor: () => (/* binding */ doctor)
/* harmony export */ });
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _core_oauth_providers_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7473);
/* harmony import */ var _core_site24x7_scopes_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(371);
/* harmony import */ var _core_site24x7_api_config_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6015);
/* harmony import */ var _core_text_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(2020);
/* harmony import */ var _core_oauth_token_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3962);
/* harmony import */ var _steps_maintenance_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3194);
/* harmony import */ var _steps_mask_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2579);
/* harmony import */ var _steps_token_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(9885);
/**
 * `oauth-token doctor`: check a set of credentials end to end and explain what is wrong. The
 * accounts servers it asks when a client belongs to another Zoho region are injected
 * (`zohoHosts`), so tests can point them at loopback peers without a hook in the product.
 */









/** Zoho's accounts servers by region (origins): the only hosts the doctor asks. */
const ZOHO_ACCOUNTS = Object.fromEntries(Object.entries(_core_oauth_providers_js__WEBPACK_IMPORTED_MODULE_1__/* .PROVIDERS */ .xq.zoho.regions).map(([r, v]) => [r, `https://${v.host}`]));
/** Zoho's answers to a client (or refresh token) of another region. */
const WRONG_REGION = new Set(['invalid_client', 'invalid_code']);
async function doctor(p, rt, io, zohoHosts = ZOHO_ACCOUNTS) {
    const { cfg } = (0,_steps_token_js__WEBPACK_IMPORTED_MODULE_7__/* .openTokenStep */ .OI)(p);
    const zohoLike = cfg.provider.zohoAccounts;
    // Steps are numbered in the order they run, whichever run.
    let n = 0;
    // With --json the account of each step goes to stderr, and its facts into the one object.
    const say = io.json ? io.err : io.out;
    const step = (text) => say(`${++n}. ${text}`);
    const record = (fields) => io.json?.(fields);
    step(`Token: ${(0,_core_oauth_token_js__WEBPACK_IMPORTED_MODULE_4__/* .describeEndpoint */ .N2)(cfg)}`);
    let accessToken;
    let region = cfg.region;
    try {
        const minted = await (0,_core_oauth_token_js__WEBPACK_IMPORTED_MODULE_4__/* .fetchToken */ .eY)(cfg, rt, {
            onSecret: (s) => p.setSecret(s),
            assertions: () => __webpack_require__.e(/* import() */ 523).then(__webpack_require__.bind(__webpack_require__, 5523)),
            // A server that rotates has spent the stored refresh token: the new one is printed at
            // the end (see keepRotated in main.ts), whatever the doctor finds next.
            onRotated: (r) => {
                p.setSecret(r);
                p.setOutput('refresh-token', r, { secret: true });
            },
        });
        (0,_steps_mask_js__WEBPACK_IMPORTED_MODULE_6__/* .maskToken */ .gg)(p, minted);
        accessToken = minted.accessToken;
        record({
            token: {
                ok: true,
                token_type: minted.tokenType || undefined,
                expires_in: minted.expiresIn,
                scope: minted.scope || undefined,
            },
        });
        say(`   ok: a ${minted.tokenType || 'bearer'} token${minted.expiresIn ? `, valid ${(0,_core_text_js__WEBPACK_IMPORTED_MODULE_8__/* .formatSeconds */ .Xo)(minted.expiresIn * 1000)}` : ''}${minted.scope ? `, scope ${minted.scope}` : ''}.`);
    }
    catch (e) {
        if (!(e instanceof _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StepError */ .zg))
            throw e;
        say(`   failed: ${p.redact(e.message)}`);
        record({ token: { ok: false, error: e.facts.oauthError ?? e.kind } });
        const wrongRegion = WRONG_REGION.has(e.facts.oauthError ?? '');
        if (!zohoLike || !wrongRegion)
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StepError */ .zg(e.kind, 'The credentials do not work; see above.');
        step('Zoho keeps each client in one region: asking the accounts servers of the other regions.');
        const unreachable = [];
        const asked = {};
        for (const [r, origin] of Object.entries(zohoHosts)) {
            if (r === cfg.region)
                continue;
            const probe = {
                ...cfg,
                region: r,
                tokenUrl: new URL(cfg.provider.tokenPath, origin),
                budgetMs: 0,
            };
            try {
                const found = await (0,_core_oauth_token_js__WEBPACK_IMPORTED_MODULE_4__/* .fetchToken */ .eY)(probe, { ...rt, log: { ...rt.log, info: () => undefined } });
                (0,_steps_mask_js__WEBPACK_IMPORTED_MODULE_6__/* .maskToken */ .gg)(p, found);
                accessToken = found.accessToken;
                region = r;
                asked[r] = 'found';
                record({ regions: { asked, found: r } });
                say(`   found: the client belongs to region '${r}' (${origin}). Set ${p.label('region')} ${r} (and the same region in the pipeline step).`);
                break;
            }
            catch (e2) {
                if (e2 instanceof _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StepError */ .zg && WRONG_REGION.has(e2.facts.oauthError ?? '')) {
                    asked[r] = 'not here';
                    say(`   ${r}: not here`);
                }
                else {
                    // Not an answer about this client: the region could not be asked. Said whole.
                    unreachable.push(r);
                    asked[r] = 'unreachable';
                    const cause = e2 instanceof _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StepError */ .zg ? e2.facts.cause : undefined;
                    say(`   ${r}: unreachable (${cause ?? p.redact(e2.message)})`);
                }
            }
        }
        if (!accessToken) {
            record({ regions: { asked, found: null } });
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StepError */ .zg('auth', unreachable.length
                ? (0,_core_text_js__WEBPACK_IMPORTED_MODULE_8__.t) `No reachable Zoho region accepts this client id and secret, and ${unreachable.join(', ')} could not be asked: check the network (proxy, firewall) and run the doctor again before issuing new credentials.`
                : 'No Zoho region accepts this client id and secret: check them in the Zoho API console (api-console.zoho.com) and issue a new refresh token if it was revoked.');
        }
    }
    if (cfg.provider.id !== 'site24x7' && !p.get('api-url')) {
        say('Done: the credentials work.');
        return;
    }
    step('Site24x7: one read-only call per scope the steps need.');
    const apiCfg = (0,_core_site24x7_api_config_js__WEBPACK_IMPORTED_MODULE_3__/* .parseApiConfig */ .Cx)({
        get: (k) => k === 'access-token'
            ? (accessToken ?? '')
            : k === 'region'
                ? (region ?? '')
                : k === 'client-id'
                    ? ''
                    : p.get(k),
        label: p.label,
    }, p.log);
    const { api } = await (0,_steps_maintenance_js__WEBPACK_IMPORTED_MODULE_5__/* .connect */ .Ng)(p, rt, apiCfg);
    // One read per scope: a refusal names the scope to add. Create, Update and Delete cannot be
    // proven without changing something; Site24x7.Operations.All grants them with Read.
    const probes = [
        { path: '/monitors', what: 'monitor list request' },
        {
            path: '/current_status?suspended_required=true&apm_required=true',
            what: 'current status request',
        },
        { path: '/maintenance', what: 'window list request' },
    ];
    const missing = [];
    const granted = [];
    for (const probe of probes) {
        const { scope, what: use } = (0,_core_site24x7_scopes_js__WEBPACK_IMPORTED_MODULE_2__/* .callFor */ .gL)('GET', probe.path);
        try {
            await api.get(probe.path, probe.what);
            granted.push(scope);
            say((0,_core_text_js__WEBPACK_IMPORTED_MODULE_8__.t) `   ${scope}: granted (GET ${probe.path.split('?')[0]}, for ${use}).`);
        }
        catch (e) {
            if (!(e instanceof _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StepError */ .zg))
                throw e;
            if (e.kind !== 'auth')
                throw e;
            missing.push(scope);
            say((0,_core_text_js__WEBPACK_IMPORTED_MODULE_8__.t) `   ${scope}: refused (GET ${probe.path.split('?')[0]}, needed for ${use}).`);
        }
    }
    record({ scopes: { granted, refused: missing } });
    if (missing.length) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StepError */ .zg('auth', (0,_core_text_js__WEBPACK_IMPORTED_MODULE_8__.t) `The token works at Zoho, but Site24x7 refused ${missing.join(', ')} at ${apiCfg.apiRoot.origin}: add ${missing.length > 1 ? 'these scopes' : 'this scope'} to the Zoho client (or check the data centre). ${_core_site24x7_scopes_js__WEBPACK_IMPORTED_MODULE_2__/* .SCOPE_HINT */ .P5}`);
    }
    say('   Site24x7.Operations.Create, Update and Delete (open and end windows) cannot be proven by a read; Site24x7.Operations.All grants them. `site24x7 maintenance start --dry-run` rehearses everything but the create.');
    say('Done: the credentials work end to end.');
}


/***/ })

};
;
//# sourceMappingURL=343.index.cjs.js.map