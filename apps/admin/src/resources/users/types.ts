import type { OrgLevel } from '@bao-phu/domain';
import type { Role } from '../../providers/permissions';

/** The selection of UserFields, plus the ids the forms edit (see usersDescriptor.toRecord). */
export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
  scope: { id: string; code: string; name: string; level: OrgLevel; path: string };
  collectionOrganization: { id: string; code: string; name: string } | null;
  scopeUnitId: string | null;
  collectionOrganizationId: string | null;
}

export interface CollectionOrganization {
  id: string;
  code: string;
  name: string;
}
