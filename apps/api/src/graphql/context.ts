import type { DataSource } from 'typeorm';
import { todayInVietnam } from '@bao-phu/domain';
import { createOrgLoaders, type OrgLoaders } from '../modules/org/org-unit.loaders';

/**
 * What every service method receives first: who asks (accounts come with the auth module), the
 * request id for logs, the database, and this request's DataLoaders.
 */
export interface RequestContext {
  requestId: string;
  ds: DataSource;
  /** Today in Asia/Ho_Chi_Minh, fixed for the request. */
  today: string;
  loaders: OrgLoaders;
}

export function createRequestContext(ds: DataSource, requestId: string, now: Date = new Date()): RequestContext {
  return { requestId, ds, today: todayInVietnam(now), loaders: createOrgLoaders(ds) };
}
