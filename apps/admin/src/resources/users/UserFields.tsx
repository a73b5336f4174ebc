import { useQuery } from '@apollo/client/react';
import Chip from '@mui/material/Chip';
import { useEffect, useMemo, useRef } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import {
  AutocompleteInput,
  ReferenceInput,
  required,
  SelectInput,
  usePermissions,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { grantableRoles, ROLES, SCOPE_LEVEL, type Permissions, type Role } from '../../providers/permissions';
import { OrgUnitLink, orgUnitOptionText, useLevelLabel } from '../org-units/OrgUnitFields';
import { COLLECTION_ORGANIZATIONS } from './queries';
import type { UserRecord } from './types';

/** All roles, for filters; react-admin translates the names. */
export const roleChoices = ROLES.map((role) => ({ id: role, name: `app.roles.${role}` }));

/** "Kế hoạch tỉnh" for PROVINCE_PLANNER, in the user's language. */
export const useRoleLabel = () => {
  const translate = useTranslate();
  return (role: Role | null | undefined) => (role ? translate(`app.roles.${role}`) : '');
};

/** Whether the account may log in, as a word (a chip, so a locked account stands out). */
export const UserStatus = ({ active }: { active: boolean }) => {
  const translate = useTranslate();
  return active ? (
    <Chip size="small" color="success" variant="outlined" label={translate('resources.users.status.active')} />
  ) : (
    <Chip size="small" color="default" label={translate('resources.users.status.inactive')} />
  );
};

/** The role input, offering only the roles the current user may grant. */
export const RoleInput = () => {
  const { permissions } = usePermissions<Permissions | null>();
  const choices = useMemo(
    () => grantableRoles(permissions).map((role) => ({ id: role, name: `app.roles.${role}` })),
    [permissions],
  );
  return <SelectInput source="role" choices={choices} validate={required()} />;
};

/**
 * The scope: a unit of the user's own subtree, searched by name without diacritics. Planners and
 * base staff need a province and a base office respectively; choosing such a role clears a scope
 * picked for another level.
 */
export const ScopeInput = () => {
  const { permissions } = usePermissions<Permissions | null>();
  const translate = useTranslate();
  const levelLabel = useLevelLabel();
  const role = useWatch({ name: 'role' }) as Role | undefined;
  const level = role ? SCOPE_LEVEL[role] : null;
  const { setValue } = useFormContext();
  const previousLevel = useRef(level);
  useEffect(() => {
    if (previousLevel.current !== level && level) setValue('scopeUnitId', null, { shouldDirty: true });
    previousLevel.current = level;
  }, [level, setValue]);
  const scopeId = permissions?.scope.id;
  const filter = useMemo(() => ({ ...(scopeId ? { withinId: scopeId } : {}), ...(level ? { level } : {}) }), [scopeId, level]);
  return (
    <ReferenceInput
      // A new key per level: the previous level's choices must not linger in the autocomplete.
      key={level ?? 'any'}
      source="scopeUnitId"
      reference="orgUnits"
      filter={filter}
      sort={{ field: 'name', order: 'ASC' }}
    >
      <AutocompleteInput
        label="resources.users.fields.scopeUnitId"
        optionText={orgUnitOptionText}
        filterToQuery={(q: string) => ({ q })}
        validate={required()}
        helperText={
          level
            ? translate('resources.users.help.scope_level', { level: levelLabel(level) })
            : 'resources.users.help.scope_any'
        }
        fullWidth
      />
    </ReferenceInput>
  );
};

/** The collection organization of a collector (Bưu điện, Viettel …); no other role has one. */
export const CollectionOrganizationInput = () => {
  const role = useWatch({ name: 'role' }) as Role | undefined;
  const { data, loading } = useQuery(COLLECTION_ORGANIZATIONS, {
    variables: { take: 200 },
    skip: role !== 'COLLECTOR',
  });
  if (role !== 'COLLECTOR') return null;
  return (
    <AutocompleteInput
      source="collectionOrganizationId"
      choices={data?.collectionOrganizations.items ?? []}
      optionText="name"
      isPending={loading}
      validate={required()}
      fullWidth
    />
  );
};

/** Only a collector keeps a collection organization (the API refuses one on other roles). */
export const withoutCollectionOrganizationUnlessCollector = <T extends Partial<UserRecord>>(data: T): T =>
  data.role === 'COLLECTOR' ? data : { ...data, collectionOrganizationId: null };

/** The scope of the record in context, as a link to the unit. */
export const ScopeField = (_props: { label?: string; source?: string }) => {
  const record = useRecordContext<UserRecord>();
  return record?.scope ? <OrgUnitLink unit={record.scope} /> : null;
};
