import type { DataSource } from 'typeorm';
import { foldVietnamese } from '@bao-phu/domain';

/** Names of the synthetic hamlets: "Ấp Tân Hòa 7", "Thôn Phú Mỹ 3", "Ấp 12" … */
const PREFIXES = ['Ấp', 'Ấp', 'Thôn', 'Khóm'];
const BASES = [
  'Tân Hòa', 'Hòa Long', 'Phú Mỹ', 'An Bình', 'Long Thạnh', 'Bình Đông', 'Mỹ Hưng', 'Thạnh Lợi',
  'Tân Phú', 'Hòa Bình', 'Phước Lộc', 'Đông Hải', 'Vĩnh Thành', 'Hưng Đạo', 'Quang Trung', 'Trung Hòa',
];

export const HAMLET_VALID_FROM = '2025-07-01';

export interface HamletLoad {
  hamlets: number;
  communes: number;
  ms: number;
}

/**
 * Adds `count` synthetic hamlets spread evenly over the open communes, set-based: the rows are made
 * in JS (foldVietnamese gives the same search_key the API writes) and sent as arrays to one
 * INSERT … SELECT FROM unnest(…) per chunk, which takes the ids from the sequence and builds each
 * path from the parent's. Then the first name and parent spans, as reference-units.ts does, and
 * ANALYZE. Hamlet i goes to commune i mod N as number n = ⌊i / N⌋ + 1, code "<communeCode>-<n>";
 * one in three is plain "<prefix> <n>", the others "<prefix> <base name> <n>".
 */
export async function addSyntheticHamlets(ds: DataSource, count: number, chunk = 25_000): Promise<HamletLoad> {
  const started = performance.now();
  const communes: { id: number; code: string }[] = await ds.query(
    `SELECT id, code FROM org_unit WHERE level = 'COMMUNE' AND valid_to IS NULL ORDER BY id`,
  );
  if (!communes.length) throw new Error('no open communes: load the reference units first');
  await ds.transaction(async (em) => {
    for (let from = 0; from < count; from += chunk) {
      const codes: string[] = [];
      const names: string[] = [];
      const keys: string[] = [];
      const parents: number[] = [];
      for (let i = from; i < Math.min(count, from + chunk); i++) {
        const c = i % communes.length;
        const commune = communes[c];
        const n = Math.floor(i / communes.length) + 1;
        const prefix = PREFIXES[c % PREFIXES.length];
        const name = n % 3 === 0 ? `${prefix} ${n}` : `${prefix} ${BASES[(c * 5 + n) % BASES.length]} ${n}`;
        const code = `${commune.code}-${n}`;
        codes.push(code);
        names.push(name);
        keys.push(foldVietnamese(`${name} ${code}`));
        parents.push(commune.id);
      }
      await em.query(
        `INSERT INTO org_unit (id, code, name, level, parent_id, path, valid_from, valid_to, search_key, synthetic, version)
         SELECT s.id, s.code, s.name, 'HAMLET', p.id, p.path || s.id || '/', $5::date, NULL, s.key, true, 1
           FROM (SELECT nextval(pg_get_serial_sequence('org_unit', 'id')) AS id, r.*
                   FROM unnest($1::text[], $2::text[], $3::text[], $4::int[]) AS r(code, name, key, parent_id)) s
           JOIN org_unit p ON p.id = s.parent_id`,
        [codes, names, keys, parents, HAMLET_VALID_FROM],
      );
    }
    await em.query(
      `INSERT INTO org_unit_name (unit_id, name, valid_from, valid_to)
       SELECT u.id, u.name, u.valid_from, u.valid_to FROM org_unit u
        WHERE u.level = 'HAMLET' AND u.synthetic AND NOT EXISTS (SELECT 1 FROM org_unit_name n WHERE n.unit_id = u.id)`,
    );
    await em.query(
      `INSERT INTO org_unit_parent (unit_id, parent_id, valid_from, valid_to)
       SELECT u.id, u.parent_id, u.valid_from, u.valid_to FROM org_unit u
        WHERE u.level = 'HAMLET' AND u.synthetic AND NOT EXISTS (SELECT 1 FROM org_unit_parent p WHERE p.unit_id = u.id)`,
    );
  });
  for (const table of ['org_unit', 'org_unit_name', 'org_unit_parent']) await ds.query(`ANALYZE ${table}`);
  return { hamlets: count, communes: communes.length, ms: performance.now() - started };
}
