import type { TestApi } from './api';

export const DEMO_USERS = {
  ADMIN: 'admin',
  PROVINCE_PLANNER: 'planner.dongthap',
  BASE_STAFF: 'staff.hoalong',
  SUPERVISOR: 'supervisor.dongthap',
  COLLECTOR: 'collector.buudien.hoalong',
} as const;
export type Role = keyof typeof DEMO_USERS;
export const ROLES = Object.keys(DEMO_USERS) as Role[];

/** The id of the open unit with this code (and level), looked up as admin. */
export async function unitId(api: TestApi, code: string, level?: string): Promise<string> {
  const data = await api.ok(`query($f: OrgUnitFilter) { orgUnits(filter: $f, take: 50) { items { id code level } } }`, { f: { q: code, ...(level ? { level } : {}) } });
  const unit = data.orgUnits.items.find((u: { code: string; level: string }) => u.code === code && (!level || u.level === level));
  if (!unit) throw new Error(`no open unit ${code}`);
  return unit.id;
}

/** Tokens of the demo accounts, one per role. */
export async function demoTokens(api: TestApi): Promise<Record<Role, string>> {
  const entries = await Promise.all(ROLES.map(async (r) => [r, await api.login(DEMO_USERS[r])] as const));
  return Object.fromEntries(entries) as Record<Role, string>;
}
