"use client";
// The workflow's nodes in the browser: the server's snapshot merged with live events from the SSE route.
// The page read the status feed's position before the snapshot; the stream starts right after it (`?after=`),
// so every change the snapshot may lack is replayed, then streamed (a reconnect resumes from Last-Event-ID).
// Changes the snapshot already shows may come again: live-store.ts applies them by status-change id, once.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { LiveEvent, StatusChangeItem, TreeNode } from "@/lib/tree-node";
import { applyEvent, applySnapshot, emptyStore, type LiveStore } from "./live-store";

export type LiveState = "connecting" | "live" | "reconnecting" | "signed-out" | "failed";

export type LiveChange = StatusChangeItem & { nodeName: string };

/**
 * `position`: the status feed position the page read before `snapshot` (every change up to it is in the
 * snapshot; later ones may be too).
 */
export function useLiveNodes(
  workflowId: string,
  snapshot: TreeNode[],
  position: string,
  selectedNodeId: string | null,
) {
  const router = useRouter();
  const store = useRef<LiveStore | null>(null);
  if (store.current === null) {
    store.current = emptyStore();
    applySnapshot(store.current, snapshot, position);
  }
  // Where the stream starts: the first snapshot's position (later snapshots only merge in).
  const startAfter = useRef(position);
  const [version, setVersion] = useState(0);
  const [live, setLive] = useState<LiveState>("connecting");
  const [problem, setProblem] = useState<string | null>(null);
  const [changes, setChanges] = useState<LiveChange[]>([]);
  const selected = useRef(selectedNodeId);
  selected.current = selectedNodeId;

  // A newer snapshot (router.refresh, revalidation after an action, back to the tree tab) merges in by its
  // position: a node keeps a state that includes a later change than the snapshot's position.
  useEffect(() => {
    const s = store.current;
    if (!s || snapshot.length === 0) return;
    if (applySnapshot(s, snapshot, position)) setVersion((v) => v + 1);
  }, [snapshot, position]);

  useEffect(() => {
    const after = new URLSearchParams({ after: startAfter.current }).toString();
    const source = new EventSource(`/api/workflows/${encodeURIComponent(workflowId)}/events?${after}`);
    let pending: LiveEvent[] = [];
    let frame: number | null = null;
    let refreshTimer: ReturnType<typeof setTimeout> | null = null;

    const refreshSoon = () => {
      if (refreshTimer) return;
      refreshTimer = setTimeout(() => {
        refreshTimer = null;
        router.refresh();
      }, 300);
    };
    // Events come in bursts (a fan-out of children): apply them once per animation frame.
    const flush = () => {
      frame = null;
      const batch = pending;
      pending = [];
      const s = store.current;
      if (!s) return;
      let changed = false;
      for (const event of batch) {
        changed = applyEvent(s, event) || changed;
        if (event.node.id === selected.current) refreshSoon();
      }
      if (changed) setVersion((v) => v + 1);
      setChanges((list) => [...list, ...batch.map((e) => ({ ...e.statusChange, nodeName: e.node.name }))]);
    };

    source.addEventListener("ready", () => {
      setLive("live");
      setProblem(null);
    });
    source.addEventListener("change", (e: MessageEvent<string>) => {
      pending.push(JSON.parse(e.data) as LiveEvent);
      frame ??= requestAnimationFrame(flush);
    });
    source.addEventListener("dropped", (e: MessageEvent<string>) => {
      setLive("reconnecting");
      setProblem(JSON.parse(e.data) as string);
    });
    source.addEventListener("failed", (e: MessageEvent<string>) => {
      source.close();
      setLive("failed");
      setProblem(JSON.parse(e.data) as string);
    });
    source.addEventListener("signed-out", () => {
      source.close();
      setLive("signed-out");
      window.location.assign("/signin?expired=1");
    });
    source.onerror = () => {
      // CONNECTING: the browser retries by itself (with Last-Event-ID). CLOSED: it gave up (e.g. signed out).
      setLive(source.readyState === EventSource.CLOSED ? "failed" : "reconnecting");
      if (source.readyState === EventSource.CLOSED) setProblem("The live connection was refused; reload the page.");
    };

    return () => {
      source.close();
      if (frame !== null) cancelAnimationFrame(frame);
      if (refreshTimer) clearTimeout(refreshTimer);
    };
  }, [workflowId, router]);

  return { store: store.current, version, live, problem, changes };
}
