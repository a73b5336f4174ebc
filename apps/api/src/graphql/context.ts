import type { DataSource } from 'typeorm';
import { todayInVietnam } from '@bao-phu/domain';
import type { Actor } from '../modules/auth/actor';
import type { AuthRuntime } from '../modules/auth/auth.service';
import type { ImportService } from '../modules/imports/import.service';
import { createOrgLoaders, type OrgLoaders } from '../modules/org/org-unit.loaders';

/**
 * What every service method receives first: who asks, the request id for logs and audit, the
 * database, today's date, and this request's DataLoaders.
 */
export interface RequestContext {
  requestId: string;
  ds: DataSource;
  /** Today in Asia/Ho_Chi_Minh, fixed for the request. */
  today: string;
  loaders: OrgLoaders;
  /** The logged-in user, or null. */
  actor: Actor | null;
  /** Why a token that was sent cannot be used. */
  authProblem: 'invalid' | 'expired' | null;
  /** The client's address, for login throttling and session records. */
  address: string;
  auth: AuthRuntime;
  /** File imports running in this process (their live progress). */
  imports: ImportService;
}

export interface RequestIdentity {
  actor: Actor | null;
  authProblem: 'invalid' | 'expired' | null;
  address: string;
}

export interface Services {
  auth: AuthRuntime;
  imports: ImportService;
}

export function createRequestContext(ds: DataSource, services: Services, requestId: string, who: RequestIdentity, now: Date = new Date()): RequestContext {
  return { requestId, ds, today: todayInVietnam(now), loaders: createOrgLoaders(ds), ...services, ...who };
}
