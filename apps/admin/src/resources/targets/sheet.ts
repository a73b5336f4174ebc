import { ORG_LEVELS, shortfall, SCHEMES, TARGET_METRICS, type Scheme, type TargetMetric } from '@bao-phu/domain';
import type { AllocationSheet, SetTargetInput, TargetRef } from './types';

/** The largest value a GraphQL `Int` carries (the API's targets are Int). */
export const MAX_TARGET = 2_147_483_647;

/** What the user typed in one "new target" box, and the version of the target it was typed over. */
export interface Draft {
  text: string;
  /** The target's version when the user began typing (0: there was no target). */
  baseVersion: number;
  /** Set when the target changed on the server under the typed value: its value then. */
  changedTo?: number | null;
}

/** Typed values by unit id; a unit absent from the map shows its current target. */
export type Drafts = Readonly<Record<string, Draft>>;

export type ParsedTarget = { ok: true; value: number | null } | { ok: false; error: 'whole_number' | 'too_large' };

/**
 * A typed target: digits, optionally grouped by threes with dots, commas or spaces as written in
 * Vietnam ("1.200" is 1,200). Empty text is `null` (nothing typed); "12,5", "-3" or "abc" are not
 * whole numbers of people.
 */
export function parseTargetText(text: string): ParsedTarget {
  const t = text.trim();
  if (t === '') return { ok: true, value: null };
  if (!/^\d+$/.test(t) && !/^\d{1,3}([.,\s]\d{3})+$/.test(t)) return { ok: false, error: 'whole_number' };
  const value = Number(t.replace(/[.,\s]/g, ''));
  if (!Number.isSafeInteger(value) || value > MAX_TARGET) return { ok: false, error: 'too_large' };
  return { ok: true, value };
}

/** The value a row stands at on screen: what was typed, or else its current target. */
export function shownValue(target: Pick<TargetRef, 'value'> | null, draft: Draft | undefined): ParsedTarget {
  if (!draft) return { ok: true, value: target?.value ?? null };
  return parseTargetText(draft.text);
}

export interface Balance {
  /** Σ of the children's values on screen (typed or current; empty and wrong boxes count 0). */
  sum: number;
  /** The parent's value on screen; null when it has none. */
  parent: number | null;
  /** How many the children fall short of the parent (0 when they reach it); null without a parent value. */
  shortfall: number | null;
}

/** The live sum of the new targets against the parent's target. */
export function balanceOf(parent: number | null, children: readonly (number | null)[]): Balance {
  const values = children.map((v) => v ?? 0);
  const sum = values.reduce((a, b) => a + b, 0);
  return { sum, parent, shortfall: parent === null ? null : shortfall(parent, values) };
}

/** A box the user typed something wrong in: its unit id (or `parent`) and why. */
export interface BadBox {
  key: string;
  error: 'whole_number' | 'too_large' | 'required';
}

/** One target to set: the unit key on the sheet and its current target (null: none yet). */
export interface EditableTarget {
  key: string;
  unitId: string;
  target: TargetRef | null;
}

/**
 * The targets to send with setTargets: the boxes whose value differs from the current target,
 * each with the version the user typed over (so a save over someone else's change is refused),
 * and the boxes that cannot be sent. Emptying a box of a unit that has a target is not a change
 * the API knows (a target is set to 0, not removed): it is reported as `required`.
 */
export function changedTargets(
  rows: readonly EditableTarget[],
  drafts: Drafts,
  period: { year: number; scheme: Scheme; metric: TargetMetric },
): { inputs: SetTargetInput[]; bad: BadBox[] } {
  const inputs: SetTargetInput[] = [];
  const bad: BadBox[] = [];
  for (const row of rows) {
    const draft = drafts[row.key];
    if (!draft) continue;
    const parsed = parseTargetText(draft.text);
    if (!parsed.ok) {
      bad.push({ key: row.key, error: parsed.error });
      continue;
    }
    if (parsed.value === null) {
      if (row.target) bad.push({ key: row.key, error: 'required' });
      continue;
    }
    if (row.target && row.target.value === parsed.value && row.target.version === draft.baseVersion) continue;
    inputs.push({ unitId: row.unitId, ...period, value: parsed.value, expectedVersion: draft.baseVersion });
  }
  return { inputs, bad };
}

/**
 * After the sheet was read again: typed values stay as typed; a box whose target changed on the
 * server since the user began typing takes the new version (the next save is a deliberate
 * overwrite) and remembers the new value, to be shown beside it. Units gone from the sheet are
 * dropped.
 */
export function rebaseDrafts(drafts: Drafts, current: ReadonlyMap<string, TargetRef | null>): Record<string, Draft> {
  const out: Record<string, Draft> = {};
  for (const [key, draft] of Object.entries(drafts)) {
    if (!current.has(key)) continue; // the unit is no longer on this sheet
    const target = current.get(key) ?? null;
    const version = target?.version ?? 0;
    if (version === draft.baseVersion) {
      out[key] = draft;
      continue;
    }
    out[key] = { text: draft.text, baseVersion: version, changedTo: target?.value ?? null };
  }
  return out;
}

/** The targets of a sheet by key (`parent` and the children's unit ids), for rebaseDrafts. */
export function sheetTargets(sheet: Pick<AllocationSheet, 'parentTarget' | 'children'>): Map<string, TargetRef | null> {
  return new Map<string, TargetRef | null>([['parent', sheet.parentTarget], ...sheet.children.map((c) => [c.unit.id, c.target] as const)]);
}

/** The sheet's place in the URL: `#/targets?unit=…&year=…&scheme=…&metric=…`. */
export interface SheetParams {
  unit: string | null;
  year: number;
  scheme: Scheme;
  metric: TargetMetric;
}

/** Reads the query string, falling back to the current year, voluntary SI and participants. */
export function readSheetParams(search: string, currentYear: number): SheetParams {
  const q = new URLSearchParams(search);
  const year = Number(q.get('year'));
  const scheme = q.get('scheme') as Scheme;
  const metric = q.get('metric') as TargetMetric;
  const unit = q.get('unit');
  return {
    unit: unit && /^\d+$/.test(unit) ? unit : null,
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : currentYear,
    scheme: SCHEMES.includes(scheme) ? scheme : 'VOLUNTARY_SI',
    metric: TARGET_METRICS.includes(metric) ? metric : 'PARTICIPANTS',
  };
}

export function sheetSearch(p: SheetParams): string {
  const q = new URLSearchParams();
  if (p.unit) q.set('unit', p.unit);
  q.set('year', String(p.year));
  q.set('scheme', p.scheme);
  q.set('metric', p.metric);
  return `?${q.toString()}`;
}

/**
 * Rows of higher levels first, otherwise in the API's order: under a province, the base offices
 * come before the communes not yet assigned to one (the API lists by code), so a planner finds the
 * rows they work with at the top.
 */
export function higherLevelsFirst<R extends { unit: { level: string } }>(rows: readonly R[]): R[] {
  const rank = (level: string) => ORG_LEVELS.indexOf(level as (typeof ORG_LEVELS)[number]);
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => rank(a.row.unit.level) - rank(b.row.unit.level) || a.i - b.i)
    .map(({ row }) => row);
}
