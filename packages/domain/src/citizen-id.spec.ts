import { describe, expect, it } from 'vitest';
import { checkCitizenId, checkSiCode, citizenIdProblems, CITIZEN_ID_PROVINCES, decodeCitizenId } from './citizen-id';

describe('CITIZEN_ID_PROVINCES', () => {
  it('holds the 63 pre-2025 provinces, from 001 Hà Nội to 096 Cà Mau', () => {
    const codes = Object.keys(CITIZEN_ID_PROVINCES);
    expect(codes).toHaveLength(63);
    expect(codes.every((code) => /^0\d\d$/.test(code) && code >= '001' && code <= '096')).toBe(true);
    expect(CITIZEN_ID_PROVINCES['001']).toBe('Hà Nội');
    expect(CITIZEN_ID_PROVINCES['082']).toBe('Tiền Giang');
    expect(CITIZEN_ID_PROVINCES['087']).toBe('Đồng Tháp');
    expect(CITIZEN_ID_PROVINCES['096']).toBe('Cà Mau');
  });
  it('has no code for numbers GSO never gave a province', () => {
    for (const code of ['000', '003', '018', '050', '090', '097', '099']) {
      expect(CITIZEN_ID_PROVINCES[code]).toBeUndefined();
    }
  });
});

describe('decodeCitizenId', () => {
  it('reads province, sex and year of birth', () => {
    expect(decodeCitizenId('087300012345')).toEqual({
      provinceCode: '087',
      provinceName: 'Đồng Tháp',
      sex: 'FEMALE',
      birthYear: 2000,
    });
    expect(decodeCitizenId('082085123456')).toMatchObject({ sex: 'MALE', birthYear: 1985 });
    expect(decodeCitizenId('001199123456')).toMatchObject({ sex: 'FEMALE', birthYear: 1999 });
    expect(decodeCitizenId('001207123456')).toMatchObject({ sex: 'MALE', birthYear: 2007 });
    expect(decodeCitizenId('001501123456')).toMatchObject({ sex: 'FEMALE', birthYear: 2101 });
  });
  it('reads nothing from a malformed ID or an unknown province', () => {
    expect(decodeCitizenId('08730001234')).toBeNull();
    expect(decodeCitizenId('097300012345')).toBeNull();
  });
});

describe('checkCitizenId', () => {
  const woman2000 = { dateOfBirth: '2000-05-17', sex: 'FEMALE' } as const;

  it('accepts an ID that agrees with the holder', () => {
    expect(checkCitizenId('087300012345', woman2000)).toBeNull();
    expect(checkCitizenId('082085123456', { dateOfBirth: '1985-12-31', sex: 'MALE' })).toBeNull();
    expect(checkCitizenId('001199000001', { dateOfBirth: '1999-01-01', sex: 'FEMALE' })).toBeNull();
  });
  it('wants exactly 12 digits, as typed, without spaces', () => {
    expect(checkCitizenId('08730001234', woman2000)).toBe('FORMAT');
    expect(checkCitizenId('0873000123456', woman2000)).toBe('FORMAT');
    expect(checkCitizenId('087 300 012 345', woman2000)).toBe('FORMAT');
    expect(checkCitizenId('08730001234a', woman2000)).toBe('FORMAT');
    expect(checkCitizenId('', woman2000)).toBe('FORMAT');
  });
  it('refuses a province code that does not exist', () => {
    expect(checkCitizenId('000300012345', woman2000)).toBe('PROVINCE');
    expect(checkCitizenId('003300012345', woman2000)).toBe('PROVINCE');
    expect(checkCitizenId('097300012345', woman2000)).toBe('PROVINCE');
    expect(checkCitizenId('187300012345', woman2000)).toBe('PROVINCE');
  });
  it('catches the other sex', () => {
    expect(checkCitizenId('087200012345', woman2000)).toBe('SEX_MISMATCH');
    expect(checkCitizenId('087185123456', { dateOfBirth: '1985-01-01', sex: 'MALE' })).toBe('SEX_MISMATCH');
  });
  it('catches the other century', () => {
    expect(checkCitizenId('087100012345', woman2000)).toBe('CENTURY_MISMATCH');
    expect(checkCitizenId('087500012345', woman2000)).toBe('CENTURY_MISMATCH');
  });
  it('catches the wrong year within the century', () => {
    expect(checkCitizenId('087301012345', woman2000)).toBe('YEAR_MISMATCH');
    expect(checkCitizenId('082086123456', { dateOfBirth: '1985-12-31', sex: 'MALE' })).toBe('YEAR_MISMATCH');
  });
  it('lists every problem, century before sex before year', () => {
    expect(citizenIdProblems('087099012345', woman2000)).toEqual(['CENTURY_MISMATCH', 'SEX_MISMATCH', 'YEAR_MISMATCH']);
    expect(checkCitizenId('087099012345', woman2000)).toBe('CENTURY_MISMATCH');
    expect(citizenIdProblems('087300012345', woman2000)).toEqual([]);
  });
  it('checks only the structure when date of birth and sex are unknown', () => {
    expect(checkCitizenId('087300012345')).toBeNull();
    expect(checkCitizenId('087300012345', { dateOfBirth: null, sex: 'MALE' })).toBe('SEX_MISMATCH');
    expect(checkCitizenId('087300012345', { dateOfBirth: '1900-01-01' })).toBe('CENTURY_MISMATCH');
  });
  it('treats a malformed date of birth as a caller error', () => {
    expect(() => checkCitizenId('087300012345', { dateOfBirth: '17/05/2000' })).toThrow(RangeError);
  });
});

describe('checkSiCode', () => {
  it('accepts 10 digits, leading zeros included', () => {
    expect(checkSiCode('8721234567')).toBeNull();
    expect(checkSiCode('0123456789')).toBeNull();
  });
  it('refuses anything else', () => {
    expect(checkSiCode('872123456')).toBe('FORMAT');
    expect(checkSiCode('87212345678')).toBe('FORMAT');
    expect(checkSiCode('87212 34567')).toBe('FORMAT');
    expect(checkSiCode('087300012345')).toBe('FORMAT');
  });
});
