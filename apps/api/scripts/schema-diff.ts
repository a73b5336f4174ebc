// Prints the SQL TypeORM would run to bring a database to the entities (a migration draft, or proof
// that migrations and entities agree): DATABASE_URL=postgres://… pnpm exec tsx scripts/schema-diff.ts
import 'reflect-metadata';
import { createDataSource } from '../src/db/data-source';

async function main() {
  const ds = createDataSource({ url: process.env.DATABASE_URL!, embedded: false });
  await ds.initialize();
  if (process.argv.includes('--migrate')) await ds.runMigrations();
  const sql = await ds.driver.createSchemaBuilder().log();
  for (const q of sql.upQueries) console.log(q.query + ';');
  console.log('-- down');
  for (const q of sql.downQueries.reverse()) console.log(q.query + ';');
  await ds.destroy();
}
main().catch((e) => { console.error(e); process.exit(1); });
