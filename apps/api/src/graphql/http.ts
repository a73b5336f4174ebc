import type http from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import proxyaddr from 'proxy-addr';
import { localize } from '../common/errors';
import type { MessageKey } from '../common/messages';

/** What Express's json() would read: JSON, in UTF-8 or without a charset. */
const JSON_BODY = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

type HeaderValue = string | number | readonly string[];

/**
 * The headers a middleware sets on every response (helmet's: its options are fixed at start, so
 * are its headers), read once by running it on a stand-in response.
 */
export function headersOf(middleware: (req: never, res: never, next: (err?: unknown) => void) => void): [string, HeaderValue][] {
  const headers = new Map<string, [string, HeaderValue]>();
  const res = {
    setHeader: (name: string, value: HeaderValue) => headers.set(name.toLowerCase(), [name, value]),
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
    getHeader: (name: string) => headers.get(name.toLowerCase())?.[1],
  };
  middleware({ method: 'POST', url: '/graphql', headers: {} } as never, res as never, (err) => {
    if (err) throw err;
  });
  return [...headers.values()];
}

export interface GraphqlRouteOptions<C extends BaseContext> {
  apollo: ApolloServer<C>;
  /** Bodies over this many bytes, or of unknown length, go the Express way (413 there). */
  limitBytes: number;
  /** Express's compiled `trust proxy` (app.get('trust proxy fn')): the client's address as req.ip gives it. */
  trust: (address: string, hop: number) => boolean;
  /** Sent on every answer (the security headers the rest of the app gets from helmet). */
  headers: readonly [string, HeaderValue][];
  context: (req: http.IncomingMessage, address: string) => Promise<C>;
  onError: (err: unknown) => void;
}

/**
 * `POST /graphql` with a JSON body of known length, from Node's request handler straight into
 * Apollo (what `expressMiddleware` does, without Express's router, body-parser and type-is on the
 * way: a tenth of an empty request's CPU). Returns false for anything else — another path, a GET,
 * another content type, a compressed or chunked body, one over the limit — which then goes to
 * Express unchanged, with its answers (413, CSRF's 400 …).
 */
export function graphqlRoute<C extends BaseContext>(o: GraphqlRouteOptions<C>): (req: http.IncomingMessage, res: http.ServerResponse) => boolean {
  return (req, res) => {
    if (req.method !== 'POST') return false;
    const url = req.url ?? '';
    const query = url.indexOf('?');
    if ((query < 0 ? url : url.slice(0, query)) !== '/graphql') return false;
    const h = req.headers;
    if (!JSON_BODY.test(h['content-type'] ?? '') || h['transfer-encoding'] !== undefined) return false;
    if (h['content-encoding'] !== undefined && h['content-encoding'].toLowerCase() !== 'identity') return false;
    const length = Number(h['content-length']);
    if (h['content-length'] === undefined || !Number.isInteger(length) || length < 0 || length > o.limitBytes) return false;
    void serve(o, req, res, query < 0 ? '' : url.slice(query));
    return true;
  };
}

async function serve<C extends BaseContext>(o: GraphqlRouteOptions<C>, req: http.IncomingMessage, res: http.ServerResponse, search: string): Promise<void> {
  try {
    const raw = await readBody(req);
    if (raw === null) return; // the client went away
    let body: unknown;
    try {
      // As body-parser: an empty body is an empty object (Apollo then says what is missing).
      body = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
    } catch (err) {
      send(o, res, 400, 'application/json; charset=utf-8', requestErrorBody('BAD_REQUEST', 'request.badJson', { reason: (err as Error).message }));
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    const address = proxyaddr(req, o.trust);
    const answer = await o.apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest: { method: 'POST', headers, search, body }, context: () => o.context(req, address) });
    for (const [name, value] of o.headers) res.setHeader(name, value);
    for (const [name, value] of answer.headers) res.setHeader(name, value);
    res.statusCode = answer.status ?? 200;
    if (answer.body.kind === 'complete') {
      res.setHeader('content-length', Buffer.byteLength(answer.body.string));
      res.end(answer.body.string);
      return;
    }
    for await (const chunk of answer.body.asyncIterator) res.write(chunk);
    res.end();
  } catch (err) {
    o.onError(err);
    if (res.headersSent) res.destroy();
    else send(o, res, 500, 'text/plain; charset=utf-8', 'Internal Server Error');
  }
}

/** A GraphQL error answer for a request refused before GraphQL: its code and the message in both languages. */
export function requestErrorBody(code: 'BAD_REQUEST' | 'PAYLOAD_TOO_LARGE', key: MessageKey, params: Record<string, string | number> = {}): string {
  const message = localize(key, params);
  return JSON.stringify({ errors: [{ message: message.vi, extensions: { code, message } }] });
}

/**
 * Express's error handler for the bodies its json() refuses on the way to /graphql (too large, not
 * JSON, an encoding or charset it cannot read): a GraphQL error answer, not Express's HTML page.
 */
export function bodyErrors(limitBytes: number) {
  return (err: { type?: string; status?: number; message?: string }, _req: unknown, res: { headersSent: boolean; status(n: number): { type(t: string): { send(b: string): void } } }, next: (err: unknown) => void) => {
    const status = err?.status;
    if (res.headersSent || typeof err?.type !== 'string' || typeof status !== 'number' || status < 400 || status >= 500) return next(err);
    const body =
      err.type === 'entity.too.large'
        ? requestErrorBody('PAYLOAD_TOO_LARGE', 'request.tooLarge', { max: Math.floor(limitBytes / 1024) })
        : err.type === 'entity.parse.failed'
          ? requestErrorBody('BAD_REQUEST', 'request.badJson', { reason: err.message ?? '' })
          : requestErrorBody('BAD_REQUEST', 'request.unreadable', { reason: err.message ?? err.type });
    res.status(status).type('application/json; charset=utf-8').send(body);
  };
}

function send<C extends BaseContext>(o: GraphqlRouteOptions<C>, res: http.ServerResponse, status: number, type: string, text: string) {
  for (const [name, value] of o.headers) res.setHeader(name, value);
  res.statusCode = status;
  res.setHeader('content-type', type);
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(text);
}

/** The whole body (Node's parser stops at content-length), or null when the request is aborted. */
function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.once('aborted', () => resolve(null));
    req.once('error', (err) => (req.destroyed ? resolve(null) : reject(err)));
  });
}
