// Live streams are long requests: on SIGTERM/SIGINT Next stops accepting connections and waits for open ones,
// so an open event stream would keep a stopping dashboard alive forever. Ending them lets it exit; the browsers
// reconnect (with Last-Event-ID) to the next instance.
const open = new Set<() => void>();
let installed = false;
let stopping = false;

/** True once the process was told to stop: new streams are turned away (the browser retries elsewhere). */
export function isStopping(): boolean {
  return stopping;
}

/** Registers a stream's close function until it ends; returns the function that unregisters it. */
export function trackOpenStream(close: () => void): () => void {
  if (!installed) {
    installed = true;
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      process.once(signal, () => {
        stopping = true;
        for (const end of [...open]) end();
      });
    }
  }
  open.add(close);
  return () => open.delete(close);
}
