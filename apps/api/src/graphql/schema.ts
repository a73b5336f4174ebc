import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AuditResolver } from '../modules/audit/audit.resolver';
import { AuthResolver } from '../modules/auth/auth.resolver';
import { CollectionOrganizationResolver } from '../modules/collection/collection-organization.resolver';
import { OrgUnitParentSpanResolver, OrgUnitResolver } from '../modules/org/org-unit.resolver';
import { EnrollmentResolver } from '../modules/enrollment/enrollment.resolver';
import { ImportResolver } from '../modules/imports/import.resolver';
import { AchievementBoardResolver, AchievementRowResolver, AllocationRowResolver, AllocationSheetResolver, TargetResolver, UnitStatisticResolver } from '../modules/targets/target.resolver';
import { CampaignPriorityResolver, CampaignResolver, CampaignTotalsResolver, VisitResolver } from '../modules/campaigns/campaign.resolver';
import { CollectionCycleResolver, CollectorResolver, DueListEntryResolver, FollowUpResolver } from '../modules/collection/cycle.resolver';
import { HierarchyReportResolver, ReportRowResolver } from '../modules/reports/report.resolver';
import { PolicyResolver } from '../modules/policy/policy.resolver';
import { HouseholdResolver, PersonResolver } from '../modules/people/person.resolver';

/** Every resolver of the API; a new area adds its resolvers here. */
export const resolvers = [OrgUnitResolver, OrgUnitParentSpanResolver, AuthResolver, AuditResolver, CollectionOrganizationResolver, PersonResolver, HouseholdResolver, EnrollmentResolver, ImportResolver, PolicyResolver, TargetResolver, AllocationSheetResolver, AllocationRowResolver, AchievementRowResolver, AchievementBoardResolver, UnitStatisticResolver, CampaignResolver, VisitResolver, CampaignPriorityResolver, CampaignTotalsResolver, CollectionCycleResolver, DueListEntryResolver, FollowUpResolver, CollectorResolver, HierarchyReportResolver, ReportRowResolver] as const;

let cached: Promise<GraphQLSchema> | undefined;

/** The schema, built once per process (type-graphql keeps global metadata). */
export function getSchema(): Promise<GraphQLSchema> {
  cached ??= buildSchema({ resolvers, validate: false });
  return cached;
}

/** The committed SDL: sorted so that a diff shows only real changes. */
export function printSchemaFile(schema: GraphQLSchema): string {
  return `# Generated from the code by \`pnpm --filter api emit-schema\`; do not edit.\n${printSchema(lexicographicSortSchema(schema))}\n`;
}

export const SCHEMA_FILE = path.resolve(__dirname, '..', '..', 'schema.graphql');

export async function emitSchemaFile(file = SCHEMA_FILE): Promise<string> {
  const sdl = printSchemaFile(await getSchema());
  fs.writeFileSync(file, sdl);
  return file;
}
