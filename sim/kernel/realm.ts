// What every realm (watch, phone, settings) sets up the same way: a node:vm context whose Date and
// timers follow the shared FakeClock, a console that writes to the realm's log, and the guard that
// runs a host -> realm callback (timer, message) only while the realm lives. Each realm adds its own
// globals (the watch's App / Page / @zos fakes, the phone's messaging and fetch, the settings page's
// components) and decides where a callback's error goes.
import { format } from 'node:util';
import vm from 'node:vm';
import { DATE_FROM_CLOCK_SCRIPT, type FakeClock } from './clock';

const CONSOLE_LEVELS = ['log', 'info', 'warn', 'error', 'debug'] as const;

type Callback = (...args: unknown[]) => void;

/** A `console` object whose five methods format their arguments (as Node does) and hand the text to write. */
export function realmConsole(write: (level: string, text: string) => void): Record<string, Callback> {
  return Object.fromEntries(
    CONSOLE_LEVELS.map((level) => [level, (...args: unknown[]) => write(level, format(...args))]),
  );
}

/**
 * Runs host -> realm callbacks: nothing once `alive()` is false (a torn-down realm gets no more
 * calls). With `onError`, an error the callback throws is the realm's bug, handed to onError and not
 * thrown; without it, the error goes to whoever called (for a timer, the clock, which records it).
 */
export function realmGuard(alive: () => boolean, onError?: (err: unknown) => void): (fn: () => void) => void {
  return (fn) => {
    if (!alive()) return;
    if (!onError) {
      fn();
      return;
    }
    try {
      fn();
    } catch (err) {
      onError(err);
    }
  };
}

export interface RealmTimerOptions {
  /** Runs each callback (alive check and where its error goes: see realmGuard). */
  guard: (fn: () => void) => void;
  /**
   * When a callback that is not a function is refused: 'set' throws from setTimeout itself with
   * `${who}: setTimeout needs a function` (phone, settings page); 'run' throws 'setTimeout needs a
   * function' when the timer fires, inside the guard (the watch).
   */
  checkWhen: 'set' | 'run';
  /** Names the realm in the 'set' error. */
  who?: string;
}

export interface RealmTimers {
  setTimeout(fn: unknown, ms?: number, ...args: unknown[]): number;
  setInterval(fn: unknown, ms?: number, ...args: unknown[]): number;
  clearTimeout(id?: unknown): void;
  clearInterval(id?: unknown): void;
  /** Cancels every timer of this realm still pending (the realm ends). */
  clearAll(): void;
}

/** setTimeout / setInterval / clearTimeout / clearInterval on the clock, each timer remembered so clearAll can cancel it. */
export function realmTimers(clock: FakeClock, opts: RealmTimerOptions): RealmTimers {
  const pending = new Set<number>();
  const set =
    (repeat: boolean) =>
    (fn: unknown, ms?: number, ...rest: unknown[]): number => {
      const name = repeat ? 'setInterval' : 'setTimeout';
      if (opts.checkWhen === 'set' && typeof fn !== 'function')
        throw new TypeError(`${opts.who ?? 'realm'}: ${name} needs a function`);
      let id = 0;
      id = (repeat ? clock.setInterval : clock.setTimeout)(
        (...a: unknown[]) => {
          if (!repeat) pending.delete(id);
          opts.guard(() => {
            if (typeof fn !== 'function') throw new TypeError('setTimeout needs a function');
            (fn as Callback)(...a);
          });
        },
        ms,
        ...rest,
      );
      pending.add(id);
      return id;
    };
  const clear = (id?: unknown): void => {
    clock.clearTimeout(id);
    if (typeof id === 'number') pending.delete(id);
  };
  return {
    setTimeout: set(false),
    setInterval: set(true),
    clearTimeout: clear,
    clearInterval: clear,
    clearAll() {
      for (const id of pending) clock.clearTimeout(id);
      pending.clear();
    },
  };
}

export interface RealmContextOptions {
  /** vm.createContext's codeGeneration: `{ strings: false }` makes eval and new Function throw an EvalError. */
  codeGeneration?: { strings?: boolean; wasm?: boolean };
  /** Runs in the context after the clock's Date is in place (the watch's engine: kernel/engine.ts). */
  setupScript?: string;
  /** The realm's own time, when it is not the clock's (the watch's clock set apart: clockSkewMs). */
  now?: () => number;
}

/**
 * A vm context with the realm's globals plus the clock's: setTimeout, setInterval, clearTimeout,
 * clearInterval from `timers`, and a Date whose now() and `new Date()` read the clock, or `now`
 * when given (the watch's own clock, set apart from the phone's and the issuer's).
 */
export function createRealmContext(
  name: string,
  clock: FakeClock,
  timers: RealmTimers,
  globals: Record<string, unknown>,
  opts: RealmContextOptions = {},
): vm.Context {
  const context = vm.createContext(
    {
      ...globals,
      setTimeout: timers.setTimeout,
      setInterval: timers.setInterval,
      clearTimeout: timers.clearTimeout,
      clearInterval: timers.clearInterval,
      __clockNow: opts.now ?? clock.now,
    },
    { name, ...(opts.codeGeneration ? { codeGeneration: opts.codeGeneration } : {}) },
  );
  vm.runInContext(DATE_FROM_CLOCK_SCRIPT, context);
  if (opts.setupScript) vm.runInContext(opts.setupScript, context);
  return context;
}
