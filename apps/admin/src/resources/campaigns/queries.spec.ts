import { readFileSync } from 'node:fs';
import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { buildSchema, execute, GraphQLEnumType, validate, type DocumentNode } from 'graphql';
import { from } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createDataProvider } from '../../providers/dataProvider';
import { ENROLL } from '../enrollments/queries';
import { CAMPAIGN_STATUSES, MEMBER_ROLES, toCreateInput, VISIT_OUTCOMES } from './campaign';
import * as queries from './queries';
import { campaignsDescriptor } from './queries';

/** The API's emitted, committed schema: the campaign screens' documents and codes must match it. */
const schema = buildSchema(readFileSync(new URL('../../../../api/schema.graphql', import.meta.url), 'utf8'));
/** The operations; the resource's fragments are checked through the dataProvider's documents below. */
const documents = Object.entries(queries).filter(
  (e): e is [string, DocumentNode] => typeof e[1] === 'object' && e[1] !== null && 'definitions' in e[1] && e[1].definitions.some((d) => d.kind === 'OperationDefinition'),
);
const figures = { visits: 4, enrolled: 1, interested: 1, refused: 1, notHome: 1, alreadyInsured: 0, newVoluntarySI: 1, newHouseholdHI: 0, targetNewVoluntarySI: 20, targetNewHouseholdHI: null, voluntarySIPct: 5, householdHIPct: null, conversionPct: 25 };

const campaign = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  code: `MH-30208-2026-${id}`,
  name: 'Ra quân xã Hòa Long',
  status: 'PLANNED',
  launchDate: '2026-11-28',
  commune: { id: '13873', code: '30208', name: 'Xã Hòa Long', parent: null },
  members: [],
  ...over,
});

/** A client that refuses any document the schema rejects, and runs the rest against it. */
function schemaClient(rootValue: Record<string, unknown>, seen: { operationName?: string; variables: Record<string, unknown> }[]) {
  const link = new ApolloLink((operation) => {
    const errors = validate(schema, operation.query);
    if (errors.length > 0) throw new Error(`${operation.operationName}: ${errors.map((e) => e.message).join('; ')}`);
    seen.push({ operationName: operation.operationName, variables: operation.variables });
    return from(
      Promise.resolve(execute({ schema, document: operation.query, variableValues: operation.variables, rootValue })).then((result) => {
        if (result.errors?.length) throw new Error(result.errors.map((e) => e.message).join('; '));
        return { data: result.data };
      }),
    );
  });
  return new ApolloClient({ link, cache: new InMemoryCache() });
}

describe('the campaign screens’ GraphQL', () => {
  it('has every document valid against the API schema', () => {
    expect(documents.map(([name]) => name)).toEqual(expect.arrayContaining(['LOG_VISIT', 'DAY_REPORT', 'SAVE_DAY_REPORT', 'CAMPAIGN_PRIORITIES', 'CALENDAR']));
    for (const [name, doc] of documents) expect(validate(schema, doc).map((e) => `${name}: ${e.message}`)).toEqual([]);
  });

  it('offers exactly the API’s statuses, member roles and visit outcomes', () => {
    const values = (name: string) => (schema.getType(name) as GraphQLEnumType).getValues().map((v) => v.name).sort();
    expect([...CAMPAIGN_STATUSES].sort()).toEqual(values('CampaignStatus'));
    expect([...MEMBER_ROLES].sort()).toEqual(values('CampaignMemberRole'));
    expect([...VISIT_OUTCOMES].sort()).toEqual(values('VisitOutcome'));
  });

  it('lists, reads (with results) and creates campaigns through the dataProvider, the create form’s values coercing to CreateCampaignInput', async () => {
    const seen: { operationName?: string; variables: Record<string, unknown> }[] = [];
    const rootValue = {
      campaigns: () => ({ items: [campaign('1', { members: [{ id: '1' }, { id: '2' }] })], totalCount: 1 }),
      campaign: ({ id }: { id: string }) =>
        campaign(id, {
          targetNewVoluntarySI: 20,
          targetNewHouseholdHI: null,
          reason: null,
          partners: null,
          version: 1,
          hamlets: [{ id: '14160', code: '30208-01', name: 'Ấp 1' }],
          members: [{ id: '19', name: 'Nguyễn Văn Thành', role: 'LEADER', organization: null, userId: null }],
          sessions: [{ id: '3', sessionDate: '2026-11-28', targetNewVoluntarySI: 8, targetNewHouseholdHI: null }],
          results: { total: figures, bySession: [{ date: '2026-11-28', figures }], byMember: [{ member: { id: '19' }, figures }] },
        }),
      createCampaign: ({ input }: { input: Record<string, unknown> }) => campaign('9', { name: input.name }),
    };
    const dp = createDataProvider({ client: schemaClient(rootValue, seen), resources: { campaigns: campaignsDescriptor }, getLocale: () => 'vi' });
    const list = await dp.getList('campaigns', { filter: { q: 'hoa long', status: 'ACTIVE', withinId: '14149' }, sort: { field: 'launchDate', order: 'DESC' }, pagination: { page: 1, perPage: 25 } });
    expect(list.data[0].members).toHaveLength(2);
    const one = await dp.getOne('campaigns', { id: '1' });
    expect(one.data.results.byMember[0].figures.newVoluntarySI).toBe(1);
    const input = toCreateInput(
      { name: 'Ra quân', communeId: '13873', launchDate: '2026-11-28', repeat: 'WEEKLY', weeklyUntil: '2026-12-19', hamletIds: ['1'], targetNewVoluntarySI: 20, targetNewHouseholdHI: '' },
      ['1', '2'],
    );
    const created = await dp.create('campaigns', { data: input });
    expect(created.data.name).toBe('Ra quân');
    expect(seen.map((s) => s.operationName)).toEqual(['CampaignsList', 'CampaignsOne', 'CampaignsCreate']);
    expect(seen[0].variables).toMatchObject({ filter: { q: 'hoa long', status: 'ACTIVE', withinId: '14149' }, sort: [{ field: 'launchDate', direction: 'DESC' }] });
    expect(seen[2].variables.input).toMatchObject({ communeId: '13873', weeklyUntil: '2026-12-19', hamletIds: ['1'], targetNewVoluntarySI: 20, targetNewHouseholdHI: null });
  });

  it('sends the visit with an enrollment, so the API credits the campaign and member', async () => {
    const seen: { operationName?: string; variables: Record<string, unknown> }[] = [];
    let received: Record<string, unknown> | null = null;
    const rootValue = {
      enroll: ({ input }: { input: Record<string, unknown> }) => {
        received = input;
        return { id: '5', scheme: 'VOLUNTARY_SI', status: 'ACTIVE', startDate: '2026-11-01', endDate: null, declaredMonthlyIncome: 1_500_000, paymentMode: 'MONTHLY', memberOrder: null, collectionOrganization: null };
      },
    };
    const dp = createDataProvider({ client: schemaClient(rootValue, seen), resources: {}, getLocale: () => 'vi' });
    await dp.execute(ENROLL, { input: { personId: '7', scheme: 'VOLUNTARY_SI', startDate: '2026-11-01', paymentMode: 'MONTHLY', declaredMonthlyIncome: 1_500_000, visitId: '42' } });
    expect(received).toMatchObject({ personId: '7', visitId: '42' });
  });
});
