import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { QueryFailedError } from 'typeorm';
import { DomainError, localize } from '../common/errors';

/** The error a resolver or plugin threw, under GraphQL's wrapping. */
export function originalError(error: unknown): unknown {
  let e = error;
  while (e instanceof GraphQLError && e.originalError) e = e.originalError;
  return e;
}

/** Codes a client may see as they are; anything else is masked. */
const PASS_THROUGH = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * The one place where errors become what a client sees: a DomainError keeps its code, message
 * key, bilingual message and per-field messages; an unexpected error is logged with the request id
 * and reaches the client as INTERNAL_SERVER_ERROR with that id (the request plugin in
 * server.ts logs it and puts the id on the error) and no stack trace.
 */
export function makeFormatError() {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = originalError(error);
    if (original instanceof DomainError) {
      return {
        message: original.text.vi,
        locations: formatted.locations,
        path: formatted.path,
        extensions: {
          code: original.code,
          messageKey: original.messageKey,
          message: original.text,
          ...(original.fields.length ? { fields: original.fields } : {}),
        },
      };
    }
    const code = formatted.extensions?.code as string | undefined;
    if (code && PASS_THROUGH.has(code) && !(original instanceof QueryFailedError)) {
      // Our own refusals outside services (depth, cost) carry both languages: keep them.
      const text = formatted.extensions?.message as { vi?: string; en?: string } | undefined;
      const bilingual = text && typeof text.vi === 'string' && typeof text.en === 'string' ? { message: text } : {};
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code, ...bilingual } };
    }
    const requestId = formatted.extensions?.requestId as string | undefined;
    const text = localize('common.internal', { requestId: requestId ?? '-' });
    return { message: text.vi, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR', requestId, message: text } };
  };
}

/** True when an error is one the client is meant to see (a rule's refusal, a bad query). */
export function isExpectedError(error: GraphQLError): boolean {
  const original = originalError(error);
  if (original instanceof DomainError) return true;
  const code = error.extensions?.code as string | undefined;
  return !!code && PASS_THROUGH.has(code) && !(original instanceof QueryFailedError);
}
