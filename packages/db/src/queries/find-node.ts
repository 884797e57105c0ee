import type { NodeRecord } from "@backbeat/core";
import type { Db } from "../client.ts";
import { NODE_COLUMNS, toNodeRecord } from "./node-row.ts";

export async function findNode(db: Db, id: string): Promise<NodeRecord | null> {
  const rows = await db.$queryRaw<Record<string, unknown>[]>`SELECT ${NODE_COLUMNS} FROM nodes n WHERE n.id = ${id}::uuid`;
  return rows[0] ? toNodeRecord(rows[0]) : null;
}
