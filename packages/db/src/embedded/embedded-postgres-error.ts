// A failure of the embedded PostgreSQL that its message explains in one line, with what to do about it.
export class EmbeddedPostgresError extends Error {
  override name = "EmbeddedPostgresError";
}

/** What to do instead, appended to the messages of failures the user can only work around. */
export const USE_DATABASE_URL = "set DATABASE_URL to a PostgreSQL server instead";
