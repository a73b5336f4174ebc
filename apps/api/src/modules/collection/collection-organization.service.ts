import { QueryFailedError } from 'typeorm';
import { DomainError, FieldErrors } from '../../common/errors';
import type { RequestContext } from '../../graphql/context';
import { likeEscape, runList, SortDirection, type ListArgs, type Page } from '../../graphql/list';
import { recordAudit } from '../audit/audit.service';
import { requireActor, requireRole } from '../auth/actor';
import { CollectionOrganizationEntity } from './collection-organization.entity';

const CODE_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/** Collection organizations (Bưu điện, Viettel …): listed to every user, created by admins and planners. */
export class CollectionOrganizationService {
  async list(ctx: RequestContext, q: string | null | undefined, args: ListArgs): Promise<Page<CollectionOrganizationEntity>> {
    requireActor(ctx);
    const qb = ctx.ds.getRepository(CollectionOrganizationEntity).createQueryBuilder('o');
    if (q?.trim()) qb.where('(o.code ILIKE :q OR o.name ILIKE :q)', { q: `%${likeEscape(q.trim())}%` });
    return runList(qb, args, { code: 'o.code', name: 'o.name' }, [{ field: 'name', direction: SortDirection.ASC }], 'o.id');
  }

  async create(ctx: RequestContext, input: { code: string; name: string }): Promise<CollectionOrganizationEntity> {
    requireRole(ctx, ['ADMIN', 'PROVINCE_PLANNER']);
    const errors = new FieldErrors();
    const code = (input.code ?? '').trim();
    const name = (input.name ?? '').replace(/\s+/g, ' ').trim();
    if (!CODE_RE.test(code)) errors.add('code', 'org.code.invalid');
    if (!name) errors.add('name', 'common.required');
    else if (name.length > 200) errors.add('name', 'common.tooLong', { max: 200 });
    errors.throwIfAny();
    try {
      return await ctx.ds.transaction(async (em) => {
        const { identifiers } = await em.insert(CollectionOrganizationEntity, { code, name });
        const org = await em.getRepository(CollectionOrganizationEntity).findOneByOrFail({ id: identifiers[0].id as number });
        await recordAudit(em, ctx, { action: 'collectionOrganization.create', entity: 'collectionOrganization', entityId: org.id, scopePath: null, before: null, after: { code, name } });
        return org;
      });
    } catch (err) {
      if (err instanceof QueryFailedError && (err.driverError as { constraint?: string }).constraint === 'uq_collection_organization_code') {
        throw DomainError.badInput('code', 'collection.code.duplicate', { code });
      }
      throw err;
    }
  }
}

export const collectionOrganizationService = new CollectionOrganizationService();
