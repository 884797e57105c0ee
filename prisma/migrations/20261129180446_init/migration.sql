-- CreateTable
CREATE TABLE "clients" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "activity_endpoint" TEXT,
    "decision_endpoint" TEXT,
    "notification_endpoint" TEXT,
    "token_hash" TEXT NOT NULL,
    "signing_secret" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "clients_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workflows" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "client_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "decider" TEXT NOT NULL,
    "subject" JSONB NOT NULL,
    "subject_key" TEXT NOT NULL,
    "complete" BOOLEAN NOT NULL DEFAULT false,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "workflows_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "nodes" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "seq" BIGSERIAL NOT NULL,
    "workflow_id" UUID NOT NULL,
    "parent_id" UUID,
    "client_id" UUID NOT NULL,
    "parent_link_id" UUID,
    "name" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "server_status" TEXT NOT NULL,
    "client_status" TEXT NOT NULL,
    "fires_at" TIMESTAMPTZ(3) NOT NULL,
    "retries_remaining" INTEGER NOT NULL,
    "retry_interval" INTEGER NOT NULL,
    "complete_by" TIMESTAMPTZ(3),
    "client_data" JSONB NOT NULL DEFAULT '{}',
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "nodes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "status_changes" (
    "id" BIGSERIAL NOT NULL,
    "node_id" UUID NOT NULL,
    "workflow_id" UUID NOT NULL,
    "status_type" TEXT NOT NULL,
    "from_status" TEXT NOT NULL,
    "to_status" TEXT NOT NULL,
    "response" JSONB NOT NULL DEFAULT '{}',
    "actor" TEXT NOT NULL DEFAULT 'engine',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "status_changes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "jobs" (
    "id" BIGSERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "node_id" UUID,
    "workflow_id" UUID,
    "run_at" TIMESTAMPTZ(3) NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "dedupe_key" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbound_calls" (
    "id" BIGSERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "node_id" UUID NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "run_at" TIMESTAMPTZ(3) NOT NULL,
    "tries" INTEGER NOT NULL DEFAULT 0,
    "locked_by" TEXT,
    "locked_until" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outbound_calls_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "clients_name_key" ON "clients"("name");

-- CreateIndex
CREATE UNIQUE INDEX "clients_token_hash_key" ON "clients"("token_hash");

-- CreateIndex
CREATE INDEX "workflows_created_at_id_idx" ON "workflows"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "workflows_client_id_name_subject_key_key" ON "workflows"("client_id", "name", "subject_key");

-- CreateIndex
CREATE UNIQUE INDEX "nodes_seq_key" ON "nodes"("seq");

-- CreateIndex
CREATE INDEX "nodes_workflow_id_seq_idx" ON "nodes"("workflow_id", "seq");

-- CreateIndex
CREATE INDEX "nodes_parent_id_seq_idx" ON "nodes"("parent_id", "seq");

-- CreateIndex
CREATE INDEX "nodes_parent_link_id_idx" ON "nodes"("parent_link_id");

-- CreateIndex
CREATE INDEX "nodes_client_id_seq_idx" ON "nodes"("client_id", "seq");

-- CreateIndex
CREATE INDEX "status_changes_node_id_id_idx" ON "status_changes"("node_id", "id");

-- CreateIndex
CREATE INDEX "status_changes_workflow_id_id_idx" ON "status_changes"("workflow_id", "id");

-- CreateIndex
CREATE INDEX "status_changes_to_status_created_at_idx" ON "status_changes"("to_status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "jobs_dedupe_key_key" ON "jobs"("dedupe_key");

-- CreateIndex
CREATE INDEX "jobs_run_at_id_idx" ON "jobs"("run_at", "id");

-- CreateIndex
CREATE INDEX "jobs_node_id_idx" ON "jobs"("node_id");

-- CreateIndex
CREATE INDEX "outbound_calls_run_at_id_idx" ON "outbound_calls"("run_at", "id");

-- CreateIndex
CREATE INDEX "outbound_calls_node_id_idx" ON "outbound_calls"("node_id");

-- AddForeignKey
ALTER TABLE "workflows" ADD CONSTRAINT "workflows_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "nodes" ADD CONSTRAINT "nodes_workflow_id_fkey" FOREIGN KEY ("workflow_id") REFERENCES "workflows"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "nodes" ADD CONSTRAINT "nodes_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "nodes" ADD CONSTRAINT "nodes_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "nodes"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "nodes" ADD CONSTRAINT "nodes_parent_link_id_fkey" FOREIGN KEY ("parent_link_id") REFERENCES "nodes"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "status_changes" ADD CONSTRAINT "status_changes_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "nodes"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written below: what Prisma's schema language cannot say.
-- (No semicolons inside comments or bodies: the migration runner splits the script on them.)

-- The status vocabulary (reference §3.1), the transition rules live in @backbeat/core.
ALTER TABLE "nodes" ADD CONSTRAINT "nodes_server_status_check" CHECK ("server_status" IN
  ('pending','ready','started','sent_to_client','processing_children','complete','errored',
   'deactivated','retrying','retries_exhausted','paused'));
ALTER TABLE "nodes" ADD CONSTRAINT "nodes_client_status_check" CHECK ("client_status" IN
  ('pending','ready','received','processing','complete','errored','resolved','shutdown'));
ALTER TABLE "nodes" ADD CONSTRAINT "nodes_mode_check" CHECK ("mode" IN ('blocking','non_blocking','fire_and_forget'));
ALTER TABLE "nodes" ADD CONSTRAINT "nodes_type_check" CHECK ("type" IN ('decision','activity','flag'));
ALTER TABLE "nodes" ADD CONSTRAINT "nodes_retries_check" CHECK ("retries_remaining" >= 0 AND "retry_interval" >= 0);
ALTER TABLE "status_changes" ADD CONSTRAINT "status_changes_type_check" CHECK ("status_type" IN ('server','client'));
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_kind_check" CHECK ("kind" IN ('pass','start','retry','connection_check'));
ALTER TABLE "outbound_calls" ADD CONSTRAINT "outbound_calls_kind_check" CHECK ("kind" IN ('deliver','notify'));

-- The next-node pass reads only a parent's unfinished children, this index shrinks as they finish.
CREATE INDEX "nodes_active_children_idx" ON "nodes" ("parent_id", "seq")
  WHERE "server_status" NOT IN ('complete','deactivated');
CREATE INDEX "nodes_active_signals_idx" ON "nodes" ("workflow_id", "seq")
  WHERE "parent_id" IS NULL AND "server_status" NOT IN ('complete','deactivated');
-- The deadline watcher: nodes waiting for a client report.
CREATE INDEX "nodes_deadline_idx" ON "nodes" ("complete_by") WHERE "server_status" = 'sent_to_client';
CREATE INDEX "nodes_paused_idx" ON "nodes" ("workflow_id") WHERE "server_status" = 'paused';
