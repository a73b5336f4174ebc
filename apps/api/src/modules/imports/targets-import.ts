import type { EntityManager } from 'typeorm';
import { MAX_YEAR, MIN_YEAR, mayWriteTargetOf } from '../targets/target.service';
import { ORG_LEVEL_LABELS, SCHEMES, STATISTIC_METRICS, TARGET_METRICS, type OrgLevel, type Scheme, type StatisticMetric, type TargetMetric } from '@bao-phu/domain';
import { localize } from '../../common/errors';
import { inScope, type Actor } from '../auth/actor';
import type { Importer } from './importers';
import { problem } from './persons-import';

/** A count as written in Vietnam or by a machine: "2708", "2.708", "2 708". */
function wholeNumber(text: string): number | null {
  const clean = text.trim().replace(/[.\s]/g, '');
  if (!/^\d{1,10}$/.test(clean)) return null;
  const n = Number(clean);
  return n <= 2_147_483_647 ? n : null;
}

function year(text: string): number | null {
  const n = /^\d{4}$/.test(text.trim()) ? Number(text.trim()) : NaN;
  return n >= MIN_YEAR && n <= MAX_YEAR ? n : null;
}

interface UnitRow {
  id: number;
  code: string;
  path: string;
  level: OrgLevel;
}

/** The open units of the batch's codes, in the caller's scope. */
async function unitsByCode(em: EntityManager, actor: Actor, codes: string[]): Promise<Map<string, UnitRow>> {
  const rows: UnitRow[] = await em.query(`SELECT id, code, path, level FROM org_unit WHERE code = ANY($1) AND valid_to IS NULL`, [[...new Set(codes)]]);
  return new Map(rows.filter((u) => inScope(actor, u.path)).map((u) => [u.code, u]));
}

export const TARGET_COLUMNS = ['unitCode', 'year', 'scheme', 'metric', 'value'] as const;

interface TargetRow {
  unitCode: string;
  year: number;
  scheme: Scheme;
  metric: TargetMetric;
  value: number;
  unitId?: number;
}

/**
 * Yearly targets from a file: each row creates the unit's draft target or changes its value (a new
 * revision, kept in the history like a change on screen), for units the caller sets targets of.
 */
export async function targetsImporter(_em: EntityManager, actor: Actor): Promise<Importer<TargetRow>> {
  return {
    columns: TARGET_COLUMNS,
    check(values) {
      const unitCode = values.unitCode.trim();
      if (!unitCode) return problem('unitCode', 'common.required');
      const y = year(values.year);
      if (y === null) return problem('year', 'target.year.range', { min: MIN_YEAR, max: MAX_YEAR });
      const scheme = values.scheme.trim().toUpperCase() as Scheme;
      if (!SCHEMES.includes(scheme)) return problem('scheme', 'import.scheme');
      const metric = values.metric.trim().toUpperCase() as TargetMetric;
      if (!TARGET_METRICS.includes(metric)) return problem('metric', 'import.targetMetric');
      const value = wholeNumber(values.value);
      if (value === null) return problem('value', 'target.value.negative');
      return { ok: true, row: { unitCode, year: y, scheme, metric, value } };
    },
    key: (r) => `${r.unitCode}:${r.year}:${r.scheme}:${r.metric}`,
    repeatedKey: 'import.target.repeated',
    async resolve(em, batch, reject) {
      const units = await unitsByCode(em, actor, batch.map((b) => b.row.unitCode));
      const out: TargetRow[] = [];
      for (const { line, row } of batch) {
        const unit = units.get(row.unitCode);
        if (!unit) reject(line, localize('import.unit.unknown', { code: row.unitCode }));
        else if (unit.level === 'COUNTRY' || !mayWriteTargetOf(actor, unit))
          reject(line, localize('import.target.forbidden', { code: row.unitCode, level: ORG_LEVEL_LABELS[unit.level].vi, levelEn: ORG_LEVEL_LABELS[unit.level].en.toLowerCase() }));
        else out.push({ ...row, unitId: unit.id });
      }
      return out;
    },
    async write(em, rows, a) {
      // The existing targets of these keys, locked; then new ones inserted, changed ones updated,
      // and one revision per write: three statements per batch whatever its size.
      const existing: { id: number; unit_id: number; year: number; scheme: string; metric: string; value: number; status: string; revision: number }[] = await em.query(
        `SELECT t.id, t.unit_id, t.year, t.scheme, t.metric, t.value, t.status, t.revision
           FROM target t JOIN jsonb_to_recordset($1::jsonb) AS v("unitId" int, year int, scheme text, metric text)
             ON t.unit_id = v."unitId" AND t.year = v.year AND t.scheme = v.scheme AND t.metric = v.metric
          WHERE t.quarter IS NULL AND t.month IS NULL
          FOR UPDATE OF t`,
        [JSON.stringify(rows)],
      );
      const byKey = new Map(existing.map((t) => [`${t.unit_id}:${t.year}:${t.scheme}:${t.metric}`, t]));
      const fresh = rows.filter((r) => !byKey.has(`${r.unitId}:${r.year}:${r.scheme}:${r.metric}`));
      const changed = rows
        .map((r) => ({ r, t: byKey.get(`${r.unitId}:${r.year}:${r.scheme}:${r.metric}`) }))
        .filter(({ r, t }) => t && t.value !== r.value)
        .map(({ r, t }) => ({ id: t!.id, value: r.value, previous: t!.value, revision: t!.revision + 1, supplementary: t!.status === 'PUBLISHED' }));
      const inserted: { id: number; value: number }[] = fresh.length
        ? await em.query(
            `INSERT INTO target (unit_id, year, scheme, metric, value, status, revision, updated_by, version)
             SELECT v."unitId", v.year, v.scheme, v.metric, v.value, 'DRAFT', 1, $2, 1
               FROM jsonb_to_recordset($1::jsonb) AS v("unitId" int, year int, scheme text, metric text, value int)
             RETURNING id, value`,
            [JSON.stringify(fresh), a.id],
          )
        : [];
      if (changed.length) {
        await em.query(
          `UPDATE target t SET value = v.value, status = 'DRAFT', revision = v.revision, updated_by = $2, updated_at = now(), version = t.version + 1
             FROM jsonb_to_recordset($1::jsonb) AS v(id int, value int, revision int) WHERE t.id = v.id`,
          [JSON.stringify(changed), a.id],
        );
      }
      const revisions = [
        ...inserted.map((t) => ({ id: t.id, revision: 1, value: t.value, previous: null, supplementary: false })),
        ...changed.map((c) => ({ id: c.id, revision: c.revision, value: c.value, previous: c.previous, supplementary: c.supplementary })),
      ];
      if (revisions.length) {
        await em.query(
          `INSERT INTO target_revision (target_id, revision, value, previous_value, status, action, supplementary, changed_by)
           SELECT v.id, v.revision, v.value, v.previous, 'DRAFT', 'IMPORT', v.supplementary, $2
             FROM jsonb_to_recordset($1::jsonb) AS v(id int, revision int, value int, previous int, supplementary boolean)`,
          [JSON.stringify(revisions), a.id],
        );
      }
    },
  };
}

export const STATISTIC_COLUMNS = ['unitCode', 'year', 'metric', 'value'] as const;

const STATISTIC_COLUMN: Record<StatisticMetric, string> = {
  POPULATION: 'population',
  WORKING_AGE_POPULATION: 'working_age_population',
  HOUSEHOLDS: 'households',
  HEALTH_INSURED: 'health_insured',
};

interface StatisticRow {
  unitCode: string;
  year: number;
  metric: StatisticMetric;
  value: number;
  unitId?: number;
}

/** Unit statistics from a file, one figure per row: each row sets that figure of the unit's year. */
export async function statisticsImporter(_em: EntityManager, actor: Actor): Promise<Importer<StatisticRow>> {
  return {
    columns: STATISTIC_COLUMNS,
    check(values) {
      const unitCode = values.unitCode.trim();
      if (!unitCode) return problem('unitCode', 'common.required');
      const y = year(values.year);
      if (y === null) return problem('year', 'target.year.range', { min: MIN_YEAR, max: MAX_YEAR });
      const metric = values.metric.trim().toUpperCase() as StatisticMetric;
      if (!STATISTIC_METRICS.includes(metric)) return problem('metric', 'import.statisticMetric');
      const value = wholeNumber(values.value);
      if (value === null) return problem('value', 'import.wholeNumber');
      return { ok: true, row: { unitCode, year: y, metric, value } };
    },
    key: (r) => `${r.unitCode}:${r.year}:${r.metric}`,
    repeatedKey: 'import.statistic.repeated',
    async resolve(em, batch, reject) {
      const units = await unitsByCode(em, actor, batch.map((b) => b.row.unitCode));
      const out: StatisticRow[] = [];
      for (const { line, row } of batch) {
        const unit = units.get(row.unitCode);
        if (!unit || unit.level === 'COUNTRY') reject(line, localize('import.unit.unknown', { code: row.unitCode }));
        else out.push({ ...row, unitId: unit.id });
      }
      return out;
    },
    async write(em, rows, a) {
      // One statement per figure: insert the unit's year or set that figure of it.
      for (const metric of STATISTIC_METRICS) {
        const of = rows.filter((r) => r.metric === metric);
        if (!of.length) continue;
        const col = STATISTIC_COLUMN[metric];
        await em.query(
          `INSERT INTO unit_statistic (unit_id, year, ${col}, updated_by, version)
           SELECT v."unitId", v.year, v.value, $2, 1 FROM jsonb_to_recordset($1::jsonb) AS v("unitId" int, year int, value int)
           ON CONFLICT (unit_id, year) DO UPDATE SET ${col} = EXCLUDED.${col}, updated_by = EXCLUDED.updated_by, updated_at = now(), version = unit_statistic.version + 1`,
          [JSON.stringify(of), a.id],
        );
      }
    },
  };
}
