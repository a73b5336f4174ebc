import type pg from 'pg';
import { monthOf, todayInVietnam } from '@bao-phu/domain';
import type { BenchApi } from './api';
import { GENERATOR_VERSION, generateNational, readMeta, schemaDigest, SIZES, type Size } from './national';
import type { BenchContext } from './types';

/**
 * What the benchmarks on the national generator's data share (report.bench.ts, list.bench.ts):
 * the database, found or made, and the province planner they log in as.
 */

/** A province planner of Đồng Tháp: sees the whole province (size S is that province). */
export const PLANNER = { username: 'bench.planner.82', password: 'bench-Password-82' };
export const PROVINCE_CODE = '82';

export interface NationalUnit {
  id: number;
  code: string;
  name: string;
  level: string;
  path: string;
}

/**
 * The generated database at `url`, reused when its generator version, seed, size and the API's
 * migrations match and it was made this month (the window of dues ends on the day it was made),
 * generated otherwise (S: about 2 minutes). `envName`: the variable that names another database,
 * for the message when `url` is a database the generator did not make.
 */
export async function ensureNationalDatabase(ctx: BenchContext, size: Size, seed: number, url: string, envName: string): Promise<{ today: string; generatedMs: number | null }> {
  const meta = await readMeta(url);
  if (meta === 'foreign') throw new Error(`${url.replace(/\/\/[^@/]*@/, '//…@')}: a database not made by the generator; set ${envName} to another name`);
  const thisMonth = monthOf(todayInVietnam());
  if (meta && meta.version === GENERATOR_VERSION && meta.schema === schemaDigest() && meta.seed === seed && meta.size === size && monthOf(meta.today) === thisMonth) {
    ctx.log(`  reusing ${new URL(url).pathname.slice(1)}: generator v${meta.version}, seed ${seed}, size ${size}, made for ${meta.today} (${Object.entries(meta.rows).filter(([k]) => ['persons', 'enrollments', 'dues', 'payments'].includes(k)).map(([k, v]) => `${v.toLocaleString('en-US')} ${k}`).join(', ')})`);
    return { today: meta.today, generatedMs: null };
  }
  ctx.log(meta ? `  ${new URL(url).pathname.slice(1)} is of generator v${meta.version}, seed ${meta.seed}, size ${meta.size}, migrations ${meta.schema ?? '?'} (now ${schemaDigest()}), made for ${meta.today}: generating it again` : `  no ${new URL(url).pathname.slice(1)} yet: generating it (size ${size}: ${SIZES[size].label})`);
  const result = await generateNational({ size, seed, url, log: (m) => ctx.log(`  ${m}`) });
  ctx.detail('generation', result);
  return { today: result.today, generatedMs: result.totalMs };
}

/**
 * The province (PROVINCE_CODE) and a session of its planner (PLANNER), created by the
 * administrator `adminToken` the first time.
 */
export async function loginPlanner(api: BenchApi, c: pg.Client, adminToken: string): Promise<{ token: string; province: NationalUnit }> {
  const { rows: [province] } = await c.query(`SELECT id, code, name, level, path FROM org_unit WHERE level = 'PROVINCE' AND code = $1 AND valid_to IS NULL`, [PROVINCE_CODE]);
  try {
    return { token: await api.login(PLANNER.username, PLANNER.password), province };
  } catch {
    await api.ok(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, { i: { username: PLANNER.username, password: PLANNER.password, displayName: 'Kế hoạch Đồng Tháp (bench)', role: 'PROVINCE_PLANNER', scopeUnitId: String(province.id) } }, adminToken);
    return { token: await api.login(PLANNER.username, PLANNER.password), province };
  }
}
