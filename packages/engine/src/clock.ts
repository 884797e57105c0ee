// Time is injected: the engine never calls Date.now() directly, so tests can control it.

export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

/** A clock that moves only when told to (tests, with Scheduler.drain()). */
export class ManualClock implements Clock {
  private ms: number;
  constructor(start: Date | string = "2030-01-01T00:00:00.000Z") {
    this.ms = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.ms);
  }
  advance(ms: number): Date {
    this.ms += ms;
    return this.now();
  }
  set(to: Date | string): void {
    this.ms = new Date(to).getTime();
  }
}
