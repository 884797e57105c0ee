// Every node by server status and by client status (the dashboard's overview), in one scan.
import type { StatusCountRecord } from "./count-workflow-node-statuses.ts";
import { query, sql, type Sql } from "../sql.ts";

export async function countAllNodeStatuses(
  db: Sql,
): Promise<{ server: StatusCountRecord[]; client: StatusCountRecord[] }> {
  const rows = await query<{ type: "server" | "client"; status: string; count: number }>(
    db,
    sql`SELECT CASE WHEN GROUPING(server_status) = 0 THEN 'server' ELSE 'client' END AS type,
      COALESCE(server_status, client_status) AS status, count(*)::int AS count
    FROM nodes GROUP BY GROUPING SETS ((server_status), (client_status)) ORDER BY 1, 3 DESC, 2`,
  );
  const pick = (type: "server" | "client") =>
    rows.filter((r) => r.type === type).map((r) => ({ status: r.status, count: r.count }));
  return { server: pick("server"), client: pick("client") };
}
