import { messages, type MessageKey } from './messages';

/** The error codes a client can act on; formatError maps each to `extensions.code`. */
export type ErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT';

export interface LocalizedText {
  vi: string;
  en: string;
}

/** One bad field of an input: which field, why (a message key) and the message in both languages. */
export interface FieldError {
  field: string;
  messageKey: MessageKey;
  message: LocalizedText;
}

type Params = Record<string, string | number>;

export function localize(key: MessageKey, params: Params = {}): LocalizedText {
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
  const m = messages[key];
  return { vi: fill(m.vi), en: fill(m.en) };
}

/**
 * An error a service throws when a rule refuses a request. Services never throw GraphQL errors:
 * `graphql/errors.ts` turns these into the client-facing shape.
 */
export class DomainError extends Error {
  readonly text: LocalizedText;

  constructor(
    readonly code: ErrorCode,
    readonly messageKey: MessageKey,
    params: Params = {},
    readonly fields: FieldError[] = [],
  ) {
    const text = localize(messageKey, params);
    super(text.en);
    this.text = text;
  }

  /** BAD_USER_INPUT naming one field. */
  static badInput(field: string, messageKey: MessageKey, params: Params = {}): DomainError {
    return DomainError.badFields([{ field, messageKey, params }]);
  }

  /** BAD_USER_INPUT naming several fields at once, so a form can show every problem together. */
  static badFields(list: { field: string; messageKey: MessageKey; params?: Params }[]): DomainError {
    const fields = list.map((f) => ({ field: f.field, messageKey: f.messageKey, message: localize(f.messageKey, f.params) }));
    const first = list[0];
    return new DomainError('BAD_USER_INPUT', first.messageKey, first.params ?? {}, fields);
  }

  static notFound(what: string, id: string | number): DomainError {
    return new DomainError('NOT_FOUND', 'common.notFound', { what, id });
  }
}

/** Collects field problems of one input, then throws them together. */
export class FieldErrors {
  private readonly list: { field: string; messageKey: MessageKey; params?: Params }[] = [];

  add(field: string, messageKey: MessageKey, params?: Params): this {
    this.list.push({ field, messageKey, params });
    return this;
  }

  has(field: string): boolean {
    return this.list.some((f) => f.field === field);
  }

  throwIfAny(): void {
    if (this.list.length) throw DomainError.badFields(this.list);
  }
}
