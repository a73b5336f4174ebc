// CPU per request of the persons list (the list benchmark's query) in the API and in PostgreSQL:
//   pnpm --filter api build && node test/bench/tools/list-cpu.mjs [seconds=10] [connections=8] [prof]
// against the generated S database (BENCH_LIST_DATABASE, default baophu_gen_s on 127.0.0.1, made by
// `pnpm bench --only list` or `pnpm bench:generate --size S`; its planner account is made by the
// list benchmark). Reads /proc before and after one autocannon run: the API's CPU, every postgres
// process's CPU (on a quiet machine: another database's work would count), and this process's (the
// load tool, whose CPU per request tells how fast the machine is running). `prof`: also a V8 CPU profile of the API in
// test/bench/out/cpu/ (open it in Chrome's DevTools). Linux only.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
const ticks = (pid) => { try { const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return Number(f[11]) + Number(f[12]); } catch { return 0; } };
const pgTicks = () => fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).reduce((n, d) => { try { return fs.readFileSync(`/proc/${d}/comm`, 'utf8').trim() === 'postgres' ? n + ticks(d) : n; } catch { return n; } }, 0);
import { createRequire } from 'node:module';
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const require = createRequire(path.join(root, 'test/bench/'));
const autocannon = require('autocannon');
const pg = require('pg');
const secs = Number(process.argv[2] ?? 10), conns = Number(process.argv[3] ?? 8), prof = process.argv[4] === 'prof';
const url = process.env.BENCH_LIST_DATABASE ?? 'postgres://postgres@127.0.0.1:5432/baophu_gen_s';
const port = 43111;
const args = [...(prof ? ['--cpu-prof', `--cpu-prof-dir=${path.join(root, 'test/bench/out/cpu')}`] : []), path.join(root, 'apps/api/dist/main.js')];
const child = spawn('node', args, { env: { ...process.env, DATABASE_URL: url, SEED: 'none', JOBS: 'off', PORT: String(port), REFERENCE_UNITS: 'all', LOG_LEVEL: 'silent', NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(40) }, stdio: ['ignore', 'inherit', 'inherit'] });
const base = `http://127.0.0.1:${port}`;
for (let i = 0; i < 200; i++) { try { const r = await fetch(`${base}/healthz`); if (r.ok) break; } catch {} await new Promise((r) => setTimeout(r, 200)); }
const post = async (query, variables, token) => (await (await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) })).json());
const login = await post(`mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`, { u: 'bench.planner.82', p: 'bench-Password-82' });
const token = login.data.login.token;
const c = new pg.Client(url); await c.connect();
const { rows } = await c.query(`SELECT p.hamlet_id, min(p.full_name) AS n FROM person p JOIN org_unit h ON h.id=p.hamlet_id WHERE h.path LIKE (SELECT path FROM org_unit WHERE level='PROVINCE' AND code='82' AND valid_to IS NULL)||'%' GROUP BY 1 HAVING count(*)>=10 LIMIT 200`);
await c.end();
const OURS = `query Persons($filter: PersonFilter, $take: Int) {
  persons(filter: $filter, take: $take) { totalCount items { id fullName dateOfBirth sex supportCategory hamlet { id code name } household { id code } } } }`;
const bodies = rows.map((r) => Buffer.from(JSON.stringify({ query: OURS, variables: { filter: { hamletId: String(r.hamlet_id), q: r.n.split(' ').pop().slice(0, 3) }, take: 25 } })));
const check = await post(OURS, JSON.parse(bodies[0]).variables, token);
if (check.errors) { console.error(JSON.stringify(check.errors)); }
let next = 0;
const run = (d) => autocannon({ url: `${base}/graphql`, method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, connections: conns, duration: d, requests: [{ setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length] }) }] });
await run(3);
const a0 = ticks(child.pid), p0 = pgTicks(), s0 = process.cpuUsage();
const r = await run(secs);
const a1 = ticks(child.pid), p1 = pgTicks(), s1 = process.cpuUsage(s0);
const n = r.requests.total;
console.log(`${conns} conns: ${(n / r.duration).toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, errors ${r.errors + r.non2xx}; CPU per request: API ${((a1 - a0) * 10 / n).toFixed(2)} ms, PostgreSQL ${((p1 - p0) * 10 / n).toFixed(2)} ms, load tool ${((s1.user + s1.system) / 1000 / n).toFixed(2)} ms`);
child.kill('SIGTERM');
await new Promise((r) => child.on('exit', r));
