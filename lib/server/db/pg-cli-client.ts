import pg from "pg";

/**
 * A pg.Client for the Prisma CLI only (migrate deploy/diff through
 * @prisma/adapter-pg 6.19). Its schema engine cannot deserialise the catalog
 * types `name` (oid 19) and `"char"` (oid 18) and fails with "Column type
 * 'name' could not be deserialized" (prisma/orm#27403); both are text to us.
 */
export class PgCliClient extends pg.Client {
  /* eslint-disable @typescript-eslint/no-explicit-any --
   * pg's query() has many overloads; keep them all, rewrite the result. */
  override query(...args: any[]): any {
    // pg.Pool calls query(config, values, callback); promise callers get a thenable.
    const last = args[args.length - 1];
    if (typeof last === "function") {
      args[args.length - 1] = (error: Error | null, res: pg.QueryResult) => last(error, error ? res : retype(res));
      return (super.query as any)(...args);
    }
    const result = (super.query as any)(...args);
    return result && typeof result.then === "function" ? result.then(retype) : result;
  }
}

function retype(res: pg.QueryResult): pg.QueryResult {
  for (const field of res?.fields ?? []) {
    if (field.dataTypeID === 19 || field.dataTypeID === 18) field.dataTypeID = 25;
  }
  return res;
}

/** Splits a URL into the discrete fields the CLI pool wants. */
export function pgPoolConfig(url: string): pg.PoolConfig {
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname) || u.searchParams.get("host") || "localhost",
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.replace(/^\//, "")),
    // Close idle connections at once so the shadow database can be dropped.
    idleTimeoutMillis: 1,
  };
}
