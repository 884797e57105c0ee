// Engine settings, with the original's defaults.

export type EngineConfig = {
  /** Deadline for a client's next report when client_data.timeout is absent (reference: 48 h). Null: none. */
  clientTimeoutSeconds: number | null;
  /** Timeout of every outbound HTTP call (PRODUCT.md #8). */
  httpTimeoutMs: number;
  /** After a network failure, wait this long before treating the node as errored (reference §4.4). */
  connectionErrorWaitMs: number;
  /** How long an outbound call stays leased to the engine sending it (longer than the HTTP timeout). */
  leaseMs: number;
  /** Outbound calls in flight at once, per engine process. */
  maxInFlight: number;
  /** Concurrent job loops per engine process. */
  jobConcurrency: number;
  /** An idle engine still looks for due work this often (NOTIFY normally wakes it at once). */
  safetySweepMs: number;
  /** Notification retries before giving up (never failing the caller). */
  notificationMaxTries: number;
};

export const DEFAULT_CONFIG: EngineConfig = {
  clientTimeoutSeconds: 172_800,
  httpTimeoutMs: 30_000,
  connectionErrorWaitMs: 30_000,
  leaseMs: 60_000,
  maxInFlight: 64,
  jobConcurrency: 4,
  safetySweepMs: 30_000,
  notificationMaxTries: 10,
};
