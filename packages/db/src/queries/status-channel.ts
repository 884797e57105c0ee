// Every statement that writes status_changes rows also NOTIFYs this channel, so each server's
// status feed (nodeEvents, nodesToRun) reads the audit tail as soon as a change commits, in
// whichever process it was made. NOTIFY is delivered at commit (never for a rollback), and
// PostgreSQL merges identical notifications of one transaction: one wake-up per transaction.
import { raw } from "../sql.ts";

export const STATUS_CHANNEL = "backbeat_status";

// A RETURNING clause, not a SELECT in its own CTE: PostgreSQL skips a CTE nobody reads, but always
// runs a data-modifying one to completion, RETURNING included (one call per row, merged as above).
export const RETURNING_STATUS_NOTIFY = raw(`RETURNING pg_notify('${STATUS_CHANNEL}', '')`);
