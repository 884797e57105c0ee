// A workflow's nodes: its signals, all of them (optionally by status), the tree and its printable
// text (reference §6.5, §8.1). A client sees only the nodes assigned to it, as over GraphQL.
import { BadInputError, isClientStatus, isServerStatus, type ClientStatus, type ServerStatus } from "@backbeat/core";
import { findVisibleWorkflow, listVisibleChildren, listVisibleWorkflowNodes } from "@backbeat/db";
import type { Engine } from "@backbeat/engine";
import { Router, type Request, type Response } from "express";
import { stringParam } from "../params.ts";
import { presentNodes } from "../presenters.ts";
import { found, paramsOf, pathId, scopeOf } from "../request.ts";
import { printTree, workflowTree } from "../tree.ts";

function statusFilter<T extends string>(value: string | undefined, valid: (s: string) => s is T, key: string) {
  if (value === undefined || value === "") return null;
  const lower = value.toLowerCase();
  if (!valid(lower)) throw new BadInputError(`${key} is not a status: ${JSON.stringify(value)}`);
  return lower;
}

export function workflowNodeRoutes(engine: Engine): Router {
  const r = Router();
  const workflowOf = async (req: Request, res: Response) => {
    const id = pathId(req);
    return found(await findVisibleWorkflow(engine.sql, scopeOf(res), id), "Workflow", id);
  };

  r.get("/:id/children", async (req, res) => {
    const w = await workflowOf(req, res);
    const nodes = await listVisibleChildren(engine.sql, scopeOf(res), { kind: "workflow", id: w.id });
    res.json(await presentNodes(engine.sql, nodes, [w]));
  });

  r.get("/:id/nodes", async (req, res) => {
    const w = await workflowOf(req, res);
    const p = paramsOf(req);
    const filter = {
      serverStatus: statusFilter<ServerStatus>(
        stringParam(p, "current_server_status"),
        isServerStatus,
        "current_server_status",
      ),
      clientStatus: statusFilter<ClientStatus>(
        stringParam(p, "current_client_status"),
        isClientStatus,
        "current_client_status",
      ),
    };
    const nodes = await listVisibleWorkflowNodes(engine.sql, scopeOf(res), w.id, filter);
    res.json(await presentNodes(engine.sql, nodes, [w]));
  });

  r.get("/:id/tree", async (req, res) => {
    const w = await workflowOf(req, res);
    res.json(workflowTree(w, await listVisibleWorkflowNodes(engine.sql, scopeOf(res), w.id)));
  });

  r.get("/:id/tree/print", async (req, res) => {
    const w = await workflowOf(req, res);
    res.json({ print: printTree(workflowTree(w, await listVisibleWorkflowNodes(engine.sql, scopeOf(res), w.id))) });
  });

  return r;
}
