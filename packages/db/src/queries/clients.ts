// Client applications. Tokens are stored only as SHA-256 hashes.
import { execute, query, raw, sql, type Sql, type SqlFragment } from "../sql.ts";

export type ClientRecord = {
  id: string;
  name: string;
  activityEndpoint: string | null;
  decisionEndpoint: string | null;
  notificationEndpoint: string | null;
  signingSecret: string;
  /** Seconds a push to this client may take; null: the engine's outbound timeout. */
  pushTimeoutSeconds: number | null;
  /** Clients whose workflows may assign nodes to this one (set by operators; empty: none but itself). */
  acceptsWorkFrom: string[];
  createdAt: Date;
};

const COLUMNS =
  raw(`id::text AS id, name, activity_endpoint AS "activityEndpoint", decision_endpoint AS "decisionEndpoint",
  notification_endpoint AS "notificationEndpoint", signing_secret AS "signingSecret", push_timeout_seconds AS "pushTimeoutSeconds",
  COALESCE(accepts_work_from::text[], '{}') AS "acceptsWorkFrom", created_at AS "createdAt"`);

export async function insertClient(
  db: Sql,
  c: Omit<ClientRecord, "id" | "createdAt" | "pushTimeoutSeconds" | "acceptsWorkFrom"> & { tokenHash: string },
): Promise<ClientRecord> {
  const rows = await query<ClientRecord>(
    db,
    sql`
    INSERT INTO clients (name, activity_endpoint, decision_endpoint, notification_endpoint, token_hash, signing_secret)
    VALUES (${c.name}, ${c.activityEndpoint}, ${c.decisionEndpoint}, ${c.notificationEndpoint}, ${c.tokenHash}, ${c.signingSecret})
    RETURNING ${COLUMNS}`,
  );
  return rows[0]!;
}

async function findOne(db: Sql, where: SqlFragment): Promise<ClientRecord | null> {
  const rows = await query<ClientRecord>(db, sql`SELECT ${COLUMNS} FROM clients WHERE ${where}`);
  return rows[0] ?? null;
}

export function findClient(db: Sql, id: string): Promise<ClientRecord | null> {
  return findOne(db, sql`id = ${id}::uuid`);
}

export function findClientByName(db: Sql, name: string): Promise<ClientRecord | null> {
  return findOne(db, sql`name = ${name}`);
}

export function findClientByTokenHash(db: Sql, tokenHash: string): Promise<ClientRecord | null> {
  return findOne(db, sql`token_hash = ${tokenHash}`);
}

export function listClients(db: Sql): Promise<ClientRecord[]> {
  return query<ClientRecord>(db, sql`SELECT ${COLUMNS} FROM clients ORDER BY name`);
}

/** Gives the client this push timeout unless it has one already (set once, never overwritten). */
export async function setDefaultPushTimeout(db: Sql, id: string, seconds: number): Promise<void> {
  await execute(
    db,
    sql`UPDATE clients SET push_timeout_seconds = ${seconds} WHERE id = ${id}::uuid AND push_timeout_seconds IS NULL`,
  );
}

/** Replaces the list of clients this one accepts work from; null when there is no such client. */
export async function setClientAcceptsWorkFrom(
  db: Sql,
  id: string,
  acceptsWorkFrom: string[],
): Promise<ClientRecord | null> {
  const rows = await query<ClientRecord>(
    db,
    sql`UPDATE clients SET accepts_work_from = ${acceptsWorkFrom}::uuid[] WHERE id = ${id}::uuid RETURNING ${COLUMNS}`,
  );
  return rows[0] ?? null;
}
