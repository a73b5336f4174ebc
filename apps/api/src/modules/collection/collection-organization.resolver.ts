import { Arg, Ctx, Field, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { SortInput } from '../../graphql/list';
import { CollectionOrganizationType } from '../auth/auth.types';
import { collectionOrganizationService } from './collection-organization.service';

@InputType()
export class CreateCollectionOrganizationInput {
  @Field(() => String)
  code: string;

  @Field(() => String)
  name: string;
}

@ObjectType('CollectionOrganizationList')
export class CollectionOrganizationListType {
  @Field(() => [CollectionOrganizationType])
  items: CollectionOrganizationType[];

  @Field(() => Int)
  totalCount: number;
}

@Resolver(() => CollectionOrganizationType)
export class CollectionOrganizationResolver {
  @Query(() => CollectionOrganizationListType)
  collectionOrganizations(
    @Ctx() ctx: RequestContext,
    @Arg('q', () => String, { nullable: true }) q: string | null,
    @Arg('sort', () => [SortInput], { nullable: true }) sort: SortInput[] | null,
    @Arg('skip', () => Int, { nullable: true }) skip: number | null,
    @Arg('take', () => Int, { nullable: true }) take: number | null,
  ) {
    return collectionOrganizationService.list(ctx, q, { sort, skip, take });
  }

  @Mutation(() => CollectionOrganizationType)
  createCollectionOrganization(@Ctx() ctx: RequestContext, @Arg('input', () => CreateCollectionOrganizationInput) input: CreateCollectionOrganizationInput) {
    return collectionOrganizationService.create(ctx, input);
  }
}
