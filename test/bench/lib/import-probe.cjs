'use strict';
/**
 * Preloaded into the API child process of import.bench.ts (`node --require <this> dist/main.js`)
 * when BENCH_PROBE_FILE is set: times every statement the API sends through `pg` and appends one
 * JSON line per statement to that file — start (epoch ms, the same clock as the bench's
 * `performance.timeOrigin + performance.now()`), duration, the backend pid, the start of the SQL,
 * the size of the text parameters, and the process's memory at the end of the statement.
 *
 * The first statement of each kind (the same start of SQL) also gets its whole text (`fullSql`)
 * and, when they are small (under 200,000 characters as JSON), its parameters (`params`): the
 * benchmark replays such a statement under EXPLAIN ANALYZE.
 *
 * It changes no behaviour: the query is passed through as it was called. The cost is one
 * process.memoryUsage() and one small synchronous write per statement (~150 for a 100,000-row
 * import), which is negligible next to the statements themselves; with BENCH_PROBE_ALL (the
 * reports, statements of a millisecond or less) no memory is read.
 */
const fs = require('node:fs');
const path = require('node:path');
const util = require('node:util');

/**
 * BENCH_CLAMP_TIMERS=1 (a diagnostic run only): setTimeout delays over 2^31−1 ms, which Node
 * replaces by 1 ms with a TimeoutOverflowWarning, are clamped to 2^31−1 ms instead (24.8 days).
 * Used when the API's own scheduler overflows and spins, to measure the import without that loop.
 */
if (process.env.BENCH_CLAMP_TIMERS === '1') {
  const MAX = 2 ** 31 - 1;
  const original = globalThis.setTimeout;
  const clamped = function setTimeout(callback, delay, ...args) {
    return original.call(this, callback, typeof delay === 'number' && delay > MAX ? MAX : delay, ...args);
  };
  clamped[util.promisify.custom] = original[util.promisify.custom];
  globalThis.setTimeout = clamped;
}

const out = process.env.BENCH_PROBE_FILE;
if (out) {
  const apiDir = path.resolve(__dirname, '../../../apps/api');
  // The API's own copy of pg (the one TypeORM loads), not another one.
  const pg = require(require.resolve('pg', { paths: [apiDir] }));
  const fd = fs.openSync(out, 'w');
  const now = () => performance.timeOrigin + performance.now();
  const original = pg.Client.prototype.query;

  const paramBytes = (values) => {
    if (!Array.isArray(values)) return 0;
    let n = 0;
    for (const v of values) if (typeof v === 'string') n += v.length;
    return n;
  };

  const seen = new Set();
  // BENCH_PROBE_ALL=1 (report.bench.ts): every statement keeps its text and parameters, to be replayed bare.
  const all = process.env.BENCH_PROBE_ALL === '1';
  const firstOfKind = (sql, text, params) => {
    if (seen.has(sql) && !all) return {};
    seen.add(sql);
    let json = null;
    try {
      // Large text parameters (the INSERTs' JSON payloads) are not copied at all.
      json = params && paramBytes(params) < 200_000 ? JSON.stringify(params) : null;
    } catch {
      json = null;
    }
    return { fullSql: text, params: json !== null && json.length < 200_000 ? params : null };
  };

  pg.Client.prototype.query = function probedQuery(config, values, callback) {
    const text = typeof config === 'string' ? config : config && typeof config.text === 'string' ? config.text : null;
    if (text === null) return original.apply(this, arguments);
    const client = this;
    const start = now();
    const params = Array.isArray(values) ? values : config && Array.isArray(config.values) ? config.values : null;
    const record = (err, res) => {
      // The memory is the import's question; a report's statements (BENCH_PROBE_ALL) skip it: its
      // cost (tens of µs a statement) fell on the API's side of the report's ratio alone.
      const m = all ? null : process.memoryUsage();
      const sql = text.replace(/\s+/g, ' ').trim().slice(0, 100);
      fs.writeSync(
        fd,
        `${JSON.stringify({
          start,
          ms: now() - start,
          pid: client.processID ?? null,
          sql,
          ...firstOfKind(sql, text, params),
          bytes: paramBytes(params),
          rows: res && typeof res.rowCount === 'number' ? res.rowCount : null,
          error: err ? String(err.message || err).slice(0, 200) : null,
          ...(m && { rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers }),
        })}\n`,
      );
    };
    const args = Array.prototype.slice.call(arguments);
    const cbIndex = args.findIndex((a) => typeof a === 'function');
    if (cbIndex >= 0) {
      const cb = args[cbIndex];
      args[cbIndex] = function (err, res) {
        record(err, res);
        return cb.apply(this, arguments);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result && typeof result.then === 'function') {
      result.then(
        (res) => record(null, res),
        (err) => record(err, null),
      );
    } else if (result && typeof result.on === 'function') {
      // A COPY … FROM STDIN stream (pg-copy-streams): done when it finishes, with its row count.
      result.once('finish', () => record(null, { rowCount: typeof result.rowCount === 'number' ? result.rowCount : null }));
      result.once('error', (err) => record(err, null));
    }
    return result;
  };
}
