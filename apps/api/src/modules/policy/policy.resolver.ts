import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { DateScalar } from '../../graphql/scalars';
import type { PolicyRuleEntity } from './policy-rule.entity';
import { policyService } from './policy.service';

@ObjectType('PolicyRule', { description: 'A value of a contribution parameter with the days it is in force' })
export class PolicyRuleType {
  @Field(() => ID)
  id: number;

  @Field(() => String, { description: 'Dotted path, e.g. voluntarySi.incomeFloor' })
  parameter: string;

  @Field(() => DateScalar)
  effectiveFrom: string;

  @Field(() => DateScalar, { nullable: true })
  effectiveTo: string | null;

  @Field(() => String, { description: 'JSON of the value (đồng, basis points, a ladder …)' })
  value: string;

  @Field(() => Boolean, { description: 'Not confirmed in a public source (to be checked)' })
  check: boolean;

  @Field(() => String, { nullable: true })
  source: string | null;
}

@InputType()
export class SetPolicyRuleInput {
  @Field(() => ID, { nullable: true, description: 'To change an existing row' })
  id?: string | null;

  @Field(() => String)
  parameter: string;

  @Field(() => DateScalar)
  effectiveFrom: string;

  @Field(() => DateScalar, { nullable: true })
  effectiveTo?: string | null;

  @Field(() => String, { description: 'JSON' })
  value: string;

  @Field(() => Boolean, { nullable: true })
  check?: boolean | null;

  @Field(() => String, { nullable: true })
  source?: string | null;
}

const asType = (r: PolicyRuleEntity) => ({ ...r, value: JSON.stringify(r.value) });

@Resolver(() => PolicyRuleType)
export class PolicyResolver {
  @Query(() => [PolicyRuleType], { description: 'By parameter, then start date; `parameter` filters by prefix' })
  async policyRules(@Ctx() ctx: RequestContext, @Arg('parameter', () => String, { nullable: true }) parameter: string | null) {
    return (await policyService.list(ctx, parameter)).map(asType);
  }

  @Mutation(() => PolicyRuleType, { description: 'Administrators: add or change a row; overlapping dates are refused' })
  async setPolicyRule(@Ctx() ctx: RequestContext, @Arg('input', () => SetPolicyRuleInput) input: SetPolicyRuleInput) {
    return asType(await policyService.set(ctx, input));
  }

  @Mutation(() => ID)
  deletePolicyRule(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return policyService.delete(ctx, id);
  }
}
