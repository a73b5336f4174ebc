import { describe, expect, it } from 'vitest';
import { foldVietnamese } from './text';

describe('foldVietnamese', () => {
  it('lets "hoa long" find "Hòa Long" and the old tone placement "Hoà Long"', () => {
    expect(foldVietnamese('Xã Hòa Long')).toBe('xa hoa long');
    expect(foldVietnamese('Hoà Long')).toBe(foldVietnamese('Hòa Long'));
    expect(foldVietnamese('hoa long')).toBe('hoa long');
  });
  it('folds đ/Đ to d and collapses spaces', () => {
    expect(foldVietnamese('  Đồng   Tháp ')).toBe('dong thap');
    expect(foldVietnamese('Phường Đông Hưng Thuận')).toBe('phuong dong hung thuan');
  });
  it('keeps digits and codes unchanged', () => {
    expect(foldVietnamese('BHXH-HOALONG 30208')).toBe('bhxh-hoalong 30208');
  });
});
