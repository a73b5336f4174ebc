import type { EntityManager } from 'typeorm';
import { isMonth, SCHEMES, type Scheme } from '@bao-phu/domain';
import type { Actor } from '../auth/actor';
import { NON_COLLECTION_REASONS, type NonCollectionReason } from '../collection/cycle.entity';
import { REASONS_NEEDING_VISIT } from '../collection/cycle.service';
import type { Importer } from './importers';
import { problem } from './persons-import';

export const REASON_COLUMNS = ['month', 'citizenId', 'scheme', 'reason', 'note'] as const;

interface ReasonRow {
  month: string;
  citizenId: string;
  scheme: Scheme;
  reason: NonCollectionReason;
  note: string | null;
  entryIds?: number[];
}

/**
 * An organization's spreadsheet of reasons: one row per person of its "unpaid last month" list
 * (the latest version of the month's cycle), with the coded reason. A row that matches no entry of
 * the caller's organization and scope is refused with its line.
 */
export async function reasonsImporter(_em: EntityManager, actor: Actor): Promise<Importer<ReasonRow>> {
  const org = actor.role === 'COLLECTOR' ? (actor.collectionOrganizationId ?? -1) : null;
  return {
    columns: REASON_COLUMNS,
    check(values) {
      const month = values.month.trim();
      if (!isMonth(month)) return problem('month', 'cycle.month.format');
      const citizenId = values.citizenId.trim();
      if (!/^\d{12}$/.test(citizenId)) return problem('citizenId', 'person.citizenId.format');
      const scheme = values.scheme.trim().toUpperCase() as Scheme;
      if (!SCHEMES.includes(scheme)) return problem('scheme', 'import.scheme');
      const reason = values.reason.trim().toUpperCase() as NonCollectionReason;
      if (!NON_COLLECTION_REASONS.includes(reason)) return problem('reason', 'import.reason.code', { codes: NON_COLLECTION_REASONS.join(', ') });
      const note = values.note.replace(/\s+/g, ' ').trim().slice(0, 500) || null;
      return { ok: true, row: { month, citizenId, scheme, reason, note } };
    },
    key: (r) => `${r.month}:${r.citizenId}:${r.scheme}`,
    repeatedKey: 'import.reason.repeated',
    async resolve(em, batch, reject) {
      const found: { id: number; citizen_id: string; scheme: string; month: string }[] = await em.query(
        `SELECT x.id, p.citizen_id, x.scheme, c.month
           FROM due_list_entry x
           JOIN collection_cycle c ON c.id = x.cycle_id
           JOIN person p ON p.id = x.person_id
           JOIN org_unit h ON h.id = x.hamlet_id
          WHERE x.kind = 'UNPAID_LAST_MONTH' AND p.citizen_id = ANY($1) AND c.month = ANY($2) AND h.path LIKE $3
            AND ($4::int IS NULL OR x.collection_organization_id = $4)
            AND c.version = (SELECT max(c2.version) FROM collection_cycle c2 WHERE c2.base_unit_id = c.base_unit_id AND c2.month = c.month)`,
        [[...new Set(batch.map((b) => b.row.citizenId))], [...new Set(batch.map((b) => b.row.month))], `${actor.scopePath}%`, org],
      );
      const byKey = new Map<string, number[]>();
      for (const f of found) {
        const k = `${f.month}:${f.citizen_id}:${f.scheme}`;
        byKey.set(k, [...(byKey.get(k) ?? []), f.id]);
      }
      const out: ReasonRow[] = [];
      for (const { line, row } of batch) {
        const ids = byKey.get(`${row.month}:${row.citizenId}:${row.scheme}`);
        if (!ids) reject(line, problem('citizenId', 'import.reason.entry', { month: row.month }).message);
        else out.push({ ...row, entryIds: ids });
      }
      return out;
    },
    async write(em, rows, a) {
      const entries = rows.flatMap((r) => r.entryIds!.map((id) => ({ id, reason: r.reason, note: r.note })));
      await em.query(
        `UPDATE due_list_entry x SET reason = v.reason, reason_note = v.note, reason_reported_at = now(), reason_reported_by = $2
           FROM jsonb_to_recordset($1::jsonb) AS v(id int, reason text, note text) WHERE x.id = v.id`,
        [JSON.stringify(entries), a.id],
      );
      // The visits these reasons call for, once per entry.
      await em.query(
        `INSERT INTO follow_up (entry_id, enrollment_id, base_unit_id, due_date)
         SELECT x.id, x.enrollment_id, c.base_unit_id, (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date + 10
           FROM due_list_entry x JOIN collection_cycle c ON c.id = x.cycle_id
          WHERE x.id = ANY($1) AND x.reason = ANY($2) AND NOT EXISTS (SELECT 1 FROM follow_up f WHERE f.entry_id = x.id)`,
        [entries.map((e) => e.id), REASONS_NEEDING_VISIT],
      );
    },
  };
}
