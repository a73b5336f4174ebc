import http from 'node:http';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../../apps/api/src/config';
import { createLogger } from '../../../apps/api/src/log';
import { createAppServer } from '../../../apps/api/src/server';

export interface GraphQLBody {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export interface BenchApi {
  url: string;
  /** POSTs one GraphQL operation over a kept-alive connection; ms is the client's wall time. */
  post(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<{ ms: number; body: GraphQLBody }>;
  /** Logs in and returns the session token. */
  login(username: string, password: string): Promise<string>;
  /** Like post, but throws on any GraphQL error and returns `data`. */
  ok(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<Record<string, any>>;
  close(): Promise<void>;
}

/** The real HTTP API (createAppServer, as main.ts starts it) on a free loopback port over `ds`. */
export async function startBenchApi(ds: DataSource, kind: 'embedded' | 'postgres'): Promise<BenchApi> {
  // A clean environment: nothing from the shell (ADMIN_*, AUTH_SECRET …) changes what is measured.
  const config = loadConfig({ DATABASE_URL: '', PORT: '0', LOG_LEVEL: 'silent' });
  const server = await createAppServer(config, ds, createLogger('silent'), kind);
  const port = await server.listen(0, '127.0.0.1');
  const client = connectBenchApi(port);
  return {
    ...client,
    async close() {
      await client.close();
      await server.close();
    },
  };
}

/**
 * A client of an API already listening on 127.0.0.1:`port` (in this process or another one):
 * GraphQL over one kept-alive connection. close() only drops the connection.
 */
export function connectBenchApi(port: number): BenchApi {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const post = (query: string, variables?: Record<string, unknown>, token?: string | null) =>
    new Promise<{ ms: number; body: GraphQLBody }>((resolve, reject) => {
      const payload = Buffer.from(JSON.stringify({ query, variables }));
      const started = performance.now();
      const req = http.request(
        {
          agent,
          host: '127.0.0.1',
          port,
          path: '/graphql',
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': payload.length,
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const ms = performance.now() - started;
            try {
              resolve({ ms, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as GraphQLBody });
            } catch (err) {
              reject(new Error(`HTTP ${res.statusCode}: ${Buffer.concat(chunks).toString('utf8').slice(0, 300)} (${err})`));
            }
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  const ok = async (query: string, variables?: Record<string, unknown>, token?: string | null) => {
    const { body } = await post(query, variables, token);
    if (body.errors?.length || !body.data) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
    return body.data;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    post,
    ok,
    async login(username, password) {
      const data = await ok(`mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`, { u: username, p: password });
      return data.login.token as string;
    },
    async close() {
      agent.destroy();
    },
  };
}
