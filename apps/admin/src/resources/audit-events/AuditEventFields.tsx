import { useQuery } from '@apollo/client/react';
import { formatVnd, isLocalDate } from '@bao-phu/domain';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { MouseEvent } from 'react';
import { Link, useCreatePath, useGetManyAggregate, useTranslate } from 'react-admin';
import { formatDateTime, formatLocalDate } from '../../components/dates';
import { COLLECTION_ORGANIZATIONS } from '../users/queries';
import type { AuditChange, AuditEventRecord } from './types';

/** The actions the API records today; others are shown as the API names them. */
export const AUDIT_ACTIONS = [
  'orgUnit.create',
  'orgUnit.update',
  'orgUnit.rename',
  'orgUnit.move',
  'orgUnit.merge',
  'orgUnit.delete',
  'user.create',
  'user.update',
  'user.resetPassword',
  'user.changePassword',
  'session.login',
  'session.logout',
  'collectionOrganization.create',
  'person.create',
  'person.update',
  'person.revealPersonalData',
  'household.create',
  'enrollment.create',
  'payment.record',
] as const;

export const AUDIT_ENTITIES = ['orgUnit', 'user', 'collectionOrganization', 'person', 'household', 'enrollment'] as const;

export const actionChoices = AUDIT_ACTIONS.map((action) => ({ id: action, name: `resources.auditEvents.actions.${action}` }));
export const entityChoices = AUDIT_ENTITIES.map((entity) => ({ id: entity, name: `resources.auditEvents.entities.${entity}` }));

/** Where the field names of each entity are translated. */
const FIELD_LABELS: Record<string, string> = {
  orgUnit: 'resources.orgUnits.fields',
  user: 'resources.users.fields',
  person: 'resources.persons.fields',
  household: 'resources.households.fields',
  enrollment: 'resources.enrollments.fields',
};

/** Resources whose records an audit event can name. */
type NamedResource = 'orgUnits' | 'users' | 'persons' | 'households';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Fields holding the id of a unit or an account: shown by name. */
const REFERENCE_FIELDS: Record<string, NamedResource> = {
  parentId: 'orgUnits',
  scopeUnitId: 'orgUnits',
  successorId: 'orgUnits',
  hamletId: 'orgUnits',
  householdId: 'households',
  personId: 'persons',
};

/** The API's name of an audited kind → the resource with a page for it. */
const ENTITY_RESOURCES: Record<string, NamedResource> = {
  orgUnit: 'orgUnits',
  user: 'users',
  person: 'persons',
  household: 'households',
};

/** The field that names a record of each resource. */
const NAME_FIELDS: Record<NamedResource, string> = {
  orgUnits: 'name',
  users: 'displayName',
  persons: 'fullName',
  households: 'code',
};

/**
 * The name of a unit or an account by id, or `#id` while it loads or when it is gone (a deleted
 * unit). Lookups of one screen are batched into one getMany per resource.
 */
const RecordName = ({ resource, id }: { resource: NamedResource; id: string }) => {
  const { data } = useGetManyAggregate(resource, { ids: [id] });
  const record = data?.find((r) => String(r.id) === id);
  const name = record ? record[NAME_FIELDS[resource]] : null;
  return <>{name ?? `#${id}`}</>;
};

/** A collection organization by id (the handful of them are read once). */
const CollectionOrganizationName = ({ id }: { id: string }) => {
  const { data } = useQuery(COLLECTION_ORGANIZATIONS, { variables: { take: 200 } });
  return <>{data?.collectionOrganizations.items.find((o) => o.id === id)?.name ?? `#${id}`}</>;
};

const parseJson = (json: string | null): unknown => {
  if (json == null) return null;
  try {
    return JSON.parse(json);
  } catch {
    // not JSON after all: shown as sent
    return json;
  }
};

/** "Đổi tên đơn vị" for orgUnit.rename; an action without a label is shown as it is. */
export const useActionLabel = () => {
  const translate = useTranslate();
  return (action: string) => translate(`resources.auditEvents.actions.${action}`, { _: action });
};

/** Fields holding a value of one of the API's enums, and where its labels are. */
const ENUM_LABELS: Record<string, string> = {
  sex: 'app.sexes',
  supportCategory: 'app.support_categories',
  scheme: 'app.schemes',
  paymentMode: 'app.payment_modes',
  status: 'app.enrollment_status',
};

/** Fields holding an amount of đồng. */
const MONEY_FIELDS = new Set(['declaredMonthlyIncome', 'amount', 'owed']);

/** A recorded value in words: labels for roles and levels, Có/Không, dates as DD/MM/YYYY. */
const useValueText = () => {
  const translate = useTranslate();
  return (field: string, json: string | null): string => {
    const value = parseJson(json);
    if (value === null || value === undefined || value === '') return '—';
    if (typeof value === 'boolean') return translate(value ? 'ra.boolean.true' : 'ra.boolean.false');
    if (typeof value === 'string') {
      if (field === 'role') return translate(`app.roles.${value}`, { _: value });
      if (field === 'level') return translate(`resources.orgUnits.levels.${value}`, { _: value });
      const enumLabels = ENUM_LABELS[field];
      if (enumLabels) return translate(`${enumLabels}.${value}`, { _: value });
      if (isLocalDate(value)) return formatLocalDate(value);
      if (DATE_TIME.test(value)) return formatDateTime(value);
      return value;
    }
    if (typeof value === 'number') return MONEY_FIELDS.has(field) ? formatVnd(value) : String(value);
    return JSON.stringify(value);
  };
};

/** The event's time on Vietnam's clock, DD/MM/YYYY HH:mm. */
export const AuditTime = ({ event }: { event: AuditEventRecord }) => (
  <Box component="time" dateTime={event.at} sx={{ whiteSpace: 'nowrap' }}>
    {formatDateTime(event.at)}
  </Box>
);

/** The kind of the changed record, then its name linked to its page ("Tài khoản", "Nguyễn Văn Thu"). */
export const AuditEntity = ({ event }: { event: AuditEventRecord }) => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const kind = translate(`resources.auditEvents.entities.${event.entity}`, { _: event.entity });
  const resource = ENTITY_RESOURCES[event.entity];
  return (
    <Box>
      <Typography variant="caption" component="div" color="text.secondary">
        {kind}
      </Typography>
      {!resource || event.action.endsWith('.delete') ? (
        <span>#{event.entityId}</span>
      ) : (
        <Link to={createPath({ resource, id: event.entityId, type: 'show' })} onClick={(e: MouseEvent) => e.stopPropagation()}>
          <RecordName resource={resource} id={event.entityId} />
        </Link>
      )}
    </Box>
  );
};

/** Each changed field as "field: before → after". */
export const AuditChanges = ({ event }: { event: AuditEventRecord }) => {
  const translate = useTranslate();
  const valueText = useValueText();
  const labels = FIELD_LABELS[event.entity];
  const fieldLabel = (change: AuditChange) =>
    labels ? translate(`${labels}.${change.field}`, { _: change.field }) : change.field;
  const value = (field: string, json: string | null) => {
    const parsed = parseJson(json);
    const id = typeof parsed === 'number' || typeof parsed === 'string' ? String(parsed) : null;
    if (id && REFERENCE_FIELDS[field]) return <RecordName resource={REFERENCE_FIELDS[field]} id={id} />;
    if (id && field === 'collectionOrganizationId') return <CollectionOrganizationName id={id} />;
    return valueText(field, json);
  };
  if (event.changes.length === 0) return null;
  return (
    <Box component="ul" sx={{ m: 0, pl: 2 }}>
      {event.changes.map((change) => (
        <Typography component="li" variant="body2" key={change.field} sx={{ wordBreak: 'break-word' }}>
          {fieldLabel(change)}: {value(change.field, change.before)} → {value(change.field, change.after)}
        </Typography>
      ))}
    </Box>
  );
};
