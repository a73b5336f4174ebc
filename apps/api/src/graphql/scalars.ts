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
