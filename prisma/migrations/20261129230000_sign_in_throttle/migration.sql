-- Failed sign-ins are throttled from the audit log itself (recent-failed-sign-ins.ts): a refusal
-- is recorded with its own result, TOO_MANY_ATTEMPTS, so it never counts as a password failure.
ALTER TABLE "operator_actions" DROP CONSTRAINT "operator_actions_result_check";
ALTER TABLE "operator_actions" ADD CONSTRAINT "operator_actions_result_check" CHECK ("result" IN
    ('ok','BAD_USER_INPUT','NOT_FOUND','CONFLICT','FORBIDDEN','UNAUTHENTICATED','TOO_MANY_ATTEMPTS','INTERNAL_SERVER_ERROR'));
-- Every signIn reads one login's latest password failures: a partial index holding only those
-- rows, in that order, so the check never scans the log (Prisma's schema cannot express it).
-- The predicate is the query's, word for word, so the planner can prove the index covers it.
CREATE INDEX "operator_actions_failed_sign_in_idx" ON "operator_actions" ("operator", "created_at")
  WHERE "action" = 'signIn' AND "result" = 'UNAUTHENTICATED';
