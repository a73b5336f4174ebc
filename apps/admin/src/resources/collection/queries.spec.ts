import { readFileSync } from 'node:fs';
import { buildSchema, GraphQLEnumType, validate, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as queries from './queries';
import { CYCLE_GROUPINGS, DUE_LIST_KINDS, FOLLOW_UP_OUTCOMES, NON_COLLECTION_REASONS } from './types';

/** The API's emitted, committed schema: the collection screens' documents and codes must match it. */
const schema = buildSchema(readFileSync(new URL('../../../../api/schema.graphql', import.meta.url), 'utf8'));
const documents = Object.entries(queries).filter((e): e is [string, DocumentNode] => typeof e[1] === 'object' && e[1] !== null && 'definitions' in e[1]);

describe('the collection screens’ GraphQL', () => {
  it('has every document valid against the API schema', () => {
    expect(documents.map(([name]) => name)).toEqual(expect.arrayContaining(['COLLECTION_CYCLE', 'CYCLE_ENTRIES', 'CYCLE_GROUPS', 'REPORT_NON_COLLECTION', 'FOLLOW_UPS', 'CLOSE_FOLLOW_UP', 'ON_TIME_COLLECTION']));
    for (const [name, doc] of documents) expect(validate(schema, doc).map((e) => `${name}: ${e.message}`)).toEqual([]);
  });

  it('offers exactly the API’s reasons, outcomes, kinds and groupings', () => {
    const values = (name: string) => (schema.getType(name) as GraphQLEnumType).getValues().map((v) => v.name).sort();
    expect([...NON_COLLECTION_REASONS].sort()).toEqual(values('NonCollectionReason'));
    expect([...FOLLOW_UP_OUTCOMES].sort()).toEqual(values('FollowUpOutcome'));
    expect([...DUE_LIST_KINDS].sort()).toEqual(values('DueListKind'));
    expect([...CYCLE_GROUPINGS].sort()).toEqual(values('CycleGrouping'));
  });
});
