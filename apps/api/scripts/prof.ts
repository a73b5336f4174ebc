import 'reflect-metadata';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { openDatabase } from '../src/db/open';
import { loadReferenceUnits } from '../src/seed/reference-units';
const orig = PostgresQueryRunner.prototype.query;
PostgresQueryRunner.prototype.query = async function (this: any, q: string, p?: any[], s?: boolean) {
  const t = Date.now(); const r = await orig.call(this, q, p, s); const ms = Date.now() - t;
  if (ms > 100) console.log(ms, q.replace(/\s+/g, ' ').slice(0, 120));
  return r;
} as any;
async function main() {
  const db = await openDatabase(process.env.DATABASE_URL || null, null);
  await db.ds.runMigrations();
  const t = Date.now();
  await db.ds.transaction((em) => loadReferenceUnits(em));
  console.log('reference', Date.now() - t);
  await db.close();
}
main();
