// Client endpoints and signing secrets, read on every delivery, cached briefly per process.
// Entries expire after a few seconds, so a changed endpoint is picked up soon without a restart.
import { findClient, type ClientRecord, type Sql } from "@backbeat/db";

const TTL_MS = 5_000;

export class ClientCache {
  private readonly entries = new Map<string, { client: ClientRecord | null; expires: number }>();

  async get(sql: Sql, id: string): Promise<ClientRecord | null> {
    const hit = this.entries.get(id);
    const now = performance.now();
    if (hit && hit.expires > now) return hit.client;
    const client = await findClient(sql, id);
    this.entries.set(id, { client, expires: now + TTL_MS });
    return client;
  }
}
