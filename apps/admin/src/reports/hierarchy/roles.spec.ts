import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPORT_READERS } from '../../providers/permissions';

/**
 * The reports page and the dashboard are offered to the roles the API lets read reports
 * (report.service.ts), so nobody gets a page that is refused, nor misses one the API would answer.
 */
const service = readFileSync(new URL('../../../../api/src/modules/reports/report.service.ts', import.meta.url), 'utf8');
const roles = (text: string | undefined) => [...(text ?? '').matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]).sort();

describe('who reads the reports', () => {
  it('mirrors the API: every role but collectors', () => {
    const api = roles(/export const REPORT_READERS[^=]*= \[([^\]]*)\]/.exec(service)?.[1]);
    expect(api.length).toBeGreaterThan(0);
    expect([...REPORT_READERS].sort()).toEqual(api);
    expect(REPORT_READERS).not.toContain('COLLECTOR');
  });
});
