import { CombinedGraphQLErrors, ServerError } from '@apollo/client';
import type { GraphQLFormattedError } from 'graphql';
import { HttpError } from 'react-admin';

/** A message in both languages, as the API sends it. */
export type LocalizedMessage = { vi?: string; en?: string };

/** One bad field of a BAD_USER_INPUT error (`extensions.fields`). */
export interface ApiFieldError {
  field: string;
  messageKey?: string;
  message?: LocalizedMessage | string;
}

/** The error codes of the API (DESIGN §7); anything else is treated as a server failure. */
const STATUS_BY_CODE: Record<string, number> = {
  BAD_USER_INPUT: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  GRAPHQL_PARSE_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
};

/** Body of the HttpError the dataProvider rejects with. `errors` is what react-admin forms read. */
export interface ApiErrorBody {
  code: string;
  errors?: Record<string, unknown>;
  graphQLErrors: ReadonlyArray<GraphQLFormattedError>;
}

function localized(message: unknown, locale: string): string | undefined {
  if (typeof message === 'string') return message || undefined;
  if (message && typeof message === 'object') {
    const m = message as Record<string, unknown>;
    const text = m[locale] ?? m.vi ?? m.en;
    return typeof text === 'string' && text ? text : undefined;
  }
  return undefined;
}

function graphQLErrorsOf(error: unknown): ReadonlyArray<GraphQLFormattedError> | null {
  if (CombinedGraphQLErrors.is(error)) return error.errors;
  // A non-2xx answer with a JSON body (e.g. 400 for a query the schema rejects) still names the
  // problem in `errors`; Apollo only gives us the text.
  if (ServerError.is(error)) {
    try {
      const body = JSON.parse(error.bodyText) as { errors?: GraphQLFormattedError[] };
      if (Array.isArray(body.errors) && body.errors.length > 0) return body.errors;
    } catch {
      // not JSON: handled as a transport failure below
    }
  }
  return null;
}

/** `input.code` → `code`, `into.name` stays nested: the form field names are the input's. */
function setPath(target: Record<string, unknown>, path: string, message: string) {
  const parts = path.replace(/^input\./, '').split('.').filter(Boolean);
  if (parts.length === 0) return;
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    node[part] = next && typeof next === 'object' ? next : {};
    node = node[part] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1];
  if (node[last] === undefined) node[last] = message;
}

/**
 * Turns whatever Apollo rejected with into a react-admin HttpError whose message is the API's
 * message in the user's language. BAD_USER_INPUT field errors also go to `body.errors`
 * (`{ code: '…', root: { serverError: '…' } }`), which react-admin forms put on their inputs.
 */
export function toHttpError(error: unknown, locale: string): HttpError {
  if (error instanceof HttpError) return error;
  const graphQLErrors = graphQLErrorsOf(error);
  if (!graphQLErrors) {
    const status = ServerError.is(error) ? error.statusCode : 0;
    // The key is translated by react-admin's notification ("Lỗi kết nối máy chủ").
    return new HttpError('ra.notification.http_error', status, {
      code: 'NETWORK_ERROR',
      graphQLErrors: [],
    } satisfies ApiErrorBody);
  }

  const code = String(graphQLErrors[0]?.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  const fieldErrors: Record<string, unknown> = {};
  const messages: string[] = [];
  for (const e of graphQLErrors) {
    const fields = e.extensions?.fields;
    if (Array.isArray(fields) && fields.length > 0) {
      for (const f of fields as ApiFieldError[]) {
        const text = localized(f.message, locale) ?? f.messageKey ?? e.message;
        if (typeof f.field === 'string') setPath(fieldErrors, f.field, text);
        messages.push(text);
      }
    } else if (e.extensions?.code === 'INTERNAL_SERVER_ERROR') {
      messages.push('ra.notification.http_error');
    } else {
      messages.push(localized(e.extensions?.message, locale) ?? e.message);
    }
  }
  const message = [...new Set(messages)].join('\n') || 'ra.notification.http_error';
  const body: ApiErrorBody = { code, graphQLErrors };
  if (Object.keys(fieldErrors).length > 0) {
    body.errors = { ...fieldErrors, root: { serverError: message } };
  }
  return new HttpError(message, STATUS_BY_CODE[code] ?? 500, body);
}
