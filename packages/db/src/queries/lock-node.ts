import type { NodeRecord } from "@backbeat/core";
import type { Tx } from "../client.ts";
import { NODE_COLUMNS, toNodeRecord } from "./node-row.ts";

/** Reads a node and holds its row lock until the transaction ends. */
export async function lockNode(tx: Tx, id: string): Promise<NodeRecord | null> {
  const rows = await tx.$queryRaw<Record<string, unknown>[]>`SELECT ${NODE_COLUMNS} FROM nodes n WHERE n.id = ${id}::uuid FOR UPDATE`;
  return rows[0] ? toNodeRecord(rows[0]) : null;
}
