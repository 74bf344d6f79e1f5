// A clock the test controls. Every realm (watch, phone, settings) takes its timers and Date.now from
// ONE FakeClock, so ZML's shake / request timeouts and the pages' refresh timers run in virtual time.
//
// Real work (the phone's HTTP fetch to a loopback issuer, file reads) still happens in real time.
// `advance` lets it finish in two ways:
// - between timers, and before moving time forward, it awaits a host macrotask turn (setImmediate),
//   so promise chains and I/O callbacks that are already due settle;
// - work registered with `track(promise)` is awaited (in real time, up to `realWaitMs`) before
//   virtual time moves on, so a fetch that takes 30 real ms is seen as instant, and never as a
//   timeout caused by the clock racing ahead of the network.
// Timers due at the same instant run in the order they were scheduled.

export interface TimerApi {
  setTimeout(fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): number;
  clearTimeout(id?: unknown): void;
  setInterval(fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): number;
  clearInterval(id?: unknown): void;
}

interface Timer {
  id: number;
  at: number;
  seq: number;
  fn: (...args: unknown[]) => void;
  args: unknown[];
  every: number | null;
}

const hostImmediate = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export interface FakeClockOptions {
  /** Longest real time `advance` waits for tracked work before moving on anyway (default 10 s). */
  realWaitMs?: number;
}

export class FakeClock implements TimerApi {
  private current: number;
  private nextId = 1;
  private seq = 0;
  private readonly queue = new Map<number, Timer>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly realWaitMs: number;
  /** Errors thrown by timer callbacks, in order; a callback's error never stops the clock. */
  readonly errors: unknown[] = [];

  constructor(startMs: number, opts: FakeClockOptions = {}) {
    if (!Number.isFinite(startMs))
      throw new TypeError(`FakeClock: startMs must be a finite number, got ${String(startMs)}`);
    this.current = startMs;
    this.realWaitMs = opts.realWaitMs ?? 10_000;
    // Bound so realms can take the methods as plain functions.
    this.now = this.now.bind(this);
    this.setTimeout = this.setTimeout.bind(this);
    this.clearTimeout = this.clearTimeout.bind(this);
    this.setInterval = this.setInterval.bind(this);
    this.clearInterval = this.clearInterval.bind(this);
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): number {
    return this.schedule(fn, ms, args, false);
  }

  setInterval(fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): number {
    return this.schedule(fn, ms, args, true);
  }

  clearTimeout(id?: unknown): void {
    if (typeof id === 'number') this.queue.delete(id);
  }

  clearInterval(id?: unknown): void {
    this.clearTimeout(id);
  }

  /** Timers waiting to run. */
  get pendingTimers(): number {
    return this.queue.size;
  }

  /** Real work in flight that `advance` waits for. */
  get pendingWork(): number {
    return this.inFlight.size;
  }

  /** When the next timer is due, or null. */
  nextDue(): number | null {
    let best: Timer | null = null;
    for (const t of this.queue.values())
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    return best ? best.at : null;
  }

  /** Registers real work (e.g. an HTTP request) that advance must let finish before time moves on. */
  track<T>(work: Promise<T>): Promise<T> {
    const p: Promise<unknown> = work.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.add(p);
    void p.then(() => this.inFlight.delete(p));
    return work;
  }

  /** Lets due promise chains, I/O callbacks and tracked real work settle, without moving time. */
  async settle(): Promise<void> {
    const deadline = Date.now() + this.realWaitMs;
    for (let turn = 0; turn < 3; turn++) await hostImmediate();
    while (this.inFlight.size > 0 && Date.now() < deadline) {
      const sleep = new Promise<void>((resolve) => setTimeout(resolve, 5));
      await Promise.race([Promise.allSettled([...this.inFlight]), sleep]);
      for (let turn = 0; turn < 3; turn++) await hostImmediate();
    }
  }

  /** Moves time forward by ms, running every timer that falls due, in time order. */
  async advance(ms: number): Promise<void> {
    if (!(ms >= 0) || !Number.isFinite(ms))
      throw new RangeError(`FakeClock.advance: ms must be a finite number >= 0, got ${String(ms)}`);
    const target = this.current + ms;
    await this.settle();
    for (;;) {
      const due = this.popDue(target);
      if (!due) break;
      this.current = Math.max(this.current, due.at);
      try {
        due.fn(...due.args);
      } catch (err) {
        this.errors.push(err);
      }
      await this.settle();
    }
    this.current = target;
    await this.settle();
  }

  /** Advances in steps (default 10 ms), so work that starts mid-way is interleaved the way it would be live. */
  async runFor(ms: number, stepMs = 10): Promise<void> {
    if (!(stepMs > 0)) throw new RangeError(`FakeClock.runFor: stepMs must be > 0, got ${String(stepMs)}`);
    const end = this.current + ms;
    while (this.current < end) await this.advance(Math.min(stepMs, end - this.current));
  }

  /**
   * Advances in steps until `done()` is true; throws after `maxMs` of virtual time.
   * For "wait until the page shows X" without guessing a duration.
   */
  async until(done: () => boolean, maxMs = 120_000, stepMs = 50): Promise<void> {
    const end = this.current + maxMs;
    await this.settle();
    while (!done()) {
      if (this.current >= end) throw new Error(`FakeClock.until: condition not met within ${maxMs} ms of clock time`);
      await this.advance(Math.min(stepMs, end - this.current));
    }
  }

  /** The timer functions for a realm's globals. */
  timers(): TimerApi {
    return {
      setTimeout: this.setTimeout,
      clearTimeout: this.clearTimeout,
      setInterval: this.setInterval,
      clearInterval: this.clearInterval,
    };
  }

  private schedule(fn: (...args: unknown[]) => void, ms: number | undefined, args: unknown[], repeat: boolean): number {
    if (typeof fn !== 'function')
      throw new TypeError(`FakeClock: ${repeat ? 'setInterval' : 'setTimeout'} needs a function, got ${typeof fn}`);
    const delay = Math.max(0, Number(ms) || 0);
    const id = this.nextId++;
    this.queue.set(id, {
      id,
      at: this.current + delay,
      seq: this.seq++,
      fn,
      args,
      every: repeat ? Math.max(1, delay) : null,
    });
    return id;
  }

  private popDue(limit: number): Timer | null {
    let best: Timer | null = null;
    for (const t of this.queue.values()) {
      if (t.at > limit) continue;
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    if (!best) return null;
    if (best.every === null) this.queue.delete(best.id);
    else this.queue.set(best.id, { ...best, at: best.at + best.every, seq: this.seq++ });
    return best;
  }
}

/**
 * Source text that makes a vm context's Date follow the clock: `Date.now()` and `new Date()`
 * (no arguments) read `__clockNow()`, which the realm defines as clock.now. Run it in the context
 * once, after defining `__clockNow`.
 */
export const DATE_FROM_CLOCK_SCRIPT = `(() => {
  const RealDate = Date;
  const now = __clockNow;
  function ClockDate(...args) {
    if (!new.target) return new RealDate(now()).toString();
    return args.length === 0 ? new RealDate(now()) : new RealDate(...args);
  }
  ClockDate.prototype = RealDate.prototype;
  Object.defineProperty(RealDate.prototype, 'constructor', { value: ClockDate, writable: true, configurable: true });
  ClockDate.now = () => now();
  ClockDate.parse = RealDate.parse;
  ClockDate.UTC = RealDate.UTC;
  globalThis.Date = ClockDate;
})();`;
