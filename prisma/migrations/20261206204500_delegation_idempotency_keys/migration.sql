-- Delegation is explicit (issue 10): a client runs nodes of another client only if an operator
-- listed that client here. Null or empty: it accepts work from nobody but itself.
ALTER TABLE "clients" ADD COLUMN "accepts_work_from" UUID[];

-- Idempotency keys of signals and addChildren: every node one call created carries the call's key
-- and its position in the call. A repeated call with the same key finds them instead of creating
-- more; the unique index (scoped to the parent, or the workflow for a signal) makes that hold
-- across concurrent calls too.
ALTER TABLE "nodes" ADD COLUMN "idempotency_key" TEXT, ADD COLUMN "idempotency_index" INTEGER;
CREATE UNIQUE INDEX "nodes_idempotency_key_idx"
  ON "nodes" ((COALESCE("parent_id", "workflow_id")), "idempotency_key", "idempotency_index")
  WHERE "idempotency_key" IS NOT NULL;
