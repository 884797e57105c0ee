"use client";
// The workflow's nodes in the browser: the server's snapshot merged with live events from the SSE route.
// Merging keeps, per node, the freshest state (by updatedAt), so a snapshot and events may overlap in any order.
// A stream that starts without a cursor asks for a fresh snapshot (router.refresh) once it is subscribed, so
// nothing that changed between the page's render and the subscription is lost; a reconnect resumes from
// Last-Event-ID and needs none.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { isFresher, type LiveEvent, type StatusChangeItem, type TreeNode } from "@/lib/tree-node";

export type LiveState = "connecting" | "live" | "reconnecting" | "signed-out" | "failed";

export type LiveChange = StatusChangeItem & { nodeName: string };

type Store = { nodes: Map<string, TreeNode>; order: string[] };

function addOrReplace(store: Store, node: TreeNode): boolean {
  const current = store.nodes.get(node.id);
  if (!isFresher(node, current)) return false;
  if (!current) store.order.push(node.id);
  store.nodes.set(node.id, node);
  return true;
}

export function useLiveNodes(workflowId: string, snapshot: TreeNode[], selectedNodeId: string | null) {
  const router = useRouter();
  const store = useRef<Store | null>(null);
  if (store.current === null) {
    store.current = { nodes: new Map(), order: [] };
    for (const node of snapshot) addOrReplace(store.current, node);
  }
  const [version, setVersion] = useState(0);
  const [live, setLive] = useState<LiveState>("connecting");
  const [problem, setProblem] = useState<string | null>(null);
  const [changes, setChanges] = useState<LiveChange[]>([]);
  const selected = useRef(selectedNodeId);
  selected.current = selectedNodeId;

  // A newer snapshot (router.refresh, revalidation after an action, back to the tree tab) merges in like events
  // do; the snapshot's order (creation order) wins over the order in which live events first showed a node.
  useEffect(() => {
    const s = store.current;
    if (!s || snapshot.length === 0) return;
    let changed = false;
    for (const node of snapshot) changed = addOrReplace(s, node) || changed;
    const inSnapshot = new Set(snapshot.map((n) => n.id));
    const order = [...snapshot.map((n) => n.id), ...s.order.filter((id) => !inSnapshot.has(id))];
    if (order.some((id, i) => s.order[i] !== id)) {
      s.order = order;
      changed = true;
    }
    if (changed) setVersion((v) => v + 1);
  }, [snapshot]);

  useEffect(() => {
    const source = new EventSource(`/api/workflows/${encodeURIComponent(workflowId)}/events`);
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
        changed = addOrReplace(s, event.node) || changed;
        if (event.node.id === selected.current) refreshSoon();
      }
      if (changed) setVersion((v) => v + 1);
      setChanges((list) => [...list, ...batch.map((e) => ({ ...e.statusChange, nodeName: e.node.name }))]);
    };

    source.addEventListener("ready", (e: MessageEvent<string>) => {
      setLive("live");
      setProblem(null);
      const { resumed } = JSON.parse(e.data) as { resumed: string | null };
      if (resumed === null) refreshSoon();
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
