import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ORG_LEVELS, type OrgLevel } from '@bao-phu/domain';
import { DateScalar } from '../../graphql/scalars';
import { listComplexity } from '../../graphql/limits';

export const OrgLevelEnum = Object.fromEntries(ORG_LEVELS.map((l) => [l, l])) as { [K in OrgLevel]: K };
registerEnumType(OrgLevelEnum, { name: 'OrgLevel', description: 'Level of a unit: province > base office > commune > hamlet' });

export enum SuccessionKind {
  MERGE = 'MERGE',
  SPLIT = 'SPLIT',
}
registerEnumType(SuccessionKind, { name: 'SuccessionKind', description: 'MERGE: the whole unit went in; SPLIT: a part of it' });

@ObjectType('OrgUnit', { description: 'A province, base office, commune or hamlet' })
export class OrgUnitType {
  @Field(() => ID)
  id: number;

  @Field(() => String)
  code: string;

  @Field(() => String, { description: 'The name today, or on filter.asOf in an orgUnits(asOf) list' })
  name: string;

  @Field(() => OrgLevelEnum)
  level: OrgLevel;

  @Field(() => ID, { nullable: true })
  parentId: number | null;

  @Field(() => String, { description: 'Materialized path of ids from the root, "/1/52/700/"' })
  path: string;

  @Field(() => DateScalar)
  validFrom: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day the unit was open; null while open' })
  validTo: string | null;

  @Field(() => Boolean, { description: 'Made-up demo data, to be said so on screen' })
  synthetic: boolean;

  @Field(() => Int, { description: 'Changes with every update; for optimistic concurrency' })
  version: number;
}

@ObjectType('OrgUnitList')
export class OrgUnitListType {
  @Field(() => [OrgUnitType], { complexity: listComplexity })
  items: OrgUnitType[];

  @Field(() => Int)
  totalCount: number;
}

@ObjectType('OrgUnitName', { description: 'A name a unit had, from validFrom to validTo' })
export class OrgUnitNameType {
  @Field(() => String)
  name: string;

  @Field(() => DateScalar)
  validFrom: string;

  @Field(() => DateScalar, { nullable: true })
  validTo: string | null;
}

@ObjectType('OrgUnitParentSpan', { description: 'A parent a unit had, from validFrom to validTo' })
export class OrgUnitParentSpanType {
  parentId: number;

  @Field(() => DateScalar)
  validFrom: string;

  @Field(() => DateScalar, { nullable: true })
  validTo: string | null;
}

@ObjectType('OrgUnitLink', { description: 'A predecessor or successor and how it was related' })
export class OrgUnitLinkType {
  @Field(() => OrgUnitType)
  unit: OrgUnitType;

  @Field(() => SuccessionKind)
  kind: SuccessionKind;
}

@ObjectType('UnitStatistic', { description: 'Yearly denominators of a unit, from outside sources' })
export class UnitStatisticType {
  @Field(() => ID)
  id: number;

  @Field(() => Int)
  year: number;

  @Field(() => Int, { nullable: true })
  population: number | null;

  @Field(() => Int, { nullable: true })
  workingAgePopulation: number | null;

  @Field(() => Int, { nullable: true })
  households: number | null;

  @Field(() => Int, { nullable: true })
  healthInsured: number | null;

  @Field(() => Int, { description: 'Send it back as expectedVersion: a save over a newer version is refused (CONFLICT)' })
  version: number;

  @Field(() => Date)
  updatedAt: Date;
}

@InputType()
export class OrgUnitFilter {
  @Field(() => String, { nullable: true, description: 'Name (without diacritics) or code' })
  q?: string | null;

  @Field(() => OrgLevelEnum, { nullable: true })
  level?: OrgLevel | null;

  @Field(() => ID, { nullable: true })
  parentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The subtree of this unit, the unit included' })
  withinId?: string | null;

  @Field(() => Boolean, { nullable: true })
  includeClosed?: boolean | null;

  @Field(() => DateScalar, { nullable: true, description: 'The tree as it stood on this date' })
  asOf?: string | null;

  @Field(() => [ID], { nullable: true })
  ids?: string[] | null;
}

@InputType()
export class CreateOrgUnitInput {
  @Field(() => String)
  code: string;

  @Field(() => String)
  name: string;

  @Field(() => OrgLevelEnum)
  level: OrgLevel;

  @Field(() => ID, { nullable: true })
  parentId?: string | null;

  @Field(() => DateScalar)
  validFrom: string;
}

@InputType({ description: 'Corrections without a history entry; rename and move keep history' })
export class UpdateOrgUnitInput {
  @Field(() => String, { nullable: true })
  code?: string | null;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => DateScalar, { nullable: true })
  validFrom?: string | null;
}

@InputType()
export class MergeIntoInput {
  @Field(() => String)
  code: string;

  @Field(() => String)
  name: string;
}

@InputType()
export class MergeOrgUnitsInput {
  @Field(() => [ID])
  sourceIds: string[];

  @Field(() => ID, { nullable: true, description: 'An existing open unit of the same level' })
  intoId?: string | null;

  @Field(() => MergeIntoInput, { nullable: true, description: 'Or a new unit, created under the first source\'s parent' })
  into?: MergeIntoInput | null;

  @Field(() => DateScalar, { description: 'First day of the merged unit; sources close the day before' })
  effectiveDate: string;
}
