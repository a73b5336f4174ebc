import { isLocalDate, type LocalDate } from './dates';

export type Sex = 'MALE' | 'FEMALE';

/**
 * The province codes that open a citizen ID: the place where the birth was registered, in the
 * 63 provinces before the 2025 reform (GSO 2-digit code prefixed with 0). IDs keep them for life,
 * so the reform does not change this list. Names as the provinces were called when the codes were
 * assigned (046 became the city of Huế in 2025).
 */
export const CITIZEN_ID_PROVINCES: Readonly<Record<string, string>> = Object.freeze({
  '001': 'Hà Nội',
  '002': 'Hà Giang',
  '004': 'Cao Bằng',
  '006': 'Bắc Kạn',
  '008': 'Tuyên Quang',
  '010': 'Lào Cai',
  '011': 'Điện Biên',
  '012': 'Lai Châu',
  '014': 'Sơn La',
  '015': 'Yên Bái',
  '017': 'Hòa Bình',
  '019': 'Thái Nguyên',
  '020': 'Lạng Sơn',
  '022': 'Quảng Ninh',
  '024': 'Bắc Giang',
  '025': 'Phú Thọ',
  '026': 'Vĩnh Phúc',
  '027': 'Bắc Ninh',
  '030': 'Hải Dương',
  '031': 'Hải Phòng',
  '033': 'Hưng Yên',
  '034': 'Thái Bình',
  '035': 'Hà Nam',
  '036': 'Nam Định',
  '037': 'Ninh Bình',
  '038': 'Thanh Hóa',
  '040': 'Nghệ An',
  '042': 'Hà Tĩnh',
  '044': 'Quảng Bình',
  '045': 'Quảng Trị',
  '046': 'Thừa Thiên Huế',
  '048': 'Đà Nẵng',
  '049': 'Quảng Nam',
  '051': 'Quảng Ngãi',
  '052': 'Bình Định',
  '054': 'Phú Yên',
  '056': 'Khánh Hòa',
  '058': 'Ninh Thuận',
  '060': 'Bình Thuận',
  '062': 'Kon Tum',
  '064': 'Gia Lai',
  '066': 'Đắk Lắk',
  '067': 'Đắk Nông',
  '068': 'Lâm Đồng',
  '070': 'Bình Phước',
  '072': 'Tây Ninh',
  '074': 'Bình Dương',
  '075': 'Đồng Nai',
  '077': 'Bà Rịa - Vũng Tàu',
  '079': 'Hồ Chí Minh',
  '080': 'Long An',
  '082': 'Tiền Giang',
  '083': 'Bến Tre',
  '084': 'Trà Vinh',
  '086': 'Vĩnh Long',
  '087': 'Đồng Tháp',
  '089': 'An Giang',
  '091': 'Kiên Giang',
  '092': 'Cần Thơ',
  '093': 'Hậu Giang',
  '094': 'Sóc Trăng',
  '095': 'Bạc Liêu',
  '096': 'Cà Mau',
});

/**
 * Why a citizen ID cannot be right:
 * - `FORMAT`: not exactly 12 digits;
 * - `PROVINCE`: the first 3 digits are not a birth-registration province;
 * - `CENTURY_MISMATCH`: the 4th digit gives another century than the date of birth;
 * - `SEX_MISMATCH`: the 4th digit gives the other sex;
 * - `YEAR_MISMATCH`: digits 5–6 are not the last two digits of the year of birth.
 */
export type CitizenIdProblem = 'FORMAT' | 'PROVINCE' | 'CENTURY_MISMATCH' | 'SEX_MISMATCH' | 'YEAR_MISMATCH';

/** What a well-formed citizen ID says about its holder. */
export interface CitizenIdFacts {
  provinceCode: string;
  provinceName: string;
  sex: Sex;
  /** Year of birth from the century digit and digits 5–6. */
  birthYear: number;
}

export interface CitizenIdHolder {
  /** `YYYY-MM-DD`; absent or null: the agreement with the year of birth is not checked. */
  dateOfBirth?: LocalDate | null;
  /** Absent or null: the agreement with the sex is not checked. */
  sex?: Sex | null;
}

const TWELVE_DIGITS = /^\d{12}$/;

/**
 * Reads a citizen ID: birth-registration province, sex and year of birth (4th digit: 0/1 male/female
 * born in the 1900s, 2/3 in the 2000s, 4/5 in the 2100s and so on). Null when the ID is not 12 digits
 * or its province code does not exist. The ID must already be bare digits (no spaces).
 */
export function decodeCitizenId(id: string): CitizenIdFacts | null {
  if (!TWELVE_DIGITS.test(id)) return null;
  const provinceCode = id.slice(0, 3);
  const provinceName = CITIZEN_ID_PROVINCES[provinceCode];
  if (provinceName === undefined) return null;
  const centuryAndSex = Number(id[3]);
  return {
    provinceCode,
    provinceName,
    sex: centuryAndSex % 2 === 0 ? 'MALE' : 'FEMALE',
    birthYear: 1900 + Math.floor(centuryAndSex / 2) * 100 + Number(id.slice(4, 6)),
  };
}

/**
 * Every reason a citizen ID cannot belong to this holder, in the order of {@link checkCitizenId};
 * empty when none. A citizen ID has no check digit, so this checks its structure and its agreement
 * with the holder's date of birth and sex, nothing more. A date of birth that is not a real date is
 * a RangeError: validate it first, or leave it out.
 */
export function citizenIdProblems(id: string, holder: CitizenIdHolder = {}): CitizenIdProblem[] {
  if (!TWELVE_DIGITS.test(id)) return ['FORMAT'];
  const facts = decodeCitizenId(id);
  if (!facts) return ['PROVINCE'];
  const problems: CitizenIdProblem[] = [];
  const dateOfBirth = holder.dateOfBirth ?? null;
  if (dateOfBirth !== null && !isLocalDate(dateOfBirth)) throw new RangeError(`Not a date of birth: "${dateOfBirth}"`);
  const year = dateOfBirth === null ? null : Number(dateOfBirth.slice(0, 4));
  if (year !== null && Math.floor(year / 100) !== Math.floor(facts.birthYear / 100)) problems.push('CENTURY_MISMATCH');
  if (holder.sex && holder.sex !== facts.sex) problems.push('SEX_MISMATCH');
  if (year !== null && year % 100 !== facts.birthYear % 100) problems.push('YEAR_MISMATCH');
  return problems;
}

/**
 * The first reason a citizen ID cannot belong to this holder, or null when it can. Checked in
 * order: FORMAT, PROVINCE, CENTURY_MISMATCH, SEX_MISMATCH, YEAR_MISMATCH. "087300012345" fits a
 * woman born in 2000 whose birth was registered in Đồng Tháp.
 */
export function checkCitizenId(id: string, holder: CitizenIdHolder = {}): CitizenIdProblem | null {
  return citizenIdProblems(id, holder)[0] ?? null;
}

/** Why a social insurance code cannot be right: `FORMAT`, not exactly 10 digits. */
export type SiCodeProblem = 'FORMAT';

/**
 * Checks a social insurance code (mã số BHXH), kept beside the citizen ID for older records:
 * exactly 10 digits, leading zeros included. Null when it is well formed.
 */
export function checkSiCode(code: string): SiCodeProblem | null {
  return /^\d{10}$/.test(code) ? null : 'FORMAT';
}
