"use strict";
exports.id = 194;
exports.ids = [194,838];
exports.modules = {

/***/ 7360:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   NA: () => (/* binding */ listDowntimes),
/* harmony export */   Pq: () => (/* binding */ resolveDatadog),
/* harmony export */   a9: () => (/* binding */ downtimeRequests),
/* harmony export */   b7: () => (/* binding */ scheduleDowntime),
/* harmony export */   sy: () => (/* binding */ cancelDowntime),
/* harmony export */   wD: () => (/* binding */ DATADOG_DIALECT)
/* harmony export */ });
/* unused harmony exports DATADOG_READ_SCOPE, DATADOG_WRITE_SCOPE, downtimeBody, findDowntimes */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _net_json_api_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4080);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2020);
/* harmony import */ var _windows_marker_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6375);
/**
 * Datadog downtimes (API v2) over monitors chosen by id, by name or by tags: resolve the
 * selection (API v1 monitors), schedule one downtime per monitor (or one for the tags), always
 * with an end, cancel each, and find those a crashed step left by the marker in their message.
 *
 * Facts (docs/providers.md, "Datadog downtimes"): POST /api/v2/downtime needs `scope` and
 * `monitor_identifier` (a `monitor_id` or `monitor_tags`); `schedule.start`/`end` are ISO-8601
 * with a zero UTC offset, and a missing end means the downtime never ends. DELETE
 * /api/v2/downtime/{id} cancels, answers 204 (also when already cancelled) and 404 when unknown.
 * Scopes: monitors_read to read, monitors_downtime to schedule and cancel.
 */




const DATADOG_READ_SCOPE = 'monitors_read';
const DATADOG_WRITE_SCOPE = 'monitors_downtime';
const CALL_SCOPES = [
    ['GET', /^\/api\/v1\/monitor(\/\d+)?$/, DATADOG_READ_SCOPE],
    ['GET', /^\/api\/v2\/downtime(\/[^/]+)?$/, DATADOG_READ_SCOPE],
    ['POST', /^\/api\/v2\/downtime$/, DATADOG_WRITE_SCOPE],
    ['DELETE', /^\/api\/v2\/downtime\/[^/]+$/, DATADOG_WRITE_SCOPE],
];
const DATADOG_DIALECT = {
    title: 'Datadog API',
    headers: {},
    // {"errors": ["Downtime ... not found"]}
    errorText(body) {
        const errors = body?.errors;
        return Array.isArray(errors) && errors.length
            ? errors.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))).join('; ')
            : undefined;
    },
    // X-RateLimit-Reset: seconds until the period resets (Datadog's rate-limit page).
    retryAfterMs: (h) => (0,_net_json_api_js__WEBPACK_IMPORTED_MODULE_1__/* .secondsHeader */ .r)(h, 'x-ratelimit-reset'),
    retryAfterHeader: 'X-RateLimit-Reset',
    scopeOf: (method, path) => CALL_SCOPES.find(([m, p]) => m === method && p.test(path))?.[2],
};
function monitorOf(m) {
    return typeof m.id === 'number' && Number.isSafeInteger(m.id)
        ? { id: m.id, name: typeof m.name === 'string' ? m.name : '' }
        : undefined;
}
/** Resolve ids and names to monitors; tags are checked to match at least one monitor. */
async function resolveDatadog(api, sel, label) {
    const found = new Map();
    for (const item of sel.monitors) {
        if (/^\d{1,18}$/.test(item)) {
            const a = await api.call({
                method: 'GET',
                path: `/api/v1/monitor/${item}`,
                what: 'monitor lookup',
                idempotent: true,
                accept: [404],
            });
            const m = a.status === 404 ? undefined : monitorOf(a.data);
            if (!m) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StepError */ .zg('input', (0,_text_js__WEBPACK_IMPORTED_MODULE_2__.t) `${label} lists monitor ${item}, which Datadog does not have.`);
            }
            found.set(m.id, m);
            continue;
        }
        const a = await api.call({
            method: 'GET',
            path: `/api/v1/monitor?name=${encodeURIComponent(item)}&page=0&page_size=1000`,
            what: 'monitor lookup',
            idempotent: true,
        });
        const list = Array.isArray(a.data) ? a.data : [];
        // The name filter matches parts of names: only the exact name counts.
        const exact = list.map(monitorOf).filter((m) => !!m && m.name === item);
        if (!exact.length) {
            const near = list
                .map(monitorOf)
                .filter((m) => !!m)
                .slice(0, 3)
                .map((m) => `'${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .serverText */ .Tn)(m.name)}' (${m.id})`);
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StepError */ .zg('input', (0,_text_js__WEBPACK_IMPORTED_MODULE_2__.t) `${label} lists the monitor '${item}', and no Datadog monitor has that exact name.${near.length ? ` Names that contain it: ${near.join(', ')}.` : ''}`);
        }
        for (const m of exact)
            found.set(m.id, m);
    }
    if (sel.tags.length) {
        const a = await api.call({
            method: 'GET',
            path: `/api/v1/monitor?monitor_tags=${encodeURIComponent(sel.tags.join(','))}&page=0&page_size=1`,
            what: 'monitor lookup',
            idempotent: true,
        });
        if (!Array.isArray(a.data) || a.data.length === 0) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StepError */ .zg('input', (0,_text_js__WEBPACK_IMPORTED_MODULE_2__.t) `${label} has the tags ${sel.tags.join(', ')}, and no Datadog monitor carries them all: a downtime for them would mute nothing today.`);
        }
    }
    return { monitors: [...found.values()], tags: sel.tags };
}
function downtimeBody(plan, target) {
    return {
        data: {
            type: 'downtime',
            attributes: {
                scope: plan.scope,
                monitor_identifier: Array.isArray(target)
                    ? { monitor_tags: target }
                    : { monitor_id: target.id },
                schedule: { start: (0,_windows_marker_js__WEBPACK_IMPORTED_MODULE_3__/* .utcIso */ .sq)(plan.startMs), end: (0,_windows_marker_js__WEBPACK_IMPORTED_MODULE_3__/* .utcIso */ .sq)(plan.endMs) },
                message: plan.message,
                display_timezone: 'UTC',
            },
        },
    };
}
/** Each downtime the plan needs, as request bodies with what they cover. */
function downtimeRequests(plan, target) {
    const items = target.monitors.map((m) => ({ covers: `monitor ${m.id}`, body: downtimeBody(plan, m) }));
    if (target.tags.length) {
        items.push({
            covers: `monitors tagged ${target.tags.join(', ')}`,
            body: downtimeBody(plan, target.tags),
        });
    }
    return items;
}
/** Schedule one downtime; the id Datadog gave it. */
async function scheduleDowntime(api, body) {
    const a = await api.call({
        method: 'POST',
        path: '/api/v2/downtime',
        body,
        what: 'downtime creation',
        idempotent: false,
    });
    const id = a.data?.data?.id;
    if (typeof id !== 'string' || !/^[0-9a-f-]{1,64}$/i.test(id)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StepError */ .zg('protocol', 'Datadog scheduled the downtime but its answer has no downtime id; cancel it in Datadog (Monitors > Downtimes).');
    }
    return id;
}
/** Cancel a downtime: read it first (a person may have cancelled it), then DELETE. */
async function cancelDowntime(api, id) {
    const path = `/api/v2/downtime/${encodeURIComponent(id)}`;
    const read = await api.call({
        method: 'GET',
        path,
        what: 'downtime lookup',
        idempotent: true,
        accept: [404],
    });
    if (read.status === 404)
        return 'gone';
    const status = read.data?.data
        ?.attributes?.status;
    if (status === 'canceled' || status === 'ended')
        return 'already-over';
    const del = await api.call({
        method: 'DELETE',
        path,
        what: 'downtime cancellation',
        idempotent: true,
        accept: [404],
    });
    return del.status === 404 ? 'gone' : 'cancelled';
}
/** Downtimes still active or scheduled (Datadog's current_only), every page. */
async function listDowntimes(api) {
    const out = [];
    const limit = 100;
    for (let offset = 0; offset < 10_000; offset += limit) {
        const a = await api.call({
            method: 'GET',
            path: `/api/v2/downtime?current_only=true&page%5Blimit%5D=${limit}&page%5Boffset%5D=${offset}`,
            what: 'downtime lookup',
            idempotent: true,
        });
        const data = a.data?.data;
        const list = Array.isArray(data) ? data : [];
        for (const d of list) {
            const attrs = (d.attributes ?? {});
            if (typeof d.id !== 'string' || !/^[0-9a-f-]{1,64}$/i.test(d.id))
                continue;
            const time = (v) => typeof v === 'string' && Number.isFinite(Date.parse(v)) ? Date.parse(v) : undefined;
            const mi = attrs.monitor_identifier;
            out.push({
                id: d.id,
                status: typeof attrs.status === 'string' ? attrs.status : 'unknown',
                startMs: time(attrs.schedule?.start),
                endMs: time(attrs.schedule?.end),
                message: typeof attrs.message === 'string' ? attrs.message : '',
                covers: typeof mi?.monitor_id === 'number'
                    ? `monitor ${mi.monitor_id}`
                    : Array.isArray(mi?.monitor_tags)
                        ? 'tagged monitors'
                        : '?',
            });
        }
        if (list.length < limit)
            break;
    }
    return out;
}
/** Downtimes still active or scheduled whose message carries the marker. */
async function findDowntimes(api, marker) {
    return (await listDowntimes(api))
        .filter((d) => d.message.includes(marker) && (d.status === 'active' || d.status === 'scheduled'))
        .map((d) => d.id);
}


/***/ }),

/***/ 7550:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Rg: () => (/* binding */ runGate),
/* harmony export */   g$: () => (/* binding */ judged),
/* harmony export */   x2: () => (/* binding */ baselineKey)
/* harmony export */ });
/* unused harmony export combine */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/**
 * The deployment gate's timing model, independent of where the signals come from:
 *
 *   stabilise ── evaluate ── interval ── evaluate ── ... ── passed | failed | inconclusive
 *
 * - a stabilisation delay before the first evaluation;
 * - an evaluation every interval, of every signal at once;
 * - passed after a run of consecutive passing evaluations (and, when asked, a run that has
 *   lasted a minimum success duration);
 * - failed early once failing evaluations reach the failure threshold;
 * - inconclusive when evaluations keep saying "cannot tell" (no data, suspended, in
 *   maintenance) or a signal's API keeps failing; inconclusive passes or fails by an explicit
 *   choice (fail-closed by default), and is always said;
 * - a timeout that bounds the whole gate: throttling stretches an interval, never the timeout.
 *
 * Maps to Azure DevOps gates (delay before evaluation, time between re-evaluation, minimum
 * duration for steady results, timeout) and Argo Rollouts analysis (initialDelay, interval,
 * count/consecutive successes, failureLimit, inconclusiveLimit, consecutiveErrorLimit).
 */

/** How a baseline names an item: `<signal>/<id>` (ids of different providers may collide). */
const baselineKey = (signal, id) => `${signal}/${id}`;
/** An item's verdict once the pre-existing rule is applied. */
function judged(item, t) {
    return item.verdict === 'fail' && item.preexisting && t.preexisting === 'ignore'
        ? 'pass'
        : item.verdict;
}
/** A signal's verdict from its items: any fail fails, else any inconclusive, else pass. */
function combine(verdicts) {
    if (verdicts.includes('fail'))
        return 'fail';
    if (verdicts.includes('inconclusive'))
        return 'inconclusive';
    return 'pass';
}
async function evaluateAll(signals, t) {
    const out = [];
    for (const s of signals) {
        try {
            const r = await s.evaluate();
            const verdict = r.error
                ? 'inconclusive'
                : (r.verdict ?? combine(r.items.map((i) => judged(i, t))));
            out.push({ ...r, signal: s.name, verdict });
        }
        catch (e) {
            // Cancellation, bad input and a refused token (a missing scope) end the gate: waiting
            // cannot mend them. An API that failed otherwise makes this evaluation inconclusive
            // (the retry policy has already retried it within its budget).
            if (e instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StepError */ .zg && ['cancelled', 'input', 'auth'].includes(e.kind))
                throw e;
            out.push({
                signal: s.name,
                verdict: 'inconclusive',
                items: [],
                error: e instanceof Error ? e.message : String(e),
            });
        }
    }
    return out;
}
/**
 * Run the gate. `onEvaluation` sees each evaluation as it happens (the progress line). A
 * cancellation ends it at once, with what it had seen so far in the error.
 */
async function runGate(signals, t, rt, onEvaluation) {
    const started = rt.now();
    const evaluations = [];
    const waited = () => rt.now() - started;
    const end = (outcome, reason) => ({
        outcome,
        passes: outcome === 'passed' || (outcome === 'inconclusive' && t.inconclusive === 'pass'),
        reason,
        evaluations,
        waitedMs: waited(),
    });
    if (t.stabilizeMs > 0)
        await rt.sleep(Math.min(t.stabilizeMs, t.timeoutMs), rt.signal);
    let passes = 0;
    let passStart = 0;
    let failures = 0;
    let errors = 0;
    for (let n = 1;; n++) {
        const signalResults = await evaluateAll(signals, t);
        const verdict = combine(signalResults.map((s) => s.verdict));
        const e = { n, atMs: waited(), verdict, signals: signalResults };
        evaluations.push(e);
        errors = signalResults.some((s) => s.error) ? errors + 1 : 0;
        if (verdict === 'pass') {
            if (passes === 0)
                passStart = e.atMs;
            passes++;
        }
        else
            passes = 0;
        if (verdict === 'fail')
            failures++;
        const lasted = e.atMs - passStart;
        if (passes >= t.requiredPasses && lasted >= t.minSuccessMs) {
            onEvaluation(e);
            return end('passed', passes > 1
                ? `${passes} passing evaluations in a row over ${Math.round(lasted / 1000)} s`
                : 'every signal passed');
        }
        if (t.maxFailures > 0 && failures >= t.maxFailures) {
            onEvaluation(e);
            return end('failed', `${failures} failing evaluations reached the failure threshold`);
        }
        if (errors >= t.maxErrors) {
            onEvaluation(e);
            return end('inconclusive', `a signal's API failed ${errors} evaluations in a row`);
        }
        const left = t.timeoutMs - waited();
        // The last evaluation comes at the timeout at the latest; a throttled API that stretched
        // this evaluation has used up its part of the interval, not more of the timeout.
        const delay = Math.min(Math.max(0, t.intervalMs - (waited() - e.atMs)), left);
        if (left <= 0) {
            onEvaluation(e);
            if (verdict === 'inconclusive') {
                return end('inconclusive', 'the last evaluation could not tell, and the timeout was reached');
            }
            return end('failed', passes > 0
                ? `the timeout came after ${passes} of ${t.requiredPasses} passing evaluations in a row`
                : 'the signals did not pass within the timeout');
        }
        onEvaluation(e, { inMs: delay, leftMs: left });
        await rt.sleep(delay, rt.signal);
    }
}


/***/ }),

/***/ 5677:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ pagerDutySignal),
/* harmony export */   Z: () => (/* binding */ datadogSignal)
/* harmony export */ });
/* harmony import */ var _model_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7550);

const DATADOG_VERDICT = { OK: 'pass', Alert: 'fail', Warn: 'fail' };
function item(signal, id, state, verdict, baseline) {
    return {
        id,
        state,
        verdict,
        ...(verdict === 'fail' && baseline?.get((0,_model_js__WEBPACK_IMPORTED_MODULE_0__/* .baselineKey */ .x2)(signal, id)) ? { preexisting: true } : {}),
    };
}
function monitorItem(m, baseline) {
    if (typeof m.id !== 'number' || !Number.isSafeInteger(m.id))
        return undefined;
    const state = typeof m.overall_state === 'string' && /^[A-Za-z ]{1,20}$/.test(m.overall_state)
        ? m.overall_state
        : 'Unknown';
    return item('datadog', String(m.id), state, DATADOG_VERDICT[state] ?? 'inconclusive', baseline);
}
function datadogSignal(api, target, baseline) {
    return {
        name: 'datadog',
        async evaluate() {
            const items = new Map();
            for (const m of target.monitors) {
                const a = await api.call({
                    method: 'GET',
                    path: `/api/v1/monitor/${m.id}`,
                    what: 'monitor state read',
                    idempotent: true,
                    accept: [404],
                });
                const i = a.status === 404
                    ? item('datadog', String(m.id), 'deleted', 'inconclusive')
                    : monitorItem(a.data, baseline);
                if (i)
                    items.set(i.id, i);
            }
            if (target.tags.length) {
                const a = await api.call({
                    method: 'GET',
                    path: `/api/v1/monitor?monitor_tags=${encodeURIComponent(target.tags.join(','))}&page=0&page_size=1000`,
                    what: 'monitor state read',
                    idempotent: true,
                });
                for (const m of Array.isArray(a.data) ? a.data : []) {
                    const i = monitorItem(m, baseline);
                    if (i)
                        items.set(i.id, i);
                }
            }
            return { signal: 'datadog', items: [...items.values()] };
        },
    };
}
function pagerDutySignal(api, services, baseline) {
    return {
        name: 'pagerduty',
        async evaluate() {
            const open = new Map(services.map((s) => [s.id, 0]));
            const query = services.map((s) => `service_ids%5B%5D=${encodeURIComponent(s.id)}`).join('&');
            for (let offset = 0; offset < 10_000; offset += 100) {
                const a = await api.call({
                    method: 'GET',
                    path: `/incidents?${query}&statuses%5B%5D=triggered&statuses%5B%5D=acknowledged&limit=100&offset=${offset}`,
                    what: 'incident read',
                    idempotent: true,
                });
                const body = a.data;
                const list = Array.isArray(body?.incidents)
                    ? body.incidents
                    : [];
                for (const i of list) {
                    const id = i.service?.id;
                    if (typeof id === 'string' && open.has(id))
                        open.set(id, open.get(id) + 1);
                }
                if (body?.more !== true || list.length === 0)
                    break;
            }
            return {
                signal: 'pagerduty',
                items: [...open].map(([id, n]) => item('pagerduty', id, n === 1 ? '1 open incident' : `${n} open incidents`, n ? 'fail' : 'pass', baseline)),
            };
        },
    };
}


/***/ }),

/***/ 4175:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bm: () => (/* binding */ site24x7Signal)
/* harmony export */ });
/* unused harmony exports UNKNOWING_STATES, site24x7Item */
/* harmony import */ var _site24x7_health_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1936);
/* harmony import */ var _model_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7550);


/** States that say nothing about a monitor's health. */
const UNKNOWING_STATES = new Set([5, _site24x7_health_js__WEBPACK_IMPORTED_MODULE_0__/* .MAINTENANCE_STATE */ .ah, 9]);
function site24x7Item(m, baseline) {
    const verdict = m.passes
        ? 'pass'
        : m.state === undefined || UNKNOWING_STATES.has(m.state)
            ? 'inconclusive'
            : 'fail';
    return {
        id: m.id,
        state: (0,_site24x7_health_js__WEBPACK_IMPORTED_MODULE_0__/* .stateName */ .Vi)(m.state),
        verdict,
        ...(verdict === 'fail' && baseline?.get((0,_model_js__WEBPACK_IMPORTED_MODULE_1__/* .baselineKey */ .x2)('site24x7', m.id))
            ? { preexisting: true }
            : {}),
    };
}
/** The signal, and the last reading (names stay in the log and summary, not in outputs). */
function site24x7Signal(api, monitors, pass, baseline) {
    const s = {
        name: 'site24x7',
        async evaluate() {
            s.last = await (0,_site24x7_health_js__WEBPACK_IMPORTED_MODULE_0__/* .readHealth */ .L8)(api, monitors, pass);
            return { signal: 'site24x7', items: s.last.map((m) => site24x7Item(m, baseline)) };
        },
    };
    return s;
}


/***/ }),

/***/ 5838:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Aj: () => (/* binding */ JOB_SOURCE_ENV),
/* harmony export */   VY: () => (/* binding */ SOURCE_PREFIX),
/* harmony export */   Wr: () => (/* binding */ COMMAND),
/* harmony export */   ly: () => (/* binding */ writeSource),
/* harmony export */   removeSource: () => (/* binding */ removeSource),
/* harmony export */   tK: () => (/* binding */ writeToken),
/* harmony export */   v5: () => (/* binding */ COMMAND_FILE)
/* harmony export */ });
/* unused harmony exports isSourceFolder, readSource, readToken */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _token_cache_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(593);
/* harmony import */ var _private_files_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2774);
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
    return new RegExp(`^${SOURCE_PREFIX}[A-Za-z0-9]{6}$`).test((0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(dir));
}
function writeSource(dir, source) {
    (0,_private_files_js__WEBPACK_IMPORTED_MODULE_3__/* .writePrivateFile */ .Pl)(dir, SOURCE_FILE, JSON.stringify({ version: 1, ...source }));
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
    (0,_private_files_js__WEBPACK_IMPORTED_MODULE_3__/* .writePrivateFile */ .Pl)(dir, TOKEN_FILE, JSON.stringify(token));
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
        st = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(dir);
    }
    catch (e) {
        return e.code === 'ENOENT' ? undefined : e.message;
    }
    if (!st.isDirectory())
        return `${dir} is not a folder`;
    try {
        const clear = (folder, depth) => {
            for (const name of (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(folder)) {
                const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(folder, name);
                // lstat: a link is removed as a link, never followed.
                if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(path).isDirectory() && depth < 2) {
                    clear(path, depth + 1);
                    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmdirSync)(path);
                }
                else {
                    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.unlinkSync)(path);
                }
            }
        };
        clear(dir, 0);
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmdirSync)(dir);
        return undefined;
    }
    catch (e) {
        return e.message;
    }
}


/***/ }),

/***/ 4080:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ JsonApi),
/* harmony export */   r: () => (/* binding */ secondsHeader)
/* harmony export */ });
/* harmony import */ var _endpoint_error_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8081);
/* harmony import */ var _json_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6153);
/* harmony import */ var _oauth_request_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7522);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7161);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2020);
/**
 * A Bearer-token JSON API of a monitoring provider (Datadog, PagerDuty): every request goes to
 * the one origin the step was given, with the provider's own error format, its rate-limit
 * header honoured, and the scope each call needs named in a 403.
 */





/** Seconds in a rate-limit header (`ratelimit-reset: 20`), as milliseconds. */
function secondsHeader(headers, name) {
    const v = headers[name];
    const text = (Array.isArray(v) ? v[0] : v)?.trim();
    return text && /^\d{1,6}$/.test(text) ? Number(text) * 1000 : undefined;
}
class JsonApi {
    dialect;
    opts;
    rt;
    constructor(dialect, opts, rt) {
        this.dialect = dialect;
        this.opts = opts;
        this.rt = rt;
    }
    get origin() {
        return this.opts.origin;
    }
    async call(c) {
        const url = new URL(c.path, this.opts.origin);
        if (url.origin !== this.opts.origin.origin) {
            // Paths are ours; this guards the rule that a token goes to its own API host only.
            throw new Error((0,_text_js__WEBPACK_IMPORTED_MODULE_3__.t) `refusing to send a ${this.dialect.title} token to ${url.origin}`);
        }
        const d = this.dialect;
        return (0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .withRetries */ .LH)(async () => {
            const res = await this.rt.send({
                url,
                method: c.method,
                headers: {
                    authorization: `Bearer ${this.opts.token()}`,
                    accept: 'application/json',
                    'user-agent': _oauth_request_js__WEBPACK_IMPORTED_MODULE_1__/* .USER_AGENT */ ._O,
                    ...d.headers,
                    ...(c.body === undefined ? {} : { 'content-type': 'application/json' }),
                },
                body: c.body === undefined ? undefined : JSON.stringify(c.body),
                timeoutMs: this.opts.timeoutMs,
                signal: this.rt.signal,
            });
            const text = res.body.toString('utf8').trim();
            const data = text ? (0,_json_js__WEBPACK_IMPORTED_MODULE_4__/* .parseJson */ .q)(text) : undefined;
            if ((res.status >= 200 && res.status < 300) || c.accept?.includes(res.status)) {
                if (text && data === undefined && res.status !== 204) {
                    throw new _endpoint_error_js__WEBPACK_IMPORTED_MODULE_0__/* .EndpointError */ .cY((0,_text_js__WEBPACK_IMPORTED_MODULE_3__.t) `The ${c.what} (${c.method} ${url.pathname}) was answered HTTP ${res.status} with a body that is not JSON.`, { status: res.status, retry: 'never', kind: 'protocol' });
                }
                return { status: res.status, data };
            }
            const said = d.errorText(data);
            const retry = (0,_endpoint_error_js__WEBPACK_IMPORTED_MODULE_0__/* .statusRetry */ .Rd)(res.status);
            const scope = res.status === 403 ? d.scopeOf(c.method, url.pathname) : undefined;
            const hint = res.status === 401
                ? ' The access token was refused: it has expired or was revoked; mint a fresh one.'
                : scope
                    ? ` This call needs the scope ${scope}: grant it to the OAuth client and mint a new token.`
                    : '';
            throw new _endpoint_error_js__WEBPACK_IMPORTED_MODULE_0__/* .EndpointError */ .cY((0,_text_js__WEBPACK_IMPORTED_MODULE_3__.t) `The ${c.what} (${c.method} ${url.origin}${url.pathname}) was answered HTTP ${res.status}${said ? `: ${(0,_text_js__WEBPACK_IMPORTED_MODULE_3__/* .serverText */ .Tn)(said, this.opts.secrets())}` : ''}.${hint}`, {
                status: res.status,
                retry,
                kind: res.status === 401 || res.status === 403 ? 'auth' : 'server',
                retryAfterMs: res.status === 429 ? d.retryAfterMs(res.headers) : undefined,
                retryAfterHeader: d.retryAfterHeader,
            });
        }, {
            what: c.what,
            budgetMs: this.opts.budgetMs,
            budgetLabel: this.opts.budgetLabel,
            idempotent: c.idempotent,
            notIdempotentReason: c.idempotent
                ? undefined
                : 'it creates a window, and the server may have created it already; the post step looks for it by its marker',
        }, this.rt);
    }
}


/***/ }),

/***/ 22:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CF: () => (/* binding */ pagerDutyDialect),
/* harmony export */   bs: () => (/* binding */ resolveServices),
/* harmony export */   fr: () => (/* binding */ listPagerDutyWindows),
/* harmony export */   ii: () => (/* binding */ openPagerDutyWindow),
/* harmony export */   pi: () => (/* binding */ endPagerDutyWindow),
/* harmony export */   sc: () => (/* binding */ windowRequest),
/* harmony export */   wO: () => (/* binding */ PAGERDUTY_REGIONS)
/* harmony export */ });
/* unused harmony exports PAGERDUTY_READ_SCOPE, PAGERDUTY_WRITE_SCOPE, SERVICE_ID, findPagerDutyWindows */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _net_json_api_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4080);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2020);
/* harmony import */ var _windows_marker_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6375);
/**
 * PagerDuty maintenance windows (REST API v2) over services chosen by id or by name: resolve
 * them, open one window for all with its end, end it, and find one a crashed step left by the
 * marker in its description.
 *
 * Facts (docs/providers.md, "PagerDuty maintenance windows", from PagerDuty's OpenAPI document
 * and developer docs): requests carry `Accept: application/vnd.pagerduty+json;version=2` and an
 * app token as `Authorization: Bearer`. POST /maintenance_windows needs `type`, `start_time`,
 * `end_time` (in the future, after the start) and `services` (service references); answers 201.
 * DELETE /maintenance_windows/{id} deletes a future window and ends an ongoing one (204); a
 * window that has ended cannot be deleted (405). Scopes: services.read to read services and
 * windows, services.write to create and delete windows. A 429 carries `ratelimit-reset`.
 */




const PAGERDUTY_READ_SCOPE = 'services.read';
const PAGERDUTY_WRITE_SCOPE = 'services.write';
const PAGERDUTY_REGIONS = {
    us: 'https://api.pagerduty.com',
    eu: 'https://api.eu.pagerduty.com',
};
const CALL_SCOPES = [
    ['GET', /^\/services(\/[^/]+)?$/, PAGERDUTY_READ_SCOPE],
    ['GET', /^\/maintenance_windows(\/[^/]+)?$/, PAGERDUTY_READ_SCOPE],
    ['POST', /^\/maintenance_windows$/, PAGERDUTY_WRITE_SCOPE],
    ['DELETE', /^\/maintenance_windows\/[^/]+$/, PAGERDUTY_WRITE_SCOPE],
    ['GET', /^\/incidents$/, 'incidents.read'],
];
/** A service id as PagerDuty writes them (`PIJ90N7`). */
const SERVICE_ID = /^P[A-Z0-9]{6,13}$/;
/** `from`: the optional `From` header (a user's email), recorded as who acted. */
function pagerDutyDialect(from) {
    return {
        title: 'PagerDuty API',
        headers: {
            accept: 'application/vnd.pagerduty+json;version=2',
            ...(from ? { from } : {}),
        },
        // {"error": {"message": "...", "code": 2001, "errors": ["..."]}}
        errorText(body) {
            const e = body?.error;
            if (!e)
                return undefined;
            const parts = [typeof e.message === 'string' ? e.message : ''];
            if (Array.isArray(e.errors))
                parts.push(...e.errors.filter((x) => typeof x === 'string'));
            return parts.filter(Boolean).join(': ') || undefined;
        },
        retryAfterMs: (h) => (0,_net_json_api_js__WEBPACK_IMPORTED_MODULE_1__/* .secondsHeader */ .r)(h, 'ratelimit-reset'),
        retryAfterHeader: 'ratelimit-reset',
        scopeOf: (method, path) => CALL_SCOPES.find(([m, p]) => m === method && p.test(path))?.[2],
    };
}
function serviceOf(s) {
    const o = s;
    return typeof o?.id === 'string' && SERVICE_ID.test(o.id)
        ? { id: o.id, name: typeof o.name === 'string' ? o.name : String(o.summary ?? '') }
        : undefined;
}
/** Resolve service ids and names; `label` names the input in messages. */
async function resolveServices(api, items, label) {
    const found = new Map();
    for (const item of items) {
        if (SERVICE_ID.test(item)) {
            const a = await api.call({
                method: 'GET',
                path: `/services/${encodeURIComponent(item)}`,
                what: 'service lookup',
                idempotent: true,
                accept: [404],
            });
            const s = a.status === 404 ? undefined : serviceOf(a.data?.service);
            if (!s)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StepError */ .zg('input', (0,_text_js__WEBPACK_IMPORTED_MODULE_2__.t) `${label} lists service ${item}, which PagerDuty does not have.`);
            found.set(s.id, s);
            continue;
        }
        const a = await api.call({
            method: 'GET',
            path: `/services?query=${encodeURIComponent(item)}&limit=100`,
            what: 'service lookup',
            idempotent: true,
        });
        const raw = a.data?.services;
        const list = (Array.isArray(raw) ? raw : [])
            .map(serviceOf)
            .filter((s) => !!s);
        const exact = list.filter((s) => s.name === item);
        if (!exact.length) {
            const near = list.slice(0, 3).map((s) => `'${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .serverText */ .Tn)(s.name)}' (${s.id})`);
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StepError */ .zg('input', (0,_text_js__WEBPACK_IMPORTED_MODULE_2__.t) `${label} lists the service '${item}', and no PagerDuty service has that exact name.${near.length ? ` Names that match it: ${near.join(', ')}.` : ''}`);
        }
        for (const s of exact)
            found.set(s.id, s);
    }
    return [...found.values()];
}
function windowRequest(plan, services) {
    return {
        maintenance_window: {
            type: 'maintenance_window',
            start_time: (0,_windows_marker_js__WEBPACK_IMPORTED_MODULE_3__/* .utcIso */ .sq)(plan.startMs),
            end_time: (0,_windows_marker_js__WEBPACK_IMPORTED_MODULE_3__/* .utcIso */ .sq)(plan.endMs),
            description: plan.description,
            services: services.map((s) => ({ id: s.id, type: 'service_reference' })),
        },
    };
}
/** Open the window; its id and its page in PagerDuty's web app, when the answer gives one. */
async function openPagerDutyWindow(api, body) {
    const a = await api.call({
        method: 'POST',
        path: '/maintenance_windows',
        body,
        what: 'maintenance window creation',
        idempotent: false,
    });
    const w = a.data
        ?.maintenance_window;
    if (typeof w?.id !== 'string' || !/^[A-Z0-9]{1,20}$/.test(w.id)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StepError */ .zg('protocol', 'PagerDuty opened the maintenance window but its answer has no window id; end it in PagerDuty (Services > Maintenance Windows).');
    }
    const html = typeof w.html_url === 'string' &&
        /^https:\/\/[A-Za-z0-9.-]+(\/[A-Za-z0-9._~/-]*)?$/.test(w.html_url)
        ? w.html_url
        : undefined;
    return { id: w.id, htmlUrl: html };
}
/** End a window as PagerDuty's API allows: DELETE deletes a future one and ends an ongoing one. */
async function endPagerDutyWindow(api, id, now) {
    const path = `/maintenance_windows/${encodeURIComponent(id)}`;
    const read = await api.call({
        method: 'GET',
        path,
        what: 'maintenance window lookup',
        idempotent: true,
        accept: [404],
    });
    if (read.status === 404)
        return 'gone';
    const w = read.data?.maintenance_window;
    const endMs = typeof w?.end_time === 'string' ? Date.parse(w.end_time) : NaN;
    const startMs = typeof w?.start_time === 'string' ? Date.parse(w.start_time) : NaN;
    if (Number.isFinite(endMs) && endMs <= now)
        return 'already-over';
    const del = await api.call({
        method: 'DELETE',
        path,
        what: 'maintenance window end',
        idempotent: true,
        accept: [404, 405],
    });
    if (del.status === 404)
        return 'gone';
    if (del.status === 405)
        return 'already-over';
    return Number.isFinite(startMs) && startMs > now ? 'deleted' : 'ended';
}
/** Open windows (ongoing or future), every page. */
async function listPagerDutyWindows(api) {
    const out = [];
    const limit = 100;
    for (let offset = 0; offset < 10_000; offset += limit) {
        const a = await api.call({
            method: 'GET',
            path: `/maintenance_windows?filter=open&limit=${limit}&offset=${offset}`,
            what: 'maintenance window lookup',
            idempotent: true,
        });
        const body = a.data;
        const list = Array.isArray(body?.maintenance_windows)
            ? body.maintenance_windows
            : [];
        const time = (v) => typeof v === 'string' && Number.isFinite(Date.parse(v)) ? Date.parse(v) : undefined;
        for (const w of list) {
            if (typeof w.id !== 'string' || !/^[A-Z0-9]{1,20}$/.test(w.id))
                continue;
            out.push({
                id: w.id,
                startMs: time(w.start_time),
                endMs: time(w.end_time),
                description: typeof w.description === 'string' ? w.description : '',
                services: Array.isArray(w.services) ? w.services.length : 0,
            });
        }
        if (body?.more !== true || list.length === 0)
            break;
    }
    return out;
}
/** Open windows (ongoing or future) whose description carries the marker. */
async function findPagerDutyWindows(api, marker) {
    return (await listPagerDutyWindows(api))
        .filter((w) => w.description.includes(marker))
        .map((w) => w.id);
}


/***/ }),

/***/ 6015:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cx: () => (/* binding */ parseApiConfig),
/* harmony export */   GE: () => (/* binding */ parseApiLimits),
/* harmony export */   pA: () => (/* binding */ API_MAX_RETRY_SECONDS),
/* harmony export */   sC: () => (/* binding */ DEFAULT_API_LIMITS)
/* harmony export */ });
/* unused harmony export parseMaintenanceToken */
/* harmony import */ var _oauth_token_config_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8293);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9114);
/* harmony import */ var _url_policy_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8601);
/* harmony import */ var _oauth_providers_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7473);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2020);
/**
 * How a step reaches the Site24x7 API: an access token, client credentials to mint one (only a
 * Zoho or Site24x7 client: the API takes no other provider's tokens), the API root, the MSP
 * customer, and time limits. Shared by the maintenance step and the command line.
 */





/** The Site24x7 calls' retry budget: shorter than a token's, which may wait out Zoho's throttle. */
const API_MAX_RETRY_SECONDS = 120;
/** Providers whose tokens the Site24x7 API accepts. */
const SITE24X7_PROVIDERS = ['site24x7', 'zoho'];
/** Token inputs this step does not have read as unset; the provider defaults to site24x7. */
function tokenSource(src) {
    return (0,_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .derivedSource */ .ZT)(src, (key) => key === 'provider' ? src.get('provider').trim() || 'site24x7' : src.get(key));
}
/** Client credentials to mint a token with, when the inputs have a client id. */
function parseMaintenanceToken(src, log) {
    if (!src.get('client-id').trim())
        return undefined;
    const inputs = new _inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .Inputs */ .G0(tokenSource(src), log);
    // Site24x7 takes only tokens from Zoho's accounts servers: a token of another provider would
    // be sent to it for nothing (and with it, to a party that should never see it).
    const provider = inputs.str('provider').toLowerCase();
    if (!SITE24X7_PROVIDERS.includes(provider)) {
        throw inputs.error('provider', (0,_text_js__WEBPACK_IMPORTED_MODULE_3__.t) `is '${provider}', but the Site24x7 API accepts only tokens from Zoho's accounts servers`, (0,_text_js__WEBPACK_IMPORTED_MODULE_3__.t) `use a service connection or provider of ${SITE24X7_PROVIDERS.join(' or ')}`);
    }
    // One retry budget for the token and the calls, as the help and the action say.
    return (0,_oauth_token_config_js__WEBPACK_IMPORTED_MODULE_0__/* .parseTokenConfig */ .t9)(inputs, API_MAX_RETRY_SECONDS);
}
function parseApiConfig(src, log) {
    const inputs = new _inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .Inputs */ .G0(src, log);
    // Credentials: an access token, client credentials, or both (the token first).
    const accessToken = inputs.secret('access-token');
    const haveClient = Boolean(inputs.str('client-id'));
    const fromJob = inputs.bool('token-from-job', false);
    if (fromJob && accessToken) {
        throw inputs.error('token-from-job', (0,_text_js__WEBPACK_IMPORTED_MODULE_3__.t) `is true together with ${inputs.label('access-token')}`, (0,_text_js__WEBPACK_IMPORTED_MODULE_3__.t) `keep one: ${inputs.label('token-from-job')} for a token that is valid whenever it is used, or ${inputs.label('access-token')}`);
    }
    if (!accessToken && !haveClient && !fromJob) {
        throw inputs.error('access-token', (0,_text_js__WEBPACK_IMPORTED_MODULE_3__.t) `is empty, and so is ${inputs.label('client-id')}`, (0,_text_js__WEBPACK_IMPORTED_MODULE_3__.t) `pass the access token ${inputs.words.tokenSource} (preferred: it saves a mint, and Zoho allows about 10 per refresh token per 10 minutes), or ${inputs.label('client-id')}, ${inputs.label('client-secret')} and ${inputs.label('refresh-token')} with ${inputs.label('region')}`);
    }
    const token = parseMaintenanceToken(src, log);
    // Where the API is.
    let region = token?.region;
    let apiRoot;
    const apiRaw = inputs.str('api-url');
    if (apiRaw) {
        apiRoot = (0,_url_policy_js__WEBPACK_IMPORTED_MODULE_4__/* .endpointUrl */ .P)(inputs, 'api-url', apiRaw, 'Site24x7 API root');
        if (apiRoot.search) {
            // Not quoted: a query string is where signatures and keys travel.
            throw inputs.error('api-url', 'has a query string', 'give the plain API root, e.g. https://www.site24x7.com/api (requests add their own paths)');
        }
    }
    else {
        if (!token) {
            region = inputs.oneOf('region', Object.keys(_oauth_providers_js__WEBPACK_IMPORTED_MODULE_2__/* .PROVIDERS */ .xq.site24x7.regions), 'us');
        }
        const root = (0,_oauth_providers_js__WEBPACK_IMPORTED_MODULE_2__/* .site24x7ApiRoot */ .Z5)(region);
        if (!root) {
            throw inputs.error('api-url', 'is empty, and the token settings name no Site24x7 region', (0,_text_js__WEBPACK_IMPORTED_MODULE_3__.t) `set ${inputs.label('region')} to your Site24x7 data centre (${Object.keys(_oauth_providers_js__WEBPACK_IMPORTED_MODULE_2__/* .PROVIDERS */ .xq.site24x7.regions).join(', ')}), or ${inputs.label('api-url')} to its API root, e.g. https://www.site24x7.com/api`);
        }
        apiRoot = new URL(root);
    }
    const customerId = inputs.str('customer-id');
    if (customerId && !/^[A-Za-z0-9_-]{1,64}$/.test(customerId)) {
        throw inputs.error('customer-id', 'is not a Site24x7 customer ID (letters, digits, - and _ only)', 'copy the MSP or business-unit customer ID (zaaid) from the Site24x7 console');
    }
    const { timeoutMs, budgetMs } = parseApiLimits(inputs);
    return { apiRoot, region, accessToken, fromJob, token, customerId, timeoutMs, budgetMs };
}
/** Each API call's time limit and its retry budget: every provider's API calls share them. */
function parseApiLimits(inputs) {
    return {
        timeoutMs: inputs.seconds('timeout-seconds', _oauth_token_config_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULT_TIMEOUT_SECONDS */ .KU, 0, 600, true),
        budgetMs: inputs.seconds('max-retry-seconds', API_MAX_RETRY_SECONDS, 0, 3600),
    };
}
/** The limits when no input says otherwise (a post step's lookups, say). */
const DEFAULT_API_LIMITS = {
    timeoutMs: _oauth_token_config_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULT_TIMEOUT_SECONDS */ .KU * 1000,
    budgetMs: API_MAX_RETRY_SECONDS * 1000,
};


/***/ }),

/***/ 100:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L7: () => (/* binding */ parseWindowSettings),
/* harmony export */   P7: () => (/* binding */ parseCheckSettings),
/* harmony export */   _q: () => (/* binding */ OPENED_BY),
/* harmony export */   vv: () => (/* binding */ parseMaintenanceConfig)
/* harmony export */ });
/* unused harmony exports DEFAULT_DURATION, MAX_DURATION_MINUTES, defaultName, defaultDescription */
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9114);
/* harmony import */ var _time_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8711);
/* harmony import */ var _select_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6934);
/* harmony import */ var _health_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1936);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2020);
/* harmony import */ var _api_config_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6015);
/**
 * The maintenance step's settings, parsed and checked before anything is sent: operation,
 * credentials (an access token, client credentials to mint one, or both), the API root,
 * what is selected, and the window's time, name and options.
 */






const DEFAULT_DURATION = '60m';
const MAX_DURATION_MINUTES = 7 * 24 * 60;
const MAX_NAME = 100;
const MAX_DESCRIPTION = 500;
function defaultName(run) {
    const what = run.source ?? 'pipeline';
    const parts = [`Deployment: ${what}`];
    if (run.run)
        parts.push(`#${run.run}`);
    if (run.sha)
        parts.push(`(${run.sha.slice(0, 7)})`);
    return parts.join(' ');
}
/** How a window's default description starts: how `maintenance list` tells this tool's windows. */
const OPENED_BY = 'Opened by the site24x7-maintenance step';
function defaultDescription(run) {
    const bits = [`${OPENED_BY} for ${run.source ?? 'a pipeline'}`];
    if (run.run)
        bits.push(`run ${run.run}`);
    if (run.sha)
        bits.push(`commit ${run.sha.slice(0, 12)}`);
    return `${bits.join(', ')}.${run.url ? ` ${run.url}` : ''}`;
}
/**
 * Plain text for Site24x7. Line breaks are allowed where `multiLine` (a description); a name is
 * one line, so its line breaks (say, from a commit message) become single spaces. Any other
 * control character is refused.
 */
function plainText(inputs, key, raw, max, multiLine) {
    const value = multiLine
        ? raw.replace(/\r\n?/g, '\n')
        : raw.replace(/\s*(?:\r\n?|[\n\u0085\u2028\u2029])\s*/g, ' ').trim();
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/.test(value)) {
        throw inputs.error(key, 'contains a control character', 'use plain text');
    }
    return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}
function parseMaintenanceConfig(src, log, now, run) {
    const inputs = new _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .Inputs */ .G0(src, log);
    const operation = inputs.oneOf('operation', ['start', 'end', 'check'], 'start');
    const { apiRoot, region, accessToken, fromJob, token, customerId, timeoutMs, budgetMs } = (0,_api_config_js__WEBPACK_IMPORTED_MODULE_4__/* .parseApiConfig */ .Cx)(src, log);
    const selection = operation === 'end' ? undefined : (0,_select_js__WEBPACK_IMPORTED_MODULE_2__/* .parseSelection */ .gO)(inputs);
    // The window (read only to start one, so leftovers in a shared input set do no harm).
    let startMs = now;
    let durationMinutes = 60;
    let timeZone = 'UTC';
    let name = '';
    let description = '';
    let performMonitoring = true;
    let endOnExit = false;
    if (operation === 'start') {
        ({ startMs, durationMinutes, timeZone, name, description, performMonitoring, endOnExit } =
            parseWindow(inputs, now, run));
    }
    const dryRun = inputs.bool('dry-run', false);
    if (dryRun)
        endOnExit = false;
    const maintenanceId = inputs.str('maintenance-id');
    if (operation === 'end' && !/^\d+$/.test(maintenanceId)) {
        throw inputs.error('maintenance-id', maintenanceId
            ? `has the value '${maintenanceId}', which is not a Site24x7 ID`
            : 'is required to end a window', (0,_text_js__WEBPACK_IMPORTED_MODULE_5__.t) `pass ${inputs.words.windowIdSource}`);
    }
    const waitMs = inputs.seconds('wait-seconds', 0, 0, 6 * 3600);
    const pollMs = inputs.seconds('poll-seconds', 30, 1, 600);
    const passItems = inputs.list('pass-states');
    const { codes: pass, bad } = (0,_health_js__WEBPACK_IMPORTED_MODULE_3__/* .parseStates */ .Gt)(passItems.length ? passItems : ['up']);
    if (bad.length) {
        throw inputs.error('pass-states', (0,_text_js__WEBPACK_IMPORTED_MODULE_5__.t) `has ${bad.map((b) => `'${b}'`).join(', ')}, which ${bad.length > 1 ? 'are not monitor states' : 'is not a monitor state'}`, 'use up, down, trouble, critical, suspended, maintenance, discovery, configuration-error or a numeric status');
    }
    return {
        operation,
        apiRoot,
        region,
        accessToken,
        fromJob,
        token,
        customerId,
        timeoutMs,
        budgetMs,
        selection,
        startMs,
        durationMinutes,
        timeZone,
        name,
        description,
        performMonitoring,
        endOnExit,
        dryRun,
        maintenanceId,
        waitMs,
        pollMs,
        pass,
        label: (k) => inputs.label(k),
        subject: (k) => inputs.subject(k),
        words: inputs.words,
    };
}
/** The check's settings alone: for a gate over Datadog or PagerDuty only. */
function parseCheckSettings(src, log) {
    const inputs = new _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .Inputs */ .G0(src, log);
    return {
        waitMs: inputs.seconds('wait-seconds', 0, 0, 6 * 3600),
        pollMs: inputs.seconds('poll-seconds', 30, 1, 600),
        pass: (0,_health_js__WEBPACK_IMPORTED_MODULE_3__/* .parseStates */ .Gt)(['up']).codes,
        label: (k) => inputs.label(k),
        words: inputs.words,
        ...(0,_api_config_js__WEBPACK_IMPORTED_MODULE_4__/* .parseApiLimits */ .GE)(inputs),
    };
}
/**
 * The window's settings alone: for a step that mutes only Datadog or PagerDuty, which needs
 * neither Site24x7's credentials nor its selection.
 */
function parseWindowSettings(src, log, now, run) {
    const inputs = new _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .Inputs */ .G0(src, log);
    const w = parseWindow(inputs, now, run);
    const dryRun = inputs.bool('dry-run', false);
    return {
        ...w,
        endOnExit: w.endOnExit && !dryRun,
        dryRun,
        ...(0,_api_config_js__WEBPACK_IMPORTED_MODULE_4__/* .parseApiLimits */ .GE)(inputs),
    };
}
function parseWindow(inputs, now, run) {
    const timeZone = inputs.str('time-zone') || 'UTC';
    if (!(0,_time_js__WEBPACK_IMPORTED_MODULE_1__/* .isTimeZone */ .kQ)(timeZone)) {
        throw inputs.error('time-zone', (0,_text_js__WEBPACK_IMPORTED_MODULE_5__.t) `has the value '${timeZone}', which is not an IANA time zone`, 'use a name such as UTC, Europe/Berlin or America/New_York');
    }
    const abbreviated = (0,_time_js__WEBPACK_IMPORTED_MODULE_1__/* .abbreviatedZone */ .eb)(timeZone);
    if (abbreviated) {
        throw inputs.error('time-zone', (0,_text_js__WEBPACK_IMPORTED_MODULE_5__.t) `has the value '${timeZone}', an abbreviation or alias that readers take for different zones (Site24x7 reads zones as Java does)`, (0,_text_js__WEBPACK_IMPORTED_MODULE_5__.t) `use the full IANA name${abbreviated.suggest ? `: ${abbreviated.suggest}` : ', such as Asia/Tokyo or Europe/Berlin'}`);
    }
    const durationRaw = inputs.str('duration') || DEFAULT_DURATION;
    const durationMinutes = (0,_time_js__WEBPACK_IMPORTED_MODULE_1__/* .parseDuration */ .E9)(durationRaw);
    if (durationMinutes === undefined ||
        durationMinutes < 1 ||
        durationMinutes > MAX_DURATION_MINUTES) {
        throw inputs.error('duration', (0,_text_js__WEBPACK_IMPORTED_MODULE_5__.t) `has the value '${durationRaw}', which is not a duration from 1m to ${(0,_time_js__WEBPACK_IMPORTED_MODULE_1__/* .formatMinutes */ .dp)(MAX_DURATION_MINUTES)}`, (0,_text_js__WEBPACK_IMPORTED_MODULE_5__.t) `write minutes and hours such as 45m, 2h or 1h30m (the default is ${DEFAULT_DURATION})`);
    }
    const startRaw = inputs.str('start');
    const startMs = (0,_time_js__WEBPACK_IMPORTED_MODULE_1__/* .parseStart */ .oZ)(startRaw, now, timeZone);
    if (startMs === undefined) {
        throw inputs.error('start', (0,_text_js__WEBPACK_IMPORTED_MODULE_5__.t) `has the value '${startRaw}', which is not a time that can be read (or does not exist in ${timeZone})`, (0,_text_js__WEBPACK_IMPORTED_MODULE_5__.t) `leave it empty for now, or write +15m, 2026-11-22T18:00Z, or 2026-11-22 18:00 (read in ${inputs.label('time-zone')})`);
    }
    if (startMs < now - 60_000) {
        throw inputs.error('start', (0,_text_js__WEBPACK_IMPORTED_MODULE_5__.t) `is ${startRaw}, which is in the past`, 'leave it empty to start now, or give a time to come');
    }
    const name = plainText(inputs, 'name', inputs.str('name') || defaultName(run), MAX_NAME, false);
    const description = plainText(inputs, 'description', inputs.str('description') || defaultDescription(run), MAX_DESCRIPTION, true);
    const performMonitoring = inputs.bool('perform-monitoring', true);
    const endOnExit = inputs.bool('end-on-exit', true);
    return { startMs, durationMinutes, timeZone, name, description, performMonitoring, endOnExit };
}


/***/ }),

/***/ 1936:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gt: () => (/* binding */ parseStates),
/* harmony export */   L8: () => (/* binding */ readHealth),
/* harmony export */   Oc: () => (/* binding */ describeFailing),
/* harmony export */   PZ: () => (/* binding */ maintenanceHint),
/* harmony export */   Vi: () => (/* binding */ stateName),
/* harmony export */   ah: () => (/* binding */ MAINTENANCE_STATE)
/* harmony export */ });
/* unused harmony export STATES */
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2020);
/* harmony import */ var _json_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5508);
/**
 * The health gate: Site24x7's monitor states, reading them (current_status, with suspended
 * and APM monitors); the gate that polls them is core/gate/.
 */


/** Site24x7's monitor states (current_status). */
const STATES = {
    0: 'down',
    1: 'up',
    2: 'trouble',
    3: 'critical',
    5: 'suspended',
    7: 'maintenance',
    9: 'discovery',
    10: 'configuration-error',
};
function stateName(code) {
    if (code === undefined)
        return 'not reported';
    return STATES[code] ?? `state ${code}`;
}
/** `up, trouble` or `1,2` -> state codes; undefined names are returned as bad. */
function parseStates(items) {
    const codes = new Set();
    const bad = [];
    const byName = new Map(Object.entries(STATES).map(([k, v]) => [v, Number(k)]));
    for (const raw of items) {
        const s = raw.trim().toLowerCase().replace(/[ _]/g, '-');
        if (/^\d+$/.test(s))
            codes.add(Number(s));
        else if (byName.has(s))
            codes.add(byName.get(s));
        else
            bad.push(raw);
    }
    return { codes, bad };
}
async function readHealth(api, monitors, pass) {
    // Without these flags Site24x7 leaves suspended and APM monitors out of the answer, and a
    // suspended monitor would read as "not reported" even where pass-states allows suspended.
    const { data } = await api.get('/current_status?suspended_required=true&apm_required=true', 'current status request');
    const states = new Map();
    const take = (m) => {
        const r = (0,_json_js__WEBPACK_IMPORTED_MODULE_0__/* .rec */ .D9)(m);
        const monitorId = (0,_json_js__WEBPACK_IMPORTED_MODULE_0__.id)(r.monitor_id);
        const s = Number(r.status);
        if (monitorId && Number.isFinite(s))
            states.set(monitorId, s);
    };
    const d = (0,_json_js__WEBPACK_IMPORTED_MODULE_0__/* .rec */ .D9)(data);
    for (const m of (0,_json_js__WEBPACK_IMPORTED_MODULE_0__/* .arr */ .QL)(d.monitors))
        take(m);
    for (const g of (0,_json_js__WEBPACK_IMPORTED_MODULE_0__/* .arr */ .QL)(d.monitor_groups))
        for (const m of (0,_json_js__WEBPACK_IMPORTED_MODULE_0__/* .arr */ .QL)((0,_json_js__WEBPACK_IMPORTED_MODULE_0__/* .rec */ .D9)(g).monitors))
            take(m);
    return monitors.map((m) => {
        const state = states.get(m.id);
        return { ...m, state, passes: state !== undefined && pass.has(state) };
    });
}
const describe = (m) => `'${(0,_text_js__WEBPACK_IMPORTED_MODULE_1__/* .serverText */ .Tn)(m.name)}' (${m.id}): ${stateName(m.state)}`;
function describeFailing(ms) {
    return ms
        .filter((m) => !m.passes)
        .map(describe)
        .join('; ');
}
/** Site24x7's state for a monitor inside a maintenance window. */
const MAINTENANCE_STATE = 7;
/**
 * Said when monitors fail the gate because they are in a maintenance window: Site24x7 then
 * reports them as state 7 (maintenance), not their health, so the gate cannot see whether the
 * deployment works until the window ends.
 */
function maintenanceHint(ms, cfg) {
    const n = ms.filter((m) => !m.passes && m.state === MAINTENANCE_STATE).length;
    if (!n)
        return '';
    return ` ${n} of them ${n === 1 ? 'is' : 'are'} in a maintenance window, where Site24x7 reports 'maintenance' instead of health: end the window first (${cfg.words.howToEnd}), then check, with ${cfg.label('wait-seconds')} long enough for a poll of each monitor.`;
}


/***/ }),

/***/ 5508:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D9: () => (/* binding */ rec),
/* harmony export */   QL: () => (/* binding */ arr),
/* harmony export */   gx: () => (/* binding */ str),
/* harmony export */   id: () => (/* binding */ id)
/* harmony export */ });
/** Reading Site24x7's JSON without trusting its shape: wrong types read as empty. */
const str = (v) => typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
const arr = (v) => (Array.isArray(v) ? v : []);
const rec = (v) => v && typeof v === 'object' ? v : {};
/**
 * A Site24x7 ID: a long decimal number, kept as a string. Anything else reads as empty, so a
 * hostile or broken answer cannot put text where an ID is printed, saved or sent back.
 */
const id = (v) => {
    const s = str(v);
    return /^\d{1,40}$/.test(s) ? s : '';
};


/***/ }),

/***/ 6959:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C9: () => (/* binding */ planClose),
/* harmony export */   Dd: () => (/* binding */ ONE_OFF),
/* harmony export */   JM: () => (/* binding */ windowBody),
/* harmony export */   JY: () => (/* binding */ createWindow),
/* harmony export */   ke: () => (/* binding */ endWindow),
/* harmony export */   zL: () => (/* binding */ windowInfo),
/* harmony export */   zk: () => (/* binding */ getWindow)
/* harmony export */ });
/* unused harmony exports findWindow, knownWindow, closeWindow */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2020);
/* harmony import */ var _select_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6934);
/* harmony import */ var _json_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5508);
/* harmony import */ var _time_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8711);
/**
 * Maintenance windows and health gates on Site24x7: plan a one-off window, create it (safe
 * to retry: a retry first looks for the window an earlier attempt may have created), end it
 * (shorten a running one to the next whole minute, delete one not yet started, accept one
 * already gone). The health gate is in health.ts.
 */





const BODY_KEY = {
    monitors: 'monitors',
    'monitor-groups': 'monitor_groups',
    tags: 'tags',
};
/** Site24x7's `maintenance_type` of a one-off window, the only kind this tool opens and ends. */
const ONE_OFF = 3;
/** The body Site24x7 takes for a one-off window (`maintenance_type` ONE_OFF). */
function windowBody(plan) {
    const start = (0,_time_js__WEBPACK_IMPORTED_MODULE_2__/* .toWall */ .oB)(plan.startMs, plan.timeZone);
    const end = (0,_time_js__WEBPACK_IMPORTED_MODULE_2__/* .toWall */ .oB)(plan.endMs, plan.timeZone);
    const body = {
        display_name: plan.name,
        description: plan.description,
        maintenance_type: ONE_OFF,
        start_date: start.date,
        start_time: start.time,
        end_date: end.date,
        end_time: end.time,
        timezone: plan.timeZone,
        selection_type: _select_js__WEBPACK_IMPORTED_MODULE_1__/* .SELECTION_TYPE */ .Sn[plan.kind],
        [BODY_KEY[plan.kind]]: plan.ids,
        perform_monitoring: plan.performMonitoring,
    };
    if (plan.kind === 'monitor-groups')
        body.subgroup_monitors = false;
    return body;
}
/**
 * The ID of a listed window with the planned body's name and times (to the minute), if any:
 * how a create whose answer was lost, or a step killed mid-create, finds its window.
 */
async function findWindow(api, body, what) {
    const { data } = await api.get('/maintenance', what);
    const keys = ['display_name', 'start_date', 'start_time', 'end_date', 'end_time'];
    const hit = (0,_json_js__WEBPACK_IMPORTED_MODULE_3__/* .arr */ .QL)(data).find((w) => keys.every((k) => (0,_json_js__WEBPACK_IMPORTED_MODULE_3__/* .str */ .gx)((0,_json_js__WEBPACK_IMPORTED_MODULE_3__/* .rec */ .D9)(w)[k]) === body[k]));
    return (0,_json_js__WEBPACK_IMPORTED_MODULE_3__.id)((0,_json_js__WEBPACK_IMPORTED_MODULE_3__/* .rec */ .D9)(hit).maintenance_id) || undefined;
}
async function createWindow(api, plan) {
    const body = windowBody(plan);
    const res = await api.call('POST', '/maintenance', body, {
        what: 'window creation',
        idempotent: false,
        beforeRetry: () => findWindow(api, body, 'window lookup (after a lost answer)'),
    });
    if ('recovered' in res)
        return { id: res.data, recovered: true };
    const created = (0,_json_js__WEBPACK_IMPORTED_MODULE_3__.id)((0,_json_js__WEBPACK_IMPORTED_MODULE_3__/* .rec */ .D9)(res.data).maintenance_id);
    if (!created) {
        // Not 'protocol' (a refusal): Site24x7 may well have created the window, so the post step
        // keeps its plan and looks for it by name and times.
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StepError */ .zg('server', 'Site24x7 accepted the maintenance window but its answer had no usable maintenance_id (a numeric ID); check the console for the window and end it there if needed.');
    }
    return { id: created, recovered: false };
}
/** Read a window; undefined when Site24x7 no longer has it. */
async function getWindow(api, id) {
    const res = await api.get(`/maintenance/${encodeURIComponent(id)}`, 'window read', [404]);
    if (res.status === 404)
        return undefined;
    return windowInfo(id, (0,_json_js__WEBPACK_IMPORTED_MODULE_3__/* .rec */ .D9)(res.data));
}
/** A window as Site24x7 describes it (a read, or an item of the list). */
function windowInfo(id, r) {
    const rawZone = (0,_json_js__WEBPACK_IMPORTED_MODULE_3__/* .str */ .gx)(r.timezone);
    // Never a guess: a missing or unknown zone leaves the times unknown (see readZone).
    const zone = (0,_time_js__WEBPACK_IMPORTED_MODULE_2__/* .readZone */ .Xg)(rawZone);
    let startMs;
    let endMs;
    if (zone.ok) {
        try {
            startMs = (0,_time_js__WEBPACK_IMPORTED_MODULE_2__/* .fromWall */ .bv)((0,_json_js__WEBPACK_IMPORTED_MODULE_3__/* .str */ .gx)(r.start_date), (0,_json_js__WEBPACK_IMPORTED_MODULE_3__/* .str */ .gx)(r.start_time), zone.zone);
            endMs = (0,_time_js__WEBPACK_IMPORTED_MODULE_2__/* .fromWall */ .bv)((0,_json_js__WEBPACK_IMPORTED_MODULE_3__/* .str */ .gx)(r.end_date), (0,_json_js__WEBPACK_IMPORTED_MODULE_3__/* .str */ .gx)(r.end_time), zone.zone);
        }
        catch {
            // Unreadable dates: leave the times unknown.
        }
    }
    return {
        id,
        name: (0,_json_js__WEBPACK_IMPORTED_MODULE_3__/* .str */ .gx)(r.display_name),
        type: Number(r.maintenance_type),
        timeZone: zone.ok ? zone.zone : '',
        rawZone,
        zoneNote: zone.ok ? zone.note : undefined,
        zoneProblem: zone.ok ? undefined : zone.problem,
        startMs,
        endMs,
        body: r,
    };
}
/** Fields of a window that a full-body PUT sends back. */
const PUT_FIELDS = [
    'display_name',
    'description',
    'maintenance_type',
    'start_date',
    'start_time',
    'end_date',
    'end_time',
    'timezone',
    'selection_type',
    'monitors',
    'monitor_groups',
    'tags',
    'subgroup_monitors',
    'perform_monitoring',
];
/**
 * Close a one-off window now. Idempotent: a window already gone, already over, or already
 * ending within the minute is success.
 */
async function endWindow(api, id, rt, 
/** How the source names the window id input (`Input 'maintenance-id'`, `Option ...`). */
subject) {
    const w = await getWindow(api, id);
    if (!w)
        return { action: 'gone' };
    if (w.type !== ONE_OFF) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StepError */ .zg('input', (0,_text_js__WEBPACK_IMPORTED_MODULE_4__.t) `${subject} names window ${id} ('${(0,_text_js__WEBPACK_IMPORTED_MODULE_4__/* .serverText */ .Tn)(w.name)}'), which is a recurring window (maintenance_type ${w.type}), not a one-off window: this tool ends only one-off windows; change recurring ones in the Site24x7 console.`);
    }
    if (w.startMs === undefined || w.endMs === undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StepError */ .zg('protocol', w.zoneProblem
            ? (0,_text_js__WEBPACK_IMPORTED_MODULE_4__.t) `Site24x7's read of window ${id} ${(0,_text_js__WEBPACK_IMPORTED_MODULE_4__/* .serverText */ .Tn)(w.zoneProblem)}, so its start and end (${(0,_text_js__WEBPACK_IMPORTED_MODULE_4__/* .serverText */ .Tn)((0,_json_js__WEBPACK_IMPORTED_MODULE_3__/* .str */ .gx)(w.body.start_date))} ${(0,_text_js__WEBPACK_IMPORTED_MODULE_4__/* .serverText */ .Tn)((0,_json_js__WEBPACK_IMPORTED_MODULE_3__/* .str */ .gx)(w.body.start_time))} to ${(0,_text_js__WEBPACK_IMPORTED_MODULE_4__/* .serverText */ .Tn)((0,_json_js__WEBPACK_IMPORTED_MODULE_3__/* .str */ .gx)(w.body.end_date))} ${(0,_text_js__WEBPACK_IMPORTED_MODULE_4__/* .serverText */ .Tn)((0,_json_js__WEBPACK_IMPORTED_MODULE_3__/* .str */ .gx)(w.body.end_time))}) are wall-clock times in an unknown zone. This step does not guess (read as UTC, the window could end hours early, or not at all): end it in the Site24x7 console.`
            : (0,_text_js__WEBPACK_IMPORTED_MODULE_4__.t) `Window ${id} has a start or end this tool cannot read: end it in the Site24x7 console.`);
    }
    if (w.zoneNote)
        rt.log.info((0,_text_js__WEBPACK_IMPORTED_MODULE_4__.t) `Window ${id}: Site24x7's time zone ${(0,_text_js__WEBPACK_IMPORTED_MODULE_4__/* .serverText */ .Tn)(w.zoneNote)}.`);
    return closeWindow(api, w, rt);
}
/** Read a window body this step wrote itself (saved in the step state). */
function knownWindow(id, body) {
    const tz = str(body.timezone);
    if (!tz || Number(body.maintenance_type) !== ONE_OFF)
        return undefined;
    const startMs = fromWall(str(body.start_date), str(body.start_time), tz);
    const endMs = fromWall(str(body.end_date), str(body.end_time), tz);
    if (startMs === undefined || endMs === undefined)
        return undefined;
    return {
        id,
        name: str(body.display_name),
        type: ONE_OFF,
        timeZone: tz,
        rawZone: tz,
        startMs,
        endMs,
        body,
    };
}
/**
 * Plan ending a window whose body is known: DELETE before it starts, PUT with the next whole
 * minute as its end while it runs, nothing once it is over (or ending within the minute). Dry
 * runs print this plan; closeWindow carries it out.
 */
function planClose(w, now) {
    const id = w.id;
    if (w.startMs === undefined || w.endMs === undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StepError */ .zg('protocol', (0,_text_js__WEBPACK_IMPORTED_MODULE_4__.t) `Window ${id} has no readable start or end.`);
    }
    const path = `/maintenance/${encodeURIComponent(id)}`;
    if (now >= w.endMs)
        return { action: 'already-ended', endMs: w.endMs };
    if (now < w.startMs)
        return { action: 'deleted', request: { method: 'DELETE', path } };
    const endMs = (0,_time_js__WEBPACK_IMPORTED_MODULE_2__/* .nextMinute */ .uY)(now);
    if (endMs >= w.endMs)
        return { action: 'ending', endMs: w.endMs };
    const body = {};
    for (const k of PUT_FIELDS)
        if (w.body[k] !== undefined)
            body[k] = w.body[k];
    const end = (0,_time_js__WEBPACK_IMPORTED_MODULE_2__/* .toWall */ .oB)(endMs, w.timeZone);
    body.end_date = end.date;
    body.end_time = end.time;
    // The zone as Site24x7 wrote it: the new end is a wall time in that same zone, whether the
    // PUT honours `timezone` (its reference lists it for POST only) or keeps the window's own.
    body.timezone = w.rawZone || w.timeZone;
    const kind = _select_js__WEBPACK_IMPORTED_MODULE_1__/* .KIND_BY_TYPE */ .k_[Number(body.selection_type)];
    if (kind && body[BODY_KEY[kind]] === undefined)
        body[BODY_KEY[kind]] = [];
    // Every field explicitly: a PUT is a whole window, and what it leaves out takes Site24x7's
    // defaults, which can widen it (subgroup_monitors defaults to true on update). A group
    // window whose read did not say keeps to the groups' own monitors, as this step opens them.
    if (kind === 'monitor-groups' && typeof body.subgroup_monitors !== 'boolean')
        body.subgroup_monitors = false;
    if (typeof body.perform_monitoring !== 'boolean')
        body.perform_monitoring = false;
    body.description ??= '';
    return { action: 'shortened', request: { method: 'PUT', path, body }, endMs };
}
/**
 * End a window whose body is known, with at most one request (see planClose). Used by the post
 * step with the body the main step sent, so ending costs one call, not a read and a write.
 */
async function closeWindow(api, w, rt) {
    const plan = planClose(w, rt.now());
    if (!plan.request)
        return { action: plan.action, window: w, endMs: plan.endMs };
    const { method, path, body } = plan.request;
    const res = await api.call(method, path, body, {
        what: method === 'DELETE' ? 'window deletion' : 'window update (new end)',
        idempotent: true,
        accept: [404],
    });
    if (res.status === 404)
        return { action: 'gone', window: w };
    return { action: plan.action, window: w, endMs: plan.endMs };
}


/***/ }),

/***/ 371:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P5: () => (/* binding */ SCOPE_HINT),
/* harmony export */   aN: () => (/* binding */ scopeFor),
/* harmony export */   gL: () => (/* binding */ callFor)
/* harmony export */ });
/* unused harmony exports CALL_SCOPES, RECOMMENDED_SCOPES */
/**
 * The OAuth scope each call this project makes needs, from Site24x7's API reference (see
 * docs/providers.md for the sources). A scope is also granted by its group's `.All`
 * (Site24x7.Operations.All covers Operations.Read, .Create, .Update and .Delete).
 */
const CALL_SCOPES = [
    {
        method: 'GET',
        path: /^\/monitors$/,
        call: 'GET /monitors',
        what: 'monitors by name',
        scope: 'Site24x7.Admin.Read',
    },
    {
        method: 'GET',
        path: /^\/monitor_groups$/,
        call: 'GET /monitor_groups',
        what: 'monitor groups by name',
        scope: 'Site24x7.Admin.Read',
    },
    {
        method: 'GET',
        path: /^\/tags$/,
        call: 'GET /tags',
        what: 'tags by name',
        scope: 'Site24x7.Admin.Read',
    },
    {
        method: 'GET',
        path: /^\/current_status$/,
        call: 'GET /current_status',
        what: 'the health gate (check)',
        scope: 'Site24x7.Reports.Read',
    },
    {
        method: 'GET',
        path: /^\/maintenance(\/\d+)?$/,
        call: 'GET /maintenance[/{id}]',
        what: 'reading windows (end, recovery)',
        scope: 'Site24x7.Operations.Read',
    },
    {
        method: 'POST',
        path: /^\/maintenance$/,
        call: 'POST /maintenance',
        what: 'opening a window (start)',
        scope: 'Site24x7.Operations.Create',
    },
    {
        method: 'PUT',
        path: /^\/maintenance\/\d+$/,
        call: 'PUT /maintenance/{id}',
        what: 'ending a running window',
        scope: 'Site24x7.Operations.Update',
    },
    {
        method: 'DELETE',
        path: /^\/maintenance\/\d+$/,
        call: 'DELETE /maintenance/{id}',
        what: 'removing a window not yet started',
        scope: 'Site24x7.Operations.Delete',
    },
];
/** The scopes to give a Zoho Self Client for every step of this project. */
const RECOMMENDED_SCOPES = 'Site24x7.Admin.Read,Site24x7.Operations.All,Site24x7.Reports.Read';
const SCOPE_HINT = `The Zoho client needs the scopes ${RECOMMENDED_SCOPES.split(',').join(', ')} (issue a new refresh token after changing them).`;
/** One of our calls (by method and path, query ignored), with the scope it needs. */
function callFor(method, path) {
    const bare = path.split('?')[0];
    return CALL_SCOPES.find((c) => c.method === method && c.path.test(bare));
}
/** The scope a call needs, when it is one of ours. */
function scopeFor(method, path) {
    return callFor(method, path)?.scope;
}


/***/ }),

/***/ 6934:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CV: () => (/* binding */ listMonitors),
/* harmony export */   Fb: () => (/* binding */ resolveSelection),
/* harmony export */   JT: () => (/* binding */ requireMonitors),
/* harmony export */   P$: () => (/* binding */ listGroups),
/* harmony export */   Sn: () => (/* binding */ SELECTION_TYPE),
/* harmony export */   cB: () => (/* binding */ listTags),
/* harmony export */   gO: () => (/* binding */ parseSelection),
/* harmony export */   k_: () => (/* binding */ KIND_BY_TYPE)
/* harmony export */ });
/* unused harmony exports isId, nearMatches */
/* harmony import */ var _near_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(441);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2020);
/* harmony import */ var _json_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5508);



/** Site24x7's `selection_type` for each kind. */
const SELECTION_TYPE = {
    'monitor-groups': 1,
    monitors: 2,
    tags: 3,
};
const KIND_BY_TYPE = {
    1: 'monitor-groups',
    2: 'monitors',
    3: 'tags',
};
const NOUN = {
    monitors: ['monitor', 'monitors'],
    'monitor-groups': ['monitor group', 'monitor groups'],
    tags: ['tag', 'tags'],
};
/** Site24x7 IDs are long numbers; anything else is a name. */
const isId = (s) => /^\d{3,}$/.test(s);
/** Read the three selection inputs: exactly one kind, at least one item. */
function parseSelection(inputs) {
    const given = ['monitors', 'monitor-groups', 'tags']
        .map((kind) => ({ kind, items: [...new Set(inputs.list(kind))] }))
        .filter((s) => s.items.length > 0);
    if (given.length === 0) {
        throw inputs.error('monitors', (0,_text_js__WEBPACK_IMPORTED_MODULE_0__.t) `is empty, and so are ${inputs.label('monitor-groups')} and ${inputs.label('tags')}`, (0,_text_js__WEBPACK_IMPORTED_MODULE_0__.t) `name what the window covers: monitors, monitor groups or tags, by ID or display name (${inputs.label('tags')} as name:value)`);
    }
    if (given.length > 1) {
        const [a, b] = given.map((g) => inputs.label(g.kind));
        throw inputs.error(given[1].kind, (0,_text_js__WEBPACK_IMPORTED_MODULE_0__.t) `is set together with ${a}, but a Site24x7 maintenance window covers one kind (selection_type): monitors, monitor groups or tags`, (0,_text_js__WEBPACK_IMPORTED_MODULE_0__.t) `keep one of ${a} and ${b}; for both kinds, run ${inputs.words.self} twice (one window each)`);
    }
    return given[0];
}
/** Every monitor (ID, name, type, groups, tags); rows without a numeric ID are left out. */
async function listMonitors(api) {
    const { data } = await api.get('/monitors', 'monitor list request');
    return (0,_json_js__WEBPACK_IMPORTED_MODULE_1__/* .arr */ .QL)(data)
        .map((m) => {
        const r = (0,_json_js__WEBPACK_IMPORTED_MODULE_1__/* .rec */ .D9)(m);
        return {
            id: (0,_json_js__WEBPACK_IMPORTED_MODULE_1__.id)(r.monitor_id),
            name: (0,_json_js__WEBPACK_IMPORTED_MODULE_1__/* .str */ .gx)(r.display_name),
            type: (0,_json_js__WEBPACK_IMPORTED_MODULE_1__/* .str */ .gx)(r.type),
            groups: (0,_json_js__WEBPACK_IMPORTED_MODULE_1__/* .arr */ .QL)(r.monitor_groups).map(_json_js__WEBPACK_IMPORTED_MODULE_1__.id),
            tags: (0,_json_js__WEBPACK_IMPORTED_MODULE_1__/* .arr */ .QL)(r.tag_ids).map(_json_js__WEBPACK_IMPORTED_MODULE_1__.id),
        };
    })
        .filter((m) => m.id);
}
async function listGroups(api) {
    const { data } = await api.get('/monitor_groups', 'monitor group list request');
    return (0,_json_js__WEBPACK_IMPORTED_MODULE_1__/* .arr */ .QL)(data)
        .map((g) => {
        const r = (0,_json_js__WEBPACK_IMPORTED_MODULE_1__/* .rec */ .D9)(g);
        return { id: (0,_json_js__WEBPACK_IMPORTED_MODULE_1__.id)(r.group_id), name: (0,_json_js__WEBPACK_IMPORTED_MODULE_1__/* .str */ .gx)(r.display_name), monitors: (0,_json_js__WEBPACK_IMPORTED_MODULE_1__/* .arr */ .QL)(r.monitors).map(_json_js__WEBPACK_IMPORTED_MODULE_1__.id) };
    })
        .filter((g) => g.id);
}
async function listTags(api) {
    const { data } = await api.get('/tags', 'tag list request');
    return (0,_json_js__WEBPACK_IMPORTED_MODULE_1__/* .arr */ .QL)(data)
        .map((tag) => {
        const r = (0,_json_js__WEBPACK_IMPORTED_MODULE_1__/* .rec */ .D9)(tag);
        const value = (0,_json_js__WEBPACK_IMPORTED_MODULE_1__/* .str */ .gx)(r.tag_value);
        return { id: (0,_json_js__WEBPACK_IMPORTED_MODULE_1__.id)(r.tag_id), name: value ? `${(0,_json_js__WEBPACK_IMPORTED_MODULE_1__/* .str */ .gx)(r.tag_name)}:${value}` : (0,_json_js__WEBPACK_IMPORTED_MODULE_1__/* .str */ .gx)(r.tag_name) };
    })
        .filter((tag) => tag.id);
}
function nearMatches(wanted, all, max = 5) {
    return (0,_near_js__WEBPACK_IMPORTED_MODULE_2__/* .nearestMatches */ .uJ)(wanted, all, (c) => c.name, {
        max,
        // Tags: the same tag name with another value is worth showing (env:staging -> env:prod).
        adjust: (w, n, d) => w.includes(':') && n.split(':')[0] === w.split(':')[0] ? Math.min(d, 2) : d,
    });
}
const show = (c) => `'${(0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .serverText */ .Tn)(c.name)}' (${c.id})`;
function pick(inputs, kind, item, all) {
    const [one, many] = NOUN[kind];
    if (isId(item)) {
        const hit = all.find((c) => c.id === item);
        if (!hit) {
            throw inputs.error(kind, (0,_text_js__WEBPACK_IMPORTED_MODULE_0__.t) `has the ID ${item}, which is not a ${one} of this account`, (0,_text_js__WEBPACK_IMPORTED_MODULE_0__.t) `check the ID in the Site24x7 console (and the region and customer ID), or give the ${one}'s display name`);
        }
        return hit;
    }
    // Tags: `name` alone matches a tag of that name whatever its value, when only one has it.
    const matches = kind === 'tags' && !item.includes(':')
        ? all.filter((c) => c.name === item || c.name.startsWith(`${item}:`))
        : all.filter((c) => c.name === item);
    if (matches.length === 1)
        return matches[0];
    if (matches.length === 0) {
        const near = nearMatches(item, all);
        throw inputs.error(kind, (0,_text_js__WEBPACK_IMPORTED_MODULE_0__.t) `names '${item}', which matches no ${one} (names match exactly, case included)`, near.length
            ? `did you mean ${near.map(show).join(', ')}?`
            : `check the name in the Site24x7 console; ${all.length} ${many} were listed`);
    }
    throw inputs.error(kind, (0,_text_js__WEBPACK_IMPORTED_MODULE_0__.t) `names '${item}', which matches ${matches.length} ${many}: ${matches.slice(0, 10).map(show).join(', ')}`, `give the ID of the one you mean instead of the name`);
}
/** Resolve names to IDs and find every monitor covered. Sends only GETs. */
async function resolveSelection(api, sel, inputs) {
    const monitors = await listMonitors(api);
    const byId = new Map(monitors.map((m) => [m.id, m]));
    const names = new Map();
    const covered = new Map();
    const cover = (id) => {
        const m = byId.get(id);
        covered.set(id, { id, name: m?.name ?? id });
    };
    let candidates;
    let groups = [];
    if (sel.kind === 'monitors')
        candidates = monitors;
    else if (sel.kind === 'monitor-groups')
        candidates = groups = await listGroups(api);
    else
        candidates = await listTags(api);
    const ids = [];
    for (const item of sel.items) {
        const hit = pick(inputs, sel.kind, item, candidates);
        if (!names.has(hit.id))
            ids.push(hit.id);
        names.set(hit.id, hit.name);
    }
    for (const id of ids) {
        if (sel.kind === 'monitors')
            cover(id);
        else if (sel.kind === 'monitor-groups') {
            const g = groups.find((x) => x.id === id);
            for (const m of g.monitors)
                cover(m);
            for (const m of monitors)
                if (m.groups.includes(id))
                    cover(m.id);
        }
        else {
            for (const m of monitors)
                if (m.tags.includes(id))
                    cover(m.id);
        }
    }
    return { kind: sel.kind, ids, names, monitors: [...covered.values()] };
}
/** A resolution that found nothing to cover is a mistake worth stopping for. */
function requireMonitors(r, inputs) {
    if (r.monitors.length > 0)
        return;
    const [one] = NOUN[r.kind];
    throw inputs.error(r.kind, (0,_text_js__WEBPACK_IMPORTED_MODULE_0__.t) `selects ${[...r.names.values()].map((n) => `'${(0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .serverText */ .Tn)(n)}'`).join(', ')}, but no monitor is in that ${one}`, 'select monitors directly, or add monitors to it in Site24x7');
}


/***/ }),

/***/ 8711:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E9: () => (/* binding */ parseDuration),
/* harmony export */   Xg: () => (/* binding */ readZone),
/* harmony export */   bv: () => (/* binding */ fromWall),
/* harmony export */   dp: () => (/* binding */ formatMinutes),
/* harmony export */   eb: () => (/* binding */ abbreviatedZone),
/* harmony export */   kQ: () => (/* binding */ isTimeZone),
/* harmony export */   kc: () => (/* binding */ wallRange),
/* harmony export */   oB: () => (/* binding */ toWall),
/* harmony export */   oZ: () => (/* binding */ parseStart),
/* harmony export */   tW: () => (/* binding */ floorMinute),
/* harmony export */   uY: () => (/* binding */ nextMinute)
/* harmony export */ });
/**
 * Time for maintenance windows: Site24x7 takes wall-clock dates and times (`yyyy-mm-dd`,
 * `HH:mm`, minute granularity) in a named time zone. Everything here is exact instants in
 * milliseconds plus Intl for the zone arithmetic; no date library needed.
 */
const MINUTE = 60_000;
/** `45m`, `2h`, `1h30m`, `1d`, or a bare number of minutes; returns minutes, or undefined. */
function parseDuration(raw) {
    const s = raw.trim().toLowerCase().replace(/\s+/g, '');
    if (/^\d+$/.test(s))
        return Number(s);
    const m = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m(?:in)?)?$/.exec(s);
    if (!m || !s || (!m[1] && !m[2] && !m[3]))
        return undefined;
    return Number(m[1] ?? 0) * 1440 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}
/** `90` -> `1h30m`. */
function formatMinutes(minutes) {
    const d = Math.floor(minutes / 1440);
    const h = Math.floor((minutes % 1440) / 60);
    const m = minutes % 60;
    return `${d ? `${d}d` : ''}${h ? `${h}h` : ''}${m || (!d && !h) ? `${m}m` : ''}`;
}
/** Whether the runtime knows this IANA time zone (UTC, the default, without loading Intl's). */
function isTimeZone(tz) {
    if (tz === 'UTC')
        return true;
    try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
        return true;
    }
    catch {
        return false;
    }
}
/**
 * Whether a zone a user gives is a full IANA name (Area/Location, Etc/..., or UTC). An
 * abbreviation (JST, IST, CST) or an old alias (Japan) is not: readers disagree on them (Node
 * reads EST as America/Panama; Java, as Site24x7 does, reads BST as Asia/Dhaka). Undefined when
 * it is; otherwise the full name to suggest, when one can be told.
 */
function abbreviatedZone(tz) {
    if (tz === 'UTC' || /^[A-Z][A-Za-z_-]*(\/[A-Za-z0-9_+-]+)+$/.test(tz))
        return undefined;
    if (tz.toUpperCase() === 'GMT')
        return { suggest: 'UTC' };
    const java = JAVA_SHORT_IDS[tz.toUpperCase()];
    if (java)
        return { suggest: java };
    try {
        const resolved = new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
        return { suggest: resolved.includes('/') ? resolved : undefined };
    }
    catch {
        return {};
    }
}
const formatters = new Map();
function formatter(tz) {
    let f = formatters.get(tz);
    if (!f) {
        f = new Intl.DateTimeFormat('en-US', {
            timeZone: tz,
            hourCycle: 'h23',
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
            hour: '2-digit',
            minute: '2-digit',
            second: '2-digit',
        });
        formatters.set(tz, f);
    }
    return f;
}
function wallParts(ms, tz) {
    if (tz === 'UTC') {
        // The default zone, read from the instant itself: Intl's first use costs about 15 ms.
        const d = new Date(ms);
        return {
            year: d.getUTCFullYear(),
            month: d.getUTCMonth() + 1,
            day: d.getUTCDate(),
            hour: d.getUTCHours(),
            minute: d.getUTCMinutes(),
            second: d.getUTCSeconds(),
        };
    }
    const out = {};
    for (const p of formatter(tz).formatToParts(new Date(ms))) {
        if (p.type !== 'literal')
            out[p.type] = Number(p.value);
    }
    return out;
}
/** The wall-clock date and minute of an instant in a time zone. */
function toWall(ms, tz) {
    const p = wallParts(ms, tz);
    const pad = (n, w = 2) => String(n ?? 0).padStart(w, '0');
    return {
        date: `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`,
        time: `${pad(p.hour)}:${pad(p.minute)}`,
    };
}
/**
 * A window's times as its zone's people read them, for messages beside the UTC ones:
 * `2026-12-03 18:00 to 18:45 Asia/Tokyo` (the end's date only when it differs). Empty for UTC.
 */
function wallRange(startMs, endMs, tz) {
    if (tz === 'UTC')
        return '';
    const a = toWall(startMs, tz);
    const b = toWall(endMs, tz);
    return `${a.date} ${a.time} to ${b.date === a.date ? '' : `${b.date} `}${b.time} ${tz}`;
}
/** Offset of the zone from UTC at an instant, in ms (east positive). */
function offsetAt(ms, tz) {
    const p = wallParts(ms, tz);
    const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    return asUtc - Math.floor(ms / 1000) * 1000;
}
const WALL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WALL_TIME = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;
/**
 * The instant a wall-clock date and time in a zone stands for (the earlier one when a DST
 * change repeats it), or undefined for malformed text.
 */
function fromWall(date, time, tz) {
    const d = WALL_DATE.exec(date.trim());
    const t = WALL_TIME.exec(time.trim());
    if (!d || !t)
        return undefined;
    const [y, mo, da, h, mi] = [d[1], d[2], d[3], t[1], t[2]].map(Number);
    if (mo < 1 || mo > 12 || da < 1 || da > 31 || h > 23 || mi > 59)
        return undefined;
    const guess = Date.UTC(y, mo - 1, da, h, mi);
    // The zone's offsets a day either side cover any DST change; of the instants they give,
    // keep those that show this wall time, earliest first. None: a skipped time, or 2026-02-31.
    const want = { date: date.trim(), time: `${t[1]}:${t[2]}` };
    const hits = [offsetAt(guess - 86_400_000, tz), offsetAt(guess + 86_400_000, tz)]
        .map((o) => guess - o)
        .filter((ms) => {
        const w = toWall(ms, tz);
        return w.date === want.date && w.time === want.time;
    })
        .sort((p, q) => p - q);
    return hits[0];
}
function floorMinute(ms) {
    return Math.floor(ms / MINUTE) * MINUTE;
}
/** The next whole minute strictly after `ms`. */
function nextMinute(ms) {
    return floorMinute(ms) + MINUTE;
}
/**
 * A start given by the user: `now` or empty, `+15m` (from now), an ISO 8601 date-time with
 * an offset (`2026-11-22T18:00Z`), or a wall-clock `2026-11-22 18:00` in the window's zone.
 * Returns the instant in ms, or undefined when the text is none of these.
 */
function parseStart(raw, now, tz) {
    const s = raw.trim();
    if (!s || s.toLowerCase() === 'now')
        return now;
    if (s.startsWith('+')) {
        const minutes = parseDuration(s.slice(1));
        return minutes === undefined ? undefined : now + minutes * MINUTE;
    }
    const withOffset = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})$/i.exec(s);
    if (withOffset) {
        const ms = Date.parse(`${withOffset[1]}T${withOffset[2]}${withOffset[3].toUpperCase()}`);
        return Number.isNaN(ms) ? undefined : ms;
    }
    const wall = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})$/.exec(s);
    if (wall)
        return fromWall(wall[1], wall[2], tz);
    return undefined;
}
/**
 * Java's three-letter zone ids (`java.time.ZoneId.SHORT_IDS`, as the JDK defines them). Zoho's
 * servers are Java, and Site24x7's examples (and its Terraform provider's) use such ids; an
 * IANA name is always preferred, and EST, MST and HST are fixed offsets there as in IANA.
 */
const JAVA_SHORT_IDS = {
    ACT: 'Australia/Darwin',
    AET: 'Australia/Sydney',
    AGT: 'America/Argentina/Buenos_Aires',
    ART: 'Africa/Cairo',
    AST: 'America/Anchorage',
    BET: 'America/Sao_Paulo',
    BST: 'Asia/Dhaka',
    CAT: 'Africa/Harare',
    CNT: 'America/St_Johns',
    CST: 'America/Chicago',
    CTT: 'Asia/Shanghai',
    EAT: 'Africa/Addis_Ababa',
    ECT: 'Europe/Paris',
    EST: 'Etc/GMT+5',
    HST: 'Etc/GMT+10',
    IET: 'America/Indiana/Indianapolis',
    IST: 'Asia/Kolkata',
    JST: 'Asia/Tokyo',
    MIT: 'Pacific/Apia',
    MST: 'Etc/GMT+7',
    NET: 'Asia/Yerevan',
    NST: 'Pacific/Auckland',
    PLT: 'Asia/Karachi',
    PNT: 'America/Phoenix',
    PRT: 'America/Puerto_Rico',
    PST: 'America/Los_Angeles',
    SST: 'Pacific/Guadalcanal',
    VST: 'Asia/Ho_Chi_Minh',
};
/**
 * The IANA zone of a window's wall-clock times, as Site24x7 names it: an IANA name as is (GMT
 * and UTC included), one of Java's short ids read as Java reads it (said in `note`), anything
 * else (or nothing) not read at all: guessing UTC could end a window hours early or late.
 */
function readZone(raw) {
    const z = raw.trim();
    if (!z)
        return { ok: false, problem: 'gives it no time zone' };
    const java = JAVA_SHORT_IDS[z.toUpperCase()];
    if (java)
        return { ok: true, zone: java, note: `'${z}' read as ${java} (Java's ZoneId.SHORT_IDS)` };
    if (isTimeZone(z))
        return { ok: true, zone: z };
    return {
        ok: false,
        problem: `gives its time zone as '${z}', which is neither an IANA zone nor one of Java's short ids`,
    };
}


/***/ }),

/***/ 5003:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OO: () => (/* binding */ parseOtherEnds),
/* harmony export */   p3: () => (/* binding */ parseOtherWindows),
/* harmony export */   sP: () => (/* binding */ parseOtherAccess),
/* harmony export */   uO: () => (/* binding */ wantsSite24x7)
/* harmony export */ });
/* unused harmony export OTHER_SELECTION_INPUTS */
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9114);
/* harmony import */ var _oauth_token_config_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8293);
/* harmony import */ var _site24x7_api_config_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6015);
/* harmony import */ var _url_policy_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8601);
/* harmony import */ var _oauth_providers_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7473);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2020);
/* harmony import */ var _pagerduty_windows_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(22);
/**
 * The maintenance step's Datadog and PagerDuty settings: read only to start a window, and only
 * when their selection inputs are set. Each provider's access token goes to its own API host
 * only: the host of its site or region, or the API URL given (the connection owner's input).
 */







/** The inputs that select something to mute beside Site24x7. */
const OTHER_SELECTION_INPUTS = (/* unused pure expression or super */ null && (['datadog-monitors', 'datadog-tags', 'pagerduty-services']));
/** The API origin an input gives: scheme, host and port only. */
function originInput(inputs, key, what, example) {
    const raw = inputs.str(key);
    if (!raw)
        return undefined;
    const u = (0,_url_policy_js__WEBPACK_IMPORTED_MODULE_5__/* .endpointUrl */ .P)(inputs, key, raw, what);
    if (u.search || u.hash || (u.pathname !== '/' && u.pathname !== '')) {
        throw inputs.error(key, 'has a path or query', (0,_text_js__WEBPACK_IMPORTED_MODULE_6__.t) `give the API origin only, e.g. ${example}`);
    }
    return new URL(u.origin);
}
function tokenInput(inputs, key, selection, preset) {
    const token = inputs.secret(key);
    if (!token) {
        throw inputs.error(key, (0,_text_js__WEBPACK_IMPORTED_MODULE_6__.t) `is empty, but ${inputs.label(selection)} is set`, (0,_text_js__WEBPACK_IMPORTED_MODULE_6__.t) `pass the access token ${inputs.words.tokenSource} (an earlier token step with provider: ${preset})`);
    }
    return token;
}
function parseOtherWindows(src, log) {
    const inputs = new _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .Inputs */ .G0(src, log);
    const out = {};
    const monitors = [...new Set(inputs.list('datadog-monitors'))];
    const tags = [...new Set(inputs.list('datadog-tags'))];
    if (monitors.length || tags.length) {
        for (const tag of tags) {
            if (!/^[^\s,:]+:[^\s,]+$/.test(tag) && !/^[^\s,:]+$/.test(tag)) {
                throw inputs.error('datadog-tags', (0,_text_js__WEBPACK_IMPORTED_MODULE_6__.t) `has '${tag}', which is not a Datadog tag`, 'write tags as key:value or key, one per line or comma-separated');
            }
        }
        const scope = inputs.str('datadog-scope') || '*';
        if (/[\r\n]/.test(scope)) {
            throw inputs.error('datadog-scope', 'has a line break', 'write the scope on one line, e.g. env:prod');
        }
        const { origin, site } = datadogOrigin(inputs);
        out.datadog = {
            origin,
            site,
            accessToken: tokenInput(inputs, 'datadog-access-token', monitors.length ? 'datadog-monitors' : 'datadog-tags', 'datadog'),
            selection: { monitors, tags },
            scope,
        };
    }
    else if (inputs.str('datadog-access-token')) {
        log.notice((0,_text_js__WEBPACK_IMPORTED_MODULE_6__.t) `${inputs.subject('datadog-access-token')} is set, but ${inputs.label('datadog-monitors')} and ${inputs.label('datadog-tags')} are empty: no Datadog downtime is scheduled.`);
    }
    const services = [...new Set(inputs.list('pagerduty-services'))];
    if (services.length) {
        const token = pagerDutyToken(src, log);
        out.pagerduty = {
            origin: pagerDutyOrigin(inputs),
            accessToken: token
                ? inputs.secret('pagerduty-access-token')
                : tokenInput(inputs, 'pagerduty-access-token', 'pagerduty-services', 'pagerduty'),
            token,
            from: pagerDutyFrom(inputs),
            services,
        };
    }
    else if (inputs.str('pagerduty-access-token')) {
        log.notice((0,_text_js__WEBPACK_IMPORTED_MODULE_6__.t) `${inputs.subject('pagerduty-access-token')} is set, but ${inputs.label('pagerduty-services')} is empty: no PagerDuty maintenance window is opened.`);
    }
    return out;
}
function datadogOrigin(inputs) {
    const given = originInput(inputs, 'datadog-api-url', 'Datadog API', 'https://api.datadoghq.eu');
    if (given)
        return { origin: given };
    const site = inputs.oneOf('datadog-site', Object.keys(_oauth_providers_js__WEBPACK_IMPORTED_MODULE_3__/* .PROVIDERS */ .xq.datadog.regions), 'us1');
    return { origin: new URL(`https://${_oauth_providers_js__WEBPACK_IMPORTED_MODULE_3__/* .PROVIDERS */ .xq.datadog.regions[site].host}`), site };
}
function pagerDutyOrigin(inputs) {
    const given = originInput(inputs, 'pagerduty-api-url', 'PagerDuty API', 'https://api.eu.pagerduty.com');
    if (given)
        return given;
    const regions = Object.keys(_pagerduty_windows_js__WEBPACK_IMPORTED_MODULE_4__/* .PAGERDUTY_REGIONS */ .wO);
    return new URL(_pagerduty_windows_js__WEBPACK_IMPORTED_MODULE_4__/* .PAGERDUTY_REGIONS */ .wO[inputs.oneOf('pagerduty-region', regions, 'us')]);
}
/** The PagerDuty inputs the token core reads, by the names it knows them by. */
const PAGERDUTY_TOKEN_INPUTS = {
    'client-id': 'pagerduty-client-id',
    'client-secret': 'pagerduty-client-secret',
    scope: 'pagerduty-scope',
    region: 'pagerduty-region',
    'token-url': 'pagerduty-token-url',
    'timeout-seconds': 'timeout-seconds',
    'max-retry-seconds': 'max-retry-seconds',
};
/** With pagerduty-client-id, the step mints its PagerDuty app token itself (preset pagerduty). */
function pagerDutyToken(src, log) {
    if (!src.get('pagerduty-client-id').trim())
        return undefined;
    const own = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .renamedSource */ .U3)(src, (k) => PAGERDUTY_TOKEN_INPUTS[k], {
        provider: 'pagerduty',
        'grant-type': 'client_credentials',
    });
    return (0,_oauth_token_config_js__WEBPACK_IMPORTED_MODULE_1__/* .parseTokenConfig */ .t9)(new _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .Inputs */ .G0(own, log), _site24x7_api_config_js__WEBPACK_IMPORTED_MODULE_2__/* .API_MAX_RETRY_SECONDS */ .pA);
}
function pagerDutyFrom(inputs) {
    const from = inputs.str('pagerduty-from') || undefined;
    if (from && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(from)) {
        throw inputs.error('pagerduty-from', (0,_text_js__WEBPACK_IMPORTED_MODULE_6__.t) `has the value '${from}', which is not an email address`, 'give the email of a PagerDuty user, or leave it empty');
    }
    return from;
}
/** `datadog-downtime-ids` and `pagerduty-window-id`, each with its provider's token and host. */
function parseOtherEnds(src, log) {
    const inputs = new _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .Inputs */ .G0(src, log);
    const out = [];
    const dd = [...new Set(inputs.list('datadog-downtime-ids'))];
    if (dd.length) {
        const bad = dd.find((id) => !/^[0-9a-f-]{1,64}$/i.test(id));
        if (bad) {
            throw inputs.error('datadog-downtime-ids', (0,_text_js__WEBPACK_IMPORTED_MODULE_6__.t) `has '${bad}', which is not a Datadog downtime ID`, 'give the IDs start printed (datadog-downtime-ids)');
        }
        out.push({
            provider: 'datadog',
            origin: datadogOrigin(inputs).origin.origin,
            token: tokenInput(inputs, 'datadog-access-token', 'datadog-downtime-ids', 'datadog'),
            ids: dd,
        });
    }
    const pd = [...new Set(inputs.list('pagerduty-window-id'))];
    if (pd.length) {
        const bad = pd.find((id) => !/^[A-Z0-9]{1,20}$/.test(id));
        if (bad) {
            throw inputs.error('pagerduty-window-id', (0,_text_js__WEBPACK_IMPORTED_MODULE_6__.t) `has '${bad}', which is not a PagerDuty window ID`, 'give the ID start printed (pagerduty-window-id)');
        }
        out.push({
            provider: 'pagerduty',
            origin: pagerDutyOrigin(inputs).origin,
            token: tokenInput(inputs, 'pagerduty-access-token', 'pagerduty-window-id', 'pagerduty'),
            from: pagerDutyFrom(inputs),
            ids: pd,
        });
    }
    return out;
}
/** Where to read each provider's windows: the providers whose access token is given. */
function parseOtherAccess(src, log) {
    const inputs = new _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .Inputs */ .G0(src, log);
    const out = [];
    const dd = inputs.secret('datadog-access-token');
    if (dd)
        out.push({ provider: 'datadog', origin: datadogOrigin(inputs).origin.origin, token: dd });
    const pd = inputs.secret('pagerduty-access-token');
    if (pd) {
        out.push({
            provider: 'pagerduty',
            origin: pagerDutyOrigin(inputs).origin,
            token: pd,
            from: pagerDutyFrom(inputs),
        });
    }
    return out;
}
/** Whether the step selects something in Site24x7 or gives it credentials. */
function wantsSite24x7(src) {
    return ['monitors', 'monitor-groups', 'tags', 'access-token', 'client-id'].some((k) => src.get(k).trim() !== '');
}


/***/ }),

/***/ 6375:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Km: () => (/* binding */ MARKER_PREFIX),
/* harmony export */   U7: () => (/* binding */ markerText),
/* harmony export */   sq: () => (/* binding */ utcIso)
/* harmony export */ });
/**
 * How a window this tool opened is found again without its id (the step died before it heard
 * back): a marker at the end of its message or description, unique to the step's run.
 */
/** The marker text: `[oauth-token-action <key>]`, key from the run and a random part. */
function markerText(key) {
    return `[oauth-token-action ${key}]`;
}
/** What every marker starts with: how `maintenance list` tells this tool's windows. */
const MARKER_PREFIX = '[oauth-token-action ';
/** ISO-8601 in UTC to the second, with a zero offset written `Z` (Datadog and PagerDuty). */
function utcIso(ms) {
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}


/***/ }),

/***/ 1149:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S5: () => (/* binding */ closeAll),
/* harmony export */   kr: () => (/* binding */ openAll),
/* harmony export */   th: () => (/* binding */ describeClosing),
/* harmony export */   xh: () => (/* binding */ WindowsFailed)
/* harmony export */ });
/* unused harmony export END_WORDS */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2020);
/**
 * Opening several providers' windows as one transaction: open each in turn and record it the
 * moment it exists; if one fails, close those already opened (newest first) and fail saying
 * which failed and what was closed. Cancellation is not rolled back here: the runner runs the
 * post step, which closes every recorded window.
 */


const END_WORDS = {
    ended: 'ended now',
    deleted: 'deleted before it started',
    cancelled: 'cancelled',
    'already-over': 'already over; nothing to change',
    gone: 'no longer exists; nothing to change',
};
/** Close windows newest first; every failure is collected, none stops the others. */
async function closeAll(sets, windows) {
    const out = [];
    for (const w of [...windows].reverse()) {
        const set = sets.find((s) => s.provider === w.provider);
        if (!set) {
            out.push({ window: w, error: 'no credentials for this provider in this step' });
            continue;
        }
        try {
            out.push({ window: w, end: await set.close(w.id) });
        }
        catch (e) {
            if (e instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StepError */ .zg && e.kind === 'cancelled')
                throw e;
            out.push({ window: w, error: e instanceof Error ? e.message : String(e) });
        }
    }
    return out;
}
function describeClosing(c, nouns) {
    const what = (0,_text_js__WEBPACK_IMPORTED_MODULE_1__.t) `${nouns[c.window.provider] ?? c.window.provider} ${c.window.id} (${c.window.covers})`;
    return c.error ? (0,_text_js__WEBPACK_IMPORTED_MODULE_1__.t) `${what}: could not be closed: ${c.error}` : (0,_text_js__WEBPACK_IMPORTED_MODULE_1__.t) `${what}: ${END_WORDS[c.end]}`;
}
/**
 * Open every planned window; `record` runs as soon as each exists. On a failure, close what
 * this call opened (`alsoOpened` windows are closed by the caller) and throw, naming both.
 */
async function openAll(sets, record) {
    const opened = [];
    for (const set of sets) {
        for (const plan of set.planned) {
            try {
                const w = await set.open(plan);
                opened.push(w);
                record(w);
            }
            catch (e) {
                if (e instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StepError */ .zg && e.kind === 'cancelled')
                    throw e;
                const why = e instanceof Error ? e.message : String(e);
                const closed = await closeAll(sets, opened);
                const nouns = Object.fromEntries(sets.map((s) => [s.provider, s.noun]));
                const failed = closed.filter((c) => c.error);
                throw new WindowsFailed(e instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StepError */ .zg ? e.kind : 'server', (0,_text_js__WEBPACK_IMPORTED_MODULE_1__.t) `Opening the ${set.noun} for ${plan.covers} failed: ${why}${closed.length
                    ? ` ${failed.length ? 'Of the windows opened before it, not all could be closed (the post step tries again)' : 'The windows opened before it were closed'}: ${closed.map((c) => describeClosing(c, nouns)).join('; ')}.`
                    : ''}`, closed);
            }
        }
    }
    return opened;
}
/** A failed transaction: what was closed on the way out (windows whose close failed remain). */
class WindowsFailed extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StepError */ .zg {
    closed;
    constructor(kind, message, closed) {
        super(kind, message);
        this.closed = closed;
        this.name = 'WindowsFailed';
    }
    /** Windows still open after the rollback: the post step must try them again. */
    get stillOpen() {
        return this.closed.filter((c) => c.error).map((c) => c.window);
    }
}


/***/ }),

/***/ 3194:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  vS: () => (/* reexport */ inputs_MAINTENANCE_SECRET_INPUTS),
  Ng: () => (/* reexport */ connect/* connect */.Ng),
  lk: () => (/* binding */ maintenanceMain)
});

// UNUSED EXPORTS: maintenancePost

// EXTERNAL MODULE: ./src/core/inputs.ts
var core_inputs = __webpack_require__(9114);
// EXTERNAL MODULE: ./src/core/site24x7/config.ts
var config = __webpack_require__(100);
// EXTERNAL MODULE: ./src/core/windows/config.ts
var windows_config = __webpack_require__(5003);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/json.ts
var json = __webpack_require__(6153);
// EXTERNAL MODULE: ./src/core/text.ts
var core_text = __webpack_require__(2020);
// EXTERNAL MODULE: ./src/core/gate/model.ts
var model = __webpack_require__(7550);
;// CONCATENATED MODULE: ./src/core/gate/config.ts
/**
 * The gate's settings beside wait-seconds (its timeout) and poll-seconds (its interval): the
 * stabilisation delay, the run of passes, the failure threshold, what an inconclusive gate
 * does, and the baseline a pre-existing failure is judged against.
 */




function parseGate(src, log, waitMs, pollMs) {
    const inputs = new core_inputs/* Inputs */.G0(src, log);
    const stabilizeMs = inputs.seconds('stabilize-seconds', 0, 0, 6 * 3600);
    const passesRaw = inputs.str('required-passes');
    const requiredPasses = passesRaw ? Number(passesRaw) : 1;
    if (!Number.isInteger(requiredPasses) || requiredPasses < 1 || requiredPasses > 100) {
        throw inputs.error('required-passes', (0,core_text.t) `has the value '${passesRaw}', which is not a whole number from 1 to 100`, 'give how many passing evaluations in a row the gate needs (default 1)');
    }
    const failuresRaw = inputs.str('max-failures');
    const maxFailures = failuresRaw ? Number(failuresRaw) : 0;
    if (!Number.isInteger(maxFailures) || maxFailures < 0 || maxFailures > 1000) {
        throw inputs.error('max-failures', (0,core_text.t) `has the value '${failuresRaw}', which is not a whole number from 0 to 1000`, 'give how many failing evaluations end the gate early (0, the default: wait for the timeout)');
    }
    const minSuccessMs = inputs.seconds('min-success-seconds', 0, 0, 6 * 3600);
    if (stabilizeMs + minSuccessMs > waitMs && (stabilizeMs || minSuccessMs)) {
        throw inputs.error(stabilizeMs ? 'stabilize-seconds' : 'min-success-seconds', (0,core_text.t) `leaves no time to pass within ${inputs.label('wait-seconds')} (${waitMs / 1000} s)`, (0,core_text.t) `raise ${inputs.label('wait-seconds')} above ${inputs.label('stabilize-seconds')} plus ${inputs.label('min-success-seconds')}`);
    }
    if (requiredPasses > 1 && pollMs * (requiredPasses - 1) > waitMs - stabilizeMs) {
        throw inputs.error('required-passes', (0,core_text.t) `is ${requiredPasses}, but ${requiredPasses - 1} intervals of ${inputs.label('poll-seconds')} do not fit in ${inputs.label('wait-seconds')}`, (0,core_text.t) `raise ${inputs.label('wait-seconds')} to at least ${((pollMs * (requiredPasses - 1) + stabilizeMs) / 1000).toFixed(0)}, or lower ${inputs.label('required-passes')}`);
    }
    const inconclusive = inputs.oneOf('inconclusive', ['fail', 'pass'], 'fail');
    const preexisting = inputs.oneOf('pre-existing', ['ignore', 'fail'], 'ignore');
    return {
        timing: {
            stabilizeMs,
            intervalMs: pollMs,
            requiredPasses,
            minSuccessMs,
            maxFailures,
            maxErrors: 3,
            timeoutMs: waitMs,
            inconclusive,
            preexisting,
        },
        baseline: parseBaseline(inputs),
    };
}
/**
 * A baseline: the `monitor-states` (or `verdict`) output of an earlier check in the job, taken
 * before the deploy. An item failing there is pre-existing.
 */
function parseBaseline(inputs) {
    const raw = inputs.str('baseline');
    if (!raw)
        return undefined;
    const v = (0,json/* parseJson */.q)(raw);
    // monitor-states: Site24x7's items; verdict: every signal's, each under its signal's name.
    const groups = Array.isArray(v)
        ? [{ signal: 'site24x7', items: v }]
        : v && typeof v === 'object' && Array.isArray(v.signals)
            ? v.signals.map((s) => ({
                signal: typeof s.signal === 'string' ? s.signal : '',
                items: Array.isArray(s.items) ? s.items : [],
            }))
            : undefined;
    if (!groups) {
        throw inputs.error('baseline', 'is not the monitor-states or verdict output of an earlier check', (0,core_text.t) `pass an earlier check's output, e.g. \${{ steps.before.outputs.monitor-states }}`);
    }
    const out = new Map();
    for (const g of groups) {
        for (const i of g.items) {
            const o = i;
            if (typeof o.id !== 'string' || !/^[A-Za-z0-9._:-]{1,64}$/.test(o.id))
                continue;
            out.set((0,model/* baselineKey */.x2)(g.signal, o.id), o.passes === false || o.verdict === 'fail');
        }
    }
    return out;
}

// EXTERNAL MODULE: ./src/core/gate/providers.ts
var providers = __webpack_require__(5677);
// EXTERNAL MODULE: ./src/core/gate/site24x7.ts
var site24x7 = __webpack_require__(4175);
// EXTERNAL MODULE: ./src/core/datadog/downtimes.ts
var downtimes = __webpack_require__(7360);
// EXTERNAL MODULE: ./src/core/pagerduty/windows.ts
var windows = __webpack_require__(22);
// EXTERNAL MODULE: ./src/core/site24x7/health.ts
var site24x7_health = __webpack_require__(1936);
// EXTERNAL MODULE: ./src/core/site24x7/select.ts
var site24x7_select = __webpack_require__(6934);
// EXTERNAL MODULE: ./src/steps/maintenance/report.ts
var maintenance_report = __webpack_require__(4445);
// EXTERNAL MODULE: ./src/steps/maintenance/summary.ts + 1 modules
var summary = __webpack_require__(4699);
// EXTERNAL MODULE: ./src/steps/maintenance/windows.ts
var maintenance_windows = __webpack_require__(7834);
;// CONCATENATED MODULE: ./src/steps/maintenance/check.ts
/**
 * operation: check. The deployment gate (core/gate/model.ts) over every signal the step
 * selects: Site24x7 monitor states, Datadog monitor states, PagerDuty incidents open on
 * services. Evaluated every poll-seconds after stabilize-seconds, until a run of
 * required-passes passing evaluations, max-failures failing ones, or wait-seconds.
 */














async function check(p, cfg, site, others, rt) {
    const gate = parseGate(p, p.log, cfg.waitMs, cfg.pollMs);
    const signals = [];
    const what = [];
    let s24;
    const passNames = [...cfg.pass].map((s) => (0,site24x7_health/* stateName */.Vi)(s)).join(', ');
    if (site) {
        const resolved = await (0,site24x7_select/* resolveSelection */.Fb)(site.api, site.selection, (0,maintenance_report/* inputsOf */.Vc)(p));
        (0,site24x7_select/* requireMonitors */.JT)(resolved, (0,maintenance_report/* inputsOf */.Vc)(p));
        s24 = (0,site24x7/* site24x7Signal */.Bm)(site.api, resolved.monitors, cfg.pass, gate.baseline);
        signals.push(s24);
        what.push((0,core_text.t) `${(0,maintenance_report/* countMonitors */.XG)(resolved)} (each must be ${passNames})`);
    }
    await (0,maintenance_windows/* mintOtherTokens */.Xo)(p, rt, others);
    if (others.datadog) {
        const dd = others.datadog;
        const api = (0,maintenance_windows/* providerApi */.ig)(p, rt, 'datadog', dd.origin, dd.accessToken, undefined, cfg);
        const target = await (0,downtimes/* resolveDatadog */.Pq)(api, dd.selection, (0,core_inputs/* wordingOf */.O3)(p).subject(dd.selection.monitors.length ? 'datadog-monitors' : 'datadog-tags'));
        signals.push((0,providers/* datadogSignal */.Z)(api, target, gate.baseline));
        what.push((0,core_text.t) `Datadog ${[target.monitors.length ? `${target.monitors.length} monitors` : '', target.tags.length ? `monitors tagged ${target.tags.join(', ')}` : ''].filter(Boolean).join(' and ')} (each must be OK)`);
    }
    if (others.pagerduty) {
        const pd = others.pagerduty;
        const api = (0,maintenance_windows/* providerApi */.ig)(p, rt, 'pagerduty', pd.origin, pd.accessToken, pd.from, cfg);
        const services = await (0,windows/* resolveServices */.bs)(api, pd.services, (0,core_inputs/* wordingOf */.O3)(p).subject('pagerduty-services'));
        signals.push((0,providers/* pagerDutySignal */.E)(api, services, gate.baseline));
        what.push((0,core_text.t) `PagerDuty services ${services.map((s) => s.id).join(', ')} (no open incident)`);
    }
    const g = gate.timing;
    p.log.info((0,core_text.t) `Checking ${what.join('; ')}${cfg.waitMs ? `, waiting up to ${(0,core_text/* formatSeconds */.Xo)(cfg.waitMs)}` : ''}${g.stabilizeMs ? `, first after ${(0,core_text/* formatSeconds */.Xo)(g.stabilizeMs)}` : ''}${g.requiredPasses > 1 ? `, ${g.requiredPasses} passing evaluations in a row` : ''}${g.minSuccessMs ? ` over at least ${(0,core_text/* formatSeconds */.Xo)(g.minSuccessMs)}` : ''}${g.maxFailures ? `, failing after ${g.maxFailures} failing evaluations` : ''}.`);
    const deployment = deploymentOf(p, rt, cfg);
    await deployment?.report({
        state: 'in_progress',
        description: 'The deployment gate is evaluating.',
    });
    let seen;
    let result;
    try {
        result = await (0,model/* runGate */.Rg)(signals, g, rt, (e, next) => {
            seen = e;
            progress(p, e, s24?.last, g, next);
        });
    }
    catch (e) {
        // Cancelled (or refused): say where the gate stood, then stop at once.
        if (seen && e instanceof errors/* StepError */.zg) {
            p.log.info((0,core_text.t) `The gate stopped after ${(0,core_text/* count */.U9)(seen.n, 'evaluation')}; the last was ${seen.verdict} (${seen.signals.map((x) => `${x.signal} ${x.verdict}`).join(', ')}).`);
        }
        throw e;
    }
    const last = s24?.last ?? [];
    const verdict = result.evaluations.at(-1);
    p.setOutput('status', result.passes ? 'pass' : 'fail');
    if (site) {
        p.setOutput('monitor-ids', last.map((m) => m.id).join(','));
        p.setOutput('monitor-states', (0,core_text/* untrustedJson */.lV)(last.map((m) => ({
            // No names: they are Site24x7's text, and no variable is set from it (the log and
            // the summary have them; `oauth-token site24x7 monitors --json` maps ids to names).
            id: m.id,
            state: (0,site24x7_health/* stateName */.Vi)(m.state),
            passes: m.passes,
        }))));
    }
    p.setOutput('verdict', (0,core_text/* untrustedJson */.lV)({
        outcome: result.outcome,
        passes: result.passes,
        evaluations: result.evaluations.length,
        signals: (verdict?.signals ?? []).map((s) => ({
            signal: s.signal,
            verdict: s.verdict,
            items: s.items,
        })),
    }));
    await p.writeSummary((0,summary/* checkSummary */.Z)(site ? last : undefined, result, passNames));
    await deployment?.report({
        state: result.outcome === 'passed'
            ? 'success'
            : result.outcome === 'failed'
                ? 'failure'
                : result.passes
                    ? 'success'
                    : 'error',
        description: `Deployment gate ${result.outcome}${result.outcome === 'inconclusive' ? (result.passes ? ', passed by choice' : ', failed closed') : ''}: ${result.reason}.`,
    });
    for (const s of verdict?.signals ?? []) {
        for (const i of s.items) {
            if (!i.preexisting)
                continue;
            p.log.warning((0,core_text.t) `${s.signal === 'site24x7' ? 'Monitor' : `${s.signal === 'datadog' ? 'Datadog monitor' : 'PagerDuty service'}`} ${i.id} is ${i.state}, as it was before the deploy (the baseline): pre-existing, ${g.preexisting === 'ignore' ? 'not held against the gate (pre-existing: ignore)' : 'failing the gate (pre-existing: fail)'}.`);
        }
    }
    if (!result.passes)
        throw gateError(cfg, result, site ? last : undefined, passNames, g);
    const items = (verdict?.signals ?? []).flatMap((s) => s.items);
    p.log.info(result.outcome === 'inconclusive'
        ? (0,core_text.t) `Health gate inconclusive, passed by choice (inconclusive: pass): ${result.reason}.`
        : site && signals.length === 1
            ? (0,core_text.t) `Health gate passed: all ${last.length} monitors are ${passNames}${result.evaluations.length > 1 ? ` (after ${result.evaluations.length} checks, ${(0,core_text/* formatSeconds */.Xo)(result.waitedMs)})` : ''}.`
            : (0,core_text.t) `Health gate passed: all ${items.length} items of ${signals.length} signals pass${result.evaluations.length > 1 ? ` (after ${result.evaluations.length} checks, ${(0,core_text/* formatSeconds */.Xo)(result.waitedMs)})` : ''}.`);
}
/**
 * The deployment this gate decides (deployment-id, GitHub): its status is set to in_progress,
 * then to the verdict. A status that cannot be set is a warning: the gate's verdict stands.
 */
function deploymentOf(p, rt, cfg) {
    const inputs = (0,maintenance_report/* inputsOf */.Vc)(p);
    const id = inputs.str('deployment-id');
    if (!id)
        return undefined;
    if (!/^\d{1,20}$/.test(id)) {
        throw inputs.error('deployment-id', (0,core_text.t) `has the value '${id}', which is not a deployment id`, 'pass the id of the deployment, e.g. from the step that created it');
    }
    const token = inputs.secret('deployment-token');
    if (!token) {
        throw inputs.error('deployment-token', (0,core_text.t) `is empty, but ${inputs.label('deployment-id')} is set`, "pass a token that may write deployment statuses, e.g. the job's github.token with permissions deployments: write");
    }
    if (!p.deploymentStatus) {
        throw inputs.error('deployment-id', 'is set, but this platform has no deployment statuses', 'remove it (GitHub Actions only)');
    }
    p.setSecret(token);
    const logUrl = p.runInfo().url;
    return {
        async report(status) {
            try {
                await p.deploymentStatus(id, token, { ...status, ...(logUrl ? { logUrl } : {}) }, rt, {
                    timeoutMs: cfg.timeoutMs,
                    budgetMs: cfg.budgetMs,
                    budgetLabel: p.label('max-retry-seconds'),
                    secrets: () => [token],
                });
                p.log.info((0,core_text.t) `Deployment ${id}: status ${status.state}.`);
            }
            catch (e) {
                if (e instanceof errors/* StepError */.zg && e.kind === 'cancelled')
                    throw e;
                p.log.warning((0,core_text.t) `Deployment ${id}: the status ${status.state} could not be set: ${e.message}`);
            }
        },
    };
}
/** A signal's items held against the gate (a pre-existing failure may be ignored: judged). */
function heldAgainst(items, g) {
    return items.filter((i) => (0,model/* judged */.g$)(i, g) !== 'pass');
}
/** Items held against the gate, of every signal or of one. */
function against(e, g, signal) {
    return (e?.signals ?? [])
        .filter((s) => !signal || s.signal === signal)
        .flatMap((s) => heldAgainst(s.items, g));
}
/** Site24x7 monitors held against the gate (the others read as passing), for messages. */
function site24x7Against(last, e, g) {
    const ids = new Set(against(e, g, 'site24x7').map((i) => i.id));
    return last.map((m) => (ids.has(m.id) ? m : { ...m, passes: true }));
}
/** Items held against the gate outside Site24x7 (whose monitors are described by name). */
function describeOthers(e, g) {
    return (e?.signals ?? [])
        .filter((s) => s.signal !== 'site24x7')
        .flatMap((s) => s.error
        ? [`${s.signal}: ${(0,core_text/* serverText */.Tn)(s.error)}`]
        : heldAgainst(s.items, g).map((i) => `${s.signal} ${i.id}: ${i.state}`))
        .join('; ');
}
function progress(p, e, health, g, next) {
    const items = e.signals.flatMap((s) => s.items);
    const ok = items.length - against(e, g).length;
    const error = e.signals.find((s) => s.error);
    const counted = e.signals.length === 1 && health
        ? `${ok} of ${items.length} monitors pass`
        : `${ok} of ${items.length} items pass`;
    const head = (0,core_text.t) `Evaluation ${e.n}: ${e.verdict}; ${counted}${error ? ` (${error.signal} did not answer: ${error.error})` : ''}`;
    if (!next)
        return p.log.info((0,core_text.t) `${head}.`);
    const failing = [
        health ? (0,site24x7_health/* describeFailing */.Oc)(site24x7Against(health, e, g)) : '',
        describeOthers(e, g),
    ]
        .filter(Boolean)
        .join('; ');
    p.log.info((0,core_text.t) `${head}; waiting ${(0,core_text/* formatSeconds */.Xo)(next.inMs)} (${(0,core_text/* formatSeconds */.Xo)(next.leftMs)} left).${failing ? ` Not yet: ${failing}.` : ''}`);
}
function gateError(cfg, r, lastRead, passNames, g) {
    const e = r.evaluations.at(-1);
    const last = lastRead && site24x7Against(lastRead, e, g);
    const failing = (last ?? []).filter((m) => !m.passes);
    const waited = cfg.waitMs
        ? ` after ${(0,core_text/* formatSeconds */.Xo)(r.waitedMs)} (${r.evaluations.length} checks; ${cfg.label('wait-seconds')} is ${Math.round(cfg.waitMs / 1000)})`
        : '';
    const others = describeOthers(e, g);
    const parts = [last && failing.length ? (0,site24x7_health/* describeFailing */.Oc)(last) : '', others].filter(Boolean);
    const why = parts.length
        ? `: ${parts.join('; ')}.${last ? (0,site24x7_health/* maintenanceHint */.PZ)(last, cfg) : ''}`
        : `: ${(0,core_text/* serverText */.Tn)(e?.signals.find((s) => s.error)?.error ?? r.reason)}.`;
    if (r.outcome === 'inconclusive') {
        return new errors/* StepError */.zg('gate', (0,core_text.t) `Health gate inconclusive, so it fails (fail-closed; ${cfg.label('inconclusive')}: pass would let it pass): ${r.reason}${waited}${why}`);
    }
    const items = (e?.signals ?? []).flatMap((s) => s.items);
    const count = last && e?.signals.length === 1
        ? `${failing.length} of ${last.length} monitors are not ${passNames}`
        : `${against(e, g).length} of ${items.length} items do not pass`;
    return new errors/* StepError */.zg('gate', (0,core_text.t) `Health gate failed: ${count}${waited} (${r.reason})${why}`);
}

// EXTERNAL MODULE: ./src/steps/maintenance/connect.ts + 2 modules
var connect = __webpack_require__(4949);
// EXTERNAL MODULE: ./src/steps/maintenance/end.ts
var end = __webpack_require__(1874);
// EXTERNAL MODULE: ./src/core/secret-inputs.ts
var secret_inputs = __webpack_require__(7517);
;// CONCATENATED MODULE: ./src/steps/maintenance/inputs.ts

/** The maintenance step's inputs that hold secrets, masked before anything else happens. */
const inputs_MAINTENANCE_SECRET_INPUTS = (0,secret_inputs/* secretInputsOf */.BA)('maintenance');

// EXTERNAL MODULE: ./src/steps/maintenance/start.ts
var start = __webpack_require__(1639);
// EXTERNAL MODULE: ./src/steps/mask.ts
var mask = __webpack_require__(2579);
// EXTERNAL MODULE: ./src/core/site24x7/api-config.ts
var api_config = __webpack_require__(6015);
// EXTERNAL MODULE: ./src/core/site24x7/maintenance.ts
var maintenance = __webpack_require__(6959);
// EXTERNAL MODULE: ./src/steps/maintenance/state.ts
var state = __webpack_require__(2890);
;// CONCATENATED MODULE: ./src/steps/maintenance/post.ts
/**
 * The post step (post-if: always() on GitHub, postjobexecution on Azure): end the window the
 * main step opened, with the token it saved while that has a minute left, else a fresh one
 * (from the job token source with token-from-job, else minted from the inputs).
 * If the main step died before it heard back, find the window by its name and times.
 */













async function maintenancePost(p, rt) {
    // Every provider's windows are tried, whatever happened to another's; failures are joined.
    const failures = [];
    for (const part of [endSite24x7Window, closeRecordedWindows]) {
        try {
            await part(p, rt);
        }
        catch (e) {
            if (e instanceof StepError && e.kind === 'cancelled')
                throw e;
            failures.push(e instanceof StepError ? e : new StepError('server', String(e)));
        }
    }
    if (failures.length === 1)
        throw failures[0];
    if (failures.length > 1) {
        throw new StepError(failures[0].kind, failures.map((f) => f.message).join(' '));
    }
}
async function endSite24x7Window(p, rt) {
    const id = p.getState(STATE.id);
    const planned = p.getState(STATE.planned);
    if (!id && !planned)
        return;
    const saved = p.getState(STATE.token);
    if (saved)
        p.setSecret(saved);
    maskSecretInputs(p, MAINTENANCE_SECRET_INPUTS);
    const endsAtMs = Number(p.getState(STATE.endsAt));
    const endsAt = endsAtMs ? isoSeconds(new Date(endsAtMs)) : 'its scheduled end';
    const settings = savedSettings(p);
    // Known once the main step heard back, or once the lookup below finds it.
    let windowId = id;
    try {
        // Credentials for a fresh token, when the inputs have them; read leniently: a bad input
        // here must not stop the window from being ended with the saved token.
        let token;
        try {
            token = parseMaintenanceToken(p, p.log);
        }
        catch (e) {
            p.log.debug(t `Client credentials unusable in the post step: ${e.message}`);
            token = undefined;
        }
        const expiresAt = Number(p.getState(STATE.tokenExpiresAt)) || undefined;
        const fresh = saved && (!expiresAt || expiresAt > rt.now() + 60_000) ? saved : '';
        // token-from-job: the job token source, which this job's token step still keeps (its post
        // step runs after this one), gives a token valid now however long the job took.
        const jobDir = p.getState(STATE.jobSource);
        const job = jobDir ? jobAsk(jobDir, settings) : undefined;
        const tokens = new Tokens(p, rt, { token }, fresh, expiresAt, job);
        if (job && !fresh)
            p.log.info('The saved access token has expired: asking the job token source for one.');
        if (!fresh && !token && !job) {
            throw new StepError('auth', 'The saved access token has expired and the step has no client credentials to mint another.');
        }
        await tokens.ready();
        const api = apiClient(p, rt, tokens, settings, saved ? [saved] : []);
        const body = jsonObject(planned);
        if (!windowId) {
            windowId = (body && (await findWindow(api, body, 'window lookup'))) || '';
            if (!windowId) {
                p.log.info('The main step did not open a maintenance window; nothing to end.');
                return;
            }
            p.log.info(t `The main step stopped before it heard back; found its window ${windowId}.`);
        }
        p.log.info(t `Ending maintenance window ${windowId}, opened by the main step (end-on-exit).`);
        // Read the window first (endWindow does): a later step (operation end) or someone in the
        // console may have ended it already, and the body the main step sent would end it again.
        // When Site24x7's read cannot be used (its time zone unreadable, say), that body is the
        // fallback: this step wrote it, so its times are known.
        let ended;
        try {
            ended = await endWindow(api, windowId, rt, wordingOf(p).subject('maintenance-id'));
        }
        catch (e) {
            const known = body ? knownWindow(windowId, body) : undefined;
            if (!known || !(e instanceof StepError) || (e.kind !== 'protocol' && e.kind !== 'input'))
                throw e;
            p.log.info(t `Site24x7's read of window ${windowId} cannot be used (${e.message}); ending it with the body the main step sent.`);
            ended = await closeWindow(api, known, rt);
        }
        report(p, windowId, ended);
    }
    catch (e) {
        if (e instanceof StepError && e.kind === 'cancelled')
            throw e;
        const msg = e instanceof Error ? e.message : String(e);
        throw new StepError(e instanceof StepError ? e.kind : 'server', t `Could not end maintenance window ${windowId || '(not yet known)'}: ${msg} The window still closes on its own at ${endsAt}; to resume alerting sooner, end it in the Site24x7 console: ${site24x7MaintenanceConsole(settings.apiRoot)}`);
    }
}

;// CONCATENATED MODULE: ./src/steps/maintenance.ts
/**
 * The maintenance step: read inputs through the platform, then start, end or check (one module
 * each under maintenance/); and its post step, which ends the windows the main step opened
 * (maintenance/post.ts). A start may also mute Datadog and PagerDuty (maintenance/windows.ts),
 * with or without a Site24x7 window.
 */












async function maintenanceMain(p, rt) {
    (0,mask/* maskSecretInputs */.q)(p, inputs_MAINTENANCE_SECRET_INPUTS);
    const run = p.runInfo();
    const operation = new core_inputs/* Inputs */.G0(p, p.log).oneOf('operation', ['start', 'end', 'check'], 'start');
    // Datadog and PagerDuty are read to start windows and to gate (the post step ends windows).
    const others = operation === 'end' ? {} : (0,windows_config/* parseOtherWindows */.p3)(p, p.log);
    if ((others.datadog || others.pagerduty) && !(0,windows_config/* wantsSite24x7 */.uO)(p)) {
        if (operation === 'check')
            return check(p, (0,config/* parseCheckSettings */.P7)(p, p.log), undefined, others, rt);
        const w = (0,config/* parseWindowSettings */.L7)(p, p.log, rt.now(), run);
        return void (await (0,start/* start */.n)(p, rt, w, undefined, others, run));
    }
    const cfg = (0,config/* parseMaintenanceConfig */.vv)(p, p.log, rt.now(), run);
    const { api, tokens } = await (0,connect/* connect */.Ng)(p, rt, cfg);
    if (cfg.operation === 'start')
        return void (await (0,start/* start */.n)(p, rt, cfg, { cfg, api, tokens }, others, run));
    // A window that is gone is a notice here: a post step, or a person, may have ended it. The
    // command line refuses it (cli/maintenance.ts), where the ID was typed.
    if (cfg.operation === 'end')
        return void (await (0,end/* end */._)(p, rt, cfg, api));
    return check(p, cfg, { api, selection: cfg.selection }, others, rt);
}


/***/ }),

/***/ 4949:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  DQ: () => (/* binding */ Tokens),
  uE: () => (/* binding */ apiClient),
  Ng: () => (/* binding */ connect)
});

// UNUSED EXPORTS: jobAsk, jobOf

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/net/http.ts + 1 modules
var http = __webpack_require__(7277);
// EXTERNAL MODULE: ./src/core/json.ts
var core_json = __webpack_require__(6153);
// EXTERNAL MODULE: ./src/core/oauth/providers.ts
var providers = __webpack_require__(7473);
// EXTERNAL MODULE: ./src/core/oauth/request.ts
var request = __webpack_require__(7522);
// EXTERNAL MODULE: ./src/core/net/endpoint-error.ts
var endpoint_error = __webpack_require__(8081);
// EXTERNAL MODULE: ./src/core/net/retry.ts
var retry = __webpack_require__(7161);
// EXTERNAL MODULE: ./src/core/text.ts
var core_text = __webpack_require__(2020);
// EXTERNAL MODULE: ./src/core/site24x7/scopes.ts
var scopes = __webpack_require__(371);
;// CONCATENATED MODULE: ./src/core/site24x7/api.ts
/**
 * The Site24x7 REST API: `Zoho-oauthtoken` auth, version 2.0 JSON, Site24x7's error format,
 * retries as for tokens (429 and 5xx within a budget, honouring Retry-After), and on a 401
 * one fresh token and one more try, when the step has credentials to mint it.
 */









/** A 401, kept apart from the retry policy's failures. */
class Unauthorized extends Error {
}
class Site24x7Api {
    opts;
    rt;
    renewed = false;
    constructor(opts, rt) {
        this.opts = opts;
        this.rt = rt;
    }
    get root() {
        return this.opts.apiRoot;
    }
    url(path) {
        const base = this.opts.apiRoot.href.replace(/\/+$/, '');
        return new URL(`${base}${path}`);
    }
    /** One attempt: the answer, or an EndpointError / TransportError for withRetries. */
    async once(method, path, body, accept) {
        const headers = {
            authorization: `${providers/* PROVIDERS */.xq.site24x7.authScheme} ${this.opts.token.current()}`,
            accept: 'application/json; version=2.0',
            'user-agent': request/* USER_AGENT */._O,
        };
        if (body !== undefined)
            headers['content-type'] = 'application/json;charset=UTF-8';
        if (this.opts.customerId)
            headers.cookie = `zaaid=${this.opts.customerId}`;
        const res = await this.rt.send({
            url: this.url(path),
            method,
            headers,
            body: body === undefined ? undefined : JSON.stringify(body),
            timeoutMs: this.opts.timeoutMs,
            signal: this.rt.signal,
        });
        const json = (0,core_json/* parseJson */.q)(res.body.toString('utf8'));
        if (accept.includes(res.status))
            return { status: res.status, data: dataOf(json) };
        const obj = (json && typeof json === 'object' ? json : {});
        const ok = res.status >= 200 && res.status < 300;
        if (ok && json !== undefined && (obj.code === undefined || obj.code === 0)) {
            return { status: res.status, data: dataOf(json) };
        }
        throw this.failure(method, path, res.status, res.headers, obj, json === undefined, res);
    }
    failure(method, path, status, headers, obj, notJson, res) {
        const secrets = this.opts.secrets();
        const where = `${method} ${this.opts.apiRoot.pathname.replace(/\/+$/, '')}${path.split('?')[0]}`;
        const code = obj.error_code ?? (status < 300 ? obj.code : undefined);
        const said = obj.message !== undefined ? `: ${(0,core_text/* serverText */.Tn)(obj.message, secrets)}` : '';
        const detail = notJson
            ? ` (not JSON: ${headers['content-type'] ?? 'no content type'}, ${res.body.length} bytes)`
            : `${code !== undefined ? ` (error_code ${(0,core_text/* serverText */.Tn)(code)})` : ''}${said}`;
        const head = `Site24x7 answered ${where} with HTTP ${status}${detail}.`;
        const retryAfterMs = (0,endpoint_error/* parseRetryAfter */.mu)(headers['retry-after'], this.rt.now());
        if (status === 401) {
            return new endpoint_error/* EndpointError */.cY((0,core_text.t) `${head} The access token was refused: it expired, was revoked, belongs to another region or account, or was invalidated by later mints (Zoho keeps at most 15 access tokens per refresh token alive; the 16th invalidates the oldest). ${this.opts.refusedHint ?? 'Pass a fresh access token, or the client credentials to mint one.'}`, { status, retry: 'never', kind: 'auth', short: 'HTTP 401' });
        }
        if (status === 403) {
            // The refused call's scope, named (see scopes.ts).
            const scope = (0,scopes/* scopeFor */.aN)(method, path);
            const missing = scope
                ? (0,core_text.t) ` The Zoho client probably lacks ${scope}, the scope this call needs (or its group's .All): add it to the client's scopes and issue a new refresh token.`
                : '';
            return new endpoint_error/* EndpointError */.cY((0,core_text.t) `${head}${missing} ${scopes/* SCOPE_HINT */.P5}`, {
                status,
                retry: 'never',
                kind: 'auth',
            });
        }
        const retry = status < 300 ? 'never' : (0,endpoint_error/* statusRetry */.Rd)(status);
        const kind = status === 429 ? 'throttled' : status >= 500 ? 'server' : 'protocol';
        return new endpoint_error/* EndpointError */.cY(head, {
            status,
            retry,
            kind,
            retryAfterMs,
            short: code !== undefined ? `HTTP ${status} error_code ${(0,core_text/* serverText */.Tn)(code)}` : `HTTP ${status}`,
        });
    }
    async call(method, path, body, opts) {
        const run = () => {
            let mayHaveReached = false;
            return (0,retry/* withRetries */.LH)(async (n) => {
                if (n > 1 && mayHaveReached && opts.beforeRetry) {
                    const found = await opts.beforeRetry();
                    if (found !== undefined)
                        return { status: 0, data: found, recovered: true };
                }
                try {
                    return await this.once(method, path, body, opts.accept ?? []);
                }
                catch (e) {
                    mayHaveReached ||= !(e instanceof http/* TransportError */.wX) || e.sent;
                    // Not for withRetries: a 401 is answered by a fresh token, once, below.
                    if (e instanceof endpoint_error/* EndpointError */.cY && e.status === 401)
                        throw new Unauthorized(e.message);
                    throw e;
                }
            }, {
                what: opts.what,
                budgetMs: this.opts.budgetMs,
                budgetLabel: this.opts.budgetLabel,
                idempotent: opts.idempotent || opts.beforeRetry !== undefined,
                notIdempotentReason: `It may have taken effect, so it was not sent again; check Site24x7 before trying again.`,
                // Site24x7's 429 carries Retry-After or locks for minutes, not Zoho's 10-minute window.
                throttleDelayMs: 30_000,
            }, this.rt);
        };
        try {
            return await run();
        }
        catch (e) {
            if (!(e instanceof Unauthorized))
                throw e;
            if (this.renewed || !this.opts.token.renew)
                throw new errors/* StepError */.zg('auth', e.message);
            this.renewed = true;
            this.rt.log.info((0,core_text.t) `Site24x7 refused the access token (HTTP 401) on the ${opts.what}; minting a fresh one and trying once more.`);
            await this.opts.token.renew();
            try {
                return await run();
            }
            catch (e2) {
                if (e2 instanceof Unauthorized)
                    throw new errors/* StepError */.zg('auth', e2.message);
                throw e2;
            }
        }
    }
    async get(path, what, accept) {
        return (await this.call('GET', path, undefined, {
            what,
            idempotent: true,
            accept,
        }));
    }
}
function dataOf(json) {
    if (json && typeof json === 'object' && 'data' in json)
        return json.data;
    return json;
}

// EXTERNAL MODULE: ./src/core/oauth/token.ts
var token = __webpack_require__(3962);
// EXTERNAL MODULE: ./src/core/inputs.ts
var inputs = __webpack_require__(9114);
// EXTERNAL MODULE: ./src/steps/mask.ts
var mask = __webpack_require__(2579);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: ./src/core/job/source.ts
var source = __webpack_require__(5838);
// EXTERNAL MODULE: ./src/core/private-files.ts
var private_files = __webpack_require__(2774);
;// CONCATENATED MODULE: ./src/core/job/client.ts
/**
 * A step that needs a token valid now from the job token source (core/job/source.ts): the
 * maintenance step at start and in its post step, so a window opened at the start of a
 * two-hour job is closed at its end with a token that works. It runs the job token command as
 * a child process, as a script would, with `--format json`, and is given no secret: the child
 * replays the token step from the source, and this process keeps only the token it prints.
 */





/** The source this job's token step left, from the environment it exported. */
function jobSourceDir(env = process.env) {
    return env[source/* JOB_SOURCE_ENV */.Aj] || undefined;
}
/**
 * What the child is given: the runner's and the system's plain settings. Never a step's inputs
 * or state, a connection, a secret variable or a token (the child reads its own from the
 * source).
 */
const PASS = /^(PATH|PATHEXT|HOME|USERPROFILE|SYSTEMROOT|SYSTEMDRIVE|COMSPEC|WINDIR|TEMP|TMP|TMPDIR|LANG|LC_[A-Z]+|TZ|HTTPS?_PROXY|NO_PROXY|GITHUB_(API_URL|SERVER_URL|REPOSITORY|RUN_ID|ACTIONS)|RUNNER_[A-Z_]+|AGENT_[A-Z_]+|SYSTEM_(COLLECTIONURI|TEAMPROJECTID|OIDCREQUESTURI)|TF_BUILD)$/i;
function childEnv(env) {
    return Object.fromEntries(Object.entries(env).filter((e) => typeof e[1] === 'string' && PASS.test(e[0])));
}
/** The command's node and reader, as the token step wrote them into the source. */
function command(dir) {
    const got = (0,private_files/* readPrivateFile */.q1)(dir, source/* COMMAND_FILE */.v5);
    const fail = (why) => new errors/* StepError */.zg('input', (0,core_text.t) `The job token source ${dir} ${why}: a later step of the job whose token step has job-token set to true gets its token from it.`);
    if ('missing' in got)
        throw fail('does not exist (any more)');
    if ('refused' in got)
        throw fail(got.why);
    const v = JSON.parse(got.text);
    if (typeof v.node !== 'string' || typeof v.reader !== 'string')
        throw fail('is damaged');
    return { node: v.node, reader: v.reader };
}
/**
 * A token valid for at least `minSeconds` more, from the job token source. `onLine` gets each
 * line the command wrote to standard error (its log, for the debug log); `onSecret` registers
 * the token before anything else sees it.
 */
async function tokenFromJob(dir, rt, opts) {
    const { node, reader } = command(dir);
    const child = (0,external_node_child_process_.spawn)(node, [
        reader,
        '--source',
        dir,
        '--format',
        'json',
        '--min-seconds',
        String(opts.minSeconds),
        ...(opts.replace === undefined ? [] : ['--replace', new Date(opts.replace).toISOString()]),
    ], { env: childEnv(process.env), stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c.toString('utf8')));
    child.stderr.on('data', (c) => (err += c.toString('utf8')));
    const stop = () => child.kill();
    const timer = setTimeout(stop, opts.limitMs);
    rt.signal?.addEventListener('abort', stop, { once: true });
    const code = await new Promise((resolve, reject) => {
        child.on('error', reject);
        child.on('close', (c) => resolve(c));
    }).finally(() => {
        clearTimeout(timer);
        rt.signal?.removeEventListener('abort', stop);
    });
    // Its log lines are redacted by the command itself, and are data all the same. Its mask
    // commands carry the very secrets they register (the source's client secret, refresh token):
    // they are for its own runner stream, never to be passed on.
    const lines = err
        .split(/\r?\n/)
        .filter((l) => l && !/^(::add-mask::|##vso\[task\.setsecret\])/.test(l));
    let token;
    try {
        const v = JSON.parse(out);
        if (typeof v.access_token === 'string' && typeof v.authorization === 'string') {
            token = {
                accessToken: v.access_token,
                authorization: v.authorization,
                expiresAt: Date.parse(String(v.expires_at)),
            };
        }
    }
    catch {
        /* said below */
    }
    if (token) {
        opts.onSecret(token.accessToken);
        opts.onSecret(token.authorization);
    }
    for (const line of lines)
        opts.onLine(line);
    if (rt.signal?.aborted) {
        throw new errors/* StepError */.zg('cancelled', 'Cancelled while asking the job token source for a token.');
    }
    if (code !== 0 || !token || !Number.isFinite(token.expiresAt)) {
        // Its last word, without the runner command it was wrapped in (an error annotation).
        const last = lines
            .map((l) => l.replace(/^::[a-z-]+(?: [^:]*)?::/, '').replace(/^##vso\[[^\]]*\]/, ''))
            .pop();
        throw new errors/* StepError */.zg(code === null ? 'network' : 'auth', code === null
            ? (0,core_text.t) `The job token command did not answer within ${(0,core_text/* formatSeconds */.Xo)(opts.limitMs)}.`
            : (0,core_text.t) `The job token command failed (exit code ${code}): ${(0,core_text/* oneLine */.TN)(last ?? 'no message')}`);
    }
    return token;
}

;// CONCATENATED MODULE: ./src/steps/maintenance/connect.ts






/**
 * The access token in use: the one given, one from the job token source (core/job/client.ts),
 * or one minted (first, or after a 401).
 */
class Tokens {
    p;
    rt;
    cfg;
    job;
    token = '';
    expiresAt;
    /** The token in use was a kept one (the command line's cache), not minted by this run. */
    reused = false;
    constructor(p, rt, cfg, given, givenExpiresAt, 
    /** The job token source to ask, with how long the ask may take (jobAsk). */
    job) {
        this.p = p;
        this.rt = rt;
        this.cfg = cfg;
        this.job = job;
        this.token = given;
        this.expiresAt = givenExpiresAt;
        if (cfg.token)
            for (const s of (0,token/* requestSecrets */.pN)(cfg.token))
                p.setSecret(s);
        // A token the API refused: the source replaces it, unless another step already has.
        if (job)
            this.renew = () => this.fromJob(this.expiresAt);
        else if (cfg.token)
            this.renew = () => this.mint(true);
    }
    /**
     * A token from the job token source, valid now (with the source's own margin); `replace`,
     * the expiry of the token the API refused, has the source mint anew if it still keeps it.
     */
    async fromJob(replace) {
        const job = this.job;
        const got = await tokenFromJob(job.dir, this.rt, {
            minSeconds: 0,
            replace,
            limitMs: job.limitMs,
            onSecret: (s) => this.p.setSecret(s),
            onLine: (line) => this.p.log.debug((0,core_text.t) `oauth-token-job: ${line}`),
        });
        this.token = got.accessToken;
        this.expiresAt = got.expiresAt;
        return this.token;
    }
    renew;
    current() {
        return this.token;
    }
    /** `renewing`: the API refused the token in use, so a kept one is not reused either. */
    async mint(renewing = false) {
        if (!this.cfg.token)
            throw new Error('no credentials to mint a token');
        const store = this.p.tokenStore;
        const t = await (0,token/* fetchToken */.eY)(this.cfg.token, this.rt, {
            cache: store && { store, reuse: !renewing },
        });
        (0,mask/* maskToken */.gg)(this.p, t);
        this.token = t.accessToken;
        this.expiresAt = t.expiresAt?.getTime();
        this.reused = t.reused === true;
        return this.token;
    }
    async ready() {
        if (!this.token)
            await (this.job ? this.fromJob() : this.mint());
    }
}
/** The Site24x7 client for a step; `extraSecrets` are never to appear in a message either. */
function apiClient(p, rt, tokens, s, extraSecrets = []) {
    return new Site24x7Api({
        apiRoot: s.apiRoot,
        token: tokens,
        customerId: s.customerId || undefined,
        timeoutMs: s.timeoutMs,
        budgetMs: s.budgetMs,
        budgetLabel: p.label('max-retry-seconds'),
        refusedHint: refusedHint(p),
        secrets: () => [tokens.current(), ...extraSecrets].filter(Boolean),
    }, rt);
}
/** A Site24x7 API client for a step: the token given, or one minted (first, or after a 401). */
async function connect(p, rt, cfg) {
    const tokens = new Tokens(p, rt, cfg, cfg.accessToken, undefined, jobOf(p, cfg));
    const api = apiClient(p, rt, tokens, cfg);
    await tokens.ready();
    p.log.info((0,core_text.t) `Site24x7 API: ${cfg.apiRoot.origin}${cfg.apiRoot.pathname}${cfg.region ? ` (region ${cfg.region})` : ''}; ${cfg.accessToken ? 'using the access token given' : cfg.fromJob ? 'using an access token from the job token source' : tokens.reused ? 'using a kept access token' : 'using a freshly minted access token'}.`);
    return { api, tokens };
}
/** The source `dir`, asked within the step's limits: the command may mint, and retry as a mint here. */
function jobAsk(dir, s) {
    return { dir, limitMs: s.budgetMs + 3 * s.timeoutMs };
}
/** The job token source to ask, when token-from-job is true: the one this job's token step left. */
function jobOf(p, cfg) {
    if (!cfg.fromJob)
        return undefined;
    const dir = jobSourceDir();
    if (!dir) {
        throw new inputs/* Inputs */.G0(p, p.log).error('token-from-job', 'is true, but this job has no job token source', (0,core_text.t) `set ${p.label('job-token')} to true on the token step earlier in this job (it exports OAUTH_TOKEN_JOB)`);
    }
    return jobAsk(dir, cfg);
}
function refusedHint(p) {
    const w = (0,inputs/* wordingOf */.O3)(p);
    return (0,core_text.t) `Pass a fresh access token ${w.tokenSource}, or ${p.label('client-id')}, ${p.label('client-secret')} and ${p.label('refresh-token')} so ${w.self} can mint one.`;
}


/***/ }),

/***/ 1874:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ end)
/* harmony export */ });
/* harmony import */ var _core_site24x7_maintenance_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6959);
/* harmony import */ var _core_text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2020);
/* harmony import */ var _report_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4445);



/**
 * What ending found (a dry run: only whether the window is gone). The command line refuses a
 * window that is gone; a pipeline's post step must not (someone may have deleted it).
 */
async function end(p, rt, cfg, api) {
    if (cfg.dryRun) {
        const w = await (0,_core_site24x7_maintenance_js__WEBPACK_IMPORTED_MODULE_0__/* .getWindow */ .zk)(api, cfg.maintenanceId);
        const plan = w && w.type === _core_site24x7_maintenance_js__WEBPACK_IMPORTED_MODULE_0__/* .ONE_OFF */ .Dd ? (0,_core_site24x7_maintenance_js__WEBPACK_IMPORTED_MODULE_0__/* .planClose */ .C9)(w, rt.now()) : undefined;
        const what = !w
            ? 'nothing: the window no longer exists'
            : w.type !== _core_site24x7_maintenance_js__WEBPACK_IMPORTED_MODULE_0__/* .ONE_OFF */ .Dd
                ? 'nothing: it is a recurring window, which this tool does not change'
                : plan.request?.method === 'DELETE'
                    ? 'DELETE it: it has not started'
                    : plan.request
                        ? `PUT it with its end moved to ${(0,_core_text_js__WEBPACK_IMPORTED_MODULE_2__/* .isoSeconds */ .nE)(new Date(plan.endMs))}`
                        : 'nothing: the window is over, or ends within the minute';
        p.log.info((0,_core_text_js__WEBPACK_IMPORTED_MODULE_2__.t) `Dry run: for window ${cfg.maintenanceId} this would do ${what}.`);
        p.setOutput('dry-run-request', (0,_core_text_js__WEBPACK_IMPORTED_MODULE_2__/* .untrustedJson */ .lV)((0,_report_js__WEBPACK_IMPORTED_MODULE_1__/* .requestOf */ .fo)(cfg, plan?.request)));
        return w ? undefined : { action: 'gone' };
    }
    const ended = await (0,_core_site24x7_maintenance_js__WEBPACK_IMPORTED_MODULE_0__/* .endWindow */ .ke)(api, cfg.maintenanceId, rt, cfg.subject('maintenance-id'));
    (0,_report_js__WEBPACK_IMPORTED_MODULE_1__/* .report */ .z8)(p, cfg.maintenanceId, ended);
    p.setOutput('maintenance-id', cfg.maintenanceId);
    if (ended.endMs !== undefined)
        p.setOutput('ends-at', (0,_core_text_js__WEBPACK_IMPORTED_MODULE_2__/* .isoSeconds */ .nE)(new Date(ended.endMs)));
    return ended;
}


/***/ }),

/***/ 4445:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Vc: () => (/* binding */ inputsOf),
/* harmony export */   XG: () => (/* binding */ countMonitors),
/* harmony export */   fo: () => (/* binding */ requestOf),
/* harmony export */   z8: () => (/* binding */ report)
/* harmony export */ });
/* harmony import */ var _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9114);
/* harmony import */ var _core_text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2020);
/** What the maintenance step says in the log: counts, and one line per outcome of an end. */


/** Inputs, for messages naming them after parsing. */
function inputsOf(p) {
    return new _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .Inputs */ .G0(p, p.log);
}
function countMonitors(r) {
    const n = r.monitors.length;
    const what = r.kind === 'monitors' ? '' : ` in ${(0,_core_text_js__WEBPACK_IMPORTED_MODULE_1__/* .count */ .U9)(r.ids.length, r.kind === 'tags' ? 'tag' : 'group')}`;
    return `${(0,_core_text_js__WEBPACK_IMPORTED_MODULE_1__/* .count */ .U9)(n, 'monitor')}${what}`;
}
/** One log line per outcome of ending a window. */
function report(p, id, e) {
    const at = (ms) => (ms === undefined ? '' : (0,_core_text_js__WEBPACK_IMPORTED_MODULE_1__/* .isoSeconds */ .nE)(new Date(ms)));
    const name = e.window ? ` '${(0,_core_text_js__WEBPACK_IMPORTED_MODULE_1__/* .serverText */ .Tn)(e.window.name)}'` : '';
    switch (e.action) {
        case 'shortened':
            p.log.info((0,_core_text_js__WEBPACK_IMPORTED_MODULE_1__.t) `Ended maintenance window ${id}${name}: it now ends at ${at(e.endMs)}, the next whole minute (Site24x7 schedules in minutes). Its history is kept.`);
            break;
        case 'deleted':
            p.log.info((0,_core_text_js__WEBPACK_IMPORTED_MODULE_1__.t) `Deleted maintenance window ${id}${name}: it had not started yet.`);
            break;
        case 'gone':
            p.log.notice((0,_core_text_js__WEBPACK_IMPORTED_MODULE_1__.t) `Maintenance window ${id} no longer exists in Site24x7; nothing to end.`);
            break;
        case 'already-ended':
            p.log.notice((0,_core_text_js__WEBPACK_IMPORTED_MODULE_1__.t) `Maintenance window ${id}${name} already ended at ${at(e.endMs)}; nothing to do.`);
            break;
        case 'ending':
            p.log.info((0,_core_text_js__WEBPACK_IMPORTED_MODULE_1__.t) `Maintenance window ${id}${name} ends at ${at(e.endMs)}, within the minute; nothing to change.`);
            break;
    }
}
/**
 * What a dry run would send, as the dry-run-request output: method, full address and body, or
 * a null method when nothing would be sent.
 */
function requestOf(cfg, req) {
    if (!req)
        return { method: null, url: null, body: null };
    return {
        method: req.method,
        url: `${cfg.apiRoot.href.replace(/\/+$/, '')}${req.path}`,
        body: req.body ?? null,
    };
}


/***/ }),

/***/ 1639:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   n: () => (/* binding */ start)
/* harmony export */ });
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _core_site24x7_maintenance_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6959);
/* harmony import */ var _core_site24x7_select_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6934);
/* harmony import */ var _core_site24x7_time_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8711);
/* harmony import */ var _core_text_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(2020);
/* harmony import */ var _core_gate_site24x7_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4175);
/* harmony import */ var _core_inputs_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9114);
/* harmony import */ var _core_windows_transaction_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(1149);
/* harmony import */ var _report_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(4445);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(2890);
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(4699);
/* harmony import */ var _windows_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(7834);
/**
 * operation: start. Resolve every selection first (nothing opens if a name is wrong), then
 * open the Site24x7 window and the Datadog and PagerDuty windows as one transaction (or say
 * what would be sent).
 */












async function start(p, rt, w, site, others, run) {
    const resolved = site && (await (0,_core_site24x7_select_js__WEBPACK_IMPORTED_MODULE_2__/* .resolveSelection */ .Fb)(site.api, site.cfg.selection, (0,_report_js__WEBPACK_IMPORTED_MODULE_7__/* .inputsOf */ .Vc)(p)));
    if (resolved)
        (0,_core_site24x7_select_js__WEBPACK_IMPORTED_MODULE_2__/* .requireMonitors */ .JT)(resolved, (0,_report_js__WEBPACK_IMPORTED_MODULE_7__/* .inputsOf */ .Vc)(p));
    const startMs = (0,_core_site24x7_time_js__WEBPACK_IMPORTED_MODULE_3__/* .floorMinute */ .tW)(w.startMs);
    const endMs = startMs + w.durationMinutes * 60_000;
    const plan = resolved && {
        name: w.name,
        description: w.description,
        startMs,
        endMs,
        timeZone: w.timeZone,
        performMonitoring: w.performMonitoring,
        kind: resolved.kind,
        ids: resolved.ids,
    };
    const marker = (0,_windows_js__WEBPACK_IMPORTED_MODULE_10__/* .newMarker */ .XS)(p);
    await (0,_windows_js__WEBPACK_IMPORTED_MODULE_10__/* .mintOtherTokens */ .Xo)(p, rt, others);
    const sets = await (0,_windows_js__WEBPACK_IMPORTED_MODULE_10__/* .prepareWindows */ .XF)(p, rt, others, { startMs, endMs, name: w.name, description: w.description }, marker, w);
    const startsAt = (0,_core_text_js__WEBPACK_IMPORTED_MODULE_11__/* .isoSeconds */ .nE)(new Date(startMs));
    const endsAt = (0,_core_text_js__WEBPACK_IMPORTED_MODULE_11__/* .isoSeconds */ .nE)(new Date(endMs));
    // A baseline for the gate after the deploy, read before any window opens (inside one,
    // Site24x7 reports 'maintenance', not health).
    if (new _core_inputs_js__WEBPACK_IMPORTED_MODULE_5__/* .Inputs */ .G0(p, p.log).bool('take-baseline', false)) {
        const signals = [
            ...(site && resolved ? [(0,_core_gate_site24x7_js__WEBPACK_IMPORTED_MODULE_4__/* .site24x7Signal */ .Bm)(site.api, resolved.monitors, site.cfg.pass)] : []),
            ...sets.flatMap((x) => (x.signal ? [x.signal] : [])),
        ];
        const taken = [];
        for (const sig of signals) {
            const r = await sig.evaluate();
            taken.push({ signal: sig.name, items: r.items });
        }
        p.setOutput('baseline', (0,_core_text_js__WEBPACK_IMPORTED_MODULE_11__/* .untrustedJson */ .lV)({ signals: taken }));
        const failing = taken.flatMap((x) => x.items.filter((i) => i.verdict === 'fail').map((i) => `${x.signal} ${i.id} ${i.state}`));
        p.log.info((0,_core_text_js__WEBPACK_IMPORTED_MODULE_11__.t) `Baseline taken: ${(0,_core_text_js__WEBPACK_IMPORTED_MODULE_11__/* .count */ .U9)(taken.reduce((n, x) => n + x.items.length, 0), 'item')}${failing.length ? `, failing already: ${failing.join(', ')}` : ', all passing'}.`);
    }
    if (w.dryRun) {
        if (site && plan && resolved) {
            p.log.info((0,_core_text_js__WEBPACK_IMPORTED_MODULE_11__.t) `Dry run: would send POST ${site.cfg.apiRoot.pathname.replace(/\/+$/, '')}/maintenance for ${(0,_report_js__WEBPACK_IMPORTED_MODULE_7__/* .countMonitors */ .XG)(resolved)} (${resolved.monitors.map((m) => `'${(0,_core_text_js__WEBPACK_IMPORTED_MODULE_11__/* .serverText */ .Tn)(m.name)}' ${m.id}`).join(', ')}), with this body:`);
            p.log.info(JSON.stringify((0,_core_site24x7_maintenance_js__WEBPACK_IMPORTED_MODULE_1__/* .windowBody */ .JM)(plan), null, 2));
            p.setOutput('dry-run-request', (0,_core_text_js__WEBPACK_IMPORTED_MODULE_11__/* .untrustedJson */ .lV)((0,_report_js__WEBPACK_IMPORTED_MODULE_7__/* .requestOf */ .fo)(site.cfg, { method: 'POST', path: '/maintenance', body: (0,_core_site24x7_maintenance_js__WEBPACK_IMPORTED_MODULE_1__/* .windowBody */ .JM)(plan) })));
            p.setOutput('monitor-ids', resolved.monitors.map((m) => m.id).join(','));
        }
        for (const s of sets) {
            for (const r of s.planned) {
                p.log.info((0,_core_text_js__WEBPACK_IMPORTED_MODULE_11__.t) `Dry run: would send ${r.method} ${r.path} (${s.noun} for ${r.covers}), with this body:`);
                p.log.info((0,_core_text_js__WEBPACK_IMPORTED_MODULE_11__/* .untrustedJson */ .lV)(r.body));
            }
        }
        p.setOutput('starts-at', startsAt);
        p.setOutput('ends-at', endsAt);
        return { windows: [], endMs };
    }
    if (w.endOnExit) {
        // Saved before any window exists: if this step dies mid-request, the post step can
        // still find each window (Site24x7's by its name and times, the others by the marker).
        if (site && plan) {
            p.saveState(_state_js__WEBPACK_IMPORTED_MODULE_8__/* .STATE */ .c4.planned, JSON.stringify((0,_core_site24x7_maintenance_js__WEBPACK_IMPORTED_MODULE_1__/* .windowBody */ .JM)(plan)));
            (0,_state_js__WEBPACK_IMPORTED_MODULE_8__/* .saveConnection */ .Ab)(p, site.cfg, site.tokens, endMs);
        }
        if (sets.length)
            (0,_windows_js__WEBPACK_IMPORTED_MODULE_10__/* .savePlanned */ .c0)(p, others, marker, endMs);
    }
    let created;
    if (site && plan) {
        try {
            created = await (0,_core_site24x7_maintenance_js__WEBPACK_IMPORTED_MODULE_1__/* .createWindow */ .JY)(site.api, plan);
        }
        catch (e) {
            // Refused outright (a 4xx): no window exists, so the post step has nothing to look for.
            // After a network failure or a 5xx one may exist: keep the plan for the post step.
            if (e instanceof _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StepError */ .zg && ['protocol', 'auth', 'input'].includes(e.kind) && w.endOnExit) {
                p.saveState(_state_js__WEBPACK_IMPORTED_MODULE_8__/* .STATE */ .c4.planned, '');
                if (sets.length)
                    (0,_windows_js__WEBPACK_IMPORTED_MODULE_10__/* .clearWindows */ .Fr)(p);
            }
            throw e;
        }
        if (w.endOnExit)
            p.saveState(_state_js__WEBPACK_IMPORTED_MODULE_8__/* .STATE */ .c4.id, created.id);
    }
    const opened = [];
    try {
        await (0,_core_windows_transaction_js__WEBPACK_IMPORTED_MODULE_6__/* .openAll */ .kr)(sets, (x) => {
            opened.push(x);
            if (w.endOnExit)
                (0,_windows_js__WEBPACK_IMPORTED_MODULE_10__/* .saveOpened */ .PV)(p, opened);
        });
    }
    catch (e) {
        if (!(e instanceof _core_windows_transaction_js__WEBPACK_IMPORTED_MODULE_6__/* .WindowsFailed */ .xh))
            throw e;
        // One transaction: the Site24x7 window opened first is closed too.
        let siteLine = '';
        if (site && created) {
            try {
                const ended = await (0,_core_site24x7_maintenance_js__WEBPACK_IMPORTED_MODULE_1__/* .endWindow */ .ke)(site.api, created.id, rt, (0,_core_inputs_js__WEBPACK_IMPORTED_MODULE_5__/* .wordingOf */ .O3)(p).subject('maintenance-id'));
                siteLine = (0,_core_text_js__WEBPACK_IMPORTED_MODULE_11__.t) ` ${_windows_js__WEBPACK_IMPORTED_MODULE_10__/* .NOUNS */ .M_.site24x7} ${created.id}: ${ended.action === 'deleted' ? 'deleted before it started' : 'ended'}.`;
                if (w.endOnExit) {
                    p.saveState(_state_js__WEBPACK_IMPORTED_MODULE_8__/* .STATE */ .c4.id, '');
                    p.saveState(_state_js__WEBPACK_IMPORTED_MODULE_8__/* .STATE */ .c4.planned, '');
                }
            }
            catch (closeError) {
                siteLine = (0,_core_text_js__WEBPACK_IMPORTED_MODULE_11__.t) ` ${_windows_js__WEBPACK_IMPORTED_MODULE_10__/* .NOUNS */ .M_.site24x7} ${created.id}: could not be closed: ${closeError.message}`;
            }
        }
        if (w.endOnExit) {
            const left = e.stillOpen;
            if (left.length)
                (0,_windows_js__WEBPACK_IMPORTED_MODULE_10__/* .saveOpened */ .PV)(p, left);
            else
                (0,_windows_js__WEBPACK_IMPORTED_MODULE_10__/* .clearWindows */ .Fr)(p);
        }
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StepError */ .zg(e.kind, (0,_core_text_js__WEBPACK_IMPORTED_MODULE_11__.t) `${e.message}${siteLine}`);
    }
    p.setOutput('starts-at', startsAt);
    p.setOutput('ends-at', endsAt);
    if (site && created && resolved && plan) {
        const local = (0,_core_site24x7_time_js__WEBPACK_IMPORTED_MODULE_3__/* .wallRange */ .kc)(plan.startMs, plan.endMs, w.timeZone);
        p.setOutput('maintenance-id', created.id);
        p.setOutput('monitor-ids', resolved.monitors.map((m) => m.id).join(','));
        p.log.info((0,_core_text_js__WEBPACK_IMPORTED_MODULE_11__.t) `${created.recovered ? 'Found' : 'Opened'} maintenance window ${created.id} '${plan.name}' for ${(0,_report_js__WEBPACK_IMPORTED_MODULE_7__/* .countMonitors */ .XG)(resolved)}, from ${startsAt} to ${endsAt} (${local ? `${local}, as sent` : 'sent as UTC wall-clock time'}).${created.recovered ? ' An earlier attempt had created it; it was not created twice.' : ''}`);
    }
    const dd = opened.filter((x) => x.provider === 'datadog');
    const pd = opened.filter((x) => x.provider === 'pagerduty');
    if (dd.length)
        p.setOutput('datadog-downtime-ids', dd.map((x) => x.id).join(','));
    if (pd.length)
        p.setOutput('pagerduty-window-id', pd.map((x) => x.id).join(','));
    for (const x of opened) {
        p.log.info((0,_core_text_js__WEBPACK_IMPORTED_MODULE_11__.t) `Opened ${_windows_js__WEBPACK_IMPORTED_MODULE_10__/* .NOUNS */ .M_[x.provider]} ${x.id} for ${x.covers}, from ${startsAt} to ${endsAt}.`);
    }
    const several = opened.length + (created ? 1 : 0) > 1;
    p.log.info(w.endOnExit
        ? (0,_core_text_js__WEBPACK_IMPORTED_MODULE_11__.t) `The post step ends ${several ? 'every window' : 'it'} when the job finishes, even if the job fails or is cancelled. If that cannot happen, ${several ? 'each ends' : 'it ends'} on its own at ${endsAt}.`
        : created
            ? (0,_core_inputs_js__WEBPACK_IMPORTED_MODULE_5__/* .wordingOf */ .O3)(p).endLater(endsAt, created.id)
            : (0,_core_text_js__WEBPACK_IMPORTED_MODULE_11__.t) `end-on-exit is off: ${several ? 'each window ends' : 'the window ends'} on its own at ${endsAt}.`);
    const summary = [
        site && plan && created && resolved
            ? (0,_summary_js__WEBPACK_IMPORTED_MODULE_9__/* .startSummary */ .n)(site.cfg, plan, created.id, resolved, run)
            : `### Maintenance windows\n\nFrom ${startsAt} to ${endsAt}.\n`,
        (0,_windows_js__WEBPACK_IMPORTED_MODULE_10__/* .windowRows */ .SM)(opened),
    ].join('\n');
    await p.writeSummary(summary);
    return { siteId: created?.id, windows: opened, endMs };
}


/***/ }),

/***/ 2890:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ab: () => (/* binding */ saveConnection),
/* harmony export */   c4: () => (/* binding */ STATE)
/* harmony export */ });
/* unused harmony export savedSettings */
/* harmony import */ var _core_oauth_token_config_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8293);
/* harmony import */ var _core_site24x7_api_config_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6015);
/**
 * What the main step leaves for its post step: the planned window (before it exists), its ID,
 * and how to reach Site24x7 again (the token is a secret state value).
 */


/** What the post step needs to end the window; the token is kept as a secret. */
const STATE = {
    id: 'maintenance-id',
    planned: 'planned-window',
    token: 'access-token',
    tokenExpiresAt: 'token-expires-at',
    apiRoot: 'api-root',
    customerId: 'customer-id',
    endsAt: 'ends-at',
    timeoutMs: 'timeout-ms',
    budgetMs: 'budget-ms',
    /** The job token source the post step asks for a fresh token (token-from-job). */
    jobSource: 'job-source',
};
function saveConnection(p, cfg, tokens, endsAt) {
    p.saveState(STATE.token, tokens.current(), { secret: true });
    p.saveState(STATE.tokenExpiresAt, tokens.expiresAt ? String(tokens.expiresAt) : '');
    p.saveState(STATE.apiRoot, cfg.apiRoot.href);
    p.saveState(STATE.customerId, cfg.customerId);
    p.saveState(STATE.endsAt, String(endsAt));
    p.saveState(STATE.timeoutMs, String(cfg.timeoutMs));
    p.saveState(STATE.budgetMs, String(cfg.budgetMs));
    if (tokens.job)
        p.saveState(STATE.jobSource, tokens.job.dir);
}
/** The connection saveConnection() left, with the defaults where a value is missing. */
function savedSettings(p) {
    return {
        apiRoot: new URL(p.getState(STATE.apiRoot)),
        customerId: p.getState(STATE.customerId) || undefined,
        timeoutMs: Number(p.getState(STATE.timeoutMs)) || DEFAULT_TIMEOUT_SECONDS * 1000,
        budgetMs: Number(p.getState(STATE.budgetMs)) || API_MAX_RETRY_SECONDS * 1000,
    };
}


/***/ }),

/***/ 4699:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Z: () => (/* binding */ checkSummary),
  n: () => (/* binding */ startSummary)
});

;// CONCATENATED MODULE: ./src/core/site24x7/console.ts
/** Links into the Site24x7 web console, for summaries and for errors that send a user there. */
/** Site24x7 web console for an API root (the API root without `/api`). */
function site24x7Console(apiRoot) {
    return String(apiRoot)
        .replace(/\/+$/, '')
        .replace(/\/api$/, '');
}
/** The console page that lists windows in progress, for a step that could not end one. */
function site24x7MaintenanceConsole(apiRoot) {
    return `${site24x7Console(apiRoot)}/app/client#/admin/operations/view-maintenance-monitors`;
}

// EXTERNAL MODULE: ./src/core/site24x7/health.ts
var health = __webpack_require__(1936);
// EXTERNAL MODULE: ./src/core/site24x7/maintenance.ts
var maintenance = __webpack_require__(6959);
// EXTERNAL MODULE: ./src/core/text.ts
var core_text = __webpack_require__(2020);
;// CONCATENATED MODULE: ./src/steps/maintenance/summary.ts
/** The job summary (Markdown) of a started window and of a health gate. */




/** Markdown-safe text: server names, IDs and inputs alike (bounded, one line, escaped). */
const md = (value) => (0,core_text/* markdownText */.p7)((0,core_text/* serverText */.Tn)(value));
function startSummary(cfg, plan, id, r, run) {
    const b = (0,maintenance/* windowBody */.JM)(plan);
    const rows = r.monitors.map((m) => `| ${md(m.name)} | ${md(m.id)} |`).join('\n');
    const selected = r.kind === 'monitors'
        ? ''
        : `| Selected ${r.kind === 'tags' ? 'tags' : 'groups'} | ${[...r.names.entries()].map(([i, n]) => `${md(n)} (${md(i)})`).join(', ')} |\n`;
    return [
        `### Site24x7 maintenance window ${md(id)}`,
        '',
        '| | |',
        '|---|---|',
        `| Name | ${md(plan.name)} |`,
        `| From | ${(0,core_text/* isoSeconds */.nE)(new Date(plan.startMs))} (${b.start_date} ${b.start_time} ${md(cfg.timeZone)}) |`,
        `| To | ${(0,core_text/* isoSeconds */.nE)(new Date(plan.endMs))} (${b.end_date} ${b.end_time} ${md(cfg.timeZone)}) |`,
        `${selected}| Monitoring during the window | ${plan.performMonitoring ? 'kept on (alerts suppressed)' : 'paused'} |`,
        `| Ends early | ${cfg.endOnExit ? 'when the job finishes (post step)' : 'no (end-on-exit is off)'} |`,
        `| Console | [Scheduled maintenance](${site24x7MaintenanceConsole(cfg.apiRoot)}) |`,
        ...(run.url ? [`| Run | ${md(run.url)} |`] : []),
        '',
        '| Monitor | ID |',
        '|---|---|',
        rows,
        '',
    ].join('\n');
}
function checkSummary(ms, r, passNames) {
    const outcome = r.outcome === 'inconclusive'
        ? `inconclusive (${r.passes ? 'passed by choice' : 'fails closed'})`
        : r.outcome;
    const last = r.evaluations.at(-1);
    const signals = last?.signals ?? [];
    const items = new Map(signals
        .filter((s) => s.signal === 'site24x7')
        .flatMap((s) => s.items)
        .map((i) => [i.id, i]));
    const mark = (verdict, preexisting) => verdict === 'pass'
        ? 'pass'
        : verdict === 'inconclusive'
            ? 'inconclusive'
            : preexisting
                ? 'pre-existing'
                : '**fail**';
    const multi = signals.length > 1 || !ms;
    const others = signals.filter((s) => s.signal !== 'site24x7');
    return [
        `### ${multi ? 'Deployment gate' : 'Site24x7 health gate'}: ${outcome}`,
        '',
        `${ms ? `Passing states: ${passNames}. ` : ''}${md(r.reason)}.`,
        '',
        ...(ms
            ? [
                '| Monitor | ID | State | |',
                '|---|---|---|---|',
                ...ms.map((m) => {
                    const i = items.get(m.id);
                    return `| ${md(m.name)} | ${md(m.id)} | ${(0,health/* stateName */.Vi)(m.state)} | ${m.passes ? 'pass' : mark(i?.verdict ?? 'fail', i?.preexisting)} |`;
                }),
                '',
            ]
            : []),
        ...(others.length
            ? [
                '| Signal | ID | State | |',
                '|---|---|---|---|',
                ...others.flatMap((s) => s.error
                    ? [`| ${s.signal} | | API: ${md(s.error).slice(0, 120)} | inconclusive |`]
                    : s.items.map((i) => `| ${s.signal} | ${md(i.id)} | ${md(i.state)} | ${mark(i.verdict, i.preexisting)} |`)),
                '',
            ]
            : []),
        '| Evaluation | At | Verdict | Not passing |',
        '|---|---|---|---|',
        ...r.evaluations.map((e) => `| ${e.n} | +${Math.round(e.atMs / 1000)} s | ${e.verdict} | ${e.signals
            .flatMap((s) => s.error
            ? [`${s.signal} API: ${md(s.error).slice(0, 120)}`]
            : s.items
                .filter((i) => i.verdict !== 'pass')
                .map((i) => `${multi ? `${s.signal} ` : ''}${md(i.id)} ${md(i.state)}`))
            .join(', ') || '–'} |`),
        '',
    ].join('\n');
}


/***/ }),

/***/ 7834:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fr: () => (/* binding */ clearWindows),
/* harmony export */   M_: () => (/* binding */ NOUNS),
/* harmony export */   PV: () => (/* binding */ saveOpened),
/* harmony export */   SM: () => (/* binding */ windowRows),
/* harmony export */   Sz: () => (/* binding */ closeAndReport),
/* harmony export */   TW: () => (/* binding */ closeTargets),
/* harmony export */   XF: () => (/* binding */ prepareWindows),
/* harmony export */   XS: () => (/* binding */ newMarker),
/* harmony export */   Xo: () => (/* binding */ mintOtherTokens),
/* harmony export */   c0: () => (/* binding */ savePlanned),
/* harmony export */   ig: () => (/* binding */ providerApi),
/* harmony export */   zf: () => (/* binding */ closingSets)
/* harmony export */ });
/* unused harmony exports WINDOW_STATE, closeRecordedWindows, notClosed */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4296);
/* harmony import */ var _core_net_json_api_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4080);
/* harmony import */ var _core_datadog_downtimes_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7360);
/* harmony import */ var _core_pagerduty_windows_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(22);
/* harmony import */ var _core_gate_providers_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5677);
/* harmony import */ var _core_windows_marker_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(6375);
/* harmony import */ var _core_windows_transaction_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(1149);
/* harmony import */ var _core_inputs_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(9114);
/* harmony import */ var _core_text_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(2020);
/* harmony import */ var _connect_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(4949);
/* harmony import */ var _core_oauth_providers_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(7473);
/* harmony import */ var _core_site24x7_api_config_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(6015);
/**
 * Datadog downtimes and PagerDuty maintenance windows beside (or instead of) the Site24x7
 * window: resolve what is selected, open each as one transaction with the Site24x7 window,
 * record every window in the step's state the moment it exists, and close each in the post
 * step. A window whose id the main step never heard is found by the marker in its text.
 */














const NOUNS = {
    site24x7: 'Site24x7 maintenance window',
    datadog: 'Datadog downtime',
    pagerduty: 'PagerDuty maintenance window',
};
/** State the post step reads (no secrets but the tokens, kept as secret state). */
const WINDOW_STATE = {
    /** JSON: the providers planned, their API origins and the run's marker. */
    planned: 'other-windows-planned',
    /** JSON: every window opened so far. */
    opened: 'other-windows',
    token: (p) => `${p}-token`,
};
/** A marker no other run shares: the run's own words, and a random part. */
function newMarker(p) {
    const run = p.runInfo();
    return (0,_core_windows_marker_js__WEBPACK_IMPORTED_MODULE_11__/* .markerText */ .U7)(`${run.run ? `run ${run.run} ` : ''}${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(6).toString('hex')}`);
}
/** A Datadog or PagerDuty API client: the one origin, the token, the provider's dialect. */
function providerApi(p, rt, provider, origin, token, from, timeouts = _core_site24x7_api_config_js__WEBPACK_IMPORTED_MODULE_10__/* .DEFAULT_API_LIMITS */ .sC) {
    return new _core_net_json_api_js__WEBPACK_IMPORTED_MODULE_2__/* .JsonApi */ .T(provider === 'datadog' ? _core_datadog_downtimes_js__WEBPACK_IMPORTED_MODULE_3__/* .DATADOG_DIALECT */ .wD : (0,_core_pagerduty_windows_js__WEBPACK_IMPORTED_MODULE_4__/* .pagerDutyDialect */ .CF)(from), {
        origin,
        token: () => token,
        timeoutMs: timeouts.timeoutMs,
        budgetMs: timeouts.budgetMs,
        budgetLabel: p.label('max-retry-seconds'),
        secrets: () => [token],
    }, rt);
}
/** Mint the tokens the step has client credentials for and no token given (PagerDuty's). */
async function mintOtherTokens(p, rt, o) {
    const pd = o.pagerduty;
    if (pd?.token && !pd.accessToken) {
        const tokens = new _connect_js__WEBPACK_IMPORTED_MODULE_8__/* .Tokens */ .DQ(p, rt, { token: pd.token }, '');
        await tokens.ready();
        pd.accessToken = tokens.current();
        p.log.info((0,_core_text_js__WEBPACK_IMPORTED_MODULE_12__.t) `PagerDuty API: ${pd.origin.origin}; using ${tokens.reused ? 'a kept' : 'a freshly minted'} app token.`);
    }
}
/** Resolve every selection (nothing changes yet) into the sets the transaction opens. */
async function prepareWindows(p, rt, o, w, marker, timeouts) {
    const sets = [];
    if (o.datadog) {
        const dd = o.datadog;
        const client = providerApi(p, rt, 'datadog', dd.origin, dd.accessToken, undefined, timeouts);
        const target = await (0,_core_datadog_downtimes_js__WEBPACK_IMPORTED_MODULE_3__/* .resolveDatadog */ .Pq)(client, dd.selection, (0,_core_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .wordingOf */ .O3)(p).subject(o.datadog.selection.monitors.length ? 'datadog-monitors' : 'datadog-tags'));
        const message = `${w.name}\n\n${w.description}\n\n${marker}`;
        const requests = (0,_core_datadog_downtimes_js__WEBPACK_IMPORTED_MODULE_3__/* .downtimeRequests */ .a9)({ startMs: w.startMs, endMs: w.endMs, scope: dd.scope, message }, target);
        const ui = datadogUi(dd.site);
        sets.push({
            provider: 'datadog',
            noun: NOUNS.datadog,
            planned: requests.map((r) => ({
                covers: r.covers,
                method: 'POST',
                path: '/api/v2/downtime',
                body: r.body,
            })),
            async open(plan) {
                const id = await (0,_core_datadog_downtimes_js__WEBPACK_IMPORTED_MODULE_3__/* .scheduleDowntime */ .b7)(client, plan.body);
                return {
                    provider: 'datadog',
                    id,
                    covers: plan.covers,
                    url: ui && `${ui}/monitors/downtimes?id=${id}`,
                };
            },
            close: (id) => (0,_core_datadog_downtimes_js__WEBPACK_IMPORTED_MODULE_3__/* .cancelDowntime */ .sy)(client, id),
            signal: (0,_core_gate_providers_js__WEBPACK_IMPORTED_MODULE_5__/* .datadogSignal */ .Z)(client, target),
        });
    }
    if (o.pagerduty) {
        const pd = o.pagerduty;
        const client = providerApi(p, rt, 'pagerduty', pd.origin, pd.accessToken, pd.from, timeouts);
        const services = await (0,_core_pagerduty_windows_js__WEBPACK_IMPORTED_MODULE_4__/* .resolveServices */ .bs)(client, pd.services, (0,_core_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .wordingOf */ .O3)(p).subject('pagerduty-services'));
        const body = (0,_core_pagerduty_windows_js__WEBPACK_IMPORTED_MODULE_4__/* .windowRequest */ .sc)({ startMs: w.startMs, endMs: w.endMs, description: `${w.name}: ${w.description} ${marker}` }, services);
        const covers = `services ${services.map((s) => `${(0,_core_text_js__WEBPACK_IMPORTED_MODULE_12__/* .serverText */ .Tn)(s.name)} (${s.id})`).join(', ')}`;
        sets.push({
            provider: 'pagerduty',
            noun: NOUNS.pagerduty,
            planned: [{ covers, method: 'POST', path: '/maintenance_windows', body }],
            async open() {
                const opened = await (0,_core_pagerduty_windows_js__WEBPACK_IMPORTED_MODULE_4__/* .openPagerDutyWindow */ .ii)(client, body);
                return { provider: 'pagerduty', id: opened.id, covers, url: opened.htmlUrl };
            },
            close: (id) => (0,_core_pagerduty_windows_js__WEBPACK_IMPORTED_MODULE_4__/* .endPagerDutyWindow */ .pi)(client, id, rt.now()),
            signal: (0,_core_gate_providers_js__WEBPACK_IMPORTED_MODULE_5__/* .pagerDutySignal */ .E)(client, services),
        });
    }
    return sets;
}
/** Datadog's web app for a site (its preset region's appHost), for links. */
function datadogUi(site) {
    const host = site ? _core_oauth_providers_js__WEBPACK_IMPORTED_MODULE_9__/* .PROVIDERS */ .xq.datadog.regions[site]?.appHost : undefined;
    return host && `https://${host}`;
}
/** Saved before anything is opened: if the step dies mid-request, the post step can look. */
function savePlanned(p, o, marker, endsAt) {
    const providers = [];
    if (o.datadog) {
        providers.push({ provider: 'datadog', origin: o.datadog.origin.origin });
        p.saveState(WINDOW_STATE.token('datadog'), o.datadog.accessToken, { secret: true });
    }
    if (o.pagerduty) {
        providers.push({
            provider: 'pagerduty',
            origin: o.pagerduty.origin.origin,
            from: o.pagerduty.from,
        });
        p.saveState(WINDOW_STATE.token('pagerduty'), o.pagerduty.accessToken, { secret: true });
    }
    p.saveState(WINDOW_STATE.planned, JSON.stringify({ marker, endsAt, providers }));
    p.saveState(WINDOW_STATE.opened, '[]');
}
/** Record the windows that exist now (the post step closes exactly these, and looks for more). */
function saveOpened(p, windows) {
    p.saveState(WINDOW_STATE.opened, JSON.stringify(windows));
}
/** Nothing left for the post step: every window is closed, or none was opened. */
function clearWindows(p) {
    p.saveState(WINDOW_STATE.planned, '');
    p.saveState(WINDOW_STATE.opened, '');
}
function readPlanned(p) {
    const v = parseJson(p.getState(WINDOW_STATE.planned));
    return v && typeof v.marker === 'string' && Array.isArray(v.providers) ? v : undefined;
}
function readOpened(p) {
    const v = parseJson(p.getState(WINDOW_STATE.opened));
    return Array.isArray(v)
        ? v.filter((w) => typeof w?.id === 'string' && typeof w.provider === 'string')
        : [];
}
/** Sets that only close (the post step's, the command line's after its command exits). */
function closingSets(p, rt, targets) {
    return targets.map((c) => {
        const client = providerApi(p, rt, c.provider, new URL(c.origin), c.token, c.from);
        return {
            provider: c.provider,
            noun: NOUNS[c.provider],
            planned: [],
            open: () => Promise.reject(new Error('this step only closes windows')),
            close: (id) => c.provider === 'datadog'
                ? (0,_core_datadog_downtimes_js__WEBPACK_IMPORTED_MODULE_3__/* .cancelDowntime */ .sy)(client, id)
                : (0,_core_pagerduty_windows_js__WEBPACK_IMPORTED_MODULE_4__/* .endPagerDutyWindow */ .pi)(client, id, rt.now()),
        };
    });
}
/** Where the windows of a configuration are closed. */
function closeTargets(o) {
    return [
        ...(o.datadog
            ? [
                {
                    provider: 'datadog',
                    origin: o.datadog.origin.origin,
                    token: o.datadog.accessToken,
                },
            ]
            : []),
        ...(o.pagerduty
            ? [
                {
                    provider: 'pagerduty',
                    origin: o.pagerduty.origin.origin,
                    token: o.pagerduty.accessToken,
                    from: o.pagerduty.from,
                },
            ]
            : []),
    ];
}
/** Close windows, one log line each; the lines of those that could not be closed. */
async function closeAndReport(p, sets, windows) {
    const failures = [];
    for (const c of await (0,_core_windows_transaction_js__WEBPACK_IMPORTED_MODULE_6__/* .closeAll */ .S5)(sets, windows)) {
        const line = (0,_core_windows_transaction_js__WEBPACK_IMPORTED_MODULE_6__/* .describeClosing */ .th)(c, NOUNS);
        if (c.error)
            failures.push(line);
        else
            p.log.info((0,_core_text_js__WEBPACK_IMPORTED_MODULE_12__.t) `Closed ${line}.`);
    }
    return failures;
}
/**
 * The post step's part: close every recorded window, and any the main step opened without
 * hearing back (found by the marker). Throws when a window could not be closed, naming it.
 */
async function closeRecordedWindows(p, rt) {
    const planned = readPlanned(p);
    if (!planned)
        return;
    const windows = readOpened(p);
    const targets = planned.providers.map((pr) => {
        const token = p.getState(WINDOW_STATE.token(pr.provider));
        if (token)
            p.setSecret(token);
        return { ...pr, token };
    });
    const failures = [];
    for (const c of targets) {
        // A window the main step may have opened without hearing back: look for its marker.
        const client = providerApi(p, rt, c.provider, new URL(c.origin), c.token, c.from);
        try {
            const found = c.provider === 'datadog'
                ? await findDowntimes(client, planned.marker)
                : await findPagerDutyWindows(client, planned.marker);
            for (const id of found) {
                if (!windows.some((w) => w.provider === c.provider && w.id === id)) {
                    p.log.info(t `Found ${NOUNS[c.provider]} ${id}, which the main step opened without hearing back.`);
                    windows.push({ provider: c.provider, id, covers: 'found by its marker' });
                }
            }
        }
        catch (e) {
            if (e instanceof StepError && e.kind === 'cancelled')
                throw e;
            failures.push(t `could not look for ${NOUNS[c.provider]}s left by the main step: ${e.message}`);
        }
    }
    failures.push(...(await closeAndReport(p, closingSets(p, rt, targets), windows)));
    if (failures.length)
        throw notClosed(failures, planned.endsAt);
}
function notClosed(failures, endsAt) {
    return new StepError('server', t `Not every window could be closed: ${failures.join('; ')}. Each ends on its own at its scheduled end (${new Date(endsAt).toISOString().replace(/\.\d{3}Z$/, 'Z')}); to resume alerting sooner, end it in the provider's web app.`);
}
/** Markdown rows for the job summary: one per opened window, with a link where known. */
function windowRows(windows) {
    if (!windows.length)
        return '';
    const md = (v) => (0,_core_text_js__WEBPACK_IMPORTED_MODULE_12__/* .markdownText */ .p7)((0,_core_text_js__WEBPACK_IMPORTED_MODULE_12__/* .serverText */ .Tn)(v));
    return [
        '| Provider | Window | Covers |',
        '|---|---|---|',
        ...windows.map((w) => `| ${NOUNS[w.provider]} | ${w.url ? `[${md(w.id)}](${w.url})` : md(w.id)} | ${md(w.covers)} |`),
        '',
    ].join('\n');
}


/***/ })

};
;
//# sourceMappingURL=194.index.cjs.js.map