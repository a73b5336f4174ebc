#!/usr/bin/env node
// Compacts the MIT-licensed administrative-unit data in shared/data/vn-admin into
// apps/api/reference/vn-admin.json, which the API ships and loads at start
// (the product never reads ../shared at run time).
//
//   node apps/api/scripts/compact-reference.mjs [/path/to/shared/data/vn-admin]
//
// Default source folder: ../shared/data/vn-admin relative to the repo root.
// Plain Node 20 ESM, no dependencies. Output is deterministic (rows sorted by code).
// The file is written only when every hard check below passes; otherwise exit 1.
//
// Inputs (see SOURCE.md in the source folder, and reference/LICENSES.md):
//   thanglequoc-2026/full_json_generated_data_vn_units_*.json
//       -> provinces, communes (current 2-level structure incl. 2026 changes)
//   vietnam-address-kit/legacy-{provinces,districts,wards}.json
//       -> legacyProvinces, legacyDistricts, legacyCommunes (pre-1 July 2025, 3 levels)
//   vietnam-address-kit/mappings.json
//       -> communeSuccessions, provinceSuccessions
//   vietnam-address-kit/current-wards.json
//       -> only used to cross-check names and to fix codes (not shipped)
//
// Names are kept WITH their type, as people write them ("Xã Hòa Long",
// "Thành phố Hà Nội", "Đặc khu Côn Đảo", "Huyện Lai Vung"), and normalised to the
// new tone-mark style: see newStyleTones().
//
// MERGE / SPLIT rule for mappings.json (one row per old commune -> new commune edge).
// Distinct `note` values in the official table (with the kit's `type` beside them):
//   whole:  "Nhập toàn bộ", "Nhập toàn bộ diện tích", "Giữ nguyên", "Đổi tên",
//           "Đổi loại hình", "Sắp xếp toàn bộ xã/huyện X thành đặc khu X"
//   part:   "Nhập một phần", "Nhập một phần diện tích", "Nhâp một phần diện tích" (sic),
//           "Nhập một phần dân số", "Nhập một phần diện tích, toàn bộ dân số",
//           "Phần còn lại sau khi tách một phần vào xã Canh Vinh",
//           "Đổi tên từ một phần Phường 15",
//           "Đổi tên, đổi loại hình từ một phần thị trấn Lai Uyên"
// Rule:
//   1. kind = SPLIT when the note says only part went ("một phần", "phần còn lại"),
//      kind = MERGE when it says the whole unit went (the "whole" notes above).
//      Any other note stops the script, so a new wording gets a human decision.
//   2. An old commune that appears with more than one new commune is SPLIT on every
//      one of its rows, whatever the note says. The official table has three such
//      old communes where some rows say "toàn bộ" (01615 Hồng Quang and 02485 Công Đa:
//      "Nhập toàn bộ" into two communes each; 18796 Kỳ Lợi: "Nhập toàn bộ diện tích"
//      into one and "Nhập một phần dân số" into two others).
//   The kit's `type` (merged / ambiguous / split_population / renamed / unchanged /
//   province_changed) is not used: it mixes the kind of change with province moves.
// Rows without an old commune (6 district-level rows: island districts with no
// communes, Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo -> their đặc khu, and one
// row Kim Sơn district 376 -> Xã Kim Đông 14698 "Nhập toàn bộ", although every Kim Sơn
// commune has its own rows) are not commune successions; they are still used for
// provinceSuccessions. The five island đặc khu therefore have no commune predecessor.
//
// Code fix: the mappings use vietnam-address-kit's new codes (1 July 2025 baseline);
// thanglequoc has a few different codes after 2026 (Ba Chẽ 06970 -> 06978). A kit
// code missing from `communes` is rewritten to the thanglequoc commune of the same
// province and the same name (ignoring type and tone style) whose code is not in the
// kit; mapping targets are rewritten through that table.

import { readFileSync, writeFileSync, readdirSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REFORM_DATE = '2025-07-01';
const EXPECTED = {
  provinces: 34,
  communes: 3321,
  legacyProvinces: 63,
  legacyDistricts: 696, // legacy-districts.json has 698 rows: 2 are duplicates (see below)
  legacyCommunes: 10033,
};

const scriptDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(scriptDir, '..', '..', '..');
const srcDir = resolve(process.argv[2] ?? join(repoRoot, '..', 'shared', 'data', 'vn-admin'));
const outFile = join(repoRoot, 'apps', 'api', 'reference', 'vn-admin.json');

console.log(`source: ${srcDir}`);
const failures = [];
function check(ok, label) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}`);
  if (!ok) failures.push(label);
}
const readJson = (...p) => JSON.parse(readFileSync(join(srcDir, ...p), 'utf8'));
const byCode = (a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
const byPair = (a, b) => byCode(a, b) || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
const fmt = (n) => n.toLocaleString('en-US');

// ---------------------------------------------------------------- tone marks
// Old style puts the tone on the second vowel of a syllable-final oa / oe / uy
// ("Hoà", "Khoẻ", "Thuý"); the new style puts it on the first ("Hòa", "Khỏe",
// "Thúy"). Only syllable-final clusters move: "Hoàng", "Thoại", "Nguyễn" keep theirs.
// "qu" + y is a consonant + vowel, not the cluster uy, so "Quý", "Quỳ" stay.
// Works on NFD: base letters and combining tone marks are separate code points.
const TONE = '\u0300\u0301\u0303\u0309\u0323'; // grave, acute, tilde, hook above, dot below
const OA_OE = new RegExp(`([oO])([aAeE])([${TONE}])(?![\\p{L}\\p{M}])`, 'gu');
const UY = new RegExp(`(^|[^qQ])([uU])([yY])([${TONE}])(?![\\p{L}\\p{M}])`, 'gu');
function newStyleTones(s) {
  return s
    .normalize('NFD')
    .replace(OA_OE, '$1$3$2')
    .replace(UY, '$1$2$4$3')
    .normalize('NFC');
}
{
  const cases = [
    ['Hoà', 'Hòa'], ['Thanh Hoá', 'Thanh Hóa'], ['Thuỷ', 'Thủy'], ['Khoẻ', 'Khỏe'],
    ['THUÝ', 'THÚY'], ['Luỹ', 'Lũy'], ['Uý', 'Úy'], ['Hoả', 'Hỏa'], ['Thuỵ', 'Thụy'],
    ['Hoàng', 'Hoàng'], ['Thoại', 'Thoại'], ['Nguyễn', 'Nguyễn'], ['Quý', 'Quý'],
    ['Quỳ Hợp', 'Quỳ Hợp'], ['Hòa', 'Hòa'], ['Hoà-Bình', 'Hòa-Bình'], ['Khuya', 'Khuya'],
  ];
  for (const [from, to] of cases) {
    if (newStyleTones(from) !== to) throw new Error(`newStyleTones(${from}) = ${newStyleTones(from)}, want ${to}`);
  }
}
// also: one space between words, ASCII apostrophe (both sources mostly write
// "B'Lao", the kit sometimes "B’Lao"), first letter upper case (thanglequoc has "xã Bắc Sơn")
const retoned = new Map(); // old-style syllable -> count, for the report
const clean = (s) => {
  const raw = String(s).trim().replace(/\s+/g, ' ').replace(/[\u2019\u02BC]/g, "'");
  const t = newStyleTones(raw);
  if (t !== raw) {
    const a = raw.split(' ');
    const b = t.split(' ');
    a.forEach((w, i) => w !== b[i] && retoned.set(`${w}→${b[i]}`, (retoned.get(`${w}→${b[i]}`) ?? 0) + 1));
  }
  return t.charAt(0).toUpperCase() + t.slice(1);
};
// name without its type word(s) and without tones/case, for matching only
const looseName = (s) =>
  clean(s)
    .replace(/^(Tỉnh|Thành phố|Xã|Phường|Đặc khu|Thị trấn)\s+/u, '')
    .normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')
    .toLowerCase();

// ---------------------------------------------------------------- sources
const sourceMd = readFileSync(join(srcDir, 'SOURCE.md'), 'utf8');
function upstream(folder) {
  const line = sourceMd.split('\n').find((l) => l.startsWith(`| \`${folder}/\``));
  const m = line && line.match(/\|\s*([\w.-]+\/[\w.-]+)[^|@]*@\s*`([0-9a-f]{40})`/);
  if (!m) throw new Error(`SOURCE.md: no repo @ commit for ${folder}/`);
  return { repo: m[1], commit: m[2] };
}
const tq = upstream('thanglequoc-2026');
const kit = upstream('vietnam-address-kit');
const source =
  `Current units: ${tq.repo}@${tq.commit} (thanglequoc-2026, incl. 2026 changes); ` +
  `legacy units and official old-to-new table: ${kit.repo}@${kit.commit} (npm vietnam-address-kit, src/data/official). ` +
  'Both MIT; see LICENSES.md.';

const tqFiles = readdirSync(join(srcDir, 'thanglequoc-2026')).filter((f) => /^full_json_generated_data_vn_units_.*\.json$/.test(f));
if (tqFiles.length !== 1) throw new Error(`expected one thanglequoc full_json file, found ${tqFiles.length}`);
const tqData = readJson('thanglequoc-2026', tqFiles[0]);
const kitCurrentWards = readJson('vietnam-address-kit', 'current-wards.json');
const kitLegacyProvinces = readJson('vietnam-address-kit', 'legacy-provinces.json');
const kitLegacyDistricts = readJson('vietnam-address-kit', 'legacy-districts.json');
const kitLegacyWards = readJson('vietnam-address-kit', 'legacy-wards.json');
const kitMappings = readJson('vietnam-address-kit', 'mappings.json');

// ---------------------------------------------------------------- current units
const provinces = tqData.map((p) => [p.Code, clean(p.FullName)]).sort(byCode);
const communes = tqData
  .flatMap((p) =>
    p.Wards.map((w) => {
      if (w.ProvinceCode !== p.Code) throw new Error(`commune ${w.Code} listed under ${p.Code} but ProvinceCode ${w.ProvinceCode}`);
      return [w.Code, clean(w.FullName), w.ProvinceCode];
    }),
  )
  .sort(byCode);

// ---------------------------------------------------------------- legacy units
// legacy-districts.json lists two district codes twice, each time with a second,
// wrong province: 794 Thành phố Tân An (Long An 80, and again under Tiền Giang 82)
// and 900 Thành phố Hà Tiên (Kiên Giang 91, and again under An Giang 89). They come
// from one commune each that the kit files under the wrong province (27691 Phường 4
// of Tân An under 82, 30781 Xã Tiên Hải of Hà Tiên under 89; mappings.json repeats
// that province as oldProvinceCode). Rule: a district code listed more than once
// keeps the province that most of its communes have; a commune whose provinceCode
// differs from its district's takes the district's, and so do its mapping rows.
const legacyProvinces = kitLegacyProvinces.map((p) => [p.code, clean(p.nameWithType)]).sort(byCode);
const legacyProvinceFix = new Map(); // legacy commune code -> corrected province code
const legacyDistricts = [];
{
  const groups = new Map();
  for (const d of kitLegacyDistricts) groups.set(d.code, [...(groups.get(d.code) ?? []), d]);
  for (const [code, list] of groups) {
    let keep = list[0];
    if (list.length > 1) {
      const votes = (d) => kitLegacyWards.filter((w) => w.districtCode === code && w.provinceCode === d.provinceCode).length;
      keep = [...list].sort((a, b) => votes(b) - votes(a))[0];
      if (votes(keep) === votes(list.find((d) => d !== keep))) throw new Error(`legacy district ${code}: cannot tell its province`);
      console.log(`fix: legacy district ${code} ${keep.nameWithType} listed ${list.length}x (provinces ${list.map((d) => d.provinceCode).join(', ')}); kept province ${keep.provinceCode}`);
    }
    legacyDistricts.push([code, clean(keep.nameWithType), keep.provinceCode]);
  }
  legacyDistricts.sort(byCode);
  const districtProvince = new Map(legacyDistricts.map((d) => [d[0], d[2]]));
  for (const w of kitLegacyWards) {
    const p = districtProvince.get(w.districtCode);
    if (p && p !== w.provinceCode) {
      legacyProvinceFix.set(w.code, p);
      console.log(`fix: legacy commune ${w.code} ${w.nameWithType} (district ${w.districtCode}): province ${w.provinceCode} -> ${p}`);
    }
  }
}
const legacyCommunes = kitLegacyWards
  .map((w) => [w.code, clean(w.nameWithType), w.districtCode, legacyProvinceFix.get(w.code) ?? w.provinceCode])
  .sort(byCode);

const provinceSet = new Set(provinces.map((r) => r[0]));
const communeMap = new Map(communes.map((r) => [r[0], r]));
const legacyProvinceSet = new Set(legacyProvinces.map((r) => r[0]));
const legacyDistrictMap = new Map(legacyDistricts.map((r) => [r[0], r]));
const legacyCommuneMap = new Map(legacyCommunes.map((r) => [r[0], r]));

console.log('\n== counts');
check(provinces.length === EXPECTED.provinces, `provinces: ${fmt(provinces.length)} (expect ${EXPECTED.provinces})`);
check(communes.length === EXPECTED.communes, `communes: ${fmt(communes.length)} (expect ${fmt(EXPECTED.communes)})`);
check(legacyProvinces.length === EXPECTED.legacyProvinces, `legacy provinces: ${fmt(legacyProvinces.length)} (expect ${EXPECTED.legacyProvinces})`);
check(legacyDistricts.length === EXPECTED.legacyDistricts, `legacy districts: ${fmt(legacyDistricts.length)} (expect ${EXPECTED.legacyDistricts}; ${kitLegacyDistricts.length} rows in legacy-districts.json before removing duplicates)`);
check(legacyCommunes.length === EXPECTED.legacyCommunes, `legacy communes: ${fmt(legacyCommunes.length)} (expect ${fmt(EXPECTED.legacyCommunes)})`);
const communeKinds = {};
for (const [, name] of communes) {
  const k = name.match(/^(Xã|Phường|Đặc khu)\s/u)?.[1] ?? '(other)';
  communeKinds[k] = (communeKinds[k] ?? 0) + 1;
}
console.log(`     commune kinds: ${Object.entries(communeKinds).map(([k, n]) => `${k} ${fmt(n)}`).join(', ')}`);

console.log('\n== integrity');
for (const [label, rows] of [['provinces', provinces], ['communes', communes], ['legacy provinces', legacyProvinces], ['legacy districts', legacyDistricts], ['legacy communes', legacyCommunes]]) {
  check(new Set(rows.map((r) => r[0])).size === rows.length, `${label}: codes unique`);
}
const badCommuneProv = communes.filter((r) => !provinceSet.has(r[2]));
check(badCommuneProv.length === 0, `every commune's provinceCode exists in provinces (${badCommuneProv.length} missing)`);
const badDistrictProv = legacyDistricts.filter((r) => !legacyProvinceSet.has(r[2]));
check(badDistrictProv.length === 0, `every legacy district's provinceCode exists in legacy provinces (${badDistrictProv.length} missing)`);
const badWardDistrict = legacyCommunes.filter((r) => !legacyDistrictMap.has(r[2]));
check(badWardDistrict.length === 0, `every legacy commune's districtCode exists in legacy districts (${badWardDistrict.length} missing)`);
const badWardProv = legacyCommunes.filter((r) => legacyDistrictMap.get(r[2])?.[2] !== r[3]);
check(badWardProv.length === 0, `every legacy commune's provinceCode equals its district's (${badWardProv.length} differ)`);
const emptyDistricts = legacyDistricts.filter((d) => !legacyCommunes.some((w) => w[2] === d[0]));
console.log(`     legacy districts without communes: ${emptyDistricts.map((d) => `${d[0]} ${d[1]}`).join(', ') || 'none'}`);

// ---------------------------------------------------------------- code fix
console.log('\n== codes: vietnam-address-kit current-wards vs thanglequoc');
const kitCurrentMap = new Map(kitCurrentWards.map((w) => [w.code, w]));
const tqOnly = communes.filter((r) => !kitCurrentMap.has(r[0]));
const codeFix = new Map(); // kit code -> thanglequoc code
for (const w of kitCurrentWards) {
  if (communeMap.has(w.code)) continue;
  const hits = tqOnly.filter((r) => r[2] === w.provinceCode && looseName(r[1]) === looseName(w.nameWithType));
  if (hits.length === 1) {
    codeFix.set(w.code, hits[0][0]);
    console.log(`     ${w.code} ${w.nameWithType} (${w.provinceCode}) -> ${hits[0][0]} ${hits[0][1]}`);
  } else {
    check(false, `kit commune ${w.code} ${w.nameWithType} (${w.provinceCode}) has ${hits.length} thanglequoc matches`);
  }
}
const tqOnlyUnmatched = tqOnly.filter((r) => ![...codeFix.values()].includes(r[0]));
check(tqOnlyUnmatched.length === 0, `every thanglequoc-only code matched a kit code (${tqOnlyUnmatched.map((r) => r[0] + ' ' + r[1]).join(', ') || 'all'})`);

// ---------------------------------------------------------------- name check
console.log('\n== names: current communes vs vietnam-address-kit current-wards (after tone normalisation)');
let nameDiffs = 0;
let provDiffs = 0;
const kitByTqCode = new Map(kitCurrentWards.map((w) => [codeFix.get(w.code) ?? w.code, w]));
for (const [code, name, prov] of communes) {
  const k = kitByTqCode.get(code);
  if (!k) continue;
  const kitName = clean(k.nameWithType);
  if (kitName !== name) {
    nameDiffs++;
    console.log(`     ${code}  ${name}  |  kit: ${kitName}`);
  }
  if (k.provinceCode !== prov) provDiffs++;
}
console.log(`     names that differ: ${nameDiffs} (SOURCE.md: about 16, incl. 10 Đồng Nai xã -> phường in 2026)`);
check(provDiffs === 0, `provinceCode agrees with the kit for every commune (${provDiffs} differ)`);
check(nameDiffs <= 25, `name differences stay small (${nameDiffs} <= 25); investigate if not`);
let provNameDiffs = 0;
for (const p of readJson('vietnam-address-kit', 'current-provinces.json')) {
  const mine = provinces.find((r) => r[0] === p.code)?.[1];
  if (mine !== clean(p.nameWithType)) {
    provNameDiffs++;
    console.log(`     province ${p.code}  ${mine}  |  kit: ${clean(p.nameWithType)}`);
  }
}
console.log(`     province names that differ: ${provNameDiffs}`);

console.log(`     syllables re-toned to the new style (all names read): ${[...retoned].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`);

// ---------------------------------------------------------------- successions
console.log('\n== successions (mappings.json)');
const WHOLE = [/^Nhập toàn bộ$/, /^Nhập toàn bộ diện tích$/, /^Giữ nguyên$/, /^Đổi tên$/, /^Đổi loại hình$/, /^Sắp xếp toàn bộ (xã|huyện) .+ thành đặc khu .+$/u];
const PART = [/một phần/u, /^Phần còn lại /u];
function noteKind(note) {
  const n = String(note).trim().replace(/\s+/g, ' ');
  const part = PART.some((re) => re.test(n));
  const whole = WHOLE.some((re) => re.test(n));
  if (part === whole) throw new Error(`mappings.json: unclassified note "${note}"; extend WHOLE/PART in compact-reference.mjs`);
  return part ? 'SPLIT' : 'MERGE';
}
const noteCounts = new Map();
for (const m of kitMappings) {
  const key = `${m.note} [${m.type}] -> ${noteKind(m.note)}`;
  noteCounts.set(key, (noteCounts.get(key) ?? 0) + 1);
}
console.log(`     ${fmt(kitMappings.length)} mapping rows; distinct note [type] -> kind:`);
for (const [k, n] of [...noteCounts].sort((a, b) => b[1] - a[1])) console.log(`       ${String(n).padStart(5)}  ${k}`);

const targetOf = (code) => codeFix.get(code) ?? code;
const fixedTargets = kitMappings.filter((m) => codeFix.has(m.newWardCode)).length;
console.log(`     mapping targets rewritten by the code fix: ${fixedTargets}`);
const missingTargets = [...new Set(kitMappings.map((m) => targetOf(m.newWardCode)).filter((c) => !communeMap.has(c)))];
for (const c of missingTargets) console.log(`     mapping target not in communes: ${c}`);
check(missingTargets.length === 0, `every mapping target exists in communes (${missingTargets.length} missing)`);

const noOld = kitMappings.filter((m) => !m.oldWardCode);
console.log(`     rows without an old commune (district-level, skipped for communes): ${noOld.length}`);
for (const m of noOld) {
  const d = legacyDistrictMap.get(m.oldDistrictCode);
  console.log(`       district ${m.oldDistrictCode} ${d?.[1]} (${m.oldProvinceCode}) -> ${targetOf(m.newWardCode)} ${communeMap.get(targetOf(m.newWardCode))?.[1]}: ${m.note}`);
}

const edges = new Map(); // old commune -> [{ target, note }]
for (const m of kitMappings) {
  if (!m.oldWardCode) continue;
  const list = edges.get(m.oldWardCode) ?? [];
  list.push({ target: targetOf(m.newWardCode), note: m.note, m });
  edges.set(m.oldWardCode, list);
}
const communeSuccessions = [];
const overridden = [];
let duplicateEdges = 0;
let inconsistentOld = 0;
for (const [oldCode, list] of edges) {
  const targets = new Set(list.map((e) => e.target));
  if (targets.size !== list.length) duplicateEdges += list.length - targets.size;
  const old = legacyCommuneMap.get(oldCode);
  for (const { m } of list) if (old && (old[2] !== m.oldDistrictCode || old[3] !== (legacyProvinceFix.get(oldCode) ?? m.oldProvinceCode))) inconsistentOld++;
  for (const target of targets) {
    const notes = list.filter((e) => e.target === target).map((e) => noteKind(e.note));
    let kind = notes.includes('SPLIT') ? 'SPLIT' : 'MERGE';
    if (targets.size > 1 && kind === 'MERGE') {
      kind = 'SPLIT';
      overridden.push(`${oldCode} ${old?.[1]} -> ${target} ${communeMap.get(target)?.[1]}`);
    }
    communeSuccessions.push([oldCode, target, kind]);
  }
}
communeSuccessions.sort(byPair);
check(duplicateEdges === 0, `no duplicate old->new edges (${duplicateEdges})`);
check(inconsistentOld === 0, `mapping old district/province agree with legacy communes (${inconsistentOld} differ)`);
const unknownOld = [...edges.keys()].filter((c) => !legacyCommuneMap.has(c));
check(unknownOld.length === 0, `every mapping old commune exists in legacyCommunes (${unknownOld.length} missing)`);
const unmappedOld = legacyCommunes.filter((r) => !edges.has(r[0]));
check(unmappedOld.length === 0, `every legacy commune has a successor (${unmappedOld.length} without)`);
// The island đặc khu formed from a whole district that had no communes have no
// commune predecessor; that is expected, anything else is not.
const predSet = new Set(communeSuccessions.map((s) => s[1]));
const newWithoutPred = communes.filter((r) => !predSet.has(r[0]));
const fromDistrictOnly = new Set(noOld.map((m) => targetOf(m.newWardCode)));
console.log(`     current communes without a commune predecessor: ${newWithoutPred.map((r) => `${r[0]} ${r[1]}`).join(', ') || 'none'}`);
check(newWithoutPred.every((r) => fromDistrictOnly.has(r[0])), 'every current commune without a commune predecessor comes from a district-level row');

console.log(`     "toàn bộ" rows turned SPLIT because the old commune has several new communes: ${overridden.length}`);
for (const o of overridden) console.log(`       ${o}`);
const merges = communeSuccessions.filter((s) => s[2] === 'MERGE').length;
const splits = communeSuccessions.filter((s) => s[2] === 'SPLIT');
const splitOld = new Set(splits.map((s) => s[0]));
const splitOldSingle = [...splitOld].filter((c) => edges.get(c).length === 1);
console.log(`     commune successions: ${fmt(communeSuccessions.length)} rows = ${fmt(merges)} MERGE + ${fmt(splits.length)} SPLIT`);
console.log(`     old communes: ${fmt(edges.size)}; split: ${fmt(splitOld.size)} (of which with a single known new commune: ${splitOldSingle.length}${splitOldSingle.length ? ' - ' + splitOldSingle.map((c) => `${c} ${legacyCommuneMap.get(c)?.[1]} -> ${edges.get(c)[0].target} "${edges.get(c)[0].note}"`).join('; ') : ''})`);
const fanout = {};
for (const c of splitOld) {
  const n = edges.get(c).length;
  fanout[n] = (fanout[n] ?? 0) + 1;
}
console.log(`     split old communes by number of new communes: ${Object.entries(fanout).map(([n, k]) => `${n}: ${k}`).join(', ')}`);

const provincePairs = new Set();
let provMismatch = 0;
for (const m of kitMappings) {
  const target = communeMap.get(targetOf(m.newWardCode));
  if (target && target[2] !== m.newProvinceCode) provMismatch++;
  const oldProvince = (m.oldWardCode && legacyCommuneMap.get(m.oldWardCode)?.[3]) || legacyDistrictMap.get(m.oldDistrictCode)?.[2] || m.oldProvinceCode;
  provincePairs.add(`${oldProvince}>${target ? target[2] : m.newProvinceCode}`);
}
check(provMismatch === 0, `mapping newProvinceCode agrees with the commune's province (${provMismatch} differ)`);
const provinceSuccessions = [...provincePairs].map((p) => p.split('>')).sort(byPair);
check(provinceSuccessions.every(([o, n]) => legacyProvinceSet.has(o) && provinceSet.has(n)), 'every province succession uses known codes');
check(legacyProvinces.every((p) => provinceSuccessions.some((s) => s[0] === p[0])), 'every legacy province has a successor');
check(provinces.every((p) => provinceSuccessions.some((s) => s[1] === p[0])), 'every current province has a predecessor');
const provFanout = legacyProvinces.filter((p) => provinceSuccessions.filter((s) => s[0] === p[0]).length > 1);
console.log(`     province successions: ${provinceSuccessions.length} distinct pairs; legacy provinces going to more than one province: ${provFanout.map((p) => `${p[0]} ${p[1]} -> ${provinceSuccessions.filter((s) => s[0] === p[0]).map((s) => s[1]).join('/')}`).join(', ') || 'none'}`);

// ---------------------------------------------------------------- spot check (SOURCE.md, Đồng Tháp)
console.log('\n== spot check: Đồng Tháp (SOURCE.md)');
const SPOT = [
  { code: '30208', name: 'Xã Hòa Long', from: { '30208': '876', '30217': '876', '30223': '876', '30229': '876' } },
  { code: '30214', name: 'Xã Tân Dương', from: { '30211': '876', '30214': '876', '29923': '867' } },
  { code: '30226', name: 'Xã Lai Vung', from: { '30220': '876', '30226': '876', '30196': '875', '30199': '875' } },
  { code: '30235', name: 'Xã Phong Hòa', from: { '30232': '876', '30235': '876', '30238': '876', '30241': '876' } },
];
for (const s of SPOT) {
  const c = communeMap.get(s.code);
  console.log(`     ${s.code} ${c?.[1]} (province ${c?.[2]} ${provinces.find((p) => p[0] === c?.[2])?.[1]}) formed from:`);
  const preds = communeSuccessions.filter((r) => r[1] === s.code);
  for (const [oldCode, , kind] of preds) {
    const o = legacyCommuneMap.get(oldCode);
    const d = legacyDistrictMap.get(o?.[2]);
    console.log(`       ${kind} ${oldCode} ${o?.[1]} - district ${o?.[2]} ${d?.[1]}, province ${o?.[3]} ${legacyProvinces.find((p) => p[0] === o?.[3])?.[1]}`);
  }
  const want = Object.keys(s.from).sort().join(',');
  const got = preds.map((r) => r[0]).sort().join(',');
  check(
    c?.[1] === s.name && c?.[2] === '82' &&
      got === want && preds.every((r) => r[2] === 'MERGE') &&
      preds.every((r) => legacyCommuneMap.get(r[0])?.[2] === s.from[r[0]] && legacyCommuneMap.get(r[0])?.[3] === '87'),
    `${s.code} ${s.name} (82) = MERGE of ${want} in the expected old districts of province 87`,
  );
}
check(legacyDistrictMap.get('876')?.[1] === 'Huyện Lai Vung' && legacyDistrictMap.get('876')?.[2] === '87', `legacy district 876 = ${legacyDistrictMap.get('876')?.[1]} (province ${legacyDistrictMap.get('876')?.[2]})`);
check(legacyCommuneMap.get('30208')?.[1] === 'Thị trấn Lai Vung', `legacy commune 30208 = ${legacyCommuneMap.get('30208')?.[1]}`);

// ---------------------------------------------------------------- write
if (failures.length) {
  console.error(`\n${failures.length} check(s) failed; ${outFile} not written.`);
  process.exit(1);
}
const rows = (a) => (a.length ? `[\n${a.map((r) => JSON.stringify(r)).join(',\n')}\n]` : '[]');
const out =
  '{\n' +
  `"source": ${JSON.stringify(source)},\n` +
  `"reformDate": ${JSON.stringify(REFORM_DATE)},\n` +
  `"provinces": ${rows(provinces)},\n` +
  `"communes": ${rows(communes)},\n` +
  `"legacyProvinces": ${rows(legacyProvinces)},\n` +
  `"legacyDistricts": ${rows(legacyDistricts)},\n` +
  `"legacyCommunes": ${rows(legacyCommunes)},\n` +
  `"communeSuccessions": ${rows(communeSuccessions)},\n` +
  `"provinceSuccessions": ${rows(provinceSuccessions)}\n` +
  '}\n';
JSON.parse(out); // must be valid JSON
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, out);
console.log(`\nwrote ${outFile} (${fmt(statSync(outFile).size)} bytes)`);
