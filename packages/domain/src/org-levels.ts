/** The levels of the organization tree, from the top. */
export const ORG_LEVELS = ['COUNTRY', 'PROVINCE', 'BASE', 'COMMUNE', 'HAMLET'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

/**
 * Which level a unit's parent may have. The country is the one root (the scope of national
 * administrators); provinces hang under it; a commune sits directly under
 * its province until a planner assigns it to a base office (public lists know no base offices).
 */
export const ALLOWED_PARENT_LEVELS: Record<OrgLevel, readonly OrgLevel[]> = {
  COUNTRY: [],
  PROVINCE: ['COUNTRY'],
  BASE: ['PROVINCE'],
  COMMUNE: ['PROVINCE', 'BASE'],
  HAMLET: ['COMMUNE'],
};

/** True when a unit of `child` level may hang directly under a unit of `parent` level (null: root). */
export function canNestUnder(child: OrgLevel, parent: OrgLevel | null): boolean {
  const allowed = ALLOWED_PARENT_LEVELS[child];
  return parent === null ? allowed.length === 0 : allowed.includes(parent);
}

/** Vietnamese and English names of the levels, for messages and screens. */
export const ORG_LEVEL_LABELS: Record<OrgLevel, { vi: string; en: string }> = {
  COUNTRY: { vi: 'Toàn quốc', en: 'Country' },
  PROVINCE: { vi: 'Tỉnh/Thành phố', en: 'Province' },
  BASE: { vi: 'BHXH cơ sở', en: 'Base office' },
  COMMUNE: { vi: 'Xã/Phường', en: 'Commune' },
  HAMLET: { vi: 'Ấp/Thôn/Khóm', en: 'Hamlet' },
};
