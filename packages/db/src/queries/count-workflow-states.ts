// Every workflow by the facts core's workflowStateOf reads (failed, paused, unfinished, timer, busy), in one
// scan of the nodes: at most 32 rows, one per combination, each with how many workflows have it. The rule that
// turns facts into a state stays in core. A workflow without nodes has no fact but its pause.
import { FAILED_SERVER_STATUSES, NOT_STARTED_SERVER_STATUSES, type WorkflowStateFacts } from "@backbeat/core";
import { query, sql, type Sql } from "../sql.ts";
import { statusList, statusLiteral, unfinishedSql } from "../status-sql.ts";

export type WorkflowStateFactsCount = WorkflowStateFacts & { count: number };

export function countWorkflowStateFacts(db: Sql, now: Date): Promise<WorkflowStateFactsCount[]> {
  const waitsForTime = sql`(n.server_status IN (${statusList(NOT_STARTED_SERVER_STATUSES)}) AND n.fires_at > ${now}::timestamptz)`;
  return query<WorkflowStateFactsCount>(
    db,
    sql`WITH facts AS (
      SELECT COALESCE(bool_or(n.server_status IN (${statusList(FAILED_SERVER_STATUSES)})), false) AS failed,
        w.paused OR COALESCE(bool_or(n.server_status = ${statusLiteral("paused")}), false) AS paused,
        COALESCE(bool_or(${unfinishedSql("n")}), false) AS unfinished,
        COALESCE(bool_or(${waitsForTime}), false) AS timer,
        COALESCE(bool_or(${unfinishedSql("n")} AND NOT ${waitsForTime}
          AND n.server_status <> ${statusLiteral("pending")}), false) AS busy
      FROM workflows w LEFT JOIN nodes n ON n.workflow_id = w.id
      GROUP BY w.id
    )
    SELECT failed, paused, unfinished, timer, busy, count(*)::int AS count FROM facts
    GROUP BY failed, paused, unfinished, timer, busy`,
  );
}
