"use strict";
exports.id = 144;
exports.ids = [144,767];
exports.modules = {

/***/ 9144:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   envelope: () => (/* binding */ envelope)
/* harmony export */ });
/* harmony import */ var _core_envelope_sealing_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4767);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4296);
/* harmony import */ var _core_inputs_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9114);
/* harmony import */ var _core_text_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2020);
/* harmony import */ var _core_secret_inputs_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7517);
/* harmony import */ var _steps_mask_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2579);
/**
 * `oauth-token envelope open`: what a token envelope claims and whether it opens with a share
 * key, for debugging a matrix. Prints the claims; the token only with --show-token.
 */






async function envelope(p, io, words, flags, showSecret, now) {
    (0,_steps_mask_js__WEBPACK_IMPORTED_MODULE_4__/* .maskSecretInputs */ .q)(p, (0,_core_secret_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .secretInputsOf */ .BA)('envelope'));
    const inputs = new _core_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0(p, p.log);
    if (words[0] !== 'open') {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StepError */ .zg('input', 'Usage: oauth-token envelope open --envelope E (see oauth-token envelope --help).');
    }
    const text = inputs.str('envelope');
    if (!text) {
        throw inputs.error('envelope', 'is required', 'pass the token-envelope output to open (or set OAUTH_ENVELOPE)');
    }
    const shareKey = inputs.secret('share-key');
    if (!shareKey) {
        throw inputs.error('share-key', 'is required to open an envelope', 'set OAUTH_SHARE_KEY, or give share-key=... on stdin with --stdin');
    }
    const claims = (0,_core_envelope_sealing_js__WEBPACK_IMPORTED_MODULE_0__/* .envelopeClaims */ .cN)(text);
    // The envelope names the run it was sealed for; --scope and --run-id check that claim.
    const at = claims.binding.lastIndexOf(' run ');
    if (at <= 0) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StepError */ .zg('protocol', (0,_core_text_js__WEBPACK_IMPORTED_MODULE_5__.t) `The envelope is sealed for '${(0,_core_text_js__WEBPACK_IMPORTED_MODULE_5__/* .serverText */ .Tn)(claims.binding)}', which names no run ('<scope> run <id>'): it was not made by the OAuth token step. Nothing was opened.`);
    }
    const expected = {
        scope: inputs.str('scope') || claims.binding.slice(0, at),
        run: inputs.str('run-id') || claims.binding.slice(at + ' run '.length),
    };
    const token = (0,_core_envelope_sealing_js__WEBPACK_IMPORTED_MODULE_0__.openEnvelope)(text, {
        shareKey,
        binding: expected,
        now,
        minRemainingMs: 0,
        onSecret: (s) => p.setSecret(s),
    });
    const show = flags['show-token'] === 'true';
    const doc = {
        format: claims.version,
        sealed_for: claims.binding,
        opens_until: (0,_core_text_js__WEBPACK_IMPORTED_MODULE_5__/* .isoSeconds */ .nE)(claims.expires),
        token_type: token.tokenType || undefined,
        expires_in: token.expiresIn,
        expires_at: token.expiresAt ? (0,_core_text_js__WEBPACK_IMPORTED_MODULE_5__/* .isoSeconds */ .nE)(token.expiresAt) : undefined,
        scope: token.scope || undefined,
        api_domain: token.apiDomain || undefined,
    };
    if (io.json) {
        io.json(doc);
        if (show) {
            const shown = { access_token: token.accessToken, authorization: token.authorization };
            io.json(shown, Object.keys(shown));
        }
        return;
    }
    io.out((0,_core_text_js__WEBPACK_IMPORTED_MODULE_5__.t) `sealed for:  ${claims.binding} (format ${claims.version})`);
    io.out((0,_core_text_js__WEBPACK_IMPORTED_MODULE_5__.t) `opens until: ${(0,_core_text_js__WEBPACK_IMPORTED_MODULE_5__/* .isoSeconds */ .nE)(claims.expires)}`);
    io.out((0,_core_text_js__WEBPACK_IMPORTED_MODULE_5__.t) `token type:  ${token.tokenType || '(none given)'}`);
    io.out((0,_core_text_js__WEBPACK_IMPORTED_MODULE_5__.t) `scope:       ${token.scope || '(none given)'}`);
    if (token.apiDomain)
        io.out((0,_core_text_js__WEBPACK_IMPORTED_MODULE_5__.t) `api:         ${token.apiDomain}`);
    if (show)
        showSecret(`token:       ${token.accessToken}`);
    else
        io.out('token:       ***  (--show-token to print it)');
}


/***/ }),

/***/ 4767:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EnvelopeError: () => (/* binding */ EnvelopeError),
/* harmony export */   cN: () => (/* binding */ envelopeClaims),
/* harmony export */   openEnvelope: () => (/* binding */ openEnvelope),
/* harmony export */   sealEnvelope: () => (/* binding */ sealEnvelope)
/* harmony export */ });
/* unused harmony exports ENVELOPE_VERSION, UNKNOWN_EXPIRY_LIFE_MS */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4296);
/* harmony import */ var _rules_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1531);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2020);
/* harmony import */ var _oauth_response_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7943);
/**
 * The token envelope: one mint per run, handed to the other jobs of that run as an ordinary
 * (unmasked) job output, sealed so that only holders of the share key, in the same repository
 * and run, can open it.
 *
 * Layout (then base64url, no padding):
 *
 *   version (1 byte, = 1)
 *   expires (8 bytes, big-endian Unix seconds: when the envelope stops opening)
 *   binding length (2 bytes, big-endian) and binding (UTF-8: where and in which run it was sealed)
 *   salt (16 bytes, random) and iv (12 bytes, random)
 *   ciphertext (AES-256-GCM of the JSON token answer) and tag (16 bytes)
 *
 * Everything before the ciphertext is the associated data, so a changed version, expiry or
 * binding fails authentication; the key is HKDF-SHA256(share key, salt, info = label + binding),
 * so another repository or run derives another key. The binding travels in clear (a repository
 * name and a run id are not secret) only so that a mismatch can be explained: it is checked
 * against the consumer's own binding before anything is decrypted.
 *
 * Only node:crypto does cryptography here; nothing is hand-written.
 */





const ENVELOPE_VERSION = 1;
const INFO_LABEL = 'oauth-token-action token envelope v1\n';
const SALT = 16;
const IV = 12;
const TAG = 16;
const FIXED = 1 + 8 + 2;
/** Envelope life when the server gave the token no expiry. */
const UNKNOWN_EXPIRY_LIFE_MS = 60 * 60 * 1000;
/** Why an envelope did not open; the message quotes nothing secret. */
class EnvelopeError extends _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StepError */ .zg {
    problem;
    constructor(problem, message) {
        super('input', message);
        this.problem = problem;
        this.name = 'EnvelopeError';
    }
}
function deriveKey(shareKey, salt, binding) {
    return Buffer.from((0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.hkdfSync)('sha256', Buffer.from(shareKey, 'utf8'), salt, INFO_LABEL + binding, 32));
}
/** Seal a token answer for `binding`. `now` gives the expiry when the token states none. */
function sealEnvelope(token, shareKey, binding, now) {
    const expiresMs = token.expiresAt ? token.expiresAt.getTime() : now + UNKNOWN_EXPIRY_LIFE_MS;
    const expires = new Date(Math.floor(expiresMs / 1000) * 1000);
    const where = Buffer.from((0,_rules_js__WEBPACK_IMPORTED_MODULE_3__/* .bindingText */ .zt)(binding), 'utf8');
    if (where.length > 0xffff)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StepError */ .zg('input', 'The run binding is too long to seal.');
    const head = Buffer.alloc(FIXED);
    head.writeUInt8(ENVELOPE_VERSION, 0);
    head.writeBigUInt64BE(BigInt(expires.getTime() / 1000), 1);
    head.writeUInt16BE(where.length, 9);
    const salt = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(SALT);
    const iv = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(IV);
    const aad = Buffer.concat([head, where, salt, iv]);
    const cipher = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createCipheriv)('aes-256-gcm', deriveKey(shareKey, salt, (0,_rules_js__WEBPACK_IMPORTED_MODULE_3__/* .bindingText */ .zt)(binding)), iv);
    cipher.setAAD(aad);
    const body = JSON.stringify({
        access_token: token.accessToken,
        authorization: token.authorization,
        token_type: token.tokenType,
        expires_in: token.expiresIn,
        expires_at: token.expiresAt?.toISOString(),
        scope: token.scope,
        api_domain: token.apiDomain,
    });
    const sealed = Buffer.concat([cipher.update(body, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return { envelope: Buffer.concat([aad, sealed]).toString('base64url'), expires };
}
function parse(envelope) {
    const text = envelope.trim();
    const malformed = () => new EnvelopeError('malformed', (0,_text_js__WEBPACK_IMPORTED_MODULE_4__.t) `The envelope (${text.length} characters) is not a token envelope: it was cut or changed on the way. Pass the producer's token-envelope output whole.`);
    if (!/^[A-Za-z0-9_-]+$/.test(text))
        throw malformed();
    const raw = Buffer.from(text, 'base64url');
    if (raw.length < 1)
        throw malformed();
    const version = raw.readUInt8(0);
    if (version !== ENVELOPE_VERSION) {
        throw new EnvelopeError('version', (0,_text_js__WEBPACK_IMPORTED_MODULE_4__.t) `The envelope has format ${version}, and this version of the step reads format ${ENVELOPE_VERSION}. Use the same version of the action or task to produce and to open envelopes.`);
    }
    if (raw.length < FIXED)
        throw malformed();
    const len = raw.readUInt16BE(9);
    const aadEnd = FIXED + len + SALT + IV;
    if (raw.length < aadEnd + TAG + 1)
        throw malformed();
    return {
        version,
        expires: new Date(Number(raw.readBigUInt64BE(1)) * 1000),
        binding: raw.subarray(FIXED, FIXED + len).toString('utf8'),
        aad: raw.subarray(0, aadEnd),
        salt: raw.subarray(FIXED + len, FIXED + len + SALT),
        iv: raw.subarray(FIXED + len + SALT, aadEnd),
        sealed: raw.subarray(aadEnd),
    };
}
/** The envelope's clear claims, unauthenticated (for display; `openEnvelope` checks them). */
function envelopeClaims(envelope) {
    const { version, expires, binding } = parse(envelope);
    return { version, expires, binding };
}
function expiredError(expires, now, minRemainingMs) {
    // Whole seconds left, rounded down, so the figure is always below the minimum it is under.
    const left = Math.floor((expires.getTime() - now) / 1000);
    return new EnvelopeError('expired', left <= 0
        ? (0,_text_js__WEBPACK_IMPORTED_MODULE_4__.t) `The envelope's token expired at ${(0,_text_js__WEBPACK_IMPORTED_MODULE_4__/* .isoSeconds */ .nE)(expires)}. Mint a new token in this run (re-run the producer job), or let this step mint one.`
        : (0,_text_js__WEBPACK_IMPORTED_MODULE_4__.t) `The envelope's token expires at ${(0,_text_js__WEBPACK_IMPORTED_MODULE_4__/* .isoSeconds */ .nE)(expires)}, in ${left} s, less than the ${Math.ceil(minRemainingMs / 1000)} s this step requires. Mint a new token, or lower the minimum remaining life.`);
}
/**
 * Open an envelope sealed for `binding`: version, binding and expiry checked before anything is
 * decrypted, then authenticated; the token is handed to `onSecret` before it is returned.
 */
function openEnvelope(envelope, o) {
    const env = parse(envelope);
    const mine = (0,_rules_js__WEBPACK_IMPORTED_MODULE_3__/* .bindingText */ .zt)(o.binding);
    if (env.binding !== mine) {
        throw new EnvelopeError('binding', (0,_text_js__WEBPACK_IMPORTED_MODULE_4__.t) `The envelope was sealed for ${env.binding}, and this job is ${mine}. An envelope opens only in the repository and run that produced it.`);
    }
    if (env.expires.getTime() - o.now < o.minRemainingMs) {
        throw expiredError(env.expires, o.now, o.minRemainingMs);
    }
    let body;
    try {
        const decipher = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createDecipheriv)('aes-256-gcm', deriveKey(o.shareKey, env.salt, mine), env.iv);
        decipher.setAAD(env.aad);
        decipher.setAuthTag(env.sealed.subarray(env.sealed.length - TAG));
        body = Buffer.concat([
            decipher.update(env.sealed.subarray(0, env.sealed.length - TAG)),
            decipher.final(),
        ]).toString('utf8');
    }
    catch {
        throw new EnvelopeError('key', "The envelope did not open: the share key differs from the producer's, or the envelope was changed on the way. Give both jobs the same share key secret, and pass the token-envelope output unchanged.");
    }
    let doc;
    try {
        doc = JSON.parse(body);
    }
    catch {
        doc = {};
    }
    const str = (k) => (typeof doc[k] === 'string' ? doc[k] : '');
    const accessToken = str('access_token');
    if (!accessToken) {
        throw new EnvelopeError('malformed', 'The envelope opened but holds no access token.');
    }
    // Held to the same grammar as a token endpoint's answer (oauth/response.ts): what opens reaches
    // outputs and log lines, so a field that is not one line of its kind is refused unquoted.
    const authorization = str('authorization');
    const wrong = (0,_oauth_response_js__WEBPACK_IMPORTED_MODULE_2__/* .storedTokenProblems */ .tD)({
        accessToken,
        tokenType: str('token_type'),
        scope: str('scope'),
        authorization,
        apiDomain: str('api_domain'),
    });
    if (wrong.length) {
        throw new EnvelopeError('malformed', (0,_text_js__WEBPACK_IMPORTED_MODULE_4__.t) `The envelope opened, but its ${wrong.join(', ')} is not of the form a token answer allows; nothing from it was used.`);
    }
    o.onSecret(accessToken);
    if (authorization)
        o.onSecret(authorization);
    const expiresAt = str('expires_at') ? new Date(str('expires_at')) : undefined;
    const expiresIn = typeof doc.expires_in === 'number' ? doc.expires_in : undefined;
    return {
        accessToken,
        authorization,
        tokenType: str('token_type'),
        expiresIn: expiresIn !== undefined &&
            Number.isInteger(expiresIn) &&
            expiresIn >= 0 &&
            expiresIn <= _oauth_response_js__WEBPACK_IMPORTED_MODULE_2__/* .MAX_PLAUSIBLE_SECONDS */ .Hg
            ? expiresIn
            : undefined,
        expiresAt: expiresAt && !Number.isNaN(expiresAt.getTime()) ? expiresAt : undefined,
        scope: str('scope'),
        apiDomain: str('api_domain'),
    };
}


/***/ })

};
;
//# sourceMappingURL=144.index.cjs.js.map