// Reads of the audit log.
import type { Db } from "../client.ts";

export type StatusChangeRecord = {
  id: bigint;
  nodeId: string;
  workflowId: string;
  statusType: "server" | "client";
  fromStatus: string;
  toStatus: string;
  response: unknown;
  actor: string;
  createdAt: Date;
};

export async function listNodeStatusChanges(db: Db, nodeId: string): Promise<StatusChangeRecord[]> {
  const rows = await db.statusChange.findMany({ where: { nodeId }, orderBy: { id: "asc" } });
  return rows as StatusChangeRecord[];
}
