// /activities commands (reference §7.4–§7.5, §4.6): status reports, decisions, restart, reset,
// schedule — each one engine command, the same GraphQL's mutations run.
import { BadInputError } from "@backbeat/core";
import type { Engine } from "@backbeat/engine";
import { Router } from "express";
import { callerOf } from "../auth.ts";
import { nodeInputOf, unwrapArgs } from "../node-input.ts";
import type { Params } from "../params.ts";
import { paramsOf, pathId, SUCCESS } from "../request.ts";

/** `{"response": …}`, or the legacy `{"args": …}`; null or nothing is no response. */
function responseOf(p: Params): unknown {
  return p.response ?? p.args ?? undefined;
}

export function activityActionRoutes(engine: Engine): Router {
  const r = Router();

  r.put("/:id/status/:status", async (req, res) => {
    const id = pathId(req);
    await engine.reportNodeStatus(callerOf(res), id, String(req.params.status), responseOf(paramsOf(req)));
    res.json(SUCCESS);
  });

  r.post("/:id/decisions", async (req, res) => {
    const id = pathId(req);
    const decisions = unwrapArgs(paramsOf(req)).decisions;
    if (!Array.isArray(decisions)) throw new BadInputError("decisions must be a list");
    const children = decisions.map((d, i) => {
      if (d === null || typeof d !== "object" || Array.isArray(d))
        throw new BadInputError(`decisions[${i}] must be an object`);
      return nodeInputOf(d as Params);
    });
    const nodes = await engine.addChildren(callerOf(res), id, children);
    res.status(201).json(nodes.map((n) => n.id));
  });

  r.put("/:id/restart", async (req, res) => {
    await engine.restartNode(callerOf(res), pathId(req));
    res.json(SUCCESS);
  });
  r.put("/:id/reset", async (req, res) => {
    await engine.resetNode(callerOf(res), pathId(req));
    res.json(SUCCESS);
  });
  r.put("/:id/schedule", async (req, res) => {
    await engine.scheduleNode(callerOf(res), pathId(req));
    res.json(SUCCESS);
  });

  return r;
}
