import { describe, expect, it } from 'vitest';
import { maskPersonalNumber } from './personal-data';

describe('maskPersonalNumber', () => {
  it('keeps the first 3 and last 4 digits of a citizen ID and a phone', () => {
    expect(maskPersonalNumber('087123451234')).toBe('087•••••1234');
    expect(maskPersonalNumber('0912 345 678')).toBe('091•••5678');
  });
  it('hides short values whole and keeps null', () => {
    expect(maskPersonalNumber('1234567')).toBe('•••••••');
    expect(maskPersonalNumber(null)).toBeNull();
  });
});
