import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { SUPPORT_CATEGORIES, type Sex, type SupportCategory } from '@bao-phu/domain';
import { DateScalar } from '../../graphql/scalars';
import { listComplexity } from '../../graphql/limits';

export const SexEnum = { MALE: 'MALE', FEMALE: 'FEMALE' } as const;
registerEnumType(SexEnum, { name: 'Sex' });
export const SupportCategoryEnum = Object.fromEntries(SUPPORT_CATEGORIES.map((c) => [c, c])) as { [K in SupportCategory]: K };
registerEnumType(SupportCategoryEnum, { name: 'SupportCategory', description: 'Poor, near-poor, ethnic minority, or other' });

@ObjectType('Household')
export class HouseholdType {
  @Field(() => ID)
  id: number;

  @Field(() => String)
  code: string;

  hamletId: number;
}

@ObjectType('Person')
export class PersonType {
  @Field(() => ID)
  id: number;

  @Field(() => String)
  fullName: string;

  @Field(() => DateScalar)
  dateOfBirth: string;

  @Field(() => SexEnum)
  sex: Sex;

  @Field(() => SupportCategoryEnum)
  supportCategory: SupportCategory;

  @Field(() => DateScalar, { nullable: true })
  supportFrom: string | null;

  @Field(() => DateScalar, { nullable: true })
  supportTo: string | null;

  @Field(() => String, { nullable: true, description: '10-digit SI code of older records' })
  siCode: string | null;

  hamletId: number;
  householdId: number | null;
}

@ObjectType('PersonList')
export class PersonListType {
  @Field(() => [PersonType], { complexity: listComplexity })
  items: PersonType[];

  @Field(() => Int)
  totalCount: number;
}

@ObjectType('PersonalData', { description: 'Unmasked citizen ID and phone (the reveal is audited)' })
export class PersonalDataType {
  @Field(() => String)
  citizenId: string;

  @Field(() => String, { nullable: true })
  phone: string | null;
}

@InputType()
export class PersonFilter {
  @Field(() => String, { nullable: true, description: 'Name without diacritics, or the start of a citizen ID' })
  q?: string | null;

  @Field(() => ID, { nullable: true })
  hamletId?: string | null;

  @Field(() => ID, { nullable: true })
  withinId?: string | null;
}

@InputType()
export class CreatePersonInput {
  @Field(() => String)
  fullName: string;

  @Field(() => DateScalar)
  dateOfBirth: string;

  @Field(() => SexEnum)
  sex: Sex;

  @Field(() => String)
  citizenId: string;

  @Field(() => ID)
  hamletId: string;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => ID, { nullable: true })
  householdId?: string | null;

  @Field(() => SupportCategoryEnum)
  supportCategory: SupportCategory;

  @Field(() => DateScalar, { nullable: true })
  supportFrom?: string | null;

  @Field(() => DateScalar, { nullable: true })
  supportTo?: string | null;

  @Field(() => String, { nullable: true })
  siCode?: string | null;
}

@InputType()
export class UpdatePersonInput {
  @Field(() => String, { nullable: true })
  fullName?: string | null;

  @Field(() => ID, { nullable: true })
  hamletId?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => ID, { nullable: true })
  householdId?: string | null;

  @Field(() => SupportCategoryEnum, { nullable: true })
  supportCategory?: SupportCategory | null;

  @Field(() => DateScalar, { nullable: true })
  supportFrom?: string | null;

  @Field(() => DateScalar, { nullable: true })
  supportTo?: string | null;

  @Field(() => String, { nullable: true })
  siCode?: string | null;
}

@InputType()
export class CreateHouseholdInput {
  @Field(() => String)
  code: string;

  @Field(() => ID)
  hamletId: string;
}
