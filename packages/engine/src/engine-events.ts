// The engine's observation seam: a tiny typed emitter that transports (apps/server's metrics) listen
// to. The engine knows nothing about Prometheus; emitting with no listener costs one lookup.

export type EngineEventMap = {
  /** An outbound call got its answer (or failed on the network). `latencyMs`: queued → answered. */
  delivered: {
    kind: "deliver" | "notify";
    ok: boolean;
    reason?: "http_error" | "network_error";
    latencyMs: number;
  };
  /** Status changes committed by one transaction, one event per (status type, target status). */
  transitions: { statusType: "server" | "client"; to: string; count: number };
};

export type EngineEventName = keyof EngineEventMap;
type Listener<K extends EngineEventName> = (event: EngineEventMap[K]) => void;

// Listener lists are copied on write: adding or removing one during emit() does not disturb that
// emit's loop, and emit() itself allocates nothing.
export class EngineEvents {
  private readonly listeners: { [K in EngineEventName]?: Listener<K>[] } = {};

  /** Returns the function that removes the listener. */
  on<K extends EngineEventName>(name: K, listener: Listener<K>): () => void {
    this.set(name, [...this.get(name), listener]);
    return () =>
      this.set(
        name,
        this.get(name).filter((l) => l !== listener),
      );
  }

  private get<K extends EngineEventName>(name: K): Listener<K>[] {
    return this.listeners[name] ?? [];
  }

  private set<K extends EngineEventName>(name: K, list: Listener<K>[]): void {
    (this.listeners as Record<K, Listener<K>[]>)[name] = list;
  }

  emit<K extends EngineEventName>(name: K, event: EngineEventMap[K]): void {
    const list = this.listeners[name];
    if (!list) return;
    // A listener's fault is the listener's: it must never fail the engine's work.
    for (const listener of list) {
      try {
        listener(event);
      } catch {
        // ignored on purpose (see above)
      }
    }
  }
}
