import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isLocalDate, isMonth } from '@bao-phu/domain';

function stringScalar(name: string, description: string, check: (v: string) => boolean, example: string) {
  const parse = (value: unknown): string => {
    if (typeof value === 'string' && check(value)) return value;
    throw new GraphQLError(`${name} expects "${example}", got ${JSON.stringify(value)}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  };
  return new GraphQLScalarType<string, string>({
    name,
    description,
    serialize: (value) => {
      if (value instanceof Date) return value.toISOString().slice(0, name === 'Month' ? 7 : 10);
      return String(value);
    },
    parseValue: parse,
    parseLiteral: (ast) => {
      if (ast.kind !== Kind.STRING) throw new GraphQLError(`${name} must be a string like "${example}"`, { extensions: { code: 'BAD_USER_INPUT' } });
      return parse(ast.value);
    },
  });
}

/** A local calendar date in Asia/Ho_Chi_Minh, "YYYY-MM-DD". */
export const DateScalar = stringScalar('Date', 'A local date in Asia/Ho_Chi_Minh, "YYYY-MM-DD"', isLocalDate, '2025-07-01');
/** A month, "YYYY-MM". */
export const MonthScalar = stringScalar('Month', 'A month, "YYYY-MM"', isMonth, '2025-07');

/** Whole đồng on totals: a JSON number, exact up to 2^53 (Int stops at 2^31 − 1). */
export const MoneyScalar = new GraphQLScalarType<number, number>({
  name: 'Money',
  description: 'An amount in whole đồng, as a JSON number exact up to 2^53 (totals; single records use Int)',
  serialize: (value) => {
    const n = typeof value === 'string' ? Number(value) : (value as number);
    if (!Number.isSafeInteger(n)) throw new GraphQLError(`Money cannot represent ${String(value)}`);
    return n;
  },
  parseValue: (value) => {
    if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
    throw new GraphQLError(`Money expects a whole number of đồng, got ${JSON.stringify(value)}`, { extensions: { code: 'BAD_USER_INPUT' } });
  },
  parseLiteral: (ast) => {
    if (ast.kind === Kind.INT && Number.isSafeInteger(Number(ast.value))) return Number(ast.value);
    throw new GraphQLError('Money expects a whole number of đồng', { extensions: { code: 'BAD_USER_INPUT' } });
  },
});
