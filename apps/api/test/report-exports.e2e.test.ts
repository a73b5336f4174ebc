import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, lastDayOfMonth, monthOf, todayInVietnam } from '@bao-phu/domain';
import { startTestApi, type TestApi } from './harness/api';
import { demoTokens, unitId, type Role } from './harness/demo';

/**
 * The drill-down reports as files (GET /api/exports/hierarchy-report, report-trend, unit-ranking)
 * and the written report of a unit (unit-report, PDF), over HTTP on the demo: each file read back
 * (exceljs, csv-parse, pdf.js) and compared with what the GraphQL queries answer for the same
 * arguments; who may download them, and how bad parameters are refused.
 */

/** Every figure of a ReportRow, in the order of the schema (and of the files' columns). */
const FIGURES = [
  'participants',
  'target',
  'achievementPct',
  'newParticipants',
  'lapsed',
  'participantsAtYearStart',
  'participantsLastYear',
  'growthSinceYearStart',
  'growthSinceYearStartPct',
  'growthSinceLastYear',
  'growthSinceLastYearPct',
  'lastYearAchievementPct',
  'pointsChangeSinceLastYear',
  'duesFallingDue',
  'duesPaidOnTime',
  'onTimeRatePct',
  'population',
  'healthInsured',
  'hiCoveragePct',
  'campaigns',
  'campaignEnrollments',
] as const;
const ROW = `unit { code name level } ${FIGURES.join(' ')}`;
const HIERARCHY = `query($u: ID!, $s: Scheme!, $d: Date!, $r: Boolean) { hierarchyReport(unitId: $u, scheme: $s, asOf: $d, restated: $r) { total { ${ROW} } children { ${ROW} } } }`;
const TREND = `query($u: ID!, $s: Scheme!, $f: Month!, $t: Month!) { reportTrend(unitId: $u, scheme: $s, from: $f, to: $t) { points { month asOf participants target achievementPct newParticipants participantsLastYear } } }`;
const RANKING = `query($u: ID!, $s: Scheme!, $d: Date!, $m: ReportMeasure!, $l: OrgLevel, $k: Int) { unitRanking(unitId: $u, scheme: $s, asOf: $d, measure: $m, level: $l, take: $k) {
  lowest { rank value row { ${ROW} } } highest { rank value row { ${ROW} } } } }`;

type Figure = (typeof FIGURES)[number];
type GqlRow = { unit: { code: string; name: string; level: string } } & Record<Figure, number | null>;
type Value = string | number | null;

let api: TestApi;
let tokens: Record<Role, string>;
let hoaLong: string;
let province: string;
let commune: string;
const today = todayInVietnam();
const year = today.slice(0, 4);
/** The last day of the month five months ago: a date in the past for the demo, whatever today is. */
const earlier = lastDayOfMonth(addMonths(monthOf(today), -5));

async function download(role: Role | null, report: string, params: Record<string, string>) {
  const res = await fetch(`${api.url}/api/exports/${report}?${new URLSearchParams(params)}`, { headers: role ? { authorization: `Bearer ${tokens[role]}` } : {} });
  return { status: res.status, type: res.headers.get('content-type') ?? '', disposition: res.headers.get('content-disposition') ?? '', body: Buffer.from(await res.arrayBuffer()) };
}

async function errorOf(role: Role | null, report: string, params: Record<string, string>) {
  const r = await download(role, report, params);
  return { status: r.status, ...JSON.parse(r.body.toString('utf8')).error };
}

/** The first sheet as its header and rows of cell values (null for an empty cell). */
async function readXlsx(data: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(data as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  const width = sheet.getRow(1).cellCount;
  const rows: Value[][] = [];
  sheet.eachRow((row) => rows.push(Array.from({ length: width }, (_, i) => (row.getCell(i + 1).value ?? null) as Value)));
  return { names: book.worksheets.map((s) => s.name), header: rows[0], rows: rows.slice(1), info: book.worksheets[1] };
}

/** The CSV as its header and rows, numbers read back as numbers and empty cells as null. */
function readCsv(data: Buffer, numeric: readonly string[]) {
  const text = data.toString('utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  const [header, ...rows] = parse(text.slice(1)) as string[][];
  return { header, rows: rows.map((r) => r.map((cell, i): Value => (cell === '' ? null : numeric.includes(header[i]) ? Number(cell) : cell))) };
}

/** A report row as the files write it: unit code, name, level, then every figure. */
const asCells = (r: GqlRow): Value[] => [r.unit.code, r.unit.name, r.unit.level, ...FIGURES.map((f) => r[f])];

/** The text of a PDF (pdf.js), lines joined by spaces, no-break spaces as spaces, NFC. */
async function pdfText(data: Buffer): Promise<{ pages: number; text: string; paths: number }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(data), disableFontFace: true, useSystemFonts: false, isEvalSupported: false }).promise;
  const parts: string[] = [];
  let paths = 0;
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    parts.push((await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' '));
    paths += (await page.getOperatorList()).fnArray.filter((fn) => fn === pdfjs.OPS.constructPath).length;
  }
  const pages = doc.numPages;
  await doc.destroy();
  return { pages, paths, text: parts.join(' ').normalize('NFC').replace(/\u00a0/g, ' ').replace(/\s+/g, ' ') };
}

/** A number as Vietnamese print writes it, by the platform's own formatter: 2012 → "2.012", 98.63 → "98,63". */
const vi = (v: number) => v.toLocaleString('vi-VN', { maximumFractionDigits: 2 });
/** How the report words a change in people: "tăng 228 người (12,78 %)", "giảm 3 người (0,4 %)". */
const changeWords = (delta: number, percent: number | null) =>
  delta === 0 ? 'không thay đổi' : `${delta > 0 ? 'tăng' : 'giảm'} ${vi(Math.abs(delta))} người${percent === null ? '' : ` (${vi(Math.abs(percent))} %)`}`;

beforeAll(async () => {
  api = await startTestApi({ demo: true });
  tokens = await demoTokens(api);
  [hoaLong, province, commune] = await Promise.all([unitId(api, 'BHXH-HOALONG', 'BASE'), unitId(api, '82', 'PROVINCE'), unitId(api, '30208', 'COMMUNE')]);
});
afterAll(() => api?.close());

describe('the drill-down report as XLSX and CSV', () => {
  const cases = [
    { name: 'Hoa Long today, as the tree stands', params: { unitId: () => hoaLong, scheme: 'VOLUNTARY_SI', asOf: today, restated: null } },
    { name: 'the province five months ago, restated, household HI', params: { unitId: () => province, scheme: 'HOUSEHOLD_HI', asOf: earlier, restated: true } },
  ] as const;

  for (const c of cases) {
    it(`holds every figure of every row of hierarchyReport: ${c.name}`, async () => {
      const p = c.params;
      const gql = (await api.as(tokens.SUPERVISOR).ok(HIERARCHY, { u: p.unitId(), s: p.scheme, d: p.asOf, r: p.restated })).hierarchyReport;
      const expected = [gql.total, ...gql.children].map(asCells);
      expect(expected.length).toBeGreaterThan(3);
      const query = { unitId: p.unitId(), scheme: p.scheme, asOf: p.asOf, ...(p.restated === null ? {} : { restated: String(p.restated) }) };

      const x = await download('SUPERVISOR', 'hierarchy-report', { ...query, format: 'xlsx' });
      expect(x.status).toBe(200);
      expect(x.type).toContain('spreadsheetml');
      expect(x.disposition).toContain(`bao-cao-don-vi_${gql.total.unit.code}_${p.scheme}_${p.asOf}`);
      const book = await readXlsx(x.body);
      expect(book.names).toEqual(['Báo cáo theo đơn vị', 'Thông tin']);
      expect(book.header).toEqual(['unitCode', 'unitName', 'level', ...FIGURES]);
      // The unit's own row first, then each child, every figure the API's, numbers as number cells.
      expect(book.rows).toEqual(expected);
      for (const row of book.rows) for (const v of row.slice(3)) expect(v === null || typeof v === 'number').toBe(true);
      expect(String(book.info.getCell('B1').value)).toBe(`${gql.total.unit.name} (${gql.total.unit.code})`);

      const csv = await download('SUPERVISOR', 'hierarchy-report', query);
      expect(csv.status).toBe(200);
      expect(csv.type).toContain('text/csv');
      const read = readCsv(csv.body, FIGURES);
      expect(read.header).toEqual(['unitCode', 'unitName', 'level', ...FIGURES]);
      expect(read.rows).toEqual(expected);
    });
  }

  it('gives the same numbers a negative figure included (not written as text, as a formula-looking text cell would be)', async () => {
    const gql = (await api.as(tokens.SUPERVISOR).ok(HIERARCHY, { u: province, s: 'VOLUNTARY_SI', d: today })).hierarchyReport;
    const negative = [gql.total, ...gql.children].flatMap((r: GqlRow) => FIGURES.filter((f) => (r[f] ?? 0) < 0));
    expect(negative.length).toBeGreaterThan(0);
    const csv = readCsv((await download('SUPERVISOR', 'hierarchy-report', { unitId: province, scheme: 'VOLUNTARY_SI', asOf: today })).body, FIGURES);
    expect(csv.rows).toEqual([gql.total, ...gql.children].map(asCells));
  });
});

describe('the monthly series and the ranking as XLSX and CSV', () => {
  it('writes a row per month of reportTrend', async () => {
    const to = today.slice(0, 7);
    const from = addMonths(to, -4);
    const points = (await api.as(tokens.BASE_STAFF).ok(TREND, { u: hoaLong, s: 'VOLUNTARY_SI', f: from, t: to })).reportTrend.points;
    expect(points.length).toBeGreaterThan(3);
    const columns = ['month', 'asOf', 'participants', 'target', 'achievementPct', 'newParticipants', 'participantsLastYear'] as const;
    const expected = points.map((p: Record<string, Value>) => columns.map((k) => p[k]));
    const x = await download('BASE_STAFF', 'report-trend', { unitId: hoaLong, scheme: 'VOLUNTARY_SI', from, to, format: 'xlsx' });
    expect(x.status).toBe(200);
    const book = await readXlsx(x.body);
    expect(book.names[0]).toBe('Diễn biến theo tháng');
    expect(book.header).toEqual([...columns]);
    expect(book.rows).toEqual(expected);
    const csv = readCsv((await download('BASE_STAFF', 'report-trend', { unitId: hoaLong, scheme: 'VOLUNTARY_SI', from, to, format: 'csv' })).body, columns.slice(2));
    expect(csv.rows).toEqual(expected);
  });

  it('writes the lowest units, then the highest, of unitRanking', async () => {
    const args = { u: province, s: 'VOLUNTARY_SI', d: today, m: 'ACHIEVEMENT_PCT', l: 'BASE', k: 2 };
    const r = (await api.as(tokens.PROVINCE_PLANNER).ok(RANKING, args)).unitRanking;
    type Ranked = { rank: number; value: number; row: GqlRow };
    const expected = [...r.lowest.map((x: Ranked) => ['LOWEST', x] as const), ...r.highest.map((x: Ranked) => ['HIGHEST', x] as const)].map(([end, x]) => [end, x.rank, x.value, ...asCells(x.row)]);
    expect(expected).toHaveLength(4);
    const params = { unitId: province, scheme: 'VOLUNTARY_SI', asOf: today, measure: 'ACHIEVEMENT_PCT', level: 'BASE', take: '2' };
    const book = await readXlsx((await download('PROVINCE_PLANNER', 'unit-ranking', { ...params, format: 'xlsx' })).body);
    expect(book.header).toEqual(['end', 'rank', 'value', 'unitCode', 'unitName', 'level', ...FIGURES]);
    expect(book.rows).toEqual(expected);
    const csv = readCsv((await download('PROVINCE_PLANNER', 'unit-ranking', params)).body, ['rank', 'value', ...FIGURES]);
    expect(csv.rows).toEqual(expected);
  });
});

describe('the written report of a unit (PDF)', () => {
  it('states the unit’s participants, target and achievement as hierarchyReport gives them, with its children, a table and charts', async () => {
    const from = `${year}-01-01`;
    const r = await download('SUPERVISOR', 'unit-report', { unitId: hoaLong, scheme: 'VOLUNTARY_SI', from, to: today, format: 'pdf' });
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/pdf');
    expect(r.disposition).toContain(`bao-cao_BHXH-HOALONG_VOLUNTARY_SI_${from}_${today}.pdf`);
    const { text, pages, paths } = await pdfText(r.body);
    const gql = (await api.as(tokens.SUPERVISOR).ok(HIERARCHY, { u: hoaLong, s: 'VOLUNTARY_SI', d: today })).hierarchyReport;
    const t: GqlRow = gql.total;
    expect(t.target).not.toBeNull();
    for (const words of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'BHXH CƠ SỞ HOA LONG',
      `Hoa Long, ngày ${today.slice(8)} tháng ${today.slice(5, 7)} năm ${year}`,
      'BÁO CÁO',
      'Kết quả phát triển người tham gia BHXH tự nguyện',
      `BHXH cơ sở Hoa Long, từ ngày 01/01/${year} đến ngày ${today.slice(8)}/${today.slice(5, 7)}/${year}`,
      `BHXH cơ sở Hoa Long có ${vi(t.participants!)} người tham gia BHXH tự nguyện, đạt ${vi(t.achievementPct!)} % chỉ tiêu năm ${year} (${vi(t.target!)} người)`,
      `(ngày 31/12/${Number(year) - 1}: ${vi(t.participantsAtYearStart!)} người), ${changeWords(t.growthSinceYearStart!, t.growthSinceYearStartPct)}`,
      `(ngày ${today.slice(8)}/${today.slice(5, 7)}/${Number(year) - 1}: ${vi(t.participantsLastYear!)} người), ${changeWords(t.growthSinceLastYear!, t.growthSinceLastYearPct)}`,
      `có ${vi(t.newParticipants!)} người tham gia mới`,
      `${vi(t.lapsed!)} người đang tham gia cuối năm ${Number(year) - 1} nay không còn tham gia`,
      `tỷ lệ thu đúng hạn ${vi(t.onTimeRatePct!)} %`,
      t.campaigns || t.campaignEnrollments ? `${vi(t.campaigns!)} mô hình vận động ra quân, ${vi(t.campaignEnrollments!)} người đăng ký` : 'chưa có mô hình vận động nào ra quân',
      'Nơi nhận:',
      'GIÁM ĐỐC',
    ]) {
      expect(text).toContain(words);
    }
    // Addressed to the leaders of its communes, each in the table with its figures.
    expect(gql.children.length).toBe(4);
    expect(text).toContain(`Kính gửi: Đảng ủy, Ủy ban nhân dân ${gql.children.map((c: GqlRow) => c.unit.name).join(', ')}.`);
    for (const c of gql.children as GqlRow[]) expect(text).toContain(`${c.unit.name} ${vi(c.participants!)}`);
    expect(text).toContain(`Tổng cộng BHXH cơ sở Hoa Long ${vi(t.participants!)} ${vi(t.target!)} ${vi(t.achievementPct!)}`);
    // The charts are drawn as vector paths, with their captions and month labels.
    expect(text).toContain('Biểu đồ 1. Số người tham gia của các đơn vị trực thuộc so với chỉ tiêu');
    expect(text).toContain('Biểu đồ 2. Số người tham gia cuối mỗi tháng');
    expect(text).toContain(`${today.slice(5, 7)}/${year}`);
    expect(paths).toBeGreaterThan(40);
    expect(text).toContain(`Trang ${pages}/${pages}`);
  });

  it('compares the period with the day before it, for a commune addressed to its own leaders', async () => {
    // From the 10th to the end of last month: one year, not from 1 January.
    const to = lastDayOfMonth(addMonths(monthOf(today), -1));
    const from = `${to.slice(0, 8)}10`;
    const r = await download('BASE_STAFF', 'unit-report', { unitId: commune, scheme: 'VOLUNTARY_SI', from, to });
    expect(r.status).toBe(200);
    const { text } = await pdfText(r.body);
    const [end, start] = await Promise.all(
      [to, `${to.slice(0, 8)}09`].map(async (d) => (await api.as(tokens.BASE_STAFF).ok(HIERARCHY, { u: commune, s: 'VOLUNTARY_SI', d })).hierarchyReport),
    );
    expect(text).toContain('Kính gửi: Đảng ủy, Ủy ban nhân dân Xã Hòa Long.');
    const [y, m, d] = to.split('-');
    expect(text).toContain(`đến ngày ${d} tháng ${m} năm ${y}, Xã Hòa Long có ${vi(end.total.participants)} người tham gia`);
    const delta = end.total.participants - start.total.participants;
    expect(text).toContain(`so với ngày 09/${m}/${y} (${vi(start.total.participants)} người), số người tham gia ${changeWords(delta, start.total.participants ? Math.round((Math.abs(delta) / start.total.participants) * 10_000) / 100 : null)}`);
    expect(text).toContain(`trong đó ${vi(end.total.newParticipants - start.total.newParticipants)} người trong kỳ báo cáo`);
    for (const c of end.children as GqlRow[]) expect(text).toContain(c.unit.name);
    // Issued by the base office the commune belongs to.
    expect(text).toContain('BHXH CƠ SỞ HOA LONG');
  });
});

describe('who may download, and refusals', () => {
  const ask = (report: string): Record<string, string> =>
    report === 'report-trend'
      ? { unitId: hoaLong, scheme: 'VOLUNTARY_SI', from: `${year}-01`, to: `${year}-02` }
      : report === 'unit-ranking'
        ? { unitId: hoaLong, scheme: 'VOLUNTARY_SI', asOf: today, measure: 'PARTICIPANTS' }
        : report === 'unit-report'
          ? { unitId: hoaLong, scheme: 'VOLUNTARY_SI', from: today, to: today }
          : { unitId: hoaLong, scheme: 'VOLUNTARY_SI', asOf: today };
  const REPORTS = ['hierarchy-report', 'report-trend', 'unit-ranking', 'unit-report'];

  it('lets a supervisor download each, refuses a collector (403) and a caller without a session (401)', async () => {
    for (const report of REPORTS) {
      expect((await download('SUPERVISOR', report, ask(report))).status, report).toBe(200);
      expect(await errorOf('COLLECTOR', report, ask(report)), report).toMatchObject({ status: 403, code: 'FORBIDDEN', messageKey: 'auth.forbidden' });
      expect(await errorOf(null, report, ask(report))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    }
    for (const role of ['ADMIN', 'PROVINCE_PLANNER', 'BASE_STAFF'] as const) expect((await download(role, 'hierarchy-report', ask('hierarchy-report'))).status, role).toBe(200);
  });

  it('refuses a unit out of the caller’s scope (403) and an unknown one (404)', async () => {
    for (const report of REPORTS) {
      expect(await errorOf('BASE_STAFF', report, { ...ask(report), unitId: province }), report).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      expect(await errorOf('BASE_STAFF', report, { ...ask(report), unitId: '99999999' }), report).toMatchObject({ status: 404, code: 'NOT_FOUND', messageKey: 'common.notFound' });
    }
  });

  it('refuses a bad format, date, month, scheme or missing unit with a 400 naming the parameter', async () => {
    const bad = (report: string, params: Record<string, string>) => errorOf('SUPERVISOR', report, { ...ask(report), ...params });
    expect(await bad('hierarchy-report', { format: 'pdf' })).toMatchObject({ status: 400, code: 'BAD_USER_INPUT', messageKey: 'export.formatOf', message: { vi: 'Không có định dạng tải "pdf"; hãy dùng: csv, xlsx' } });
    expect(await bad('unit-report', { format: 'xlsx' })).toMatchObject({ status: 400, messageKey: 'export.formatOf', message: { en: 'No export format "xlsx"; use: pdf' } });
    expect(await bad('hierarchy-report', { asOf: '2026-02-30' })).toMatchObject({
      status: 400,
      messageKey: 'export.param.date',
      message: { vi: 'Tham số asOf phải là một ngày dạng YYYY-MM-DD (không phải "2026-02-30")', en: 'The parameter asOf is a date written YYYY-MM-DD (not "2026-02-30")' },
      fields: [{ field: 'asOf' }],
    });
    expect(await bad('unit-report', { to: '28/11/2026' })).toMatchObject({ status: 400, messageKey: 'export.param.date', fields: [{ field: 'to' }] });
    expect(await bad('unit-report', { from: today, to: `${Number(year) - 1}-12-31` })).toMatchObject({ status: 400, messageKey: 'export.period.order' });
    expect(await bad('report-trend', { from: '2026-1' })).toMatchObject({ status: 400, messageKey: 'export.param.month' });
    expect(await bad('hierarchy-report', { scheme: 'PENSION' })).toMatchObject({ status: 400, messageKey: 'export.param.oneOf', message: { en: 'The parameter scheme is one of: VOLUNTARY_SI, HOUSEHOLD_HI (not "PENSION")' } });
    expect(await bad('hierarchy-report', { restated: 'maybe' })).toMatchObject({ status: 400, messageKey: 'export.param.oneOf' });
    expect(await bad('unit-ranking', { measure: 'HEIGHT' })).toMatchObject({ status: 400, messageKey: 'export.param.oneOf', fields: [{ field: 'measure' }] });
    expect(await bad('unit-ranking', { take: 'five' })).toMatchObject({ status: 400, messageKey: 'export.param.invalid' });
    expect(await bad('hierarchy-report', { unitId: '' })).toMatchObject({ status: 400, messageKey: 'export.param.required', message: { en: 'The parameter unitId is missing' } });
    expect(await bad('hierarchy-report', { unitId: 'abc' })).toMatchObject({ status: 400, messageKey: 'common.invalidId' });
    // The service's own checks answer as GraphQL's do: a date in the future, too many units.
    expect(await bad('hierarchy-report', { asOf: '2999-01-01' })).toMatchObject({ status: 400, messageKey: 'target.asOf.future', fields: [{ field: 'asOf' }] });
    expect(await bad('unit-ranking', { take: '51' })).toMatchObject({ status: 400, messageKey: 'report.take.range' });
    expect(await bad('unit-report', { to: '2999-01-01' })).toMatchObject({ status: 400, messageKey: 'target.asOf.future' });
  });
});
