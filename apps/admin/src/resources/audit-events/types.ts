/** One field of a change; `before` and `after` are JSON texts (null when there was no value). */
export interface AuditChange {
  field: string;
  before: string | null;
  after: string | null;
}

export interface AuditEventRecord {
  id: string;
  /** DateTimeISO, UTC. */
  at: string;
  actorId: string | null;
  actorUsername: string;
  requestId: string | null;
  /** e.g. orgUnit.rename, user.create, session.login */
  action: string;
  /** orgUnit, user, collectionOrganization */
  entity: string;
  entityId: string;
  changes: AuditChange[];
}
