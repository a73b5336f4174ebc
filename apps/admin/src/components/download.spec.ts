import { describe, expect, it } from 'vitest';
import { fileNameOf } from './download';

describe('the name of a downloaded file', () => {
  it('is the server’s: the UTF-8 name when given, else the plain one', () => {
    expect(fileNameOf('attachment; filename="bao-cao-don-vi_BHXH-HOALONG.xlsx"')).toBe('bao-cao-don-vi_BHXH-HOALONG.xlsx');
    expect(fileNameOf("attachment; filename=\"bao-cao.pdf\"; filename*=UTF-8''b%C3%A1o-c%C3%A1o.pdf")).toBe('báo-cáo.pdf');
    expect(fileNameOf('attachment; filename=plain.csv')).toBe('plain.csv');
    expect(fileNameOf('inline')).toBeNull();
    expect(fileNameOf(null)).toBeNull();
  });
});
