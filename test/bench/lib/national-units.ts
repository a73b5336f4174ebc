import type pg from 'pg';
import { foldVietnamese } from '@bao-phu/domain';
import { dateOf, dayOf } from './days';
import { intBetween, pickFrom, streamOf, type Rand } from './random';

/**
 * The organization side of the national generator, on top of the reference units (34 provinces,
 * 3,321 communes under them, the closed pre-2025 districts as BASE units):
 *  - base offices: the communes of a province grouped by the pre-2025 district most of their
 *    predecessors belonged to, two neighbouring districts per base office (about 350 in all, as
 *    the ~700 district offices became ~350 BHXH cơ sở), each the successor (MERGE) of its
 *    districts, from 2025-07-01; the communes placed under them from that day (their first parent
 *    span replaced, as `reparent` does for a change dated on a span's first day);
 *  - a few reorganizations on `moveDate` (the 1st of the current month): in every province with
 *    two base offices or more, one commune moves to another base office, and three hamlets each
 *    move to another commune of their base office (parent spans closed and opened, paths changed,
 *    as `reparent` does), so reports "as the tree stood" before that day walk the spans;
 *  - yearly statistics of every open commune and hamlet, and two collection organizations per
 *    province (Bưu điện, Viettel).
 */

export const REFORM = '2025-07-01';

export interface TreeUnit {
  id: number;
  code: string;
  level: 'COUNTRY' | 'PROVINCE' | 'BASE' | 'COMMUNE' | 'HAMLET';
  parentId: number | null;
  path: string;
}

const shortName = (districtName: string) =>
  districtName.replace(/^BHXH\s+/, '').replace(/^(Huyện|Quận|Thị xã|Thành phố|Thành Phố|TP\.?)\s+/, '').trim();

/** Creates the base offices and places the communes under them; returns how many of each. */
export async function createBaseOffices(c: pg.Client): Promise<{ baseOffices: number; communes: number }> {
  const communes: { id: number; code: string; province_id: number; province_code: string; province_path: string; district_id: number | null }[] = (
    await c.query(
      `SELECT cur.id, cur.code, p.id AS province_id, p.code AS province_code, p.path AS province_path,
              (SELECT d.id FROM org_unit_succession s JOIN org_unit old ON old.id = s.predecessor_id JOIN org_unit d ON d.id = old.parent_id AND d.level = 'BASE'
                WHERE s.successor_id = cur.id GROUP BY d.id, d.code ORDER BY count(*) DESC, d.code LIMIT 1) AS district_id
         FROM org_unit cur JOIN org_unit p ON p.id = cur.parent_id AND p.level = 'PROVINCE'
        WHERE cur.level = 'COMMUNE' AND cur.valid_to IS NULL
        ORDER BY p.code, cur.code`,
    )
  ).rows;
  const districts = new Map<number, { code: string; name: string }>(
    (await c.query(`SELECT id, code, name FROM org_unit WHERE level = 'BASE' AND valid_to IS NOT NULL`)).rows.map((r: { id: number; code: string; name: string }) => [r.id, r]),
  );
  const byProvince = new Map<number, typeof communes>();
  for (const cm of communes) byProvince.set(cm.province_id, [...(byProvince.get(cm.province_id) ?? []), cm]);

  const bases: { code: string; name: string; provinceId: number; provincePath: string; districts: number[]; communes: number[] }[] = [];
  for (const [provinceId, list] of byProvince) {
    // Districts in code order; a commune with no known district goes with the one before it in code order.
    const used = [...new Set(list.map((cm) => cm.district_id).filter((d): d is number => d !== null))].sort((a, b) =>
      districts.get(a)!.code < districts.get(b)!.code ? -1 : 1,
    );
    const groups = Math.max(1, Math.round(used.length / 2));
    const groupOf = new Map<number, number>();
    used.forEach((d, i) => groupOf.set(d, Math.min(groups - 1, Math.floor((i * groups) / used.length))));
    const mine: (typeof bases)[number][] = Array.from({ length: groups }, (_, g) => {
      const ds = used.filter((d) => groupOf.get(d) === g);
      const lead = ds.length ? districts.get(ds[0])!.name : `Khu vực ${g + 1}`;
      return { code: `BHXH-${list[0].province_code}-${String(g + 1).padStart(2, '0')}`, name: `BHXH cơ sở ${shortName(lead)}`, provinceId, provincePath: list[0].province_path, districts: ds, communes: [] };
    });
    let last = 0;
    for (const cm of list) {
      const g = cm.district_id !== null ? groupOf.get(cm.district_id)! : last;
      mine[g].communes.push(cm.id);
      last = g;
    }
    bases.push(...mine.filter((b) => b.communes.length));
  }

  // Ids from the sequence, so the paths can be written at once.
  const { rows: ids } = await c.query(`SELECT nextval(pg_get_serial_sequence('org_unit', 'id'))::int AS id FROM generate_series(1, $1::int)`, [bases.length]);
  const baseIds = ids.map((r: { id: number }) => r.id);
  await c.query(
    `INSERT INTO org_unit (id, code, name, level, parent_id, path, valid_from, valid_to, search_key, synthetic, version)
     SELECT r.id, r.code, r.name, 'BASE', r.parent_id, r.ppath || r.id || '/', $6::date, NULL, r.key, true, 1
       FROM unnest($1::int[], $2::text[], $3::text[], $4::int[], $5::text[], $7::text[]) AS r(id, code, name, parent_id, ppath, key)`,
    [baseIds, bases.map((b) => b.code), bases.map((b) => b.name), bases.map((b) => b.provinceId), bases.map((b) => b.provincePath), REFORM, bases.map((b) => foldVietnamese(`${b.name} ${b.code}`))],
  );
  await c.query(`INSERT INTO org_unit_name (unit_id, name, valid_from, valid_to) SELECT id, name, valid_from, NULL FROM org_unit WHERE id = ANY($1::int[])`, [baseIds]);
  await c.query(`INSERT INTO org_unit_parent (unit_id, parent_id, valid_from, valid_to) SELECT id, parent_id, valid_from, NULL FROM org_unit WHERE id = ANY($1::int[])`, [baseIds]);
  const succ = bases.flatMap((b, i) => b.districts.map((d) => [d, baseIds[i]]));
  await c.query(
    `INSERT INTO org_unit_succession (predecessor_id, successor_id, kind, effective_date) SELECT p, s, 'MERGE', $3::date FROM unnest($1::int[], $2::int[]) AS x(p, s)`,
    [succ.map((x) => x[0]), succ.map((x) => x[1]), REFORM],
  );
  // The communes under their base office from the reform on: their first open span replaced (or closed and a new one opened).
  const place = bases.flatMap((b, i) => b.communes.map((cm) => [cm, baseIds[i]]));
  await movePlaced(c, place.map((x) => x[0]), place.map((x) => x[1]), REFORM);
  return { baseOffices: bases.length, communes: place.length };
}

/**
 * Moves units under new parents from `date` on, set-based, as `reparent` does one by one: the open
 * parent span is replaced when it starts that day, otherwise closed the day before and a new one
 * opened; the paths of the units and everything under them are rewritten.
 */
export async function movePlaced(c: pg.Client, unitIds: number[], parentIds: number[], date: string): Promise<void> {
  if (!unitIds.length) return;
  const before = dateOf(dayOf(date) - 1);
  await c.query(
    `UPDATE org_unit_parent s SET parent_id = m.parent_id FROM unnest($1::int[], $2::int[]) AS m(unit_id, parent_id)
      WHERE s.unit_id = m.unit_id AND s.valid_to IS NULL AND s.valid_from = $3::date`,
    [unitIds, parentIds, date],
  );
  await c.query(
    `WITH closed AS (
       UPDATE org_unit_parent s SET valid_to = $4::date FROM unnest($1::int[], $2::int[]) AS m(unit_id, parent_id)
        WHERE s.unit_id = m.unit_id AND s.valid_to IS NULL AND s.valid_from < $3::date RETURNING s.unit_id, m.parent_id)
     INSERT INTO org_unit_parent (unit_id, parent_id, valid_from, valid_to) SELECT unit_id, parent_id, $3::date, NULL FROM closed`,
    [unitIds, parentIds, date, before],
  );
  // Paths: every unit with a moved unit among the ids of its path (a hash join on the ids, not a LIKE per pair).
  await c.query(
    `WITH m AS (
       SELECT u.id AS unit_id, u.path AS old_path, p.path || u.id || '/' AS new_path FROM unnest($1::int[], $2::int[]) AS x(unit_id, parent_id)
         JOIN org_unit u ON u.id = x.unit_id JOIN org_unit p ON p.id = x.parent_id),
     moved AS (
       SELECT DISTINCT ON (u.id) u.id, m.new_path || substr(u.path, length(m.old_path) + 1) AS path
         FROM org_unit u CROSS JOIN LATERAL unnest(string_to_array(trim(BOTH '/' FROM u.path), '/')::int[]) AS a(id)
         JOIN m ON m.unit_id = a.id
        ORDER BY u.id, length(m.old_path) DESC)
     UPDATE org_unit u SET path = moved.path FROM moved WHERE u.id = moved.id`,
    [unitIds, parentIds],
  );
  await c.query(`UPDATE org_unit u SET parent_id = m.parent_id FROM unnest($1::int[], $2::int[]) AS m(unit_id, parent_id) WHERE u.id = m.unit_id`, [unitIds, parentIds]);
}

/** The open units, with their paths. */
export async function loadTree(c: pg.Client): Promise<TreeUnit[]> {
  const { rows } = await c.query(`SELECT id, code, level, parent_id AS "parentId", path FROM org_unit WHERE valid_to IS NULL ORDER BY id`);
  return rows;
}

/** The reorganizations of `date` (see the top of the file); returns the number of units moved. */
export async function reorganize(c: pg.Client, seed: number, date: string): Promise<{ communesMoved: number; hamletsMoved: number }> {
  const tree = await loadTree(c);
  const children = new Map<number, TreeUnit[]>();
  for (const u of tree) if (u.parentId !== null) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
  const units: number[] = [];
  const parents: number[] = [];
  let communesMoved = 0;
  let hamletsMoved = 0;
  for (const province of tree.filter((u) => u.level === 'PROVINCE')) {
    const rand: Rand = streamOf(seed, 7_001, province.id);
    const bases = (children.get(province.id) ?? []).filter((u) => u.level === 'BASE');
    // Three hamlets, each to another commune of its base office.
    for (let k = 0; k < 3 && bases.length; k++) {
      const base = pickFrom(rand, bases);
      const communes = (children.get(base.id) ?? []).filter((u) => u.level === 'COMMUNE');
      if (communes.length < 2) continue;
      const from = pickFrom(rand, communes);
      const hamlets = children.get(from.id) ?? [];
      if (hamlets.length < 2) continue;
      const hamlet = hamlets[intBetween(rand, 0, hamlets.length - 1)];
      if (units.includes(hamlet.id)) continue;
      const to = pickFrom(rand, communes.filter((cm) => cm.id !== from.id));
      units.push(hamlet.id);
      parents.push(to.id);
      hamletsMoved++;
    }
    // One commune to another base office (not one whose hamlet just moved).
    if (bases.length >= 2) {
      const from = pickFrom(rand, bases);
      const communes = (children.get(from.id) ?? []).filter((u) => u.level === 'COMMUNE' && !parents.includes(u.id) && !(children.get(u.id) ?? []).some((h) => units.includes(h.id)));
      if (communes.length >= 2) {
        units.push(pickFrom(rand, communes).id);
        parents.push(pickFrom(rand, bases.filter((b) => b.id !== from.id)).id);
        communesMoved++;
      }
    }
  }
  // Communes first: a hamlet's new path is built from its new commune's path.
  const order = units.map((u, i) => i).sort((a, b) => Number(tree.find((t) => t.id === units[b])!.level === 'COMMUNE') - Number(tree.find((t) => t.id === units[a])!.level === 'COMMUNE'));
  const communeIdx = order.filter((i) => tree.find((t) => t.id === units[i])!.level === 'COMMUNE');
  const hamletIdx = order.filter((i) => tree.find((t) => t.id === units[i])!.level === 'HAMLET');
  await movePlaced(c, communeIdx.map((i) => units[i]), communeIdx.map((i) => parents[i]), date);
  await movePlaced(c, hamletIdx.map((i) => units[i]), hamletIdx.map((i) => parents[i]), date);
  return { communesMoved, hamletsMoved };
}

/**
 * Yearly statistics of every open commune and hamlet for `years`: a hamlet of 900–3,500 people, a
 * commune the sum of its hamlets and 0–8 % more (people not counted in a hamlet); working age
 * 58–66 %, 3.3–4.0 people per household, 86–97 % health-insured.
 */
export async function insertStatistics(c: pg.Client, seed: number, years: number[], adminId: number): Promise<number> {
  const tree = await loadTree(c);
  const rows: [number, number, number, number, number, number][] = [];
  const communePop = new Map<number, number>();
  const grow = (pop: number, year: number, rand: Rand) => Math.round(pop * (1 + (year - years[0]) * (0.004 + rand() * 0.012)));
  const add = (id: number, pop: number, rand: Rand) => {
    const working = 0.58 + rand() * 0.08;
    const perHousehold = 3.3 + rand() * 0.7;
    const insured = 0.86 + rand() * 0.11;
    for (const year of years) {
      const p = grow(pop, year, rand);
      rows.push([id, year, p, Math.round(p * working), Math.round(p / perHousehold), Math.round(p * insured)]);
    }
  };
  for (const h of tree.filter((u) => u.level === 'HAMLET')) {
    const rand = streamOf(seed, 7_101, h.id);
    const pop = intBetween(rand, 900, 3_500);
    communePop.set(h.parentId!, (communePop.get(h.parentId!) ?? 0) + pop);
    add(h.id, pop, rand);
  }
  for (const cm of tree.filter((u) => u.level === 'COMMUNE')) {
    const rand = streamOf(seed, 7_102, cm.id);
    add(cm.id, Math.round((communePop.get(cm.id) ?? intBetween(rand, 8_000, 40_000)) * (1 + rand() * 0.08)), rand);
  }
  const col = (i: number) => rows.map((r) => r[i]);
  await c.query(
    `INSERT INTO unit_statistic (unit_id, year, population, working_age_population, households, health_insured, updated_by, version)
     SELECT u, y, p, w, h, i, $7::int, 1 FROM unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::int[], $6::int[]) AS r(u, y, p, w, h, i)`,
    [col(0), col(1), col(2), col(3), col(4), col(5), adminId],
  );
  return rows.length;
}

/** Bưu điện and Viettel of every province: their ids by province id, [Bưu điện, Viettel]. */
export async function insertCollectionOrganizations(c: pg.Client): Promise<Map<number, [number, number]>> {
  const { rows: provinces } = await c.query(`SELECT id, code, name FROM org_unit WHERE level = 'PROVINCE' AND valid_to IS NULL ORDER BY code`);
  const codes: string[] = [];
  const names: string[] = [];
  for (const p of provinces as { code: string; name: string }[]) {
    const place = p.name.replace(/^(Tỉnh|Thành phố)\s+/, '');
    codes.push(`BUUDIEN-${p.code}`, `VIETTEL-${p.code}`);
    names.push(`Bưu điện ${place}`, `Viettel ${place}`);
  }
  const { rows } = await c.query(`INSERT INTO collection_organization (code, name) SELECT * FROM unnest($1::text[], $2::text[]) RETURNING id, code`, [codes, names]);
  const id = new Map(rows.map((r: { id: number; code: string }) => [r.code, r.id]));
  return new Map((provinces as { id: number; code: string }[]).map((p) => [p.id, [id.get(`BUUDIEN-${p.code}`) as number, id.get(`VIETTEL-${p.code}`) as number] as [number, number]]));
}
