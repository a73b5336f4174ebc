import type { TestApi } from './api';

export const UNIT_FIELDS = `id code name level validFrom validTo closed synthetic parent { id name }`;

export interface UnitRow {
  id: string;
  code: string;
  name: string;
  level: string;
  validFrom: string;
  validTo: string | null;
  closed: boolean;
  parent: { id: string; name: string } | null;
}

/** Creates a unit through the API and returns it. */
export async function createUnit(
  api: TestApi,
  input: { code: string; name: string; level: string; parentId?: string | null; validFrom?: string },
): Promise<UnitRow> {
  const data = await api.ok<{ createOrgUnit: UnitRow }>(
    `mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { ${UNIT_FIELDS} } }`,
    { input: { validFrom: '2020-01-01', ...input } },
  );
  return data.createOrgUnit;
}

/** The `extensions` of the single error of a response, failing when there is none. */
export function onlyError(body: { errors?: { extensions?: Record<string, any> }[]; data?: unknown }) {
  if (!body.errors || body.errors.length !== 1) throw new Error(`expected one error, got ${JSON.stringify(body)}`);
  return body.errors[0].extensions ?? {};
}

/** The country root (code VN) that every province hangs from. */
export async function countryId(api: TestApi): Promise<string> {
  const data = await api.ok<{ orgUnits: { items: { id: string }[] } }>(`{ orgUnits(filter: { level: COUNTRY }) { items { id } } }`);
  return data.orgUnits.items[0].id;
}
