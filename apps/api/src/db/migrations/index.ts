import { OrgHierarchy1795862400000 } from './1795862400000-org-hierarchy';
import { SystemState1795862500000 } from './1795862500000-system-state';
import { AccountsAudit1795862600000 } from './1795862600000-accounts-audit';
import { People1795862700000 } from './1795862700000-people';
import { Enrollments1795862800000 } from './1795862800000-enrollments';
import { Imports1795862900000 } from './1795862900000-imports';
import { PolicyRules1795863000000 } from './1795863000000-policy-rules';
import { Targets1795863100000 } from './1795863100000-targets';
import { Campaigns1795863200000 } from './1795863200000-campaigns';
import { CollectionCycle1795863300000 } from './1795863300000-collection-cycle';
import { CycleIndexes1795863400000 } from './1795863400000-cycle-indexes';
import { JobQueue1795863500000 } from './1795863500000-job-queue';
import { ReportRollups1795863600000 } from './1795863600000-report-rollups';
import { RollupCatchUp1795863700000 } from './1795863700000-rollup-catch-up';
import { RollupPointsSpeed1795863800000 } from './1795863800000-rollup-points-speed';
import { StatisticsVersion1795863900000 } from './1795863900000-statistics-version';

/** Migrations in the order they run; a new migration is appended here. */
export const migrations: Function[] = [OrgHierarchy1795862400000, SystemState1795862500000, AccountsAudit1795862600000, People1795862700000, Enrollments1795862800000, Imports1795862900000, PolicyRules1795863000000, Targets1795863100000, Campaigns1795863200000, CollectionCycle1795863300000, CycleIndexes1795863400000, JobQueue1795863500000, ReportRollups1795863600000, RollupCatchUp1795863700000, RollupPointsSpeed1795863800000, StatisticsVersion1795863900000];
