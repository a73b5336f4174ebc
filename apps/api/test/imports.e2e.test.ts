import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '@bao-phu/domain';
import { finishedImport, startTestApi, upload, type Client, type TestApi } from './harness/api';
import { demoTokens, type Role } from './harness/demo';

let api: TestApi;
let tokens: Record<Role, string>;
let staff: Client;

beforeAll(async () => {
  api = await startTestApi({ demo: true });
  tokens = await demoTokens(api);
  staff = api.as(tokens.BASE_STAFF);
});
afterAll(() => api?.close());

const HEADER = 'citizenId,fullName,dateOfBirth,sex,hamletCode,phone,householdCode,supportCategory';
const csv = (...rows: string[]) => `\uFEFF${HEADER}\r\n${rows.join('\r\n')}\r\n`;
let n = 0;
/** A valid row: a man born in 1991 (0 = male, 1900s), living in Ấp 1 of Xã Hòa Long. */
function row(over: Partial<Record<'citizenId' | 'fullName' | 'dateOfBirth' | 'sex' | 'hamletCode' | 'phone' | 'householdCode' | 'supportCategory', string>> = {}) {
  n++;
  const r = { citizenId: `08709100${String(n).padStart(4, '0')}`, fullName: `Võ Văn Nhập ${n}`, dateOfBirth: '1991-02-03', sex: 'MALE', hamletCode: '30208-01', phone: '', householdCode: '', supportCategory: 'OTHER', ...over };
  return [r.citizenId, r.fullName, r.dateOfBirth, r.sex, r.hamletCode, r.phone, r.householdCode, r.supportCategory].join(',');
}
async function persons(): Promise<number> {
  const [{ c }] = await api.ds.query('SELECT count(*)::int AS c FROM person');
  return c;
}
async function run(content: string | Uint8Array, options: { dryRun?: boolean; keepValid?: boolean; fileName?: string } = {}) {
  const res = await upload(api, tokens.BASE_STAFF, 'persons', content, options);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return finishedImport(staff, res.body.importId);
}

describe('importing persons from CSV', () => {
  it('imports every row of a good file (BOM, CRLF, DD/MM/YYYY dates, Nữ, households)', async () => {
    const before = await persons();
    const job = await run(csv(row(), row({ dateOfBirth: '03/02/1991', sex: 'Nữ', citizenId: '087191009001', householdCode: 'HO-IMP-1' }), row({ householdCode: 'HO-IMP-1', supportCategory: 'near_poor', phone: '0912 345 678' })));
    expect(job).toMatchObject({ status: 'SUCCEEDED', totalRows: 3, acceptedRows: 3, rejectedRows: 0, importedRows: 3, errors: [] });
    expect(await persons()).toBe(before + 3);
    const found = await staff.ok(`{ persons(filter: { q: "087191009001" }) { items { fullName sex dateOfBirth household { code members { id } } } } }`);
    expect(found.persons.items[0]).toMatchObject({ sex: 'FEMALE', dateOfBirth: '1991-02-03', household: { code: 'HO-IMP-1' } });
    expect(found.persons.items[0].household.members).toHaveLength(2);
  });

  it('keeps a name as written, backslashes and \\N included', async () => {
    const r = row({ fullName: 'Lê Văn Út\\Hai \\N' });
    expect((await run(csv(r))).status).toBe('SUCCEEDED');
    const found = await staff.ok(`query($q: String) { persons(filter: { q: $q }) { items { fullName phone household { id } } } }`, { q: r.split(',')[0] });
    expect(found.persons.items[0]).toEqual({ fullName: 'Lê Văn Út\\Hai \\N', phone: null, household: null });
  });

  it('refuses the whole file when a row is bad, naming each bad row by its line, and writes nothing', async () => {
    const before = await persons();
    const job = await run(csv(row(), row({ citizenId: '087991001234' }), row({ fullName: '=HYPERLINK("http://x")' }), row({ hamletCode: '99999-99' })));
    expect(job).toMatchObject({ status: 'FAILED', totalRows: 4, rejectedRows: 3, importedRows: 0 });
    expect(job.errors.map((e: { line: number }) => e.line)).toEqual([3, 4, 5]);
    expect(job.errors[0].message).toMatch(/^citizenId: /);
    expect(job.errors[1].message).toContain('công thức');
    expect(job.errors[2].messageEn).toContain('99999-99');
    expect(await persons()).toBe(before);
  });

  it('keeps the valid rows when asked, and a dry run writes nothing', async () => {
    const content = csv(row(), row({ sex: 'X' }), row());
    const before = await persons();
    // A dry run answers what the real run would: refused as a whole, or accepted with keepValid.
    const dry = await run(content, { dryRun: true });
    expect(dry).toMatchObject({ status: 'FAILED', acceptedRows: 2, rejectedRows: 1, importedRows: 0 });
    const dryKeep = await run(content, { dryRun: true, keepValid: true });
    expect(dryKeep).toMatchObject({ status: 'SUCCEEDED', acceptedRows: 2, rejectedRows: 1, importedRows: 0 });
    expect(await persons()).toBe(before);
    const kept = await run(content, { keepValid: true });
    expect(kept).toMatchObject({ status: 'SUCCEEDED', acceptedRows: 2, rejectedRows: 1, importedRows: 2 });
    expect(kept.errors).toEqual([{ line: 3, message: expect.stringMatching(/^sex: /), messageEn: expect.stringMatching(/^sex: /) }]);
    expect(await persons()).toBe(before + 2);
  });

  it('rejects citizen IDs already registered or repeated in the file', async () => {
    const repeated = row();
    const job = await run(csv(repeated, repeated, row({ citizenId: '087191009001', sex: 'FEMALE' })), { keepValid: true });
    expect(job.errors.map((e: { line: number; messageEn: string }) => [e.line, e.messageEn])).toEqual([
      [3, 'citizenId: This citizen ID appears twice in the file'],
      [4, 'citizenId: This citizen ID is already registered'],
    ]);
    expect(job.importedRows).toBe(1);
  });

  it('refuses a file in another encoding, with missing or extra columns, or empty: one file-level error on line 0', async () => {
    const latin1 = new Uint8Array([...new TextEncoder().encode(`${HEADER}\n087191001111,Nguy`), 0xea, 0x6e, ...new TextEncoder().encode(',1991-01-01,MALE,30208-01,,,OTHER\n')]);
    const encoding = await run(latin1);
    expect(encoding).toMatchObject({ status: 'FAILED', importedRows: 0 });
    expect(encoding.errors[0]).toMatchObject({ line: 0, message: expect.stringContaining('UTF-8') });
    const columns = await run('citizenId,fullName,dateOfBirth,sex,hamletCode,phone,supportCategory,note\n');
    expect(columns.errors[0].messageEn).toContain('Missing: householdCode. Extra: note');
    expect((await run('')).errors[0].messageEn).toBe('The file is empty');
  });

  it('checks hamlets against the importer\'s scope', async () => {
    const saDecHamlet: { code: string }[] = await api.ds.query(
      `SELECT h.code FROM org_unit h JOIN org_unit b ON h.path LIKE b.path || '%' WHERE b.code = 'BHXH-SADEC' AND h.level = 'HAMLET' LIMIT 1`,
    );
    const job = await run(csv(row({ hamletCode: saDecHamlet[0].code })));
    expect(job.errors[0].messageEn).toContain('in your scope');
  });

  it('answers 401 without a token, 403 for a supervisor, 404 for an unknown kind, 415 for an Excel 97–2003 file', async () => {
    expect((await upload(api, null, 'persons', csv(row()))).status).toBe(401);
    expect((await upload(api, tokens.SUPERVISOR, 'persons', csv(row()))).status).toBe(403);
    const unknown = await upload(api, tokens.BASE_STAFF, 'nothing', csv(row()));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message.vi).toContain('persons');
    expect((await upload(api, tokens.BASE_STAFF, 'persons', 'x', { fileName: 'danh-sach.xls' })).status).toBe(415);
    const other = await upload(api, tokens.BASE_STAFF, 'persons', csv(row()));
    const job = await api.as(tokens.SUPERVISOR).gql(`query($id: ID!) { importJob(id: $id) { id } }`, { id: other.body.importId });
    expect(job.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    await finishedImport(staff, other.body.importId);
  });
});

describe('importing enrollments from CSV', () => {
  const EHEADER = 'citizenId,scheme,startDate,declaredMonthlyIncome,paymentMode,collectionOrganizationCode,campaignCode';
  async function runEnrollments(content: string, options: { keepValid?: boolean } = {}) {
    const res = await upload(api, tokens.BASE_STAFF, 'enrollments', content, { ...options, fileName: 'dang-ky.csv' });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    return finishedImport(staff, res.body.importId);
  }

  it('enrolls registered people with their dues, and the household HI ladder in file order', async () => {
    const a = row({ householdCode: 'HO-EIMP' });
    const b = row({ householdCode: 'HO-EIMP' });
    const c = row();
    expect((await run(csv(a, b, c))).status).toBe('SUCCEEDED');
    const [ida, idb, idc] = [a, b, c].map((r) => r.split(',')[0]);
    const job = await runEnrollments(
      `${EHEADER}\n${ida},HOUSEHOLD_HI,2025-01-01,,ANNUAL,,\n${idb},HOUSEHOLD_HI,01/01/2025,,ANNUAL,,\n${idc},VOLUNTARY_SI,2025-07-01,1.500.000,MONTHLY,BUUDIEN-DT,\n`,
    );
    expect(job).toMatchObject({ status: 'SUCCEEDED', totalRows: 3, importedRows: 3 });
    const data = await staff.ok(`query($q: String) { persons(filter: { q: $q }, take: 5) { items { enrollments { scheme memberOrder collectionOrganization { code } dues { payable } } } } }`, { q: idb });
    expect(data.persons.items[0].enrollments[0]).toMatchObject({ scheme: 'HOUSEHOLD_HI', memberOrder: 2, dues: [{ payable: 12 * 73_710 }] });
    const vsi = await staff.ok(`query($q: String) { persons(filter: { q: $q }, take: 5) { items { enrollments { dues { payable } collectionOrganization { code } } } } }`, { q: idc });
    expect(vsi.persons.items[0].enrollments[0].dues).toHaveLength(12);
    expect(vsi.persons.items[0].enrollments[0].collectionOrganization.code).toBe('BUUDIEN-DT');
  });

  it('imports a file of several batches: each enrollment its own dues, the HI ladder across batches, and nothing when its last row is bad', async () => {
    // 5,000 rows: three batches of the import (2,000 each), resolved and written side by side.
    const people = Array.from({ length: 5_000 }, (_, i) => row(i === 0 || i === 4_499 ? { householdCode: 'HO-BATCHES' } : {}));
    expect((await run(csv(...people))).status).toBe('SUCCEEDED');
    const ids = people.map((r) => r.split(',')[0]);
    const line = (id: string, i: number) =>
      i === 0 || i === 4_499
        ? `${id},HOUSEHOLD_HI,2025-01-01,,ANNUAL,,`
        : `${id},VOLUNTARY_SI,2025-07-01,${1_500_000 + (i % 37) * 10_000},${i % 2 ? 'QUARTERLY' : 'MONTHLY'},${i % 3 ? 'BUUDIEN-DT' : ''},`;
    const enrollments = async () => ((await api.ds.query('SELECT count(*)::int AS n FROM enrollment')) as [{ n: number }])[0].n;
    const dues = async () => ((await api.ds.query('SELECT count(*)::int AS n FROM contribution_due')) as [{ n: number }])[0].n;
    const before = { enrollments: await enrollments(), dues: await dues() };
    // The last row names nobody: the whole file is refused, the batches written before it too.
    const bad = await runEnrollments(`${EHEADER}\n${[...ids.map(line), '087000000000,VOLUNTARY_SI,2025-07-01,1500000,MONTHLY,,'].join('\n')}\n`);
    expect(bad).toMatchObject({ status: 'FAILED', totalRows: 5_001, rejectedRows: 1, importedRows: 0 });
    expect(bad.errors.map((e: { line: number }) => e.line)).toEqual([5_002]);
    expect({ enrollments: await enrollments(), dues: await dues() }).toEqual(before);

    const job = await runEnrollments(`${EHEADER}\n${ids.map(line).join('\n')}\n`);
    expect(job).toMatchObject({ status: 'SUCCEEDED', totalRows: 5_000, importedRows: 5_000, rejectedRows: 0 });
    // Every enrollment has the dues of its own terms: 12 a year monthly, 4 quarterly, 1 for a year of HI.
    const wrong = await api.ds.query(
      `SELECT p.citizen_id, e.payment_mode, count(d.id)::int AS dues
         FROM person p JOIN enrollment e ON e.person_id = p.id LEFT JOIN contribution_due d ON d.enrollment_id = e.id
        WHERE p.citizen_id = ANY($1)
        GROUP BY p.citizen_id, e.id, e.payment_mode
       HAVING count(d.id) <> CASE e.payment_mode WHEN 'MONTHLY' THEN 12 WHEN 'QUARTERLY' THEN 4 ELSE 1 END`,
      [ids],
    );
    expect(wrong).toEqual([]);
    const [{ n, gross }] = await api.ds.query(
      `SELECT count(DISTINCT e.id)::int AS n, sum(d.gross)::bigint AS gross FROM person p JOIN enrollment e ON e.person_id = p.id JOIN contribution_due d ON d.enrollment_id = e.id WHERE p.citizen_id = ANY($1)`,
      [ids],
    );
    expect(n).toBe(5_000);
    // 22 % of each declared income for each month charged (the 12 months from July 2025), and the two HI years.
    const vsiGross = ids.reduce((sum, _id, i) => (i === 0 || i === 4_499 ? sum : sum + Math.round(0.22 * (1_500_000 + (i % 37) * 10_000)) * 12), 0);
    const hi: { member_order: number; payable: number }[] = await api.ds.query(
      `SELECT e.member_order, d.payable FROM person p JOIN enrollment e ON e.person_id = p.id JOIN contribution_due d ON d.enrollment_id = e.id WHERE p.citizen_id = ANY($1) ORDER BY e.member_order`,
      [[ids[0], ids[4_499]]],
    );
    // The second member of the household is in the last batch: 70 % of the first's.
    expect(hi).toEqual([{ member_order: 1, payable: 12 * 105_300 }, { member_order: 2, payable: 12 * 73_710 }]);
    expect(Number(gross)).toBe(vsiGross + 12 * 105_300 + 12 * 73_710);
  });

  it('credits an enrollment to the campaign its row names, on the day of the import', async () => {
    const d = row();
    await run(csv(d));
    const id = d.split(',')[0];
    const job = await runEnrollments(`${EHEADER}\n${id},VOLUNTARY_SI,2025-07-01,1500000,QUARTERLY,,MH-30208-2026-04\n`);
    expect(job).toMatchObject({ status: 'SUCCEEDED', importedRows: 1 });
    const [e] = await api.ds.query(
      `SELECT c.code, to_char(e.credited_on, 'YYYY-MM-DD') AS credited_on, e.payment_mode, e.member_order, e.collection_organization_id, e.status, e.registered_by,
              (SELECT count(*)::int FROM contribution_due d WHERE d.enrollment_id = e.id) AS dues
         FROM enrollment e JOIN person p ON p.id = e.person_id LEFT JOIN campaign c ON c.id = e.campaign_id WHERE p.citizen_id = $1`,
      [id],
    );
    expect(e).toMatchObject({ code: 'MH-30208-2026-04', credited_on: todayInVietnam(), payment_mode: 'QUARTERLY', member_order: null, collection_organization_id: null, status: 'ACTIVE', dues: 4 });
    expect(e.registered_by).toBeGreaterThan(0);
  });

  it('rejects unknown people, incomes under the floor, modes the scheme does not have, and campaign codes', async () => {
    const before: [{ n: number }] = await api.ds.query('SELECT count(*)::int AS n FROM enrollment');
    const p = row();
    await run(csv(p));
    const id = p.split(',')[0];
    const job = await runEnrollments(
      `${EHEADER}\n087000000000,VOLUNTARY_SI,2025-07-01,1500000,MONTHLY,,\n${id},VOLUNTARY_SI,2025-07-01,900000,MONTHLY,,\n${id},HOUSEHOLD_HI,2025-07-01,,MONTHLY,,\n${id},VOLUNTARY_SI,2025-07-01,1500000,MONTHLY,,MH-01\n`,
    );
    expect(job).toMatchObject({ status: 'FAILED', rejectedRows: 4, importedRows: 0 });
    expect(job.errors.map((e: { messageEn: string }) => e.messageEn.split(':')[0])).toEqual(['citizenId', 'declaredMonthlyIncome', 'paymentMode', 'campaignCode']);
    expect(job.errors[1].message).toContain('1.500.000');
    const after: [{ n: number }] = await api.ds.query('SELECT count(*)::int AS n FROM enrollment');
    expect(after[0].n).toBe(before[0].n);
  });
});

describe('enrollment rows the rules refuse later on', () => {
  it('refuses, by line, an income that a later month’s floor refuses and a person under 15, keeping the other rows when asked', async () => {
    const EHEADER = 'citizenId,scheme,startDate,declaredMonthlyIncome,paymentMode,collectionOrganizationCode,campaignCode';
    const adult = row();
    const other = row();
    const child = row({ citizenId: '087215009001', dateOfBirth: '2015-03-03', sex: 'MALE' });
    expect((await run(csv(adult, other, child))).status).toBe('SUCCEEDED');
    const [ida, idb, idc] = [adult, other, child].map((r) => r.split(',')[0]);
    const res = await upload(
      api,
      tokens.BASE_STAFF,
      'enrollments',
      `${EHEADER}\n${ida},VOLUNTARY_SI,2026-06-01,1600000,MONTHLY,,\n${idb},VOLUNTARY_SI,2026-06-01,3000000,MONTHLY,,\n${idc},VOLUNTARY_SI,2026-06-01,3000000,MONTHLY,,\n`,
      { fileName: 'dang-ky.csv', keepValid: true },
    );
    const job = await finishedImport(staff, res.body.importId);
    expect(job).toMatchObject({ status: 'SUCCEEDED', importedRows: 1, rejectedRows: 2 });
    expect(job.errors.map((e: { line: number }) => e.line)).toEqual([2, 4]);
    expect(job.errors[0].messageEn).toMatch(/^declaredMonthlyIncome: The income is outside the bounds from \d{4}-\d\d/);
    expect(job.errors[1].messageEn).toMatch(/^startDate: /);
  });
});

describe('importing payments from CSV', () => {
  it('settles the oldest dues first across the rows of one file, and refuses overpayments and used receipts', async () => {
    const p = row({ supportCategory: 'NEAR_POOR' });
    await run(csv(p));
    const id = p.split(',')[0];
    const enrolled = await upload(api, tokens.BASE_STAFF, 'enrollments', `citizenId,scheme,startDate,declaredMonthlyIncome,paymentMode,collectionOrganizationCode,campaignCode\n${id},VOLUNTARY_SI,2025-07-01,1500000,MONTHLY,,\n`);
    expect((await finishedImport(staff, enrolled.body.importId)).importedRows).toBe(1);
    const PHEADER = 'citizenId,scheme,amount,paidOn,receiptNo';
    const res = await upload(api, tokens.BASE_STAFF, 'payments', `${PHEADER}\n${id},VOLUNTARY_SI,100000,2025-07-20,BL-P1\n${id},VOLUNTARY_SI,296.000,15/08/2025,BL-P2\n`);
    const job = await finishedImport(staff, res.body.importId);
    expect(job).toMatchObject({ status: 'SUCCEEDED', importedRows: 2 });
    const dues = await staff.ok(`query($q: String) { persons(filter: { q: $q }, take: 1) { items { enrollments { dues { paid status } payments { amount } } } } }`, { q: id });
    const e = dues.persons.items[0].enrollments[0];
    expect(e.dues.slice(0, 3)).toEqual([{ paid: 198_000, status: 'LATE_PAID' }, { paid: 198_000, status: 'PAID' }, { paid: 0, status: 'OPEN' }]);
    expect(e.payments.map((x: { amount: number }) => x.amount)).toEqual([100_000, 296_000]);
    const bad = await upload(api, tokens.BASE_STAFF, 'payments', `${PHEADER}\n${id},VOLUNTARY_SI,5000000,2025-09-01,BL-P3\n${id},VOLUNTARY_SI,1000,2025-09-01,BL-P1\n${id},HOUSEHOLD_HI,1000,2025-09-01,\n`);
    const refused = await finishedImport(staff, bad.body.importId);
    expect(refused.errors.map((x: { messageEn: string }) => x.messageEn.split(':')[0])).toEqual(['amount', 'receiptNo', 'citizenId']);
    expect(refused.errors[0].message).toContain('1.980.000');
  });
});
