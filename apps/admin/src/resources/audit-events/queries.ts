import { gql } from '@apollo/client';
import type { ResourceDescriptor } from '../../providers/dataProvider';

/** The audit trail: read only, listed (newest first by default), never read one by one. */

export const AUDIT_EVENT_FIELDS = gql`
  fragment AuditEventFields on AuditEvent {
    id
    at
    actorId
    actorUsername
    requestId
    action
    entity
    entityId
    changes {
      field
      before
      after
    }
  }
`;

export const auditEventsDescriptor: ResourceDescriptor = {
  list: 'auditEvents',
  filterType: 'AuditEventFilter',
  fields: AUDIT_EVENT_FIELDS,
  sortFields: ['at', 'action', 'entity'],
};
