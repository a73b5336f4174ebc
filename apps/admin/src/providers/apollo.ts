import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { TOKEN_STORAGE_KEY } from './session';

function readToken(): string | null {
  try {
    return globalThis.localStorage?.getItem(TOKEN_STORAGE_KEY) ?? null;
  } catch {
    // Storage can be blocked (privacy settings); the API then answers as for a visitor.
    return null;
  }
}

/** Read on every request, so a login or logout takes effect without rebuilding the client. */
const authLink = new SetContextLink((prevContext) => {
  const token = readToken();
  if (!token) return {};
  return { headers: { ...prevContext.headers, Authorization: `Bearer ${token}` } };
});

/** Same origin as the SPA: the API serves both, and Vite's dev server proxies /graphql. */
const httpLink = new HttpLink({ uri: '/graphql' });

/**
 * The one Apollo Client of the SPA. react-admin keeps its own query cache, so the dataProvider
 * reads with `no-cache`; the normalized cache serves screens that use Apollo hooks directly.
 * OrgUnit is not normalized because its `name` depends on the `asOf` of the list it came from.
 */
export const apolloClient = new ApolloClient({
  link: ApolloLink.from([authLink, httpLink]),
  cache: new InMemoryCache({
    typePolicies: {
      OrgUnit: { keyFields: false },
    },
  }),
});
