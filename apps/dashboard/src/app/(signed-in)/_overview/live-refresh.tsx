"use client";
// Keeps the overview current without polling and without reloading the page: the /api/events stream says when
// any node's status changed, and the page's server components are read again (router.refresh) at most once per
// REFRESH_MS, however many changes come.
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";

const REFRESH_MS = 2_000;

type State = "connecting" | "live" | "reconnecting" | "failed";

const TEXT: Record<State, string> = {
  connecting: "connecting…",
  live: "live: refreshes when a node changes",
  reconnecting: "reconnecting…",
  failed: "not live: use Refresh",
};

export function LiveRefresh() {
  const router = useRouter();
  const [state, setState] = useState<State>("connecting");
  const [refreshes, setRefreshes] = useState(0);
  const [, startTransition] = useTransition();

  useEffect(() => {
    const source = new EventSource("/api/events");
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = 0;
    let connectedBefore = false;
    const refreshSoon = () => {
      if (timer) return;
      timer = setTimeout(
        () => {
          timer = null;
          last = Date.now();
          setRefreshes((n) => n + 1);
          startTransition(() => router.refresh());
        },
        Math.max(0, last + REFRESH_MS - Date.now()),
      );
    };
    source.addEventListener("ready", () => {
      setState("live");
      // After a reconnect: what changed meanwhile was not heard of.
      if (connectedBefore) refreshSoon();
      connectedBefore = true;
    });
    source.addEventListener("change", refreshSoon);
    source.addEventListener("dropped", () => setState("reconnecting"));
    source.addEventListener("failed", () => {
      source.close();
      setState("failed");
    });
    source.addEventListener("signed-out", () => {
      source.close();
      window.location.assign("/signin?expired=1");
    });
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? "failed" : "reconnecting");
    return () => {
      source.close();
      if (timer) clearTimeout(timer);
    };
  }, [router]);

  return (
    <span
      className={`live ${state === "live" ? "on" : "off"}`}
      data-testid="overview-live"
      data-state={state}
      data-refreshes={refreshes}
      role="status"
    >
      ● {TEXT[state]}
    </span>
  );
}
