import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { maskPersonalNumber } from '@bao-phu/domain';
import type { RequestContext } from '../../graphql/context';
import { SortInput } from '../../graphql/list';
import { fanout, relationComplexity } from '../../graphql/limits';
import { enrollmentService } from '../enrollment/enrollment.service';
import { EnrollmentType } from '../enrollment/enrollment.types';
import { OrgUnitType } from '../org/org-unit.types';
import type { HouseholdEntity, PersonEntity } from './person.entity';
import { personService, seesPersonalData } from './person.service';
import {
  CreateHouseholdInput,
  CreatePersonInput,
  HouseholdType,
  PersonalDataType,
  PersonFilter,
  PersonListType,
  PersonType,
  UpdatePersonInput,
} from './person.types';

@Resolver(() => PersonType)
export class PersonResolver {
  @Query(() => PersonType, { nullable: true })
  person(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return personService.get(ctx, id);
  }

  @Query(() => PersonListType)
  persons(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => PersonFilter, { nullable: true }) filter: PersonFilter | null,
    @Arg('sort', () => [SortInput], { nullable: true }) sort: SortInput[] | null,
    @Arg('skip', () => Int, { nullable: true }) skip: number | null,
    @Arg('take', () => Int, { nullable: true }) take: number | null,
  ) {
    return personService.list(ctx, filter, { sort, skip, take });
  }

  @Mutation(() => PersonType)
  createPerson(@Ctx() ctx: RequestContext, @Arg('input', () => CreatePersonInput) input: CreatePersonInput) {
    return personService.create(ctx, input);
  }

  @Mutation(() => PersonType)
  updatePerson(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('input', () => UpdatePersonInput) input: UpdatePersonInput) {
    return personService.update(ctx, id, input);
  }

  @Mutation(() => PersonalDataType, { description: 'The unmasked citizen ID and phone; audited' })
  revealPersonalData(@Ctx() ctx: RequestContext, @Arg('personId', () => ID) personId: string) {
    return personService.reveal(ctx, personId);
  }

  @FieldResolver(() => String, { description: 'Masked (087•••••1234) for roles that do not need it' })
  citizenId(@Ctx() ctx: RequestContext, @Root() p: PersonEntity) {
    return seesPersonalData(ctx.actor) ? p.citizenId : maskPersonalNumber(p.citizenId);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Masked for roles that do not need it' })
  phone(@Ctx() ctx: RequestContext, @Root() p: PersonEntity) {
    return seesPersonalData(ctx.actor) ? p.phone : maskPersonalNumber(p.phone);
  }

  @FieldResolver(() => Boolean, { description: 'True when citizenId and phone are shown masked to the caller' })
  personalDataMasked(@Ctx() ctx: RequestContext) {
    return !seesPersonalData(ctx.actor);
  }

  @FieldResolver(() => OrgUnitType)
  hamlet(@Ctx() ctx: RequestContext, @Root() p: PersonEntity) {
    return ctx.loaders.unitById.load(p.hamletId);
  }

  @FieldResolver(() => [EnrollmentType], { complexity: fanout(5), description: 'Newest first' })
  enrollments(@Ctx() ctx: RequestContext, @Root() p: PersonEntity) {
    return enrollmentService.ofPerson(ctx, p.id);
  }

  @FieldResolver(() => HouseholdType, { nullable: true })
  household(@Ctx() ctx: RequestContext, @Root() p: PersonEntity) {
    return p.householdId === null ? null : personService.household(ctx, String(p.householdId));
  }
}

@Resolver(() => HouseholdType)
export class HouseholdResolver {
  @Query(() => HouseholdType, { nullable: true })
  household(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return personService.household(ctx, id);
  }

  @Mutation(() => HouseholdType)
  createHousehold(@Ctx() ctx: RequestContext, @Arg('input', () => CreateHouseholdInput) input: CreateHouseholdInput) {
    return personService.createHousehold(ctx, input);
  }

  @FieldResolver(() => OrgUnitType)
  hamlet(@Ctx() ctx: RequestContext, @Root() h: HouseholdEntity) {
    return ctx.loaders.unitById.load(h.hamletId);
  }

  @FieldResolver(() => [PersonType], { complexity: fanout(10) })
  members(@Ctx() ctx: RequestContext, @Root() h: HouseholdEntity) {
    return personService.members(ctx, h);
  }
}
