import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';

@ObjectType('AuditChange', { description: 'One field of a change; values are JSON' })
export class AuditChangeType {
  @Field(() => String)
  field: string;

  @Field(() => String, { nullable: true, description: 'JSON of the value before' })
  before: string | null;

  @Field(() => String, { nullable: true, description: 'JSON of the value after' })
  after: string | null;
}

@ObjectType('AuditEvent', { description: 'A change made through the API' })
export class AuditEventType {
  @Field(() => ID)
  id: string;

  @Field(() => Date)
  at: Date;

  @Field(() => ID, { nullable: true })
  actorId: number | null;

  @Field(() => String)
  actorUsername: string;

  @Field(() => String, { nullable: true })
  requestId: string | null;

  @Field(() => String, { description: 'e.g. orgUnit.rename, user.create, session.login' })
  action: string;

  @Field(() => String)
  entity: string;

  @Field(() => String)
  entityId: string;
}

@ObjectType('AuditEventList')
export class AuditEventListType {
  @Field(() => [AuditEventType])
  items: AuditEventType[];

  @Field(() => Int)
  totalCount: number;
}

@InputType()
export class AuditEventFilter {
  @Field(() => String, { nullable: true, description: 'orgUnit, user …' })
  entity?: string | null;

  @Field(() => String, { nullable: true })
  entityId?: string | null;

  @Field(() => ID, { nullable: true })
  actorId?: string | null;

  @Field(() => String, { nullable: true })
  action?: string | null;

  @Field(() => ID, { nullable: true, description: 'Events of this unit\'s subtree' })
  withinId?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'From this local date' })
  from?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'To this local date, included' })
  to?: string | null;
}
