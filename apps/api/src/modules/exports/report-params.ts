import type { Request, Response } from 'express';
import { isLocalDate, isMonth, SCHEMES, type LocalDate, type Month, type Scheme } from '@bao-phu/domain';
import { DomainError, type ErrorCode } from '../../common/errors';
import type { MessageKey } from '../../common/messages';

/**
 * The query parameters of the report exports (report.export.ts, unit-report.export.ts), checked as
 * GraphQL checks the same arguments before the service sees them, and how a refusal is answered.
 */

const HTTP_STATUS: Record<ErrorCode, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409 };

/** A service's refusal as the other exports answer theirs: the status of its code, `{ error: { code, messageKey, message, fields? } }`. */
export function failWith(res: Response, err: DomainError): void {
  res.status(HTTP_STATUS[err.code]).json({ error: { code: err.code, messageKey: err.messageKey, message: err.text, ...(err.fields.length ? { fields: err.fields } : {}) } });
}

/** Runs an export, answering a DomainError (a bad parameter, or the service's refusal) before anything is written. */
export async function answering(res: Response, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (err) {
    if (err instanceof DomainError && !res.headersSent) return failWith(res, err);
    throw err;
  }
}

/** The query parameters of a report export, checked; each refusal is a DomainError naming the parameter. */
export function reportParams(req: Request) {
  const raw = (name: string) => (typeof req.query[name] === 'string' ? (req.query[name] as string).trim() : '');
  const bad = (name: string, key: MessageKey, params: Record<string, string | number> = {}) => DomainError.badInput(name, key, { param: name, value: raw(name), ...params });
  const required = (name: string) => {
    if (!raw(name)) throw bad(name, 'export.param.required');
    return raw(name);
  };
  function oneOf<T extends string>(name: string, allowed: readonly T[]): T;
  function oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T | null): T | null;
  function oneOf<T extends string>(name: string, allowed: readonly T[], fallback?: T | null): T | null {
    const value = fallback === undefined ? required(name).toUpperCase() : raw(name).toUpperCase();
    if (!value) return fallback ?? null;
    if (!allowed.includes(value as T)) throw bad(name, 'export.param.oneOf', { allowed: allowed.join(', ') });
    return value as T;
  }
  return {
    unitId: () => required('unitId'),
    scheme: (): Scheme => oneOf('scheme', SCHEMES),
    date(name: string): LocalDate {
      if (!isLocalDate(required(name))) throw bad(name, 'export.param.date');
      return raw(name);
    },
    month(name: string): Month {
      if (!isMonth(required(name))) throw bad(name, 'export.param.month');
      return raw(name);
    },
    oneOf,
    boolean(name: string): boolean | null {
      const value = raw(name).toLowerCase();
      if (!value) return null;
      if (value !== 'true' && value !== 'false') throw bad(name, 'export.param.oneOf', { allowed: 'true, false' });
      return value === 'true';
    },
    integer(name: string): number | null {
      if (!raw(name)) return null;
      if (!/^-?\d{1,9}$/.test(raw(name))) throw bad(name, 'export.param.invalid');
      return Number(raw(name));
    },
    format<T extends string>(allowed: readonly T[], fallback: T): T {
      const value = raw('format').toLowerCase() || fallback;
      if (!allowed.includes(value as T)) throw DomainError.badInput('format', 'export.formatOf', { format: raw('format'), allowed: allowed.join(', ') });
      return value as T;
    },
  };
}
