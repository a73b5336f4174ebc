import { ApolloProvider } from '@apollo/client/react';
import { Admin, CustomRoutes, reactRouterProvider, Resource } from 'react-admin';
import { AppLayout } from './layout/AppLayout';
import { LoginPage } from './layout/LoginPage';
import { apolloClient } from './providers/apollo';
import { createAuthProvider } from './providers/authProvider';
import { createDataProvider } from './providers/dataProvider';
import { i18nProvider } from './providers/i18nProvider';
import { canAccess, isCampaignReader, isPriorityReader, isTargetReader, isUserManager, type Permissions } from './providers/permissions';
import { isCycleReader, isFollowUpReader, isReasonReporter } from './providers/permissions';
import { isReportReader } from './providers/permissions';
import { Dashboard } from './dashboard/Dashboard';
import { ReportsPage } from './reports/hierarchy/ReportsPage';
import { AchievementBoard } from './reports/achievement/AchievementBoard';
import { OnTimePage } from './reports/on-time/OnTimePage';
import auditEvents from './resources/audit-events';
import { auditEventsDescriptor } from './resources/audit-events/queries';
import campaigns from './resources/campaigns';
import { CampaignCalendar } from './resources/campaigns/CampaignCalendar';
import { PrioritiesPage } from './resources/campaigns/PrioritiesPage';
import { campaignsDescriptor } from './resources/campaigns/queries';
import { VisitEntry } from './resources/campaigns/VisitEntry';
import { CollectorReasonsPage } from './resources/collection/CollectorReasonsPage';
import { CyclePage } from './resources/collection/CyclePage';
import { FollowUpBoard } from './resources/collection/FollowUpBoard';
import { enrollmentsDescriptor } from './resources/enrollments/queries';
import households from './resources/households';
import { householdsDescriptor } from './resources/households/queries';
import orgUnits from './resources/org-units';
import { OrgUnitTree } from './resources/org-units/OrgUnitTree';
import { orgUnitsDescriptor } from './resources/org-units/queries';
import persons from './resources/persons';
import { personsDescriptor } from './resources/persons/queries';
import { PolicyRulesPage } from './resources/policy-rules/PolicyRulesPage';
import { AllocationPage } from './resources/targets/AllocationPage';
import unitStatistics from './resources/unit-statistics';
import { unitStatisticsDescriptor } from './resources/unit-statistics/queries';
import { ImportPage } from './imports/ImportPage';
import users from './resources/users';
import { usersDescriptor } from './resources/users/queries';

// react-admin's own router components, so custom routes use the very react-router it runs on.
const { Route } = reactRouterProvider;

/** Resource name → how it maps onto the GraphQL API. Add a resource here and in <Admin>. */
const dataProvider = createDataProvider({
  client: apolloClient,
  resources: {
    orgUnits: orgUnitsDescriptor,
    users: usersDescriptor,
    auditEvents: auditEventsDescriptor,
    persons: personsDescriptor,
    households: householdsDescriptor,
    // Read one by one on the person's page (with their dues); no page of their own.
    enrollments: enrollmentsDescriptor,
    unitStatistics: unitStatisticsDescriptor,
    campaigns: campaignsDescriptor,
  },
  getLocale: () => i18nProvider.getLocale(),
});

const authProvider = createAuthProvider({
  client: apolloClient,
  getLocale: () => i18nProvider.getLocale(),
  translate: (key) => i18nProvider.translate(key),
});

/**
 * The resources of the logged-in user's role: accounts and the audit trail only exist (menu and
 * routes) for administrators and planners; read-only roles get no create or edit page of units;
 * people and households exist for the roles that read the register (not collectors), with create
 * and edit pages for those that keep it; targets, achievement and unit statistics for the roles
 * that read plans (not collectors); mobilization models (campaigns) and their calendar for every
 * role, visit entry for those who log visits, "where to push" for the roles that read plans.
 */
const resourcesFor = (permissions: Permissions | null) => {
  const unitWriter = canAccess(permissions, { action: 'edit', resource: 'orgUnits' });
  const personReader = canAccess(permissions, { action: 'list', resource: 'persons' });
  const targetReader = isTargetReader(permissions);
  const campaignReader = isCampaignReader(permissions);
  return (
    <>
      <Resource
        name="orgUnits"
        {...orgUnits}
        create={canAccess(permissions, { action: 'create', resource: 'orgUnits' }) ? orgUnits.create : undefined}
        edit={unitWriter ? orgUnits.edit : undefined}
      />
      {personReader && (
        <Resource
          name="persons"
          {...persons}
          create={canAccess(permissions, { action: 'create', resource: 'persons' }) ? persons.create : undefined}
          edit={canAccess(permissions, { action: 'edit', resource: 'persons' }) ? persons.edit : undefined}
        />
      )}
      {personReader && <Resource name="households" {...households} />}
      {isUserManager(permissions) && <Resource name="users" {...users} />}
      {isUserManager(permissions) && <Resource name="auditEvents" {...auditEvents} />}
      {targetReader && <Resource name="unitStatistics" {...unitStatistics} />}
      {campaignReader && (
        <Resource name="campaigns" {...campaigns} create={canAccess(permissions, { action: 'create', resource: 'campaigns' }) ? campaigns.create : undefined} />
      )}
      <CustomRoutes>
        <Route path="/tree" element={<OrgUnitTree />} />
        {/* Readable by everyone; only administrators have it in the menu and may change it. */}
        <Route path="/policy-rules" element={<PolicyRulesPage />} />
        <Route path="/imports" element={<ImportPage />} />
        {targetReader && <Route path="/targets" element={<AllocationPage />} />}
        {targetReader && <Route path="/achievement" element={<AchievementBoard />} />}
        {campaignReader && <Route path="/campaign-calendar" element={<CampaignCalendar />} />}
        {canAccess(permissions, { action: 'logVisit', resource: 'campaigns' }) && <Route path="/visit-entry" element={<VisitEntry />} />}
        {isPriorityReader(permissions) && <Route path="/campaign-priorities" element={<PrioritiesPage />} />}
        {/* The monthly collection cycle: the lists for every role (collectors their organization's), reasons for those who report them, the follow-up board and the on-time rate for all but collectors. */}
        {isCycleReader(permissions) && <Route path="/collection-cycle" element={<CyclePage />} />}
        {isReasonReporter(permissions) && <Route path="/collection-reasons" element={<CollectorReasonsPage />} />}
        {isFollowUpReader(permissions) && <Route path="/follow-ups" element={<FollowUpBoard />} />}
        {isFollowUpReader(permissions) && <Route path="/on-time" element={<OnTimePage />} />}
        {isReportReader(permissions) && <Route path="/reports" element={<ReportsPage />} />}
      </CustomRoutes>
    </>
  );
};

export const App = () => (
  <ApolloProvider client={apolloClient}>
    <Admin
      title="Bao Phủ"
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      loginPage={LoginPage}
      dashboard={Dashboard}
      layout={AppLayout}
      requireAuth
      disableTelemetry
    >
      {resourcesFor}
    </Admin>
  </ApolloProvider>
);
