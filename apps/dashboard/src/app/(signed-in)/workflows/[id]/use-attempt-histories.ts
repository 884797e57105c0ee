"use client";
// The status histories of the retried nodes (attempt > 1) the waterfall shows now, for their attempt segments.
// Only rows in view are asked for, a short while after scrolling stops, in one request of at most 40 nodes;
// a history is kept until its node changes (attempt or last change), then asked for again while in view.
import { useEffect, useRef, useState } from "react";
import type { HistoryChange } from "./attempt-segments";

export type Histories = ReadonlyMap<string, { key: string; changes: HistoryChange[] }>;

const SETTLE_MS = 150;
const MAX_NODES = 40;

/** `wanted`: "nodeId:key" for each retried node in view, comma-separated (a string, so effects compare it). */
export function useAttemptHistories(workflowId: string, wanted: string): Histories {
  const [histories, setHistories] = useState<Histories>(new Map());
  const asked = useRef(new Set<string>());

  useEffect(() => {
    if (!wanted) return;
    const missing = wanted
      .split(",")
      .map((entry) => {
        const at = entry.indexOf(":");
        return { id: entry.slice(0, at), key: entry.slice(at + 1), entry };
      })
      .filter(({ id, key, entry }) => histories.get(id)?.key !== key && !asked.current.has(entry))
      .slice(0, MAX_NODES);
    if (missing.length === 0) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      for (const m of missing) asked.current.add(m.entry);
      const query = new URLSearchParams(missing.map((m) => ["node", m.id])).toString();
      fetch(`/api/workflows/${encodeURIComponent(workflowId)}/attempts?${query}`, { signal: controller.signal })
        .then((response) => (response.ok ? (response.json() as Promise<Record<string, HistoryChange[]>>) : {}))
        .then((found: Record<string, HistoryChange[]>) =>
          setHistories((current) => {
            const next = new Map(current);
            for (const m of missing) if (found[m.id]) next.set(m.id, { key: m.key, changes: found[m.id]! });
            return next;
          }),
        )
        .catch(() => {
          // Aborted (scrolled on) or failed: the plain bar stays; asked again when the row is next in view.
          for (const m of missing) asked.current.delete(m.entry);
        });
    }, SETTLE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [workflowId, wanted, histories]);

  return histories;
}
