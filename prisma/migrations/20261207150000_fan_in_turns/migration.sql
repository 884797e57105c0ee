-- A fan-in turn in one round trip (db/queries/fan-in.ts): the parents' advisory locks, in id order,
-- then the check, as two statements of a VOLATILE function, so the check's snapshot is taken after
-- the last lock: a sibling that completed while this one waited for its turn is seen complete. The
-- check repeats core's unfinished statuses and unwaited mode (status-sql.test.ts holds it to them) in
-- the words of nodes_active_children_idx's predicate, so it reads only the parent's unfinished children.
CREATE FUNCTION "backbeat_parents_with_no_child_left"(parent_ids uuid[], lock_space int) RETURNS SETOF uuid
  LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(lock_space, hashtext(p.id::text))
    FROM (SELECT u.id FROM unnest(parent_ids) AS u(id) ORDER BY u.id) AS p;
  RETURN QUERY SELECT p.id FROM unnest(parent_ids) AS p(id)
    WHERE NOT EXISTS (
      SELECT 1 FROM "nodes" c
      WHERE c.parent_id = p.id AND c.server_status NOT IN ('complete', 'deactivated') AND c.mode <> 'fire_and_forget');
END
$$;
