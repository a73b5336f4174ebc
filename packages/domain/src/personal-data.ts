/**
 * Masks a citizen ID or a phone number for roles that do not need it: the first 3 and the last 4
 * characters stay, the rest become "•" ("087123451234" → "087•••••1234"). Too short to keep
 * anything: all masked. Null stays null.
 */
export function maskPersonalNumber(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const v = value.replace(/\s+/g, '');
  if (v.length <= 7) return '•'.repeat(v.length);
  return `${v.slice(0, 3)}${'•'.repeat(v.length - 7)}${v.slice(-4)}`;
}
