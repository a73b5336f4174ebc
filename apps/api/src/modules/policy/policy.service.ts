import type { DataSource, EntityManager } from 'typeorm';
import { flattenPolicy, policyFromRows, storedRowProblem, type PolicySet, type StoredPolicyRow } from '@bao-phu/domain';
import { DomainError } from '../../common/errors';
import type { MessageKey } from '../../common/messages';
import type { RequestContext } from '../../graphql/context';
import { recordAudit } from '../audit/audit.service';
import { requireActor, requireRole } from '../auth/actor';
import { parseUnitId } from '../org/org-unit.service';
import { PolicyRuleEntity } from './policy-rule.entity';

const PROBLEM_KEYS: Record<string, MessageKey> = {
  UNKNOWN_PARAMETER: 'policy.parameter.unknown',
  VALUE_KIND: 'policy.value.kind',
  BAD_DATE: 'common.invalidDate',
  ENDS_BEFORE_START: 'policy.dates.order',
  OVERLAP: 'policy.dates.overlap',
};
const PROBLEM_FIELDS: Record<string, string> = { UNKNOWN_PARAMETER: 'parameter', VALUE_KIND: 'value', BAD_DATE: 'effectiveFrom', ENDS_BEFORE_START: 'effectiveTo', OVERLAP: 'effectiveFrom' };

/** The policy in force is read at most every 30 s per process (and at once after a change here). */
const TTL_MS = 30_000;
let cache: { at: number; policy: PolicySet } | null = null;

const stored = (r: PolicyRuleEntity): StoredPolicyRow => ({
  parameter: r.parameter,
  effectiveFrom: r.effectiveFrom,
  effectiveTo: r.effectiveTo,
  value: r.value,
  check: r.check,
  source: r.source,
});

/** The contribution policy as its administrators keep it in policy_rule. */
export async function loadPolicy(em: EntityManager | DataSource): Promise<PolicySet> {
  if (cache && Date.now() - cache.at < TTL_MS) return cache.policy;
  const rows = await em.getRepository(PolicyRuleEntity).find();
  const policy = policyFromRows(rows.map(stored));
  cache = { at: Date.now(), policy };
  return policy;
}

/** First start: the rows of DOMAIN-RULES.md (the domain's DEFAULT_POLICY). */
export async function seedPolicy(em: EntityManager): Promise<number> {
  if ((await em.getRepository(PolicyRuleEntity).count()) > 0) return 0;
  const rows = flattenPolicy();
  await em.insert(PolicyRuleEntity, rows.map((r) => ({ ...r, value: r.value as object, updatedBy: null })));
  cache = null;
  return rows.length;
}

export interface SetPolicyRuleData {
  id?: string | null;
  parameter: string;
  effectiveFrom: string;
  effectiveTo?: string | null;
  value: string;
  check?: boolean | null;
  source?: string | null;
}

/** Policy rows: read by everyone logged in, changed by administrators only, every change audited. */
export class PolicyService {
  async list(ctx: RequestContext, parameter?: string | null): Promise<PolicyRuleEntity[]> {
    requireActor(ctx);
    const qb = ctx.ds.getRepository(PolicyRuleEntity).createQueryBuilder('r').orderBy('r.parameter').addOrderBy('r.effectiveFrom');
    if (parameter) qb.where('r.parameter LIKE :p', { p: `${parameter}%` });
    return qb.getMany();
  }

  /** Adds a row, or changes one (`id`); refused when its dates overlap another row of the parameter. */
  async set(ctx: RequestContext, input: SetPolicyRuleData): Promise<PolicyRuleEntity> {
    requireRole(ctx, ['ADMIN']);
    let value: unknown;
    try {
      value = JSON.parse(input.value);
    } catch {
      throw DomainError.badInput('value', 'policy.value.json');
    }
    const row: StoredPolicyRow = {
      parameter: input.parameter.trim(),
      effectiveFrom: input.effectiveFrom,
      effectiveTo: input.effectiveTo ?? null,
      value,
      check: !!input.check,
      source: input.source?.trim() || null,
    };
    return ctx.ds.transaction(async (em) => {
      const id = input.id ? parseUnitId(input.id, 'id') : null;
      const existing = id ? await em.getRepository(PolicyRuleEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } }) : null;
      if (id && !existing) throw DomainError.notFound('policy rule', id);
      const others = (await em.getRepository(PolicyRuleEntity).find({ where: { parameter: row.parameter }, lock: { mode: 'pessimistic_write' } })).filter((r) => r.id !== id);
      const problem = storedRowProblem(row, others.map(stored));
      if (problem) throw DomainError.badInput(PROBLEM_FIELDS[problem], PROBLEM_KEYS[problem], { parameter: row.parameter });
      const before = existing ? (stored(existing) as unknown as Record<string, unknown>) : null;
      const entity = existing ?? new PolicyRuleEntity();
      Object.assign(entity, { ...row, value: row.value as object, updatedBy: ctx.actor!.id });
      const saved = await em.save(PolicyRuleEntity, entity);
      await recordAudit(em, ctx, { action: existing ? 'policyRule.update' : 'policyRule.create', entity: 'policyRule', entityId: saved.id, scopePath: null, before, after: stored(saved) as unknown as Record<string, unknown> });
      cache = null;
      return saved;
    });
  }

  async delete(ctx: RequestContext, id: string): Promise<string> {
    requireRole(ctx, ['ADMIN']);
    return ctx.ds.transaction(async (em) => {
      const rule = await em.getRepository(PolicyRuleEntity).findOneBy({ id: parseUnitId(id, 'id') });
      if (!rule) throw DomainError.notFound('policy rule', id);
      await em.delete(PolicyRuleEntity, { id: rule.id });
      await recordAudit(em, ctx, { action: 'policyRule.delete', entity: 'policyRule', entityId: rule.id, scopePath: null, before: stored(rule) as unknown as Record<string, unknown>, after: null });
      cache = null;
      return String(rule.id);
    });
  }
}

export const policyService = new PolicyService();
