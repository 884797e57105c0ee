-- The nodes as they are now, whatever the snapshot of the statement that calls this: a VOLATILE
-- function's query takes a fresh snapshot. A pull claim (claim-pull-nodes.ts) locks nodes chosen
-- from its statement's snapshot and reads them again through this, in the same round trip, so it
-- sees every change committed before its locks were taken.
CREATE FUNCTION "backbeat_nodes_now"(ids uuid[]) RETURNS SETOF "nodes"
  LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  RETURN QUERY SELECT * FROM "nodes" WHERE "id" = ANY(ids);
END
$$;
