// Client applications. Tokens are stored only as SHA-256 hashes.
import type { Db } from "../client.ts";

export type ClientRecord = {
  id: string;
  name: string;
  activityEndpoint: string | null;
  decisionEndpoint: string | null;
  notificationEndpoint: string | null;
  signingSecret: string;
  createdAt: Date;
};

const select = {
  id: true,
  name: true,
  activityEndpoint: true,
  decisionEndpoint: true,
  notificationEndpoint: true,
  signingSecret: true,
  createdAt: true,
} as const;

export async function insertClient(
  db: Db,
  c: Omit<ClientRecord, "id" | "createdAt"> & { tokenHash: string },
): Promise<ClientRecord> {
  return db.client.create({ data: c, select });
}

export async function findClient(db: Db, id: string): Promise<ClientRecord | null> {
  return db.client.findUnique({ where: { id }, select });
}

export async function findClientByName(db: Db, name: string): Promise<ClientRecord | null> {
  return db.client.findUnique({ where: { name }, select });
}

export async function findClientByTokenHash(db: Db, tokenHash: string): Promise<ClientRecord | null> {
  return db.client.findUnique({ where: { tokenHash }, select });
}

export async function listClients(db: Db): Promise<ClientRecord[]> {
  return db.client.findMany({ select, orderBy: { name: "asc" } });
}
