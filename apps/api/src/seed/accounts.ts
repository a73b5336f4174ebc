import type { EntityManager } from 'typeorm';
import { IsNull } from 'typeorm';
import { hashPassword, passwordProblem } from '../modules/auth/password';
import { UserEntity, type RoleName } from '../modules/auth/user.entity';
import { CollectionOrganizationEntity } from '../modules/collection/collection-organization.entity';
import { OrgUnitEntity } from '../modules/org/org-unit.entity';

export const DEMO_PASSWORD = 'demo-Password-1';

/**
 * On a database without any account, ADMIN_USERNAME / ADMIN_PASSWORD create the first
 * administrator, with the whole country in scope. Returns whether one was created.
 */
export async function ensureFirstAdmin(em: EntityManager, username: string | null, password: string | null): Promise<boolean> {
  if (!username || !password) return false;
  if ((await em.getRepository(UserEntity).count()) > 0) return false;
  const login = username.trim().toLowerCase();
  const weak = passwordProblem(password, login);
  if (weak) throw new Error(`ADMIN_PASSWORD is too weak (${weak}): use at least 10 characters, without the username`);
  const country = await em.getRepository(OrgUnitEntity).findOneByOrFail({ level: 'COUNTRY', validTo: IsNull() });
  await em.insert(UserEntity, {
    username: login,
    displayName: 'Quản trị hệ thống',
    passwordHash: await hashPassword(password),
    role: 'ADMIN',
    scopeUnitId: country.id,
    collectionOrganizationId: null,
    active: true,
  });
  return true;
}

/** The demo's collection organizations and accounts (CONTRACT.md), all with DEMO_PASSWORD. */
export async function seedDemoAccounts(em: EntityManager): Promise<number> {
  const units = em.getRepository(OrgUnitEntity);
  const unit = async (level: string, code: string) => (await units.findOneByOrFail({ level: level as OrgUnitEntity['level'], code, validTo: IsNull() })).id;
  const country = await unit('COUNTRY', 'VN');
  const dongThap = await unit('PROVINCE', '82');
  const hoaLong = await unit('BASE', 'BHXH-HOALONG');
  await em.insert(CollectionOrganizationEntity, [
    { code: 'BUUDIEN-DT', name: 'Bưu điện tỉnh Đồng Tháp' },
    { code: 'VIETTEL-DT', name: 'Viettel Đồng Tháp' },
  ]);
  const buuDien = (await em.getRepository(CollectionOrganizationEntity).findOneByOrFail({ code: 'BUUDIEN-DT' })).id;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const accounts: [string, string, RoleName, number, number | null][] = [
    ['admin', 'Quản trị hệ thống', 'ADMIN', country, null],
    ['planner.dongthap', 'Nguyễn Thị Lan (BHXH tỉnh Đồng Tháp)', 'PROVINCE_PLANNER', dongThap, null],
    ['staff.hoalong', 'Trần Văn Minh (BHXH cơ sở Hoa Long)', 'BASE_STAFF', hoaLong, null],
    ['supervisor.dongthap', 'Lê Hoàng Nam (giám sát)', 'SUPERVISOR', dongThap, null],
    ['collector.buudien.hoalong', 'Phạm Thị Hoa (Bưu điện)', 'COLLECTOR', hoaLong, buuDien],
  ];
  for (const [username, displayName, role, scopeUnitId, collectionOrganizationId] of accounts) {
    if (await em.getRepository(UserEntity).existsBy({ username })) continue;
    await em.insert(UserEntity, { username, displayName, passwordHash, role, scopeUnitId, collectionOrganizationId, active: true });
  }
  return accounts.length;
}
