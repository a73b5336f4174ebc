import { DataTable, List, SelectInput, TextInput } from 'react-admin';
import { LocalDateInput } from '../../components/LocalDateInput';
import { actionChoices, AuditChanges, AuditEntity, AuditTime, entityChoices, useActionLabel } from './AuditEventFields';
import type { AuditEventRecord } from './types';

/** Dates are local days in Vietnam, `to` included. */
const auditEventFilters = [
  <SelectInput key="action" source="action" choices={actionChoices} alwaysOn />,
  <SelectInput key="entity" source="entity" choices={entityChoices} alwaysOn />,
  <LocalDateInput key="from" source="from" alwaysOn sx={{ width: '11em' }} />,
  <LocalDateInput key="to" source="to" alwaysOn sx={{ width: '11em' }} />,
  <TextInput key="entityId" source="entityId" />,
];

const Column = DataTable.Col<AuditEventRecord>;

/**
 * "Nhật ký thay đổi": who changed what and when, newest first. Administrators see everything,
 * planners what happened in their province (the API filters).
 */
export const AuditEventList = () => {
  const actionLabel = useActionLabel();
  return (
    <List
      filters={auditEventFilters}
      sort={{ field: 'at', order: 'DESC' }}
      perPage={25}
      exporter={false}
    >
      <DataTable bulkActionButtons={false} rowClick={false}>
        <Column source="at" render={(event) => <AuditTime event={event} />} />
        <Column source="actorUsername" />
        <Column source="action" render={(event) => actionLabel(event.action)} />
        <Column source="entity" render={(event) => <AuditEntity event={event} />} />
        <Column source="changes" disableSort render={(event) => <AuditChanges event={event} />} />
      </DataTable>
    </List>
  );
};
