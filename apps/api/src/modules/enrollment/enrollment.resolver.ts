import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { registerEnumType } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { DateScalar } from '../../graphql/scalars';
import { fanout } from '../../graphql/limits';
import { rowById } from '../../graphql/row-loaders';
import { CollectionOrganizationType } from '../auth/auth.types';
import { CampaignEntity, CampaignMemberEntity } from '../campaigns/campaign.entity';
import { CampaignMemberType, CampaignType } from '../campaigns/campaign.types';
import { CollectionOrganizationEntity } from '../collection/collection-organization.entity';
import { PersonEntity } from '../people/person.entity';
import { PersonType } from '../people/person.types';
import type { EnrollmentEntity } from './enrollment.entity';
import { enrollmentService } from './enrollment.service';
import { ContributionDueType, EnrollInput, EnrollmentType, PaymentType, RecordPaymentInput } from './enrollment.types';

export const EndStatusEnum = { STOPPED: 'STOPPED', DECEASED: 'DECEASED' } as const;
registerEnumType(EndStatusEnum, { name: 'EnrollmentEndStatus' });

@Resolver(() => EnrollmentType)
export class EnrollmentResolver {
  @Query(() => EnrollmentType, { nullable: true })
  enrollment(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return enrollmentService.get(ctx, id);
  }

  @Mutation(() => EnrollmentType, { description: 'Enrolls a person and creates the dues of the coming periods' })
  enroll(@Ctx() ctx: RequestContext, @Arg('input', () => EnrollInput) input: EnrollInput) {
    return enrollmentService.enroll(ctx, input);
  }

  @Mutation(() => PaymentType, { description: 'Settles the oldest open dues first; refuses more than is owed' })
  recordPayment(@Ctx() ctx: RequestContext, @Arg('input', () => RecordPaymentInput) input: RecordPaymentInput) {
    return enrollmentService.recordPayment(ctx, input);
  }

  @Mutation(() => EnrollmentType, { description: 'Stops an enrollment (STOPPED or DECEASED); open dues after endDate are cancelled' })
  endEnrollment(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('status', () => EndStatusEnum) status: 'STOPPED' | 'DECEASED',
    @Arg('endDate', () => DateScalar) endDate: string,
  ) {
    return enrollmentService.end(ctx, id, status, endDate);
  }

  @FieldResolver(() => PersonType)
  person(@Ctx() ctx: RequestContext, @Root() e: EnrollmentEntity) {
    return rowById(ctx, PersonEntity).load(e.personId);
  }

  @FieldResolver(() => [ContributionDueType], { complexity: fanout(24), description: 'Oldest first' })
  dues(@Ctx() ctx: RequestContext, @Root() e: EnrollmentEntity) {
    return enrollmentService.dues(ctx, e.id);
  }

  @FieldResolver(() => [PaymentType], { complexity: fanout(24) })
  payments(@Ctx() ctx: RequestContext, @Root() e: EnrollmentEntity) {
    return enrollmentService.payments(ctx, e.id);
  }

  @FieldResolver(() => CampaignType, { nullable: true, description: 'The campaign credited with it' })
  campaign(@Ctx() ctx: RequestContext, @Root() e: EnrollmentEntity) {
    return e.campaignId ? rowById(ctx, CampaignEntity).load(e.campaignId) : null;
  }

  @FieldResolver(() => CampaignMemberType, { nullable: true, description: 'The campaign member credited with it' })
  campaignMember(@Ctx() ctx: RequestContext, @Root() e: EnrollmentEntity) {
    return e.campaignMemberId ? rowById(ctx, CampaignMemberEntity).load(e.campaignMemberId) : null;
  }

  @FieldResolver(() => CollectionOrganizationType, { nullable: true })
  collectionOrganization(@Ctx() ctx: RequestContext, @Root() e: EnrollmentEntity) {
    return e.collectionOrganizationId === null ? null : rowById(ctx, CollectionOrganizationEntity).load(e.collectionOrganizationId);
  }
}
