// Preloaded into every process of a test run (see runner-args.ts): a write to stdout completes before
// the next line runs, so a forced exit cannot drop test results still queued for a pipe.
type WithHandle = { _handle?: { setBlocking?: (blocking: boolean) => void } };
(process.stdout as unknown as WithHandle)._handle?.setBlocking?.(true);
