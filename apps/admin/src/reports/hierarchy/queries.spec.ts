import { readFileSync } from 'node:fs';
import { buildSchema, GraphQLEnumType, validate, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as dashboardQueries from '../../dashboard/queries';
import * as queries from './queries';
import { REPORT_MEASURES } from './queries';

/** The API's emitted, committed schema: the report screens' documents and codes must match it. */
const schema = buildSchema(readFileSync(new URL('../../../../api/schema.graphql', import.meta.url), 'utf8'));
const documents = Object.entries({ ...queries, ...dashboardQueries }).filter((e): e is [string, DocumentNode] => typeof e[1] === 'object' && e[1] !== null && 'definitions' in e[1]);

describe('the reports’ and dashboard’s GraphQL', () => {
  it('has every document valid against the API schema', () => {
    expect(documents.map(([name]) => name).sort()).toEqual(['HIERARCHY_REPORT', 'REPORT_TREND', 'UNIT_RANKING', 'WEEK_SESSIONS']);
    for (const [name, doc] of documents) expect(validate(schema, doc).map((e) => `${name}: ${e.message}`)).toEqual([]);
  });

  it('knows exactly the API’s measures', () => {
    expect([...REPORT_MEASURES].sort()).toEqual((schema.getType('ReportMeasure') as GraphQLEnumType).getValues().map((v) => v.name).sort());
  });
});
