import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { SortInput } from '../../graphql/list';
import type { AuditEventEntity } from './audit-event.entity';
import { auditService } from './audit.service';
import { AuditChangeType, AuditEventFilter, AuditEventListType, AuditEventType } from './audit.types';

@Resolver(() => AuditEventType)
export class AuditResolver {
  @Query(() => AuditEventListType, { description: 'Newest first; admins see all, planners their province' })
  auditEvents(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => AuditEventFilter, { nullable: true }) filter: AuditEventFilter | null,
    @Arg('sort', () => [SortInput], { nullable: true }) sort: SortInput[] | null,
    @Arg('skip', () => Int, { nullable: true }) skip: number | null,
    @Arg('take', () => Int, { nullable: true }) take: number | null,
  ) {
    return auditService.list(ctx, filter, { sort, skip, take });
  }

  @FieldResolver(() => [AuditChangeType])
  changes(@Root() event: AuditEventEntity): AuditChangeType[] {
    return Object.entries(event.changes).map(([field, c]) => ({
      field,
      before: c.before === null || c.before === undefined ? null : JSON.stringify(c.before),
      after: c.after === null || c.after === undefined ? null : JSON.stringify(c.after),
    }));
  }
}
