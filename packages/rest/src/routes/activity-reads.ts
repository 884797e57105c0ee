// /activities reads (reference §8.2): search, one node (optionally within a workflow), its latest
// client response, its errors and its audit log. A client sees only the nodes assigned to it.
import { findLatestClientResponse, findVisibleNode, listNodeHistory, searchNodes } from "@backbeat/db";
import type { Engine } from "@backbeat/engine";
import { assertUuid } from "@backbeat/core";
import { Router, type Request, type Response } from "express";
import { stringParam } from "../params.ts";
import { presentNode, presentNodes, presentStatusChange } from "../presenters.ts";
import { found, paramsOf, pathId, scopeOf } from "../request.ts";
import { cursorOf, hasFilter, searchFilter, searchPage } from "../search.ts";

export function activityReadRoutes(engine: Engine): Router {
  const r = Router();
  const nodeOf = async (req: Request, res: Response) => {
    const id = pathId(req);
    const node = await findVisibleNode(engine.sql, scopeOf(res), id);
    const workflowId = stringParam(paramsOf(req), "workflow_id");
    if (workflowId !== undefined) assertUuid(workflowId, "workflow_id");
    return found(node && (workflowId === undefined || node.workflowId === workflowId) ? node : null, "Node", id);
  };

  r.get("/search", async (req, res) => {
    const p = paramsOf(req);
    if (!hasFilter(p)) return void res.json([]);
    const { page, skip, lastId } = searchPage(p);
    if (lastId !== null) page.after = cursorOf(await findVisibleNode(engine.sql, scopeOf(res), lastId), lastId);
    const filter = { ...searchFilter(p), metadata: stringParam(p, "metadata") ?? null };
    const { items } = await searchNodes(engine.sql, scopeOf(res), filter, page);
    res.json(await presentNodes(engine.sql, items.slice(skip)));
  });

  r.get("/:id", async (req, res) => {
    res.json(await presentNode(engine.sql, await nodeOf(req, res)));
  });

  r.get("/:id/response", async (req, res) => {
    const node = await nodeOf(req, res);
    res.json((await findLatestClientResponse(engine.sql, node.id))?.response ?? null);
  });

  r.get("/:id/errors", async (req, res) => {
    const node = await nodeOf(req, res);
    res.json((await listNodeHistory(engine.sql, node.id, "errored")).map(presentStatusChange));
  });

  r.get("/:id/status_changes", async (req, res) => {
    const node = await nodeOf(req, res);
    res.json((await listNodeHistory(engine.sql, node.id)).map(presentStatusChange));
  });

  return r;
}
