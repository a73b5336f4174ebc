import { DataTable, Pagination, ReferenceManyField, useTranslate } from 'react-admin';
import { AuditChanges, AuditTime, useActionLabel } from './AuditEventFields';
import type { AuditEventRecord } from './types';

const Column = DataTable.Col<AuditEventRecord>;

const Empty = () => {
  const translate = useTranslate();
  return <p>{translate('resources.auditEvents.empty')}</p>;
};

/**
 * The audit events of the record in context ("Nhật ký" tab), newest first. `entity` is the API's
 * name of the record's kind: `orgUnit`, `user`.
 */
export const AuditTrail = ({ entity }: { entity: string; label?: string | false }) => {
  const actionLabel = useActionLabel();
  return (
    <ReferenceManyField<AuditEventRecord>
      reference="auditEvents"
      target="entityId"
      filter={{ entity }}
      sort={{ field: 'at', order: 'DESC' }}
      perPage={10}
      pagination={<Pagination rowsPerPageOptions={[10, 25, 50]} />}
      empty={<Empty />}
    >
      <DataTable bulkActionButtons={false} rowClick={false}>
        <Column source="at" render={(event) => <AuditTime event={event} />} />
        <Column source="actorUsername" />
        <Column source="action" render={(event) => actionLabel(event.action)} />
        <Column source="changes" disableSort render={(event) => <AuditChanges event={event} />} />
      </DataTable>
    </ReferenceManyField>
  );
};
