import { describe, expect, it } from 'vitest';
import { canNestUnder } from './org-levels';

describe('canNestUnder', () => {
  it('nests levels in order, a commune under a province or a base office', () => {
    expect(canNestUnder('COUNTRY', null)).toBe(true);
    expect(canNestUnder('PROVINCE', 'COUNTRY')).toBe(true);
    expect(canNestUnder('BASE', 'PROVINCE')).toBe(true);
    expect(canNestUnder('COMMUNE', 'PROVINCE')).toBe(true);
    expect(canNestUnder('COMMUNE', 'BASE')).toBe(true);
    expect(canNestUnder('HAMLET', 'COMMUNE')).toBe(true);
  });
  it('refuses skipped or inverted levels and orphans', () => {
    expect(canNestUnder('HAMLET', 'BASE')).toBe(false);
    expect(canNestUnder('BASE', 'COMMUNE')).toBe(false);
    expect(canNestUnder('PROVINCE', 'PROVINCE')).toBe(false);
    expect(canNestUnder('PROVINCE', null)).toBe(false);
    expect(canNestUnder('COMMUNE', null)).toBe(false);
  });
});
