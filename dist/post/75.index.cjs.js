"use strict";
exports.id = 75;
exports.ids = [75];
exports.modules = {

/***/ 75:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  removeSource: () => (/* binding */ removeSource)
});

// UNUSED EXPORTS: COMMAND, COMMAND_FILE, JOB_SOURCE_ENV, SOURCE_PREFIX, isSourceFolder, readSource, readToken, writeSource, writeToken

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(24);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(760);
// EXTERNAL MODULE: ./src/core/net/endpoint-error.ts
var endpoint_error = __webpack_require__(81);
;// CONCATENATED MODULE: ./src/core/oauth/oauth-errors.ts
/**
 * OAuth error answers (RFC 6749 s5.2) and the providers' variants (Zoho's throttle sent as HTTP
 * 200): what each means, whether it may be retried, and the hint that names the input to fix.
 */


const STANDARD_CODES = new Set([
    'invalid_request',
    'invalid_client',
    'invalid_grant',
    'unauthorized_client',
    'unsupported_grant_type',
    'invalid_scope',
    'invalid_target',
    'invalid_client_secret',
    'invalid_code',
    'temporarily_unavailable',
    'server_error',
]);
function hintFor(code, status, ctx) {
    const L = ctx.label;
    const zoho = ctx.provider.zohoAccounts;
    const regionList = Object.keys(ctx.provider.regions).join(', ');
    switch (code) {
        case 'invalid_client':
            if (zoho) {
                return `Wrong client id or refresh token, or the account is in another region: check ${L('client-id')} and set ${L('region')} to the Zoho region of your account (${regionList}).`;
            }
            if (ctx.assertion === 'private-key-jwt') {
                return `The server did not accept the signed client assertion: check that ${L('client-id')} names the client whose public key (or certificate) is registered, and ${L('client-assertion-kid')}, ${L('client-assertion-alg')} and ${L('client-assertion-certificate')} against what the server shows for that key.`;
            }
            if (ctx.assertion === 'federated') {
                return `The server did not accept the CI platform's OIDC token as the client's credential: its federated credential must name this token's issuer, subject and audience (shown below), and ${L('client-id')} the client that holds it.`;
            }
            return `The server did not accept the client credentials: check ${L('client-id')} and ${L('client-secret')}, and try ${L('client-auth')}: ${ctx.provider.clientAuth === 'basic' ? 'post' : 'basic'} (servers often accept only one method).`;
        case 'invalid_client_secret':
            return `Zoho did not accept the client secret: check ${L('client-secret')} (it belongs to the client in ${L('client-id')}).`;
        case 'invalid_code':
            return `Wrong client id or refresh token, or the account is in another region: the refresh token is wrong, revoked, or was issued in another Zoho region. Check ${L('refresh-token')} and set ${L('region')} (${regionList}).`;
        case 'invalid_grant':
            return ctx.grantType === 'refresh_token'
                ? `The refresh token is invalid, expired or revoked${ctx.provider.mayRotateRefreshToken ? ', or an earlier run rotated it' : ''}: issue a new refresh token and update the stored secret in ${L('refresh-token')}.`
                : `The server refused the grant: check ${L('scope')}, ${L('audience')} and the client's permissions at the provider.`;
        case 'unauthorized_client':
            return `This client may not use the ${ctx.grantType} grant: allow that grant for the client at the provider, or change ${L('grant-type')}.`;
        case 'unsupported_grant_type':
            return `The server does not support grant_type=${ctx.grantType}: check ${L('grant-type')} and ${L('token-url')}.`;
        case 'invalid_scope':
            return `The server refused the requested scope: check ${L('scope')} against the scopes the client was granted.`;
        case 'invalid_target':
            return `The server refused the requested resource or audience: check ${L('resource')} and ${L('audience')}.`;
        case 'invalid_request':
            return `The server found the request malformed: check ${L('extra-params')}, ${L('scope')}, ${L('audience')} and ${L('client-auth')}.`;
        default:
            if (status === 401) {
                return `The server did not accept the client credentials: check ${L('client-id')}, ${L('client-secret')} and ${L('client-auth')}.`;
            }
            if (status === 404 || status === 405) {
                return `Check ${L('token-url')}${Object.keys(ctx.provider.regions).length ? ` and ${L('region')}` : ''}: this address does not accept token requests.`;
            }
            return `Check the settings against the provider's documentation.`;
    }
}
function oauth_errors_classifyError(status, b, ctx, retryAfterMs) {
    const code = typeof b.error === 'string' ? b.error : '';
    const desc = typeof b.error_description === 'string'
        ? b.error_description
        : typeof b.message === 'string'
            ? b.message
            : '';
    const said = [code, desc]
        .filter(Boolean)
        .map((s) => serverText(s, ctx.secrets))
        .join(': ');
    const saidPart = said ? ` (server said: ${said})` : '';
    // Zoho's throttle: {"error":"Access Denied", "status":"failure", ...} with HTTP 200 (or 400);
    // its text is localised, so the marker is status=failure with a non-OAuth error value. Zoho
    // has also sent {"error":"Access Denied"} alone: from Zoho's accounts server, an error value
    // that is not an OAuth-style code (lower case, digits and _) is read as the throttle too,
    // never as a permanent credential error.
    const zohoProse = ctx.provider.zohoAccounts && code !== '' && !/^[a-z0-9_.-]+$/.test(code);
    if ((b.status === 'failure' || zohoProse) && !STANDARD_CODES.has(code)) {
        return new EndpointError(t `The accounts server refused to issue a token for now${saidPart}. Zoho allows about 10 tokens per refresh token per 10 minutes: ${ctx.reuseToken ?? 'mint one token per job and pass it to later steps'}.`, {
            status,
            retry: 'throttle',
            kind: 'throttled',
            retryAfterMs,
            short: 'throttled',
            oauthError: code || undefined,
        });
    }
    if (code === 'temporarily_unavailable' || code === 'slow_down') {
        return new EndpointError(t `The token endpoint is temporarily unavailable${saidPart}.`, {
            status,
            retry: 'safe',
            kind: 'server',
            retryAfterMs,
            short: code,
        });
    }
    const byStatus = statusRetry(status);
    if (code === 'server_error' || (byStatus !== 'never' && !STANDARD_CODES.has(code))) {
        const retry = byStatus === 'never' ? 'ambiguous' : byStatus;
        return new EndpointError(t `The token endpoint failed with HTTP ${status}${saidPart}.`, {
            status,
            retry,
            kind: 'server',
            retryAfterMs,
        });
    }
    if (status >= 200 && status < 300 && !code) {
        const keys = Object.keys(b)
            .slice(0, 10)
            .map((k) => serverText(k))
            .join(', ');
        return new EndpointError(t `The token endpoint answered HTTP ${status} without an access_token (fields: ${keys || 'none'}). Check ${ctx.label('token-url')}: it may not be an OAuth 2.0 token endpoint.`, { status, retry: 'never', kind: 'protocol', short: 'no access_token' });
    }
    const what = code
        ? `refused the request with ${serverText(code, ctx.secrets)}`
        : `answered HTTP ${status}`;
    return new EndpointError(t `The token endpoint ${what}${desc ? ` (server said: ${serverText(desc, ctx.secrets)})` : ''}. ${hintFor(code, status, ctx)}`, {
        status,
        retry: 'never',
        kind: 'auth',
        short: code || `HTTP ${status}`,
        oauthError: code || undefined,
    });
}

;// CONCATENATED MODULE: ./src/core/oauth/response.ts
/**
 * Reading a token endpoint's answer (RFC 6749 s5.1, s5.2) with the quirks providers add:
 * Zoho answers errors and throttling with HTTP 200, uses a legacy millisecond expires_in,
 * and some proxies answer with HTML. Nothing here ever copies a token into a message. Error
 * answers are classified in oauth-errors.ts.
 */




/**
 * The longest lifetime believed: ten years. Beyond it a number is a server's bug or an attack
 * (an expiry past year 275760 is not even a date); it is treated as absent, with a warning.
 */
const MAX_PLAUSIBLE_SECONDS = (/* unused pure expression or super */ null && (10 * 366 * 86_400));
/**
 * Seconds the token lives, or undefined when the server did not say (or said nonsense). With
 * `warn`, a lifetime longer than MAX_PLAUSIBLE_SECONDS is reported there and treated as absent.
 */
function normaliseExpiresIn(body, zoho, warn) {
    const e = statedExpiresIn(body, zoho);
    if (e === undefined || e <= MAX_PLAUSIBLE_SECONDS)
        return e;
    warn?.(t `The server said the token lives ${e} s, more than ten years: that cannot be right, so the expiry is treated as unknown (the expires-in and expires-at outputs are empty).`);
    return undefined;
}
function statedExpiresIn(body, zoho) {
    const num = (v) => {
        if (typeof v === 'number' && Number.isFinite(v))
            return v;
        if (typeof v === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(v))
            return Number(v);
        return undefined;
    };
    const sec = num(body.expires_in_sec);
    if (sec !== undefined && sec > 0)
        return Math.floor(sec);
    let e = num(body.expires_in);
    if (e === undefined || e <= 0)
        return undefined;
    // Zoho's legacy format gives milliseconds in expires_in; no Zoho token lives a day.
    if (zoho && e > 86_400)
        e = e / 1000;
    return Math.floor(e);
}
function contentTypeOf(headers) {
    return (headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}
function parseTokenResponse(status, headers, raw, ctx) {
    const retryAfterMs = parseRetryAfter(headers['retry-after'], ctx.now);
    const ct = contentTypeOf(headers);
    const text = raw.toString('utf8');
    if (status >= 300 && status < 400) {
        let where = 'another address';
        try {
            where = new URL(String(headers.location ?? ''), 'http://x').origin;
        }
        catch {
            /* keep the generic text */
        }
        throw new EndpointError(t `The token endpoint answered HTTP ${status}, a redirect to ${serverText(where)}. Redirects are never followed with credentials: set ${ctx.label('token-url')} to the final address.`, { status, retry: 'never', kind: 'protocol' });
    }
    const trimmed = text.trim();
    const body = jsonObject(trimmed);
    if (!body) {
        const what = trimmed
            ? `${ct || 'no content type'}, ${raw.length} bytes, not a JSON object`
            : 'an empty body';
        const retry = statusRetry(status);
        if (retry !== 'never') {
            throw new EndpointError(t `The token endpoint answered HTTP ${status} (${what}).`, {
                status,
                retry,
                kind: 'server',
                retryAfterMs,
            });
        }
        throw new EndpointError(t `The token endpoint answered HTTP ${status} with ${what}. This is not an OAuth answer: check ${ctx.label('token-url')} (a proxy, firewall or login page may be answering instead).`, {
            status,
            retry: 'never',
            kind: 'protocol',
            short: t `HTTP ${status} ${trimmed ? 'non-JSON' : 'empty'}`,
        });
    }
    const b = body;
    if (status >= 200 &&
        status < 300 &&
        typeof b.access_token === 'string' &&
        b.access_token.length > 0 &&
        b.error === undefined) {
        return success(b, ctx, b.access_token);
    }
    throw classifyError(status, b, ctx, retryAfterMs);
}
/**
 * RFC 6749 appendix A: what each field of a success answer may hold. A value outside its grammar
 * (a line break, a control character, a runner command) would reach a variable, an output or a
 * log line, so the answer is refused, naming the field and never quoting it.
 */
const FIELD_GRAMMAR = {
    // A.12 / A.17: 1*VSCHAR (printable ASCII, space included).
    access_token: { re: /^[\x20-\x7e]+$/, what: 'printable ASCII characters' },
    refresh_token: { re: /^[\x20-\x7e]+$/, what: 'printable ASCII characters' },
    id_token: { re: /^[A-Za-z0-9_=.-]+$/, what: 'a JWT' },
    // A.13: type-name (name-char: - . DIGIT ALPHA _) or an absolute URI.
    token_type: {
        re: /^(?:[A-Za-z0-9._-]+|[A-Za-z][A-Za-z0-9+.-]*:[A-Za-z0-9\-._~:/?@!$&'()*+,;=%]+)$/,
        what: 'a type name (letters, digits, - . _) or a URI',
    },
    // A.4: scope-token *( SP scope-token ), scope-token = 1*NQCHAR.
    scope: {
        re: /^[\x21\x23-\x5b\x5d-\x7e]+(?: [\x21\x23-\x5b\x5d-\x7e]+)*$/,
        what: 'scope tokens separated by single spaces',
    },
};
/** What a token field fails of RFC 6749 appendix A (`printable ASCII characters`), or undefined. */
function fieldProblem(name, value) {
    const g = FIELD_GRAMMAR[name];
    return g.re.test(value) ? undefined : g.what;
}
/**
 * The fields of a token kept or carried outside its answer (an envelope, the command line's
 * cache) that are not of the form a token answer allows, by their answer names: held to the
 * same grammar, as they reach outputs and log lines. Empty optional fields pass; the
 * authorization must be a scheme and this access token.
 */
function response_storedTokenProblems(t) {
    const [scheme, ...rest] = t.authorization.split(' ');
    return [
        fieldProblem('access_token', t.accessToken) && 'access_token',
        t.tokenType && fieldProblem('token_type', t.tokenType) && 'token_type',
        t.scope && fieldProblem('scope', t.scope) && 'scope',
        t.authorization &&
            (!/^[A-Za-z][A-Za-z0-9._-]*$/.test(scheme ?? '') || rest.join(' ') !== t.accessToken) &&
            'authorization',
        // An origin (Zoho's api_domain), or Site24x7's API root (the api-domain output).
        t.apiDomain &&
            !/^https?:\/\/[A-Za-z0-9.-]+(?::\d+)?(?:\/[A-Za-z0-9._~/-]*)?$/.test(t.apiDomain) &&
            'api_domain',
    ].filter((x) => Boolean(x));
}
/** A Zoho `api_domain`: kept only when it is an http(s) origin; anything else is dropped. */
function apiDomainOf(v) {
    if (typeof v !== 'string' || !/^https?:\/\/[A-Za-z0-9.-]+(?::\d+)?\/?$/.test(v))
        return undefined;
    return v.replace(/\/$/, '');
}
function checkField(name, value, ctx) {
    const g = FIELD_GRAMMAR[name];
    if (!g.re.test(value)) {
        throw new EndpointError(t `The token endpoint answered with a malformed ${name} (${value.length} characters, not only ${g.what}; RFC 6749 appendix A). The answer was refused and nothing from it was used: check that ${ctx.label('token-url')} points at an OAuth 2.0 token endpoint.`, { status: 200, retry: 'never', kind: 'protocol', short: t `malformed ${name}` });
    }
}
function success(b, ctx, accessToken) {
    const notes = [];
    const warnings = [];
    // The new refresh token first: once the server has answered with one, the old one may be
    // dead, so it is handed to the caller before anything else in the answer can be refused.
    const rt = typeof b.refresh_token === 'string' && b.refresh_token ? b.refresh_token : undefined;
    if (rt)
        checkField('refresh_token', rt, ctx);
    if (rt && rt !== ctx.sentRefreshToken)
        ctx.onRotated?.(rt);
    checkField('access_token', accessToken, ctx);
    for (const f of ['token_type', 'id_token']) {
        if (typeof b[f] === 'string' && b[f])
            checkField(f, b[f], ctx);
    }
    const tokenType = typeof b.token_type === 'string' ? b.token_type : '';
    const scheme = ctx.provider.authScheme;
    if (!tokenType)
        notes.push('The server did not say the token type; using it as a bearer token.');
    else if (tokenType.toLowerCase() !== 'bearer') {
        notes.push(`The server issued a token of type '${serverText(tokenType, ctx.secrets)}', not bearer; the authorization output still uses '${scheme}'.`);
    }
    const expiresIn = normaliseExpiresIn(b, ctx.provider.zohoAccounts, (w) => warnings.push(w));
    if (expiresIn === undefined && !warnings.length)
        notes.push('The server did not say when the token expires.');
    const expiresAt = expiresIn === undefined ? undefined : new Date(ctx.startedAt + expiresIn * 1000);
    const scope = typeof b.scope === 'string'
        ? b.scope
        : Array.isArray(b.scope)
            ? b.scope.map(String).join(' ')
            : ctx.requestedScope;
    if (scope && scope !== ctx.requestedScope)
        checkField('scope', scope.trim(), ctx);
    return {
        accessToken,
        tokenType,
        authorization: `${scheme} ${accessToken}`,
        expiresIn,
        expiresAt,
        scope,
        newRefreshToken: rt && rt !== ctx.sentRefreshToken ? rt : undefined,
        idToken: typeof b.id_token === 'string' && b.id_token ? b.id_token : undefined,
        apiDomain: apiDomainOf(b.api_domain),
        notes,
        warnings,
    };
}

;// CONCATENATED MODULE: ./src/core/token-cache.ts

/**
 * A kept token is reused only while it has at least this long to live: a command or a job's
 * step may take minutes. Capped at a fifth of the token's life, so that a short-lived token
 * (five seconds, five minutes) is still reused for most of its life.
 */
const REUSE_MARGIN_MS = (/* unused pure expression or super */ null && (5 * 60_000));
/** The margin for one token: REUSE_MARGIN_MS, or a fifth of its life when that is less. */
function reuseMarginMs(t) {
    return Math.min(REUSE_MARGIN_MS, Math.max(0, t.expiresAt - t.mintedAt) / 5);
}
/**
 * The binding of a kept token: the same server, client, grant, scopes, audience and resources,
 * and the same stored secrets (by their SHA-256, never themselves). Another refresh token, a new
 * client secret or another scope mints anew. Settings that need a fresh proof on every request
 * (a CI token) are never cached.
 */
async function cacheKey(cfg) {
    if (cfg.ciAudience || cfg.assertion?.kind === 'federated')
        return undefined;
    // Loaded here, not at the top: a pipeline run, which keeps no tokens, never loads node:crypto.
    const { createHash } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 598, 23));
    const fingerprint = (s) => (s ? createHash('sha256').update(s).digest('hex') : '');
    const binding = JSON.stringify([
        'oauth-token cache v1',
        cfg.tokenUrl.href,
        cfg.clientId,
        cfg.grantType,
        cfg.scope,
        cfg.audience,
        cfg.resources,
        cfg.extraParams,
        fingerprint(cfg.refreshToken),
        fingerprint(cfg.clientSecret),
        cfg.assertion?.signing ? fingerprint(JSON.stringify(cfg.assertion.signing.key)) : '',
    ]);
    return createHash('sha256').update(binding).digest('hex').slice(0, 40);
}
/** Whether a kept token may be handed out: its margin left, and `minSeconds` more if asked. */
function usable(t, now, minSeconds = 0) {
    return t.expiresAt - now >= reuseMarginMs(t) + minSeconds * 1000;
}
function toCached(t, now) {
    if (!t.expiresAt)
        return undefined;
    return {
        accessToken: t.accessToken,
        tokenType: t.tokenType,
        authorization: t.authorization,
        expiresAt: t.expiresAt.getTime(),
        mintedAt: now,
        scope: t.scope,
        apiDomain: t.apiDomain,
    };
}
function fromCached(t, now) {
    return {
        accessToken: t.accessToken,
        tokenType: t.tokenType,
        authorization: t.authorization,
        expiresIn: Math.max(0, Math.floor((t.expiresAt - now) / 1000)),
        expiresAt: new Date(t.expiresAt),
        scope: t.scope,
        apiDomain: t.apiDomain,
        notes: [],
        warnings: [],
        reused: true,
    };
}
/** A value read from a store, checked field by field: a store's file is data, not trusted. */
function token_cache_parseCached(value) {
    if (!value || typeof value !== 'object')
        return undefined;
    const v = value;
    const str = (k) => (typeof v[k] === 'string' ? v[k] : undefined);
    const num = (k) => (typeof v[k] === 'number' && Number.isFinite(v[k]) ? v[k] : undefined);
    const accessToken = str('accessToken');
    const tokenType = str('tokenType');
    const authorization = str('authorization');
    const expiresAt = num('expiresAt');
    const mintedAt = num('mintedAt');
    const scope = str('scope');
    if (!accessToken || tokenType === undefined || !authorization || scope === undefined)
        return undefined;
    if (expiresAt === undefined || mintedAt === undefined)
        return undefined;
    const apiDomain = str('apiDomain');
    // The grammar a token answer and an envelope are held to (response.ts): a kept token reaches
    // the same outputs and log lines.
    const fields = { accessToken, tokenType, scope, authorization, apiDomain: apiDomain ?? '' };
    if (storedTokenProblems(fields).length)
        return undefined;
    return { accessToken, tokenType, authorization, expiresAt, mintedAt, scope, apiDomain };
}

;// CONCATENATED MODULE: ./src/core/private-files.ts
/**
 * Files only this user may read: the command line's token cache (cli/token-cache.ts) and the
 * job token source (core/job/source.ts) keep tokens and secrets in them. One set of rules:
 * - a folder of mode 0700 and files of mode 0600, owned by this user, checked with lstat
 *   before every read (a link, a file others may read, or one another user owns is never
 *   used: the caller is told why);
 * - files written whole under another name and then renamed, so a reader never sees half a
 *   file, and created exclusively (`wx`), so a file planted under the temporary name fails
 *   the write instead of receiving the secret;
 * - on Windows, where modes say nothing, the folder's place does the work: a per-user folder
 *   (LOCALAPPDATA) or the job's own temporary folder, which only the runner's account may read.
 */


const posix = (platform) => platform !== 'win32';
const myUid = () => (process.getuid ? process.getuid() : undefined);
/** Undefined when the path is private to this user; otherwise why it is not. */
function notPrivate(path, kind, platform = process.platform) {
    const st = lstatSync(path);
    if (kind === 'folder' ? !st.isDirectory() : !st.isFile())
        return `is not a ${kind}`;
    if (!posix(platform))
        return undefined;
    const uid = myUid();
    if (uid !== undefined && st.uid !== uid)
        return 'belongs to another user';
    if (st.mode & 0o077)
        return `may be read by others (mode ${(st.mode & 0o777).toString(8)})`;
    return undefined;
}
/**
 * Create the folder 0700 (with its parents), tighten it when it is ours but too open, and say
 * why it cannot be used when it is not private (undefined: it can).
 */
function ensurePrivateFolder(dir, platform = process.platform) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (posix(platform)) {
        const st = lstatSync(dir);
        if (st.isDirectory() && st.uid === myUid() && st.mode & 0o077)
            chmodSync(dir, 0o700);
    }
    return notPrivate(dir, 'folder', platform);
}
/** Write `name` in `dir` (a private folder) whole, mode 0600, replacing what was there. */
function private_files_writePrivateFile(dir, name, text) {
    const unique = `${process.pid}.${Date.now().toString(36)}.${Math.random().toString(36).slice(2)}`;
    const tmp = join(dir, `${name}.${unique}.tmp`);
    const fd = openSync(tmp, 'wx', 0o600);
    try {
        writeSync(fd, text);
        fsyncSync(fd);
    }
    finally {
        closeSync(fd);
    }
    renameSync(tmp, join(dir, name));
}
/** Read `name` in `dir` when both are private to this user. */
function private_files_readPrivateFile(dir, name, platform = process.platform) {
    try {
        const dirWhy = notPrivate(dir, 'folder', platform);
        if (dirWhy)
            return { refused: 'folder', why: dirWhy };
        const path = join(dir, name);
        const why = notPrivate(path, 'file', platform);
        if (why) {
            // Never used, and not left for another reader either.
            rmSync(path, { force: true });
            return { refused: 'file', why };
        }
        return { text: readFileSync(path, 'utf8') };
    }
    catch (e) {
        if (e.code === 'ENOENT')
            return { missing: true };
        throw e;
    }
}

;// CONCATENATED MODULE: ./src/core/job/source.ts
/**
 * The job token source: what the token step leaves for the later steps of the same job, so
 * that each can get an access token that is valid now (docs/job-token.md). Platform-neutral:
 * where it lives and what it holds; the token step writes it (steps/job-token.ts) and the
 * credential command reads it (steps/job-read.ts).
 *
 * A folder in the job's own temporary folder (RUNNER_TEMP, Agent.TempDirectory), which the
 * runner empties when the job ends, made with mkdtemp (mode 0700, a name no one can claim
 * first), holding files of mode 0600 (core/private-files.ts):
 * - `source.json`: the token step's environment (its inputs, and what a script step lacks:
 *   the agent's connection and job variables), a rotated refresh token's successor, and
 *   whether that successor still has to reach the CI secret store;
 * - `token.json`: the current access token, as the command line's cache keeps one;
 * - `bin/oauth-token-job` (and `.cmd` on Windows): the command, which runs the runner's own
 *   Node on this action's reader bundle for this folder; `command.json` says the same for a
 *   step that runs it without a shell (core/job/client.ts).
 * The token step's post step removes it first thing, whatever else fails.
 */




/** The variable later steps find the newest source in. */
const JOB_SOURCE_ENV = 'OAUTH_TOKEN_JOB';
/** The folder's name starts with this; mkdtemp adds six random characters. */
const SOURCE_PREFIX = 'oauth-token-job-';
const COMMAND = 'oauth-token-job';
const SOURCE_FILE = 'source.json';
const TOKEN_FILE = 'token.json';
/** The command's Node and reader bundle, for a step that runs it without a shell. */
const COMMAND_FILE = 'command.json';
/** A source's folder name is ours: the prefix and mkdtemp's six characters, nothing else. */
function isSourceFolder(dir) {
    return new RegExp(`^${SOURCE_PREFIX}[A-Za-z0-9]{6}$`).test((0,external_node_path_.basename)(dir));
}
function writeSource(dir, source) {
    writePrivateFile(dir, SOURCE_FILE, JSON.stringify({ version: 1, ...source }));
}
/** The source, checked: a private folder and file, and the shape this version writes. */
function readSource(dir) {
    const got = readPrivateFile(dir, SOURCE_FILE);
    if ('missing' in got) {
        return {
            problem: `${dir} holds no job token source: the token step that made it has ended (its post step removes it), or this is another job`,
        };
    }
    if ('refused' in got)
        return { problem: `the job token source ${dir} ${got.why}` };
    let v;
    try {
        v = JSON.parse(got.text);
    }
    catch {
        return { problem: `the job token source ${dir} is not JSON` };
    }
    const env = v.env;
    if (v.version !== 1 ||
        (v.platform !== 'github' && v.platform !== 'azure') ||
        !env ||
        typeof env !== 'object' ||
        Object.values(env).some((x) => typeof x !== 'string') ||
        (v.refreshToken !== undefined && typeof v.refreshToken !== 'string')) {
        return { problem: `the job token source ${dir} is not one this version wrote` };
    }
    return {
        source: {
            platform: v.platform,
            env: env,
            refreshToken: v.refreshToken,
            pendingWriteBack: v.pendingWriteBack === true,
        },
    };
}
function writeToken(dir, token) {
    writePrivateFile(dir, TOKEN_FILE, JSON.stringify(token));
}
/** The kept access token, if there is one and it is private and well formed. */
function readToken(dir) {
    const got = readPrivateFile(dir, TOKEN_FILE);
    if (!('text' in got))
        return undefined;
    try {
        return parseCached(JSON.parse(got.text));
    }
    catch {
        return undefined;
    }
}
/**
 * Remove a source folder: only a folder whose name is ours and which is a real folder (not a
 * link), its entries one by one with lstat, so a planted link is removed as a link and never
 * followed. Says what could not be removed.
 */
function removeSource(dir) {
    if (!isSourceFolder(dir))
        return `${dir} is not a job token source folder`;
    let st;
    try {
        st = (0,external_node_fs_.lstatSync)(dir);
    }
    catch (e) {
        return e.code === 'ENOENT' ? undefined : e.message;
    }
    if (!st.isDirectory())
        return `${dir} is not a folder`;
    try {
        const clear = (folder, depth) => {
            for (const name of (0,external_node_fs_.readdirSync)(folder)) {
                const path = (0,external_node_path_.join)(folder, name);
                // lstat: a link is removed as a link, never followed.
                if ((0,external_node_fs_.lstatSync)(path).isDirectory() && depth < 2) {
                    clear(path, depth + 1);
                    (0,external_node_fs_.rmdirSync)(path);
                }
                else {
                    (0,external_node_fs_.unlinkSync)(path);
                }
            }
        };
        clear(dir, 0);
        (0,external_node_fs_.rmdirSync)(dir);
        return undefined;
    }
    catch (e) {
        return e.message;
    }
}


/***/ })

};
;
//# sourceMappingURL=75.index.cjs.js.map