"use strict";
exports.id = 877;
exports.ids = [877];
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

/***/ 877:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  GithubSecretStore: () => (/* binding */ GithubSecretStore),
  githubSecretStore: () => (/* binding */ githubSecretStore),
  validSecretName: () => (/* binding */ validSecretName)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(598);
// EXTERNAL MODULE: ./src/core/net/rest.ts
var rest = __webpack_require__(41);
// EXTERNAL MODULE: ./src/core/text.ts
var core_text = __webpack_require__(20);
;// CONCATENATED MODULE: ./src/core/writeback/seal.ts
/**
 * libsodium's sealed box (crypto_box_seal: X25519 and XSalsa20-Poly1305), as GitHub requires for
 * secret values. libsodium-wrappers is loaded only when a write-back runs: it is most of the
 * size of the chunk that holds it, and a run without write-back never loads it.
 */
async function sealBox(value, publicKeyBase64) {
    const { default: sodium } = await __webpack_require__.e(/* import() */ 768).then(__webpack_require__.bind(__webpack_require__, 768));
    await sodium.ready;
    const key = sodium.from_base64(publicKeyBase64, sodium.base64_variants.ORIGINAL);
    const sealed = sodium.crypto_box_seal(sodium.from_string(value), key);
    return sodium.to_base64(sealed, sodium.base64_variants.ORIGINAL);
}

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(296);
;// CONCATENATED MODULE: ./src/core/writeback/store.ts
/**
 * Writing a rotated refresh token back to where the pipeline stores it, so the next run still
 * has a live one. One store per CI platform (its adapter: platform/github-secrets.ts,
 * platform/azure-variable-group.ts); the token step decides the
 * order: preflight before the old token is spent, write before anything is exported.
 */

/** A store's setting that is missing or wrong, found before anything is sent. */
function storeError(message) {
    return new errors/* StepError */.zg('input', message);
}

;// CONCATENATED MODULE: ./src/platform/github-secrets.ts
/**
 * GitHub Actions secrets as a store for the refresh token: a repository, environment or
 * organisation secret, written through the REST API with a token that may write secrets (a
 * GitHub App installation token or a fine-grained token; the job's GITHUB_TOKEN cannot). The
 * value is sealed for the secret store's public key with libsodium's sealed box (seal.ts).
 */





/** GitHub's rule for secret names: letters, digits and underscores, not starting with a digit or GITHUB_. */
function validSecretName(name) {
    return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !/^GITHUB_/i.test(name);
}
/**
 * The GitHub secret named by `refresh-token-secret`, as this step's GitHub inputs say where it
 * is (its scope, environment, and a token that may write it).
 */
function githubSecretStore(run, name, inputs, setSecret, rt, limits) {
    if (!validSecretName(name)) {
        throw inputs.error('refresh-token-secret', (0,core_text.t) `has the value '${name}', which is not a GitHub secret name`, 'use letters, digits and underscores, not starting with a digit or GITHUB_, e.g. DATADOG_REFRESH_TOKEN');
    }
    const scope = inputs.oneOf('refresh-token-secret-scope', ['repository', 'environment', 'organization'], 'repository');
    const environment = inputs.str('refresh-token-secret-environment');
    if (scope === 'environment' && !environment) {
        throw inputs.error('refresh-token-secret-environment', (0,core_text.t) `is required when ${inputs.label('refresh-token-secret-scope')} is environment`, 'give the environment whose secret holds the refresh token');
    }
    const token = inputs.secret('secrets-token');
    if (!token) {
        throw inputs.error('secrets-token', (0,core_text.t) `is required to write ${inputs.label('refresh-token-secret')}`, "pass a GitHub App installation token or a fine-grained token that may write secrets (the job's GITHUB_TOKEN cannot)");
    }
    setSecret(token);
    return new GithubSecretStore({ ...run, scope, environment, name, token, tokenLabel: inputs.label('secrets-token') }, rt, limits);
}
/** Pages of selected repositories read at most (100 each): GitHub's own limits are far lower. */
const MAX_REPOSITORY_PAGES = 200;
class GithubSecretStore {
    target;
    rt;
    limits;
    where;
    /** How to store the value by hand; for an organisation secret, with its visibility and repositories once read. */
    byHand;
    key;
    /** Organisation secrets: visibility and selected repositories, sent back unchanged. */
    orgSettings;
    base;
    constructor(target, rt, limits) {
        this.target = target;
        this.rt = rt;
        this.limits = limits;
        const [owner] = target.repository.split('/');
        const api = target.apiUrl.replace(/\/+$/, '');
        const enc = encodeURIComponent;
        this.base =
            target.scope === 'organization'
                ? `${api}/orgs/${enc(owner)}/actions/secrets`
                : target.scope === 'environment'
                    ? `${api}/repos/${target.repository}/environments/${enc(target.environment)}/secrets`
                    : `${api}/repos/${target.repository}/actions/secrets`;
        this.where =
            target.scope === 'organization'
                ? `organisation secret ${target.name} of ${owner}`
                : target.scope === 'environment'
                    ? `secret ${target.name} of environment ${target.environment} in ${target.repository}`
                    : `repository secret ${target.name} of ${target.repository}`;
        const flag = target.scope === 'organization'
            ? ` --org ${owner}`
            : target.scope === 'environment'
                ? ` --env ${target.environment} --repo ${target.repository}`
                : ` --repo ${target.repository}`;
        this.byHand = `gh secret set ${target.name}${flag} (paste the value when asked)`;
    }
    call(method, path, what, body, accept) {
        return (0,rest/* restCall */.z)(this.rt, this.limits, {
            method,
            url: new URL(`${this.base}${path}`),
            authorization: `Bearer ${this.target.token}`,
            headers: { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' },
            body,
            what,
            accept,
            explain: (status) => this.explain(status, what),
        });
    }
    explain(status, what) {
        const L = this.target.tokenLabel;
        const perm = this.target.scope === 'organization'
            ? 'the organisation permission Secrets: Read and write'
            : this.target.scope === 'environment'
                ? // GitHub's reference for environment secrets names both permissions.
                    'the repository permissions Environments: Read and write and Secrets: Read and write (GitHub asks for both for environment secrets)'
                : 'the repository permission Secrets: Read and write';
        if (status === 401)
            return (0,core_text.t) `GitHub refused the token in ${L}: it expired or was revoked. Give a current GitHub App installation token or fine-grained token.`;
        if (status === 403 || status === 404)
            return (0,core_text.t) `The token in ${L} may not write the ${this.where}, or cannot see it (GitHub answers 404 to tokens without access): a fine-grained token or GitHub App needs ${perm}; the job's GITHUB_TOKEN cannot write secrets.`;
        if (status === 422 && what.startsWith('write check'))
            return (0,core_text.t) `GitHub refused to create the temporary check secret beside the ${this.where}: the most likely cause is GitHub's limit on the number of secrets (100 per repository or environment, 1,000 per organisation). Delete a secret that is no longer used, or check the scope.`;
        if (status === 422)
            return 'GitHub refused the request as invalid: check the secret name and its scope.';
        return undefined;
    }
    async publicKey() {
        if (this.key)
            return this.key;
        const { json } = await this.call('GET', '/public-key', 'public key request');
        const key_id = typeof json?.key_id === 'string' ? json.key_id : '';
        const key = typeof json?.key === 'string' ? json.key : '';
        if (!key_id || !/^[A-Za-z0-9+/]{43}=$/.test(key)) {
            throw storeError((0,core_text.t) `GitHub's answer for the public key of the ${this.where} holds no usable key.`);
        }
        this.key = { key_id, key };
        return this.key;
    }
    async preflight() {
        await this.publicKey();
        const name = encodeURIComponent(this.target.name);
        const { status, json } = await this.call('GET', `/${name}`, 'secret lookup', undefined, [404]);
        if (status === 404) {
            throw storeError((0,core_text.t) `The ${this.where} does not exist (or the token cannot see it). Write-back updates the secret that holds the refresh token: create it first (${this.byHand}) and pass the same secret to the step.`);
        }
        if (this.target.scope === 'organization')
            await this.readOrgSettings(name, json);
        // Proving the token may write, without touching the secret itself: another run may store
        // its successor meanwhile, and rewriting the value read here would undo that. A check
        // secret beside it is written and deleted (same scope, same permission).
        const check = `OAUTH_TOKEN_ACTION_CHECK_${(0,external_node_crypto_.randomBytes)(6).toString('hex').toUpperCase()}`;
        await this.put(check, (0,external_node_crypto_.randomBytes)(16).toString('hex'), 'write check (a temporary secret)');
        try {
            await this.call('DELETE', `/${check}`, 'write check cleanup', undefined, [404]);
        }
        catch (e) {
            this.leftover = (0,core_text.t) `The temporary secret ${check} (a random value, not a secret) could not be deleted: delete it by hand. ${e instanceof Error ? e.message : ''}`;
        }
    }
    /**
     * An organisation secret's visibility and, when it is shared with selected repositories,
     * every one of them (all pages): a write sends them back, and a list cut short would take
     * the secret away from the rest. A list that cannot be read whole is refused here, before
     * anything is spent.
     */
    async readOrgSettings(name, secret) {
        const visibility = typeof secret?.visibility === 'string' ? secret.visibility : 'private';
        const settings = { visibility };
        const [owner] = this.target.repository.split('/');
        let repos = '';
        if (visibility === 'selected') {
            const ids = [];
            const names = [];
            let total = 0;
            for (let page = 1; page <= MAX_REPOSITORY_PAGES; page++) {
                const { json } = await this.call('GET', `/${name}/repositories?per_page=100&page=${page}`, 'selected repositories lookup');
                total = typeof json?.total_count === 'number' ? json.total_count : -1;
                const list = Array.isArray(json?.repositories) ? json.repositories : [];
                for (const r of list) {
                    if (typeof r.id !== 'number')
                        continue;
                    ids.push(r.id);
                    if (typeof r.name === 'string' && /^[A-Za-z0-9._-]+$/.test(r.name))
                        names.push(r.name);
                }
                if (list.length < 100 || ids.length >= total)
                    break;
            }
            if (total < 0 || ids.length !== total) {
                throw storeError((0,core_text.t) `GitHub listed ${ids.length} of the ${total < 0 ? 'unknown number of' : total} repositories that may use the ${this.where}: a write sends the list back whole, so storing a new value would take the secret away from the others. Nothing was spent; check the token's access to the organisation's secrets.`);
            }
            settings.selected_repository_ids = ids;
            repos = names.length === ids.length ? ` --repos ${names.join(',')}` : '';
        }
        this.orgSettings = settings;
        this.byHand = `gh secret set ${this.target.name} --org ${owner} --visibility ${visibility}${repos} (paste the value when asked${visibility === 'selected' && !repos ? '; then select its repositories again in the organisation settings' : ''})`;
    }
    /** A warning the step should pass on, if the write check left something behind. */
    leftover;
    async write(value) {
        await this.put(this.target.name, value, 'secret update');
    }
    async put(name, value, what) {
        const { key_id, key } = await this.publicKey();
        const encrypted_value = await sealBox(value, key);
        await this.call('PUT', `/${encodeURIComponent(name)}`, what, {
            encrypted_value,
            key_id,
            // An organisation secret keeps its visibility and repositories; the check secret is private.
            ...(name === this.target.name
                ? this.orgSettings
                : this.orgSettings && { visibility: 'private' }),
        });
    }
}


/***/ })

};
;
//# sourceMappingURL=877.index.cjs.js.map