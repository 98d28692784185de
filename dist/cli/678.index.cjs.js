exports.id = 678;
exports.ids = [678];
exports.modules = {

/***/ 2940:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {

var fs = __webpack_require__(9896)
var core
if (process.platform === 'win32' || global.TESTING_WINDOWS) {
  core = __webpack_require__(9225)
} else {
  core = __webpack_require__(1025)
}

module.exports = isexe
isexe.sync = sync

function isexe (path, options, cb) {
  if (typeof options === 'function') {
    cb = options
    options = {}
  }

  if (!cb) {
    if (typeof Promise !== 'function') {
      throw new TypeError('callback not provided')
    }

    return new Promise(function (resolve, reject) {
      isexe(path, options || {}, function (er, is) {
        if (er) {
          reject(er)
        } else {
          resolve(is)
        }
      })
    })
  }

  core(path, options || {}, function (er, is) {
    // ignore EACCES because that just means we aren't allowed to run it
    if (er) {
      if (er.code === 'EACCES' || options && options.ignoreErrors) {
        er = null
        is = false
      }
    }
    cb(er, is)
  })
}

function sync (path, options) {
  // my kingdom for a filtered catch
  try {
    return core.sync(path, options || {})
  } catch (er) {
    if (options && options.ignoreErrors || er.code === 'EACCES') {
      return false
    } else {
      throw er
    }
  }
}


/***/ }),

/***/ 1025:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {

module.exports = isexe
isexe.sync = sync

var fs = __webpack_require__(9896)

function isexe (path, options, cb) {
  fs.stat(path, function (er, stat) {
    cb(er, er ? false : checkStat(stat, options))
  })
}

function sync (path, options) {
  return checkStat(fs.statSync(path), options)
}

function checkStat (stat, options) {
  return stat.isFile() && checkMode(stat, options)
}

function checkMode (stat, options) {
  var mod = stat.mode
  var uid = stat.uid
  var gid = stat.gid

  var myUid = options.uid !== undefined ?
    options.uid : process.getuid && process.getuid()
  var myGid = options.gid !== undefined ?
    options.gid : process.getgid && process.getgid()

  var u = parseInt('100', 8)
  var g = parseInt('010', 8)
  var o = parseInt('001', 8)
  var ug = u | g

  var ret = (mod & o) ||
    (mod & g) && gid === myGid ||
    (mod & u) && uid === myUid ||
    (mod & ug) && myUid === 0

  return ret
}


/***/ }),

/***/ 9225:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {

module.exports = isexe
isexe.sync = sync

var fs = __webpack_require__(9896)

function checkPathExt (path, options) {
  var pathext = options.pathExt !== undefined ?
    options.pathExt : process.env.PATHEXT

  if (!pathext) {
    return true
  }

  pathext = pathext.split(';')
  if (pathext.indexOf('') !== -1) {
    return true
  }
  for (var i = 0; i < pathext.length; i++) {
    var p = pathext[i].toLowerCase()
    if (p && path.substr(-p.length).toLowerCase() === p) {
      return true
    }
  }
  return false
}

function checkStat (stat, path, options) {
  if (!stat.isSymbolicLink() && !stat.isFile()) {
    return false
  }
  return checkPathExt(path, options)
}

function isexe (path, options, cb) {
  fs.stat(path, function (er, stat) {
    cb(er, er ? false : checkStat(stat, path, options))
  })
}

function sync (path, options) {
  return checkStat(fs.statSync(path), path, options)
}


/***/ }),

/***/ 6848:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {

const isWindows = process.platform === 'win32' ||
    process.env.OSTYPE === 'cygwin' ||
    process.env.OSTYPE === 'msys'

const path = __webpack_require__(6928)
const COLON = isWindows ? ';' : ':'
const isexe = __webpack_require__(2940)

const getNotFoundError = (cmd) =>
  Object.assign(new Error(`not found: ${cmd}`), { code: 'ENOENT' })

const getPathInfo = (cmd, opt) => {
  const colon = opt.colon || COLON

  // If it has a slash, then we don't bother searching the pathenv.
  // just check the file itself, and that's it.
  const pathEnv = cmd.match(/\//) || isWindows && cmd.match(/\\/) ? ['']
    : (
      [
        // windows always checks the cwd first
        ...(isWindows ? [process.cwd()] : []),
        ...(opt.path || process.env.PATH ||
          /* istanbul ignore next: very unusual */ '').split(colon),
      ]
    )
  const pathExtExe = isWindows
    ? opt.pathExt || process.env.PATHEXT || '.EXE;.CMD;.BAT;.COM'
    : ''
  const pathExt = isWindows ? pathExtExe.split(colon) : ['']

  if (isWindows) {
    if (cmd.indexOf('.') !== -1 && pathExt[0] !== '')
      pathExt.unshift('')
  }

  return {
    pathEnv,
    pathExt,
    pathExtExe,
  }
}

const which = (cmd, opt, cb) => {
  if (typeof opt === 'function') {
    cb = opt
    opt = {}
  }
  if (!opt)
    opt = {}

  const { pathEnv, pathExt, pathExtExe } = getPathInfo(cmd, opt)
  const found = []

  const step = i => new Promise((resolve, reject) => {
    if (i === pathEnv.length)
      return opt.all && found.length ? resolve(found)
        : reject(getNotFoundError(cmd))

    const ppRaw = pathEnv[i]
    const pathPart = /^".*"$/.test(ppRaw) ? ppRaw.slice(1, -1) : ppRaw

    const pCmd = path.join(pathPart, cmd)
    const p = !pathPart && /^\.[\\\/]/.test(cmd) ? cmd.slice(0, 2) + pCmd
      : pCmd

    resolve(subStep(p, i, 0))
  })

  const subStep = (p, i, ii) => new Promise((resolve, reject) => {
    if (ii === pathExt.length)
      return resolve(step(i + 1))
    const ext = pathExt[ii]
    isexe(p + ext, { pathExt: pathExtExe }, (er, is) => {
      if (!er && is) {
        if (opt.all)
          found.push(p + ext)
        else
          return resolve(p + ext)
      }
      return resolve(subStep(p, i, ii + 1))
    })
  })

  return cb ? step(0).then(res => cb(null, res), cb) : step(0)
}

const whichSync = (cmd, opt) => {
  opt = opt || {}

  const { pathEnv, pathExt, pathExtExe } = getPathInfo(cmd, opt)
  const found = []

  for (let i = 0; i < pathEnv.length; i ++) {
    const ppRaw = pathEnv[i]
    const pathPart = /^".*"$/.test(ppRaw) ? ppRaw.slice(1, -1) : ppRaw

    const pCmd = path.join(pathPart, cmd)
    const p = !pathPart && /^\.[\\\/]/.test(cmd) ? cmd.slice(0, 2) + pCmd
      : pCmd

    for (let j = 0; j < pathExt.length; j ++) {
      const cur = p + pathExt[j]
      try {
        const is = isexe.sync(cur, { pathExt: pathExtExe })
        if (is) {
          if (opt.all)
            found.push(cur)
          else
            return cur
        }
      } catch (ex) {}
    }
  }

  if (opt.all && found.length)
    return found

  if (opt.nothrow)
    return null

  throw getNotFoundError(cmd)
}

module.exports = which
which.sync = whichSync


/***/ }),

/***/ 4678:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

"use strict";
// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  jsonOutputs: () => (/* binding */ jsonOutputs),
  site24x7: () => (/* binding */ site24x7)
});

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/site24x7/api-config.ts
var api_config = __webpack_require__(6015);
// EXTERNAL MODULE: ./src/core/site24x7/select.ts
var site24x7_select = __webpack_require__(6934);
// EXTERNAL MODULE: ./src/core/text.ts
var core_text = __webpack_require__(2020);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./node_modules/which/which.js
var which = __webpack_require__(6848);
var which_default = /*#__PURE__*/__webpack_require__.n(which);
// EXTERNAL MODULE: ./src/core/site24x7/config.ts
var config = __webpack_require__(100);
// EXTERNAL MODULE: ./src/core/windows/config.ts
var windows_config = __webpack_require__(5003);
// EXTERNAL MODULE: ./src/core/windows/marker.ts
var marker = __webpack_require__(6375);
// EXTERNAL MODULE: ./src/core/datadog/downtimes.ts
var downtimes = __webpack_require__(7360);
// EXTERNAL MODULE: ./src/core/pagerduty/windows.ts
var windows = __webpack_require__(22);
// EXTERNAL MODULE: ./src/core/windows/transaction.ts
var transaction = __webpack_require__(1149);
// EXTERNAL MODULE: ./src/core/inputs.ts
var inputs = __webpack_require__(9114);
// EXTERNAL MODULE: ./src/core/site24x7/json.ts
var json = __webpack_require__(5508);
// EXTERNAL MODULE: ./src/core/site24x7/maintenance.ts
var maintenance = __webpack_require__(6959);
// EXTERNAL MODULE: ./src/core/secret-inputs.ts
var secret_inputs = __webpack_require__(7517);
// EXTERNAL MODULE: ./src/steps/maintenance.ts + 4 modules
var steps_maintenance = __webpack_require__(3194);
// EXTERNAL MODULE: ./src/steps/maintenance/connect.ts + 2 modules
var connect = __webpack_require__(4949);
// EXTERNAL MODULE: ./src/steps/maintenance/end.ts
var end = __webpack_require__(1874);
// EXTERNAL MODULE: ./src/steps/maintenance/report.ts
var report = __webpack_require__(4445);
// EXTERNAL MODULE: ./src/steps/maintenance/start.ts
var start = __webpack_require__(1639);
// EXTERNAL MODULE: ./src/steps/maintenance/windows.ts
var maintenance_windows = __webpack_require__(7834);
// EXTERNAL MODULE: ./src/steps/run.ts + 2 modules
var steps_run = __webpack_require__(7327);
// EXTERNAL MODULE: ./src/steps/mask.ts
var mask = __webpack_require__(2579);
;// CONCATENATED MODULE: ./src/cli/maintenance.ts
/**
 * `oauth-token site24x7 maintenance list` (the windows this tool opened, to recover a lost id)
 * and `... maintenance run [options] -- command` (open a window, run the command, end the
 * window when it exits or on Ctrl-C, exit with its status).
 */
























function coverage(item) {
    // The kind by select.ts's map, named as the window's body names its field (monitor_groups).
    const known = site24x7_select/* KIND_BY_TYPE */.k_[Number(item.selection_type)];
    const kind = known ? known.replace('-', '_') : 'unknown';
    const raw = kind === 'unknown' ? [] : (0,json/* arr */.QL)(item[kind]);
    // IDs only as Site24x7 writes them (decimal), as everywhere a server's ID is used.
    const ids = raw.map((x) => String(x)).filter((x) => /^\d{1,30}$/.test(x));
    return { kind, ids };
}
function describeCoverage(c) {
    if (c.kind === 'unknown')
        return '?';
    const noun = { monitors: 'monitor', monitor_groups: 'group', tags: 'tag' }[c.kind];
    return (0,core_text/* count */.U9)(c.ids.length, noun);
}
/** The windows this tool opened (by their description), or every window with `all`. */
async function cli_maintenance_windows(api, now, all) {
    const { data } = await api.get('/maintenance', 'window list');
    const rows = [];
    for (const item of (0,json/* arr */.QL)(data)) {
        const description = (0,json/* str */.gx)((0,json/* rec */.D9)(item).description);
        if (!all && !description.startsWith(config/* OPENED_BY */._q))
            continue;
        const { id, name, startMs, endMs } = (0,maintenance/* windowInfo */.zL)((0,json/* str */.gx)((0,json/* rec */.D9)(item).maintenance_id), (0,json/* rec */.D9)(item));
        rows.push({
            maintenance_id: id,
            display_name: name,
            starts_at: startMs === undefined ? null : (0,core_text/* isoSeconds */.nE)(new Date(startMs)),
            ends_at: endMs === undefined ? null : (0,core_text/* isoSeconds */.nE)(new Date(endMs)),
            state: startMs === undefined || endMs === undefined
                ? 'unknown'
                : now < startMs
                    ? 'upcoming'
                    : now < endMs
                        ? 'running'
                        : 'over',
            covers: coverage((0,json/* rec */.D9)(item)),
            description,
        });
    }
    return rows;
}
/**
 * `maintenance end` at a terminal: an ID that names no window is an error, not a success. A
 * mistyped ID would otherwise say "nothing to end" and leave the real window running; the
 * windows this tool opened that are still running or to come are listed with it.
 */
async function endAtTerminal(p, rt) {
    (0,mask/* maskSecretInputs */.q)(p, steps_maintenance/* MAINTENANCE_SECRET_INPUTS */.vS);
    // Datadog downtimes and PagerDuty windows by ID, ended first: a Site24x7 ID that names no
    // window is an error below, and must not leave these running.
    const ends = (0,windows_config/* parseOtherEnds */.OO)(p, p.log);
    const failures = [];
    const dryRun = new inputs/* Inputs */.G0(p, p.log).bool('dry-run', false);
    for (const e of ends) {
        if (dryRun) {
            for (const id of e.ids)
                p.log.info((0,core_text.t) `Dry run: would end ${maintenance_windows/* NOUNS */.M_[e.provider]} ${id}.`);
            continue;
        }
        const windows = e.ids.map((id) => ({ provider: e.provider, id, covers: 'given by its ID' }));
        for (const c of await (0,transaction/* closeAll */.S5)((0,maintenance_windows/* closingSets */.zf)(p, rt, [e]), windows)) {
            if (c.end === 'gone') {
                failures.push((0,core_text.t) `no ${maintenance_windows/* NOUNS */.M_[e.provider]} has the ID ${c.window.id}`);
            }
            else if (c.error)
                failures.push((0,transaction/* describeClosing */.th)(c, maintenance_windows/* NOUNS */.M_));
            else
                p.log.info((0,core_text.t) `Closed ${(0,transaction/* describeClosing */.th)(c, maintenance_windows/* NOUNS */.M_)}.`);
        }
    }
    if (!ends.length || p.get('maintenance-id').trim()) {
        const cfg = (0,config/* parseMaintenanceConfig */.vv)(p, p.log, rt.now(), p.runInfo());
        const { api } = await (0,steps_maintenance/* connect */.Ng)(p, rt, cfg);
        const ended = await (0,end/* end */._)(p, rt, cfg, api);
        if (ended?.action === 'gone') {
            const open = (await cli_maintenance_windows(api, rt.now(), false)).filter((w) => w.state !== 'over');
            failures.push(open.length
                ? (0,core_text.t) `No maintenance window has the ID ${cfg.maintenanceId}. Windows this tool opened that are running or to come: ${open.map((w) => `${w.maintenance_id} '${(0,core_text/* serverText */.Tn)(w.display_name)}' (${w.state}, until ${w.ends_at ?? '?'})`).join('; ')}.`
                : (0,core_text.t) `No maintenance window has the ID ${cfg.maintenanceId}, and no window this tool opened is running or to come (oauth-token site24x7 maintenance list --all shows every window).`);
        }
    }
    if (failures.length) {
        const notFound = failures.every((f) => /^no |^No maintenance window/.test(f));
        throw new errors/* StepError */.zg(notFound ? 'not-found' : 'server', (0,core_text.t) `${failures.join('; ')}`);
    }
}
function stateOf(now, startMs, endMs) {
    if (startMs === undefined || endMs === undefined)
        return 'unknown';
    return now < startMs ? 'upcoming' : now < endMs ? 'running' : 'over';
}
const iso = (ms) => (ms === undefined ? null : (0,core_text/* isoSeconds */.nE)(new Date(ms)));
/** The Datadog downtimes and PagerDuty windows this tool opened (by their marker), or all. */
async function otherWindows(p, rt, all) {
    const out = {};
    const limits = (0,api_config/* parseApiLimits */.GE)(new inputs/* Inputs */.G0(p, p.log));
    for (const a of (0,windows_config/* parseOtherAccess */.sP)(p, p.log)) {
        const api = (0,maintenance_windows/* providerApi */.ig)(p, rt, a.provider, new URL(a.origin), a.token, a.from, limits);
        const mine = (text) => all || text.includes(marker/* MARKER_PREFIX */.Km);
        if (a.provider === 'datadog') {
            out.datadog_downtimes = (await (0,downtimes/* listDowntimes */.NA)(api))
                .filter((d) => mine(d.message))
                .map((d) => ({
                id: d.id,
                state: stateOf(rt.now(), d.startMs, d.endMs),
                starts_at: iso(d.startMs),
                ends_at: iso(d.endMs),
                covers: d.covers,
                name: d.message.split('\n')[0] ?? '',
            }));
        }
        else {
            out.pagerduty_windows = (await (0,windows/* listPagerDutyWindows */.fr)(api))
                .filter((w) => mine(w.description))
                .map((w) => ({
                id: w.id,
                state: stateOf(rt.now(), w.startMs, w.endMs),
                starts_at: iso(w.startMs),
                ends_at: iso(w.endMs),
                covers: (0,core_text/* count */.U9)(w.services, 'service'),
                name: w.description.split(/[:\n]/)[0] ?? '',
            }));
        }
    }
    return out;
}
async function listWindows(p, rt, io, flags) {
    (0,mask/* maskSecretInputs */.q)(p, steps_maintenance/* MAINTENANCE_SECRET_INPUTS */.vS);
    const all = flags.all === 'true';
    const others = await otherWindows(p, rt, all);
    // Site24x7's windows unless only Datadog's or PagerDuty's were asked for.
    const site = (0,windows_config/* wantsSite24x7 */.uO)(p) || Object.keys(others).length === 0;
    let rows = [];
    if (site) {
        const cfg = (0,api_config/* parseApiConfig */.Cx)(p, p.log);
        const { api } = await (0,steps_maintenance/* connect */.Ng)(p, rt, cfg);
        rows = await cli_maintenance_windows(api, rt.now(), all);
    }
    if (io.json) {
        io.json({ ...(site ? { windows: rows } : {}), ...others });
        return;
    }
    io.out(`${'ID'.padEnd(20)} ${'STATE'.padEnd(9)} ${'FROM'.padEnd(20)} ${'TO'.padEnd(20)} ${'COVERS'.padEnd(12)} NAME`);
    for (const r of rows) {
        io.out((0,core_text.t) `${r.maintenance_id.padEnd(20)} ${r.state.padEnd(9)} ${(r.starts_at ?? '?').padEnd(20)} ${(r.ends_at ?? '?').padEnd(20)} ${describeCoverage(r.covers).padEnd(12)} ${(0,core_text/* serverText */.Tn)(r.display_name)}`);
    }
    const labels = {
        datadog_downtimes: 'Datadog',
        pagerduty_windows: 'PagerDuty',
    };
    let n = rows.length;
    for (const [key, list] of Object.entries(others)) {
        for (const r of list) {
            n++;
            io.out((0,core_text.t) `${r.id.padEnd(20)} ${r.state.padEnd(9)} ${(r.starts_at ?? '?').padEnd(20)} ${(r.ends_at ?? '?').padEnd(20)} ${r.covers.padEnd(12)} [${labels[key]}] ${(0,core_text/* serverText */.Tn)(r.name)}`);
        }
    }
    io.err(all
        ? `${(0,core_text/* count */.U9)(n, 'window')}.`
        : `${(0,core_text/* count */.U9)(n, 'window')} opened by this tool (by their description; --all lists every window). End one with: oauth-token site24x7 maintenance end --maintenance-id ID (or --datadog-downtime-ids, --pagerduty-window-id)`);
}
/**
 * The wrapped command's environment: this one, less every secret the tool reads (whatever
 * the case of its name, as Windows' environment is case-insensitive), plus `add`. The
 * command is the user's own, but a deploy script passes its environment on to everything it
 * runs, and none of it needs the client secret or the refresh token.
 */
function commandEnv(env, add) {
    const secret = new Set(Object.values(secret_inputs/* SECRET_ENV */.$7).map((n) => n.toUpperCase()));
    const out = {};
    for (const [k, v] of Object.entries(env))
        if (v !== undefined && !secret.has(k.toUpperCase()))
            out[k] = v;
    return { ...out, ...add };
}
/** The shell's convention: the command's status, or 128 + the signal's number. */
function exitStatus(e) {
    if (e.code !== null)
        return e.code;
    return 128 + (external_node_os_.constants.signals[e.signal ?? 'SIGTERM'] ?? external_node_os_.constants.signals.SIGTERM);
}
async function runInWindow(p, rt, io, flags, command) {
    if (command.length === 0) {
        throw new errors/* StepError */.zg('input', 'Usage: oauth-token site24x7 maintenance run [options] -- command [arguments] (the command after --).');
    }
    if (!io.run)
        throw new errors/* StepError */.zg('input', 'This command line cannot run commands.');
    // Found before anything is opened: a typo in the command must not leave a window behind
    // it, or mute the monitors for a deployment that never ran.
    if (!which_default().sync(command[0], { nothrow: true, path: io.env.PATH, pathExt: io.env.PATHEXT })) {
        p.exitCode = 127; // the shell's status for a command not found
        throw new errors/* StepError */.zg('input', (0,core_text.t) `The command ${command[0]} was not found${/[\\/]/.test(command[0]) ? '' : ' on PATH'}, or may not be run: no window was opened. Check its name and that it is executable.`);
    }
    (0,mask/* maskSecretInputs */.q)(p, steps_maintenance/* MAINTENANCE_SECRET_INPUTS */.vS);
    flags.operation = 'start';
    flags['end-on-exit'] = 'false'; // this command ends the windows itself, below
    const run = p.runInfo();
    const others = (0,windows_config/* parseOtherWindows */.p3)(p, p.log);
    const alone = Boolean(others.datadog || others.pagerduty) && !(0,windows_config/* wantsSite24x7 */.uO)(p);
    const cfg = alone ? undefined : (0,config/* parseMaintenanceConfig */.vv)(p, p.log, rt.now(), run);
    const site = cfg ? { cfg, ...(await (0,steps_maintenance/* connect */.Ng)(p, rt, cfg)) } : undefined;
    const w = cfg ?? (0,config/* parseWindowSettings */.L7)(p, p.log, rt.now(), run);
    const started = await (0,start/* start */.n)(p, rt, w, site, others, run);
    if (w.dryRun) {
        p.log.info((0,core_text.t) `Dry run: would then run ${command.join(' ')} and end the windows when it exits.`);
        return;
    }
    const id = started.siteId ?? '';
    const what = [
        ...(id ? [`window ${id}`] : []),
        ...started.windows.map((x) => `${maintenance_windows/* NOUNS */.M_[x.provider]} ${x.id}`),
    ].join(', ');
    p.log.info((0,core_text.t) `Running ${command.join(' ')} (${what} open; ended when the command exits).`);
    const env = commandEnv(io.env, {
        ...(id ? { SITE24X7_MAINTENANCE_ID: id } : {}),
        ...(flags['pass-access-token'] === 'true' && site
            ? { SITE24X7_ACCESS_TOKEN: site.tokens.current() }
            : {}),
    });
    const exit = await io.run(command, env, rt.signal, io.json !== undefined);
    const status = exitStatus(exit);
    io.json?.({ command_status: status, command_signal: exit.signal });
    p.log.info((0,core_text.t) `The command ${exit.signal ? `was ended by ${exit.signal}` : `exited with status ${status}`}; ending ${what}.`);
    // Ctrl-C aborted the step's signal, and the windows must still be ended: a runtime of its
    // own, bounded by the request timeouts and the retry budget.
    const endRt = (0,steps_run/* createRuntime */.x)(p.log, p.transport());
    const failures = [];
    if (site && id) {
        const endApi = (0,connect/* apiClient */.uE)(p, endRt, new connect/* Tokens */.DQ(p, endRt, site.cfg, site.tokens.current(), site.tokens.expiresAt), site.cfg);
        try {
            (0,report/* report */.z8)(p, id, await (0,maintenance/* endWindow */.ke)(endApi, id, endRt, site.cfg.subject('maintenance-id')));
        }
        catch (e) {
            failures.push((0,core_text.t) `window ${id} could not be ended: ${e instanceof Error ? e.message : String(e)} End it with: oauth-token site24x7 maintenance end --maintenance-id ${id}`);
        }
    }
    failures.push(...(await (0,maintenance_windows/* closeAndReport */.Sz)(p, (0,maintenance_windows/* closingSets */.zf)(p, endRt, (0,maintenance_windows/* closeTargets */.TW)(others)), started.windows)));
    if (failures.length) {
        p.exitCode = status || 1;
        throw new errors/* StepError */.zg('network', (0,core_text.t) `The command finished (status ${status}), but not every window was ended: ${failures.join('; ')}`);
    }
    p.exitCode = status;
}

;// CONCATENATED MODULE: ./src/cli/site24x7.ts
/** `oauth-token site24x7 ...`: list IDs and names, and the maintenance step's operations. */







async function site24x7(p, rt, io, words, flags, rest = []) {
    const [what, op] = words;
    if (what === 'maintenance') {
        if (op === 'list')
            return listWindows(p, rt, io, flags);
        if (!op || !['start', 'end', 'check', 'run'].includes(op)) {
            throw new errors/* StepError */.zg('input', 'Usage: oauth-token site24x7 maintenance start|end|check|list|run [options] (see --help).');
        }
        // The outputs are the command's result, a failed gate's monitor states included: given
        // whatever happened (main.ts adds the error to the JSON object).
        try {
            if (op === 'run')
                await runInWindow(p, rt, io, flags, rest);
            else if (op === 'end') {
                flags.operation = 'end';
                await endAtTerminal(p, rt);
            }
            else {
                flags.operation = op;
                flags['end-on-exit'] = 'false'; // no post step here: end it with `maintenance end`
                await (0,steps_maintenance/* maintenanceMain */.lk)(p, rt);
            }
        }
        finally {
            const outs = Object.fromEntries([...p.outputs].map(([k, v]) => [k, v.value]));
            if (io.json)
                io.json(jsonOutputs(outs));
            // run: its command's output is what the terminal shows; the window's id is logged.
            else if (op !== 'run')
                for (const [k, v] of Object.entries(outs))
                    io.out(`${k.padEnd(15)} ${v}`);
        }
        return;
    }
    const kinds = {
        monitors: async (api) => (await (0,site24x7_select/* listMonitors */.CV)(api)).map((m) => ({ id: m.id, name: m.name, type: m.type })),
        groups: async (api) => (await (0,site24x7_select/* listGroups */.P$)(api)).map((g) => ({ id: g.id, name: g.name })),
        tags: site24x7_select/* listTags */.cB,
    };
    const kind = what ? kinds[what] : undefined;
    if (!kind)
        throw new errors/* StepError */.zg('input', 'Usage: oauth-token site24x7 monitors|groups|tags|maintenance ... (see --help).');
    (0,mask/* maskSecretInputs */.q)(p, steps_maintenance/* MAINTENANCE_SECRET_INPUTS */.vS);
    const cfg = (0,api_config/* parseApiConfig */.Cx)(p, p.log);
    const { api } = await (0,steps_maintenance/* connect */.Ng)(p, rt, cfg);
    const rows = await kind(api);
    if (io.json) {
        io.json({ [what]: rows });
        return;
    }
    io.out(`${'ID'.padEnd(20)} NAME`);
    for (const r of rows)
        io.out(`${r.id.padEnd(20)} ${r.name}${r.type ? `  (${r.type})` : ''}`);
    const noun = { monitors: 'monitor', groups: 'monitor group', tags: 'tag' }[what];
    io.err(`${(0,core_text/* count */.U9)(rows.length, noun)}.`);
}
/**
 * The step's outputs as the command line's JSON: the same key style as `token --json`
 * (snake_case, as OAuth's own fields) and lists as arrays.
 */
const JSON_OUTPUTS = ['monitor-states', 'dry-run-request', 'verdict', 'baseline'];
function jsonOutputs(outs) {
    return Object.fromEntries(Object.entries(outs).map(([k, v]) => [
        k.replace(/-/g, '_'),
        k.endsWith('-ids')
            ? v.split(',').filter(Boolean)
            : JSON_OUTPUTS.includes(k)
                ? JSON.parse(v)
                : v,
    ]));
}


/***/ })

};
;
//# sourceMappingURL=678.index.cjs.js.map