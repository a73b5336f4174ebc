import { ApolloProvider } from '@apollo/client/react';
import { Admin, CustomRoutes, reactRouterProvider, Resource } from 'react-admin';
import { AppLayout } from './layout/AppLayout';
import { apolloClient } from './providers/apollo';
import { createDataProvider } from './providers/dataProvider';
import { i18nProvider } from './providers/i18nProvider';
import orgUnits from './resources/org-units';
import { OrgUnitTree } from './resources/org-units/OrgUnitTree';
import { orgUnitsDescriptor } from './resources/org-units/queries';

// react-admin's own router components, so custom routes use the very react-router it runs on.
const { Route } = reactRouterProvider;

/** Resource name → how it maps onto the GraphQL API. Add a resource here and in <Admin>. */
const dataProvider = createDataProvider({
  client: apolloClient,
  resources: {
    orgUnits: orgUnitsDescriptor,
  },
  getLocale: () => i18nProvider.getLocale(),
});

export const App = () => (
  <ApolloProvider client={apolloClient}>
    <Admin
      title="Bao Phủ"
      dataProvider={dataProvider}
      i18nProvider={i18nProvider}
      layout={AppLayout}
      disableTelemetry
    >
      <Resource name="orgUnits" {...orgUnits} />
      <CustomRoutes>
        <Route path="/tree" element={<OrgUnitTree />} />
      </CustomRoutes>
    </Admin>
  </ApolloProvider>
);
