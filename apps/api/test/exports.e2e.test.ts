import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvCell, neutralise } from '../src/modules/exports/export.http';
import { startTestApi, type TestApi } from './harness/api';
import { demoTokens, type Role } from './harness/demo';

let api: TestApi;
let tokens: Record<Role, string>;

beforeAll(async () => {
  api = await startTestApi({ demo: true });
  tokens = await demoTokens(api);
  const hamlet: { id: number }[] = await api.ds.query(`SELECT id FROM org_unit WHERE code = '30208-01'`);
  await api.as(tokens.BASE_STAFF).ok(`mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }`, {
    i: { fullName: 'Lê Thị "Mai", Hòa', dateOfBirth: '1988-08-08', sex: 'FEMALE', citizenId: '087188001111', phone: '0912345678', hamletId: String(hamlet[0].id), supportCategory: 'POOR' },
  });
  await api.ds.query(`UPDATE person SET full_name = '=cmd|'' /C calc''!A0' WHERE citizen_id = '087188001111'`);
});
afterAll(() => api?.close());

async function exportCsv(token: string | null, query = ''): Promise<{ status: number; text: string }> {
  const res = await fetch(`${api.url}/api/exports/persons${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, text: await res.text() };
}

describe('exporting persons as CSV', () => {
  it('gives base staff their people with full numbers, and neutralises formulas', async () => {
    const { status, text } = await exportCsv(tokens.BASE_STAFF);
    expect(status).toBe(200);
    const lines = text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('citizenId,fullName,dateOfBirth,sex,hamletCode,hamletName,phone,householdCode,supportCategory');
    const row = lines.find((l) => l.includes('087188001111'))!;
    expect(row).toContain(`'=cmd|' /C calc'!A0`);
    expect(row).toContain('0912345678');
  });

  it('masks personal numbers for a supervisor and keeps other provinces out', async () => {
    const { text } = await exportCsv(tokens.SUPERVISOR);
    expect(text).toContain('087•••••1111');
    expect(text).not.toContain('087188001111');
    const hanoi: { id: number }[] = await api.ds.query(`SELECT id FROM org_unit WHERE code = '01' AND level = 'PROVINCE' AND valid_to IS NULL`);
    const foreign = await exportCsv(tokens.SUPERVISOR, `?withinId=${hanoi[0].id}`);
    expect(foreign.text.replace(/^\uFEFF/, '').trim().split('\r\n')).toHaveLength(1);
  });

  it('refuses nobody and collectors', async () => {
    expect((await exportCsv(null)).status).toBe(401);
    expect((await exportCsv(tokens.COLLECTOR)).status).toBe(403);
  });

  it('quotes separators and neutralises every formula prefix', () => {
    expect(['=1+1', '+84', '-2', '@SUM(A1)', 'Hòa'].map(neutralise)).toEqual(["'=1+1", "'+84", "'-2", "'@SUM(A1)", 'Hòa']);
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
  });
});

describe('exporting enrollments as CSV', () => {
  it('lists enrollments with what is still owed', async () => {
    const personId = (await api.as(tokens.BASE_STAFF).ok(`{ persons(filter: { q: "087188001111" }) { items { id } } }`)).persons.items[0].id;
    await api.as(tokens.BASE_STAFF).ok(`mutation($p: ID!) { enroll(input: { personId: $p, scheme: VOLUNTARY_SI, startDate: "2025-07-01", declaredMonthlyIncome: 1500000, paymentMode: MONTHLY }) { id } }`, { p: personId });
    const { status, text } = await (async () => {
      const res = await fetch(`${api.url}/api/exports/enrollments`, { headers: { authorization: `Bearer ${tokens.BASE_STAFF}` } });
      return { status: res.status, text: await res.text() };
    })();
    expect(status).toBe(200);
    const lines = text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('citizenId,fullName,hamletCode,scheme,status,startDate,endDate,declaredMonthlyIncome,paymentMode,collectionOrganizationCode,owed');
    const row = lines.find((l) => l.startsWith('087188001111'))!;
    // A poor person at the floor: 330,000 − 165,000 a month, 12 months open.
    expect(row.endsWith(',1980000')).toBe(true);
    expect(row).toContain('VOLUNTARY_SI,ACTIVE,2025-07-01,,1500000,MONTHLY');
  });
});
