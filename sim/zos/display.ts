// Fake @zos/display: records what a page asked for (brightness, auto-brightness, screen-on time,
// drop-wrist pause) with history, so a test can check it was set and then restored.
// Docs: display/*.mdx. Per the docs, setPageBrightTime lasts for the page: it is reset when the page goes.
import type { DisplayState } from '../kernel/contracts';

export interface DisplayFake {
  state: DisplayState;
  module: Record<string, unknown>;
  /** The page was destroyed: page-scoped settings end. */
  pageGone(): void;
}

function optionValue(fn: string, arg: unknown, key: string, check: (v: unknown) => boolean, what: string): unknown {
  const v = typeof arg === 'object' && arg !== null ? (arg as Record<string, unknown>)[key] : arg;
  if (!check(v)) throw new Error(`@zos/display: ${fn} needs ${what} (or {${key}}), got ${JSON.stringify(v)}`);
  return v;
}

const isPercent = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 100;

export function createDisplay(
  now: () => number,
  currentPage: () => string | null,
  initial: { brightness?: number; autoBrightness?: boolean } = {},
): DisplayFake {
  const state: DisplayState = {
    brightness: initial.brightness ?? 60,
    autoBrightness: initial.autoBrightness ?? true,
    pageBrightTime: null,
    dropWristPaused: null,
    keepScreenOn: false,
    history: [],
  };
  const record = (call: string, args: unknown[]): void => {
    state.history.push({ call, args, at: now(), page: currentPage() });
  };
  const module = {
    getBrightness: () => state.brightness,
    setBrightness: (arg: unknown) => {
      const v = optionValue('setBrightness', arg, 'brightness', isPercent, 'a whole number 0-100');
      record('setBrightness', [v]);
      // The docs: brightness set while auto-brightness is on does not hold.
      if (!state.autoBrightness) state.brightness = v as number;
      return 0;
    },
    getAutoBrightness: () => state.autoBrightness,
    setAutoBrightness: (arg: unknown) => {
      const v = optionValue('setAutoBrightness', arg, 'autoBright', (x) => typeof x === 'boolean', 'a boolean');
      record('setAutoBrightness', [v]);
      state.autoBrightness = v as boolean;
    },
    setPageBrightTime: (arg: unknown = {}) => {
      const o = arg as { brightTime?: unknown };
      const t = o.brightTime ?? 10_000;
      if (typeof t !== 'number' || t < 1000 || t > 2147483000)
        throw new Error(
          `@zos/display: setPageBrightTime brightTime must be 1000-2147483000 ms, got ${JSON.stringify(t)}`,
        );
      record('setPageBrightTime', [t]);
      state.pageBrightTime = t;
      return 0;
    },
    resetPageBrightTime: () => {
      record('resetPageBrightTime', []);
      state.pageBrightTime = null;
      return 0;
    },
    pauseDropWristScreenOff: (arg: unknown = {}) => {
      const d = (arg as { duration?: unknown }).duration ?? 30_000;
      if (typeof d !== 'number' || d < 0)
        throw new Error(`@zos/display: pauseDropWristScreenOff duration must be ms >= 0, got ${JSON.stringify(d)}`);
      record('pauseDropWristScreenOff', [d]);
      state.dropWristPaused = d;
      return 0;
    },
    resetDropWristScreenOff: () => {
      record('resetDropWristScreenOff', []);
      state.dropWristPaused = null;
      return 0;
    },
    setWakeUpRelaunch: (arg: unknown) => {
      record('setWakeUpRelaunch', [arg]);
    },
  };
  return {
    state,
    module,
    pageGone() {
      state.pageBrightTime = null;
    },
  };
}
