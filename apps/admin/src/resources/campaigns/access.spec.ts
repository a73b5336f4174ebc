import { describe, expect, it } from 'vitest';
import { canAccess, isPriorityReader, type Permissions, type Role } from '../../providers/permissions';

const as = (role: Role): Permissions => ({ role, scope: { id: '14149', name: 'BHXH cơ sở Hoa Long', level: 'BASE', path: '/1/10823/14149/' } });
const may = (role: Role, action: string) => canAccess(as(role), { resource: 'campaigns', action });

describe('who may do what with mobilization models', () => {
  it('lets every role read campaigns, as the API does', () => {
    for (const role of ['ADMIN', 'PROVINCE_PLANNER', 'BASE_STAFF', 'SUPERVISOR', 'COLLECTOR'] as const) {
      expect(may(role, 'list'), role).toBe(true);
      expect(may(role, 'show'), role).toBe(true);
    }
    expect(canAccess(null, { resource: 'campaigns', action: 'list' })).toBe(false);
  });

  it('lets planners, base staff and administrators create and run them; supervisors and collectors not', () => {
    for (const action of ['create', 'edit', 'start']) {
      expect(may('BASE_STAFF', action)).toBe(true);
      expect(may('PROVINCE_PLANNER', action)).toBe(true);
      expect(may('SUPERVISOR', action)).toBe(false);
      expect(may('COLLECTOR', action)).toBe(false);
    }
  });

  it('offers visit entry and the day report to collectors too (the API checks they are members), never to supervisors', () => {
    expect(may('COLLECTOR', 'logVisit')).toBe(true);
    expect(may('COLLECTOR', 'saveDayReport')).toBe(true);
    expect(may('BASE_STAFF', 'logVisit')).toBe(true);
    expect(may('SUPERVISOR', 'logVisit')).toBe(false);
    expect(may('SUPERVISOR', 'saveDayReport')).toBe(false);
  });

  it('shows "where to push" to those who read plans, not to collectors', () => {
    expect(isPriorityReader(as('SUPERVISOR'))).toBe(true);
    expect(isPriorityReader(as('COLLECTOR'))).toBe(false);
  });
});
