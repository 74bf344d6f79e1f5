// Fake @zos/sensor Vibrator (docs: reference/device-app-api/newAPI/sensor/Vibrator.mdx, API 2.0), with
// a log of every vibration so a test can see the watch buzzed: when, in which scene, for how long,
// on which page. Level-true: start() takes an Option {mode}; an array of Actions only from API 3.6,
// and getType() only from 3.6 (the doc's member rows). A mode that is not one of the scene constants
// throws, as does an Option without `mode` for setMode (the doc marks it required).
//
// Assumed, not verified (sim/README.md): the constants' numbers (the docs give names only; here 0..8
// in the doc's order); setMode also takes the bare number, as the doc's own example calls it; the
// lengths of NOTIFICATION (two 20 ms pulses about 100 ms apart: 120 ms), CALL and TIMER (until stop()).

/** The doc's scene constants, in its order, with how long each buzzes (ms); null: until stop(). */
const SCENES: Array<[string, number | null]> = [
  ['VIBRATOR_SCENE_SHORT_LIGHT', 20],
  ['VIBRATOR_SCENE_SHORT_MIDDLE', 20],
  ['VIBRATOR_SCENE_SHORT_STRONG', 20],
  ['VIBRATOR_SCENE_DURATION', 600],
  ['VIBRATOR_SCENE_DURATION_LONG', 1000],
  ['VIBRATOR_SCENE_STRONG_REMINDER', 1200],
  ['VIBRATOR_SCENE_NOTIFICATION', 120],
  ['VIBRATOR_SCENE_CALL', null],
  ['VIBRATOR_SCENE_TIMER', null],
];
const DEFAULT_MODE = 1; // VIBRATOR_SCENE_SHORT_MIDDLE, the doc's default

export interface Vibration {
  at: number;
  /** The scene's constant name ('VIBRATOR_SCENE_SHORT_STRONG'), or 'actions' for an API 3.6 array. */
  scene: string;
  /** How long it buzzes; null until stop() (CALL, TIMER). */
  durationMs: number | null;
  page: string | null;
  stoppedAt: number | null;
}

export interface VibratorFake {
  /** The @zos/sensor members this fake adds: Vibrator and the scene constants. */
  members: Record<string, unknown>;
  readonly vibrations: Vibration[];
}

export function createVibrator(
  now: () => number,
  apiLevel: number,
  page: () => string | null,
  /** Where vibrations go: the watch keeps one log across relaunches of the app. */
  vibrations: Vibration[] = [],
): VibratorFake {
  const sceneName = (mode: unknown, fn: string): string => {
    if (typeof mode !== 'number' || !Number.isInteger(mode) || !SCENES[mode])
      throw new TypeError(`@zos/sensor Vibrator.${fn}: mode must be a VIBRATOR_SCENE_* constant, got ${String(mode)}`);
    return SCENES[mode]![0];
  };
  class Vibrator {
    private mode = DEFAULT_MODE;
    start(option?: unknown): void {
      if (Array.isArray(option)) {
        if (apiLevel < 3.6)
          throw new TypeError(`@zos/sensor Vibrator.start: an array of actions needs API 3.6 (device: ${apiLevel})`);
        const total = option.reduce((t: number, a: unknown) => {
          const d = (a as { duration?: unknown })?.duration;
          if (typeof (a as { type?: unknown })?.type !== 'number')
            throw new TypeError('@zos/sensor Vibrator.start: every action needs a numeric type');
          return t + (typeof d === 'number' ? d : 0);
        }, 0);
        vibrations.push({ at: now(), scene: 'actions', durationMs: total, page: page(), stoppedAt: null });
        return;
      }
      if (option !== undefined && (typeof option !== 'object' || option === null))
        throw new TypeError(`@zos/sensor Vibrator.start: option must be {mode}, got ${String(option)}`);
      const mode = (option as { mode?: unknown } | undefined)?.mode ?? this.mode;
      const scene = sceneName(mode, 'start');
      vibrations.push({
        at: now(),
        scene,
        durationMs: SCENES[mode as number]![1],
        page: page(),
        stoppedAt: null,
      });
    }
    stop(): void {
      const last = vibrations[vibrations.length - 1];
      if (last && last.stoppedAt === null) last.stoppedAt = now();
    }
    setMode(option: unknown): void {
      const mode = typeof option === 'number' ? option : (option as { mode?: unknown } | null)?.mode;
      sceneName(mode, 'setMode');
      this.mode = mode as number;
    }
    getConfig(): { mode: number } {
      return { mode: this.mode };
    }
  }
  if (apiLevel >= 3.6) {
    Object.defineProperty(Vibrator.prototype, 'getType', {
      value: () => ({
        GENTLE_SHORT: 0,
        STRONG_SHORT: 1,
        STANDARD_CROWN: 2,
        STRONG_CROWN: 3,
        SPULSE_CROWN: 4,
        DIPULSE_CROWN: 5,
        KEYCODE_CLICK: 6,
        URGENT: 7,
        CONTINUOUS: 8,
        PAUSE: 9,
      }),
    });
  }
  const members: Record<string, unknown> = { Vibrator };
  SCENES.forEach(([name], i) => (members[name] = i));
  return { members, vibrations };
}
