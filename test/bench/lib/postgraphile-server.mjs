// PostGraphile 5 for list.bench.ts. Not part of the workspace: list.bench.ts copies this file into
// test/bench/.cache/postgraphile/ (where `npm install --prefix` put postgraphile and its Node 22)
// and runs it there with that Node, so that `postgraphile` resolves from that node_modules.
//
// Environment: PGL_DATABASE_URL (connects as PostGraphile's own role), PGL_SCHEMA (the only schema
// exposed: the benchmark's views and search function), PGL_POOL (pool size, the API's 10).
// Prints one JSON line {"ready":true,"port":…} when it listens on 127.0.0.1.
//
// The Amber preset as `postgraphile -c … -s …` serves it, on Node's own http server (grafserv's
// node adaptor, what the CLI uses); GraphiQL, watch mode and websockets off, NODE_ENV=production
// from the bench (no explain, masked errors), as our API runs.
import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';

const { PGL_DATABASE_URL, PGL_SCHEMA, PGL_POOL } = process.env;
if (!PGL_DATABASE_URL || !PGL_SCHEMA) {
  console.error('PGL_DATABASE_URL and PGL_SCHEMA are required');
  process.exit(2);
}

/** @type {GraphileConfig.Preset} */
const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ connectionString: PGL_DATABASE_URL, schemas: [PGL_SCHEMA], poolConfig: { max: Number(PGL_POOL ?? 10) } })],
  grafserv: { graphiql: false, watch: false, websockets: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.on('error', (err) => {
  console.error(err);
  process.exit(1);
});
await serv.addTo(server);
// The schema is built before the first request is taken, so that no request times its building.
await pgl.getSchemaResult();
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(JSON.stringify({ ready: true, port: typeof address === 'object' && address ? address.port : null }));
});

const stop = () => {
  server.close();
  void pgl.release().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
