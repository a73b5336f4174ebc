/**
 * Folds Vietnamese text for search: lower case, tone marks and other diacritics removed, đ → d,
 * runs of white space collapsed. "Xã Hòa Long" and "xa hoa  long" fold to the same key, and so do
 * the old ("Hoà") and new ("Hòa") tone-mark placements.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
