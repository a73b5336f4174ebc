import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CYCLE_READERS, CYCLE_WRITERS, FOLLOW_UP_READERS, REASON_REPORTERS } from '../../providers/permissions';

/**
 * The screens offer the cycle's actions to the roles the API lets do them (cycle.service.ts), so
 * nobody is shown a button that would be refused, nor denied one the API would take.
 */
const service = readFileSync(new URL('../../../../api/src/modules/collection/cycle.service.ts', import.meta.url), 'utf8');
const roles = (text: string | undefined) => [...(text ?? '').matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]).sort();
const constant = (name: string) => roles(new RegExp(`export const ${name}[^=]*= \\[([^\\]]*)\\]`).exec(service)?.[1]);
/** The roles a service method requires: `requireRole(ctx, [...])` or a named list, in the method's body. */
const required = (method: string) => {
  const body = new RegExp(`async ${method}\\([\\s\\S]*?requireRole\\(ctx, ([^)]*)\\)`).exec(service)?.[1] ?? '';
  return body.startsWith('[') ? roles(body) : constant(body.trim());
};

describe('who may do what in the collection cycle', () => {
  it('mirrors the API: everyone reads the lists, base staff and administrators generate them and close follow-ups', () => {
    expect([...CYCLE_READERS].sort()).toEqual(constant('CYCLE_READERS'));
    expect([...CYCLE_WRITERS].sort()).toEqual(constant('CYCLE_WRITERS'));
    expect([...CYCLE_WRITERS].sort()).toEqual(required('generate'));
    expect([...CYCLE_WRITERS].sort()).toEqual(required('closeFollowUp'));
    expect([...CYCLE_WRITERS].sort()).toEqual(required('assignFollowUp'));
  });

  it('mirrors the API: collectors, base staff and administrators report reasons; collectors do not read the follow-ups', () => {
    expect([...REASON_REPORTERS].sort()).toEqual(required('reportNonCollection'));
    expect([...FOLLOW_UP_READERS].sort()).toEqual(required('followUps'));
    expect(FOLLOW_UP_READERS).not.toContain('COLLECTOR');
  });
});
