import path from 'node:path';

/** Settings of the API, read once from the environment (names fixed by CONTRACT.md). */
export interface Config {
  port: number;
  /** PostgreSQL server; when unset the embedded PGlite database in `dataDir` is used. */
  databaseUrl: string | null;
  /**
   * Streaming replicas of `databaseUrl` that the drill-down reports read from (DATABASE_READ_URLS,
   * comma-separated); empty: reports read the primary like everything else.
   */
  databaseReadUrls: string[];
  dataDir: string;
  seed: 'demo' | 'none';
  referenceUnits: 'all' | 'none';
  adminUsername: string | null;
  adminPassword: string | null;
  /** Folder of the built SPA served at `/`; null when not built. */
  spaDir: string;
  logLevel: 'silent' | 'info';
  /** Signing key of session tokens; when unset one is generated and kept in the database. */
  authSecret: string | null;
  /**
   * SESSION_CACHE_SECONDS (default 5, 0: off): how long a process keeps a verified session's user
   * and scope instead of reading them on every request. A session ended by another replica (or by
   * SQL) is honoured that long; one ended through this process ends at once.
   */
  sessionCacheSeconds: number;
  /** NODE_ENV=production: introspection and the GraphQL landing page are off. */
  production: boolean;
  /** JOBS=off: this process runs no scheduled jobs (pg-boss is not started). */
  jobs: boolean;
}

export class ConfigError extends Error {}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined || value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ConfigError(`${name}=${value} is not one of ${allowed.join(', ')}`);
}

/** Reads and validates the settings; throws ConfigError with a message naming the bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = env.PORT ? Number(env.PORT) : 4000;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT=${env.PORT} is not a port number`);
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const databaseReadUrls = readUrls(env.DATABASE_READ_URLS, databaseUrl);
  // The demo seed is the default only for the embedded database: a server named by DATABASE_URL is
  // never seeded with demo accounts unless SEED=demo is given explicitly (DESIGN.md §8).
  const seed = oneOf('SEED', env.SEED, ['demo', 'none'] as const, databaseUrl ? 'none' : 'demo');
  const adminUsername = env.ADMIN_USERNAME?.trim() || null;
  const adminPassword = env.ADMIN_PASSWORD || null;
  if (!!adminUsername !== !!adminPassword) throw new ConfigError('ADMIN_USERNAME and ADMIN_PASSWORD go together');
  return {
    port,
    databaseUrl,
    databaseReadUrls,
    // Relative to where the user typed the command: `pnpm start` at the root runs the API from
    // apps/api, and pnpm says where it was invoked in INIT_CWD.
    dataDir: path.resolve(env.INIT_CWD || process.cwd(), env.DATA_DIR || './data'),
    seed,
    referenceUnits: oneOf('REFERENCE_UNITS', env.REFERENCE_UNITS, ['all', 'none'] as const, 'all'),
    adminUsername,
    adminPassword,
    spaDir: path.resolve(env.SPA_DIR || path.join(__dirname, '..', '..', 'admin', 'dist')),
    logLevel: oneOf('LOG_LEVEL', env.LOG_LEVEL, ['silent', 'info'] as const, 'info'),
    authSecret: authSecret(env.AUTH_SECRET),
    sessionCacheSeconds: sessionCacheSeconds(env.SESSION_CACHE_SECONDS),
    production: env.NODE_ENV === 'production',
    jobs: oneOf('JOBS', env.JOBS, ['on', 'off'] as const, 'on') === 'on',
  };
}

function readUrls(value: string | undefined, databaseUrl: string | null): string[] {
  const urls = (value ?? '').split(',').map((u) => u.trim()).filter(Boolean);
  if (!urls.length) return [];
  // Refused rather than ignored: an operator who names replicas expects reports to leave the
  // primary, and the embedded database is one process with no replicas to read from.
  if (!databaseUrl) throw new ConfigError('DATABASE_READ_URLS needs DATABASE_URL: the embedded database (PGlite) has no read replicas');
  const bad = urls.findIndex((u) => !/^postgres(ql)?:\/\//.test(u));
  if (bad >= 0) throw new ConfigError(`DATABASE_READ_URLS: URL ${bad + 1} of ${urls.length} must start with postgres:// or postgresql://`);
  return urls;
}

function sessionCacheSeconds(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 5;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 300) throw new ConfigError(`SESSION_CACHE_SECONDS=${value} must be a number of seconds from 0 to 300`);
  return n;
}

function authSecret(value: string | undefined): string | null {
  if (!value) return null;
  if (value.length < 32) throw new ConfigError('AUTH_SECRET must have at least 32 characters');
  return value;
}
