import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import helmet from 'helmet';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { DataSource } from 'typeorm';
import type { Config } from './config';
import { createRequestContext, type RequestContext } from './graphql/context';
import { bodyErrors, graphqlRoute, headersOf } from './graphql/http';
import { isExpectedError, makeFormatError, originalError } from './graphql/errors';
import { complexityLimit, depthLimit, MAX_COMPLEXITY, MAX_DEPTH } from './graphql/limits';
import { getSchema } from './graphql/schema';
import type { Logger } from './log';
import { createAuthRuntime, resolveActor } from './modules/auth/auth.service';
import { exportHandler } from './modules/exports/export.http';
import { importUploadHandler } from './modules/imports/import.http';
import { ImportService } from './modules/imports/import.service';

/** The largest GraphQL request body (express.json's limit before; 413 over it). */
const GRAPHQL_BODY_LIMIT = 1024 * 1024;

export interface AppServer {
  httpServer: http.Server;
  /** Listens on `port` (0: a free one) on all interfaces; resolves with the port. */
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/** Logs unexpected errors with the request id and puts the id on the error the client sees. */
function requestLogPlugin(logger: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors, operationName }) {
          for (const error of errors) {
            if (isExpectedError(error)) continue;
            const original = originalError(error);
            logger.error('unexpected error', {
              requestId: contextValue.requestId,
              operationName,
              path: error.path,
              error: original instanceof Error ? { name: original.name, message: original.message, stack: original.stack } : String(original),
            });
            (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
          }
        },
      };
    },
  };
}

/**
 * The HTTP server: GraphQL at /graphql, health at /healthz, the built SPA at / (one port for
 * everything, CONTRACT.md).
 */
export async function createAppServer(config: Config, ds: DataSource, logger: Logger, databaseKind: 'embedded' | 'postgres'): Promise<AppServer> {
  const app = express();
  app.disable('x-powered-by');
  // No ETag on res.send: hashing every GraphQL answer cost a tenth of a list request's CPU, and a
  // POST is never answered 304. The SPA's files keep theirs (express.static makes its own).
  app.set('etag', false);
  // Behind a load balancer, the client's address comes from X-Forwarded-For (first hop).
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // MUI (emotion) injects style elements at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  app.use(securityHeaders);
  const auth = await createAuthRuntime(ds, config.authSecret, config.sessionCacheSeconds * 1000);
  const imports = new ImportService(ds, logger);
  // POST /graphql with JSON goes straight to Apollo (graphql/http.ts); everything else to Express.
  let graphql: ((req: http.IncomingMessage, res: http.ServerResponse) => boolean) | null = null;
  const httpServer = http.createServer((req, res) => {
    if (!graphql?.(req, res)) app(req, res);
  });
  const schema = await getSchema();
  const apollo = new ApolloServer<RequestContext>({
    schema,
    validationRules: [depthLimit(MAX_DEPTH)],
    formatError: makeFormatError(),
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    introspection: !config.production,
    // main.ts stops the HTTP server and then the database on SIGINT/SIGTERM; Apollo's own signal
    // handlers would race it and leave the process hanging.
    stopOnTerminationSignals: false,
    plugins: [
      // In-flight requests get 3 s to finish on shutdown; idle keep-alive connections close at once.
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: 3000 }),
      complexityLimit(schema, MAX_COMPLEXITY),
      requestLogPlugin(logger),
      // No cache hints are used: Apollo's cache-control plugin wrapped every field's resolver to
      // compute them (a twentieth of a list request's CPU).
      ApolloServerPluginCacheControlDisabled(),
      ...(config.production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  await apollo.start();

  app.get('/healthz', async (_req, res) => {
    try {
      await ds.query('SELECT 1');
      res.json({ status: 'ok', database: databaseKind });
    } catch (err) {
      logger.error('health check failed', { error: String(err) });
      res.status(503).json({ status: 'unavailable', database: databaseKind });
    }
  });

  app.post('/api/imports/:kind', importUploadHandler(ds, auth, imports));
  app.get('/api/exports/:report', exportHandler(ds, { auth, imports }));

  const context = async (req: http.IncomingMessage, address: string | undefined) => {
    const header = req.headers['x-request-id'];
    const requestId = typeof header === 'string' && /^[\w.-]{1,64}$/.test(header) ? header : randomUUID();
    const resolved = await resolveActor(ds, auth, req.headers.authorization);
    const identity = {
      actor: typeof resolved === 'object' ? resolved : null,
      authProblem: typeof resolved === 'string' ? resolved : null,
      address: address ?? req.socket.remoteAddress ?? 'unknown',
    };
    return createRequestContext(ds, { auth, imports }, requestId, identity);
  };
  graphql = graphqlRoute({
    apollo,
    limitBytes: GRAPHQL_BODY_LIMIT,
    trust: app.get('trust proxy fn'),
    headers: headersOf(securityHeaders),
    context,
    onError: (err) => logger.error('graphql request failed', { error: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err) }),
  });
  // The other requests to /graphql (a GET, another content type, a compressed or chunked body, one
  // too large) the usual way, with the same context.
  app.use('/graphql', express.json({ limit: GRAPHQL_BODY_LIMIT }), expressMiddleware(apollo, { context: ({ req }) => context(req, req.ip) }), bodyErrors(GRAPHQL_BODY_LIMIT));

  const indexHtml = path.join(config.spaDir, 'index.html');
  if (fs.existsSync(indexHtml)) {
    app.use(express.static(config.spaDir, { index: false, maxAge: '1h' }));
    app.get(/^\/(?!graphql|api\/|healthz).*/, (_req, res) => res.sendFile(indexHtml));
  } else {
    app.get('/', (_req, res) =>
      res
        .status(503)
        .type('text/plain; charset=utf-8')
        .send(`The admin SPA is not built (${indexHtml} is missing): run "pnpm --filter admin build", or "pnpm start".\n`),
    );
  }

  return {
    httpServer,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const addr = httpServer.address();
          resolve(typeof addr === 'object' && addr ? addr.port : port);
        });
      }),
    close: async () => {
      httpServer.closeIdleConnections();
      await apollo.stop();
      // An import still writing, or its reports' catch-up, finishes before the database closes.
      await imports.idle();
      httpServer.closeAllConnections();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
