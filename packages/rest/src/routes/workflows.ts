// /workflows: find-or-create, lookup by identity, names, search, one workflow (reference §6.3, §8.1).
import type { Engine } from "@backbeat/engine";
import { findVisibleWorkflow, listWorkflowNames, lookupWorkflow, searchWorkflows } from "@backbeat/db";
import { BadInputError } from "@backbeat/core";
import { Router } from "express";
import { callerOf } from "../auth.ts";
import { stringParam, type Params } from "../params.ts";
import { presentWorkflow } from "../presenters.ts";
import { found, paramsOf, pathId, scopeOf } from "../request.ts";
import { cursorOf, hasFilter, searchFilter, searchPage } from "../search.ts";

/** `workflow_type` is the original's older name for `name`. */
function workflowName(p: Params): string | undefined {
  return stringParam(p, "name") ?? stringParam(p, "workflow_type");
}

/** A subject in a query string is text: the workflow whose subject is that string, else that JSON. */
function subjectCandidates(subject: unknown): unknown[] {
  if (typeof subject !== "string") return [subject];
  try {
    const parsed: unknown = JSON.parse(subject);
    return typeof parsed === "string" ? [subject] : [subject, parsed];
  } catch {
    return [subject];
  }
}

export function workflowRoutes(engine: Engine): Router {
  const r = Router();

  r.get("/", async (req, res) => {
    const p = paramsOf(req);
    const name = workflowName(p);
    if (!name) throw new BadInputError("name (or workflow_type) is required");
    if (p.subject === undefined || p.subject === null) throw new BadInputError("subject is required");
    const decider = stringParam(p, "decider");
    for (const subject of subjectCandidates(p.subject)) {
      const w = await lookupWorkflow(engine.sql, scopeOf(res), name, subject);
      if (w && (decider === undefined || w.decider === decider)) return void res.json(presentWorkflow(w));
    }
    found(null, "Workflow", name);
  });

  r.post("/", async (req, res) => {
    const p = paramsOf(req);
    const input = { name: workflowName(p) ?? "", subject: p.subject ?? undefined, decider: stringParam(p, "decider") };
    res.status(201).json(presentWorkflow(await engine.createWorkflow(callerOf(res), input)));
  });

  r.get("/names", async (_req, res) => {
    res.json(await listWorkflowNames(engine.sql, scopeOf(res)));
  });

  r.get("/search", async (req, res) => {
    const p = paramsOf(req);
    if (!hasFilter(p)) return void res.json([]);
    const { page, skip, lastId } = searchPage(p);
    if (lastId !== null) page.after = cursorOf(await findVisibleWorkflow(engine.sql, scopeOf(res), lastId), lastId);
    const filter = { ...searchFilter(p), subject: stringParam(p, "subject") ?? null };
    const { items } = await searchWorkflows(engine.sql, scopeOf(res), filter, page);
    res.json(items.slice(skip).map(presentWorkflow));
  });

  r.get("/:id", async (req, res) => {
    const id = pathId(req);
    res.json(presentWorkflow(found(await findVisibleWorkflow(engine.sql, scopeOf(res), id), "Workflow", id)));
  });

  return r;
}
