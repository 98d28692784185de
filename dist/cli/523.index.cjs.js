"use strict";
exports.id = 523;
exports.ids = [523];
exports.modules = {

/***/ 5523:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ALGS: () => (/* binding */ ALGS),
/* harmony export */   ASSERTION_LIFETIME_S: () => (/* binding */ ASSERTION_LIFETIME_S),
/* harmony export */   describeClaims: () => (/* binding */ describeClaims),
/* harmony export */   loadSigningKey: () => (/* binding */ loadSigningKey),
/* harmony export */   peekClaims: () => (/* binding */ peekClaims),
/* harmony export */   signAssertion: () => (/* binding */ signAssertion)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4296);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2020);
/**
 * Client assertions (RFC 7523): a JWT the client signs with its private key (private_key_jwt),
 * or the CI platform's own OIDC token (federated). Signing uses `jose` (panva), loaded only when
 * a signing method is chosen; key parsing uses node:crypto. Nothing here is hand-written crypto.
 */



/** The signing algorithms offered: RSA PKCS#1 v1.5, RSA-PSS and ECDSA. */
const ALGS = [
    'RS256',
    'RS384',
    'RS512',
    'PS256',
    'PS384',
    'PS512',
    'ES256',
    'ES384',
    'ES512',
];
/** An assertion lives two minutes: RFC 7523 wants it short, and servers cap it (Entra: 10 min). */
const ASSERTION_LIFETIME_S = 120;
/** `subject`: how the source names the input (`Input 'x'`, `OAUTH_CLIENT_ASSERTION_KEY`). */
function keyError(problem, subject) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StepError */ .zg('input', (0,_text_js__WEBPACK_IMPORTED_MODULE_2__.t) `${subject} ${problem}`);
}
/** Parse the key (and certificate) and settle the algorithm and key id. */
async function loadSigningKey(s, labels, server) {
    const rules = server.rules ?? { kid: 'thumbprint' };
    const jose = await __webpack_require__.e(/* import() */ 460).then(__webpack_require__.bind(__webpack_require__, 6460));
    const text = s.key.trim();
    let key;
    let jwkKid = '';
    let jwkAlg = '';
    try {
        if (text.startsWith('{')) {
            const jwk = JSON.parse(text);
            if (!jwk.d)
                throw new Error('no private part');
            jwkKid = jwk.kid ?? '';
            jwkAlg = jwk.alg ?? '';
            key = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createPrivateKey)({ key: jwk, format: 'jwk' });
        }
        else {
            key = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createPrivateKey)(text);
        }
    }
    catch {
        // Never quote the key, nor the parser's message (it may hold parts of it).
        throw keyError('is not a private key this tool can read: give a PEM private key (PKCS#8, "-----BEGIN PRIVATE KEY-----") or a private JWK (with "d")', labels.key);
    }
    const type = key.asymmetricKeyType;
    const curve = key.asymmetricKeyDetails?.namedCurve;
    const natural = type === 'rsa'
        ? 'RS256'
        : type === 'rsa-pss'
            ? 'PS256'
            : type === 'ec'
                ? { prime256v1: 'ES256', secp384r1: 'ES384', secp521r1: 'ES512' }[curve]
                : undefined;
    if (!natural) {
        throw keyError((0,_text_js__WEBPACK_IMPORTED_MODULE_2__.t) `holds a ${type ?? 'unknown'} key${curve ? ` (${curve})` : ''}, which this tool cannot sign with: use an RSA key or an EC key on P-256, P-384 or P-521`, labels.key);
    }
    const bits = key.asymmetricKeyDetails?.modulusLength;
    if ((type === 'rsa' || type === 'rsa-pss') && bits !== undefined && bits < 2048) {
        throw keyError((0,_text_js__WEBPACK_IMPORTED_MODULE_2__.t) `is a ${bits}-bit RSA key; RS and PS signatures need 2048 bits or more (RFC 7518 s3.3): make a new key, e.g. openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048`, labels.key);
    }
    // A JWK whose public members do not belong to its private ones loads, then signs what no
    // server verifies (or fails inside the signer): a signature checked here says so first.
    if (!consistent(key)) {
        throw keyError('is not a consistent key pair (its public part does not verify what its private part signs): export the key again from where it was made', labels.key);
    }
    const preferred = type === 'rsa' && rules.rsaDefault ? rules.rsaDefault : natural;
    const alg = (s.alg || jwkAlg || preferred).toUpperCase();
    if (!ALGS.includes(alg)) {
        throw keyError((0,_text_js__WEBPACK_IMPORTED_MODULE_2__.t) `has the value '${alg}', which is not one of ${ALGS.join(', ')}`, labels.alg);
    }
    if (rules.algs && !rules.algs.includes(alg)) {
        const rsaOnly = rules.algs.every((a) => !a.startsWith('ES'));
        throw keyError(rsaOnly && type === 'ec'
            ? (0,_text_js__WEBPACK_IMPORTED_MODULE_2__.t) `holds an EC key, and ${server.title} accepts only RSA keys for private_key_jwt (${rules.algs.join(', ')})`
            : (0,_text_js__WEBPACK_IMPORTED_MODULE_2__.t) `signs ${alg}, which ${server.title} does not accept for private_key_jwt (it accepts ${rules.algs.join(', ')})`, s.alg ? labels.alg : labels.key);
    }
    const family = alg.slice(0, 2);
    const fits = family === 'ES'
        ? type === 'ec' && alg === natural
        : type === 'rsa' || (type === 'rsa-pss' && family === 'PS');
    if (!fits) {
        throw keyError((0,_text_js__WEBPACK_IMPORTED_MODULE_2__.t) `is ${alg}, which does not fit the ${type} key given (it signs ${natural})`, labels.alg);
    }
    const kid = s.kid ||
        jwkKid ||
        (rules.kid === 'thumbprint'
            ? await jose.calculateJwkThumbprint(await jose.exportJWK(key), 'sha256')
            : undefined);
    const out = { key, alg, kid };
    if (s.certificate.trim()) {
        let der;
        try {
            der = new node_crypto__WEBPACK_IMPORTED_MODULE_0__.X509Certificate(s.certificate.trim()).raw;
        }
        catch {
            throw keyError('is not a PEM certificate ("-----BEGIN CERTIFICATE-----")', labels.certificate);
        }
        out.x5tS256 = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(der).digest('base64url');
        if (rules.x5tSha1)
            out.x5t = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha1').update(der).digest('base64url');
        const certKey = new node_crypto__WEBPACK_IMPORTED_MODULE_0__.X509Certificate(s.certificate.trim()).publicKey;
        if (!certKey.equals((0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createPublicKey)(key))) {
            throw keyError('is not the certificate of the key given: its public key differs, so the server would find the wrong key', labels.certificate);
        }
    }
    return out;
}
/** Whether what the key signs verifies with its own public part. */
function consistent(key) {
    try {
        const data = Buffer.from('oauth-token-action key check');
        const sig = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.sign)('sha256', data, key);
        return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.verify)('sha256', data, (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createPublicKey)(key), sig);
    }
    catch {
        return false;
    }
}
/** A fresh assertion: iss = sub = client id, a new jti, two minutes of life. */
async function signAssertion(k, clientId, audience, now) {
    const { SignJWT } = await __webpack_require__.e(/* import() */ 460).then(__webpack_require__.bind(__webpack_require__, 6460));
    const iat = Math.floor(now / 1000);
    const claims = {
        iss: clientId,
        sub: clientId,
        aud: audience,
        jti: (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)(),
        iat,
        exp: iat + ASSERTION_LIFETIME_S,
    };
    const header = { alg: k.alg, typ: 'JWT' };
    if (k.kid)
        header.kid = k.kid;
    if (k.x5tS256)
        header['x5t#S256'] = k.x5tS256;
    if (k.x5t)
        header.x5t = k.x5t;
    const jwt = await new SignJWT({ jti: claims.jti })
        .setProtectedHeader(header)
        .setIssuer(clientId)
        .setSubject(clientId)
        .setAudience(audience)
        .setIssuedAt(iat)
        .setNotBefore(iat)
        .setExpirationTime(claims.exp)
        .sign(k.key);
    return { jwt, header, claims };
}
/** The claims of a JWT we did not sign (the CI token), read without verifying: for messages. */
function peekClaims(jwt) {
    try {
        const part = jwt.split('.')[1] ?? '';
        const v = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
        return v && typeof v === 'object' ? v : {};
    }
    catch {
        return {};
    }
}
/** `iss=…, sub=…, aud=…, exp=…`: the non-secret claims, for an error beside the server's answer. */
function describeClaims(c) {
    const str = (v) => (Array.isArray(v) ? v.join(' ') : String(v ?? '?'));
    const exp = typeof c.exp === 'number' ? (0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .isoSeconds */ .nE)(new Date(c.exp * 1000)) : '?';
    return `iss=${str(c.iss)}, sub=${str(c.sub)}, aud=${str(c.aud)}, exp=${exp}`;
}


/***/ })

};
;
//# sourceMappingURL=523.index.cjs.js.map