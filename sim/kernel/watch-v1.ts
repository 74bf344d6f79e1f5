// What a run of an API 1.0 app (app.json configVersion v2) sees on the watch: the hm* global objects,
// timer, px, DeviceRuntimeCore and the `i18n` import (sim/zos/hm.ts), cut down to level 1.0 by
// reference/zos-api.tsv like the @zos modules of 2.0+ (sim/zos/api-level.ts), plus App / Page /
// getApp and console (versioned_docs/version-1.0/reference/device-app-api/global.mdx).
//
// Level-true refusals: no @zos module exists at 1.0 (an import of one throws a ReferenceError when the
// page loads, as __$$R$$__, the 2.0 loader the build compiles it to, is not defined); the 1.0 engine has
// no timers (guides/framework/device/js-support.md: "Timers" not supported), so setTimeout and
// friends are deleted (ZML's dist/1.0 puts its own on globalThis, made with timer.createTimer); no
// global Buffer, getCurrentPage, __$$R$$__ or __$$app$$__ (not in the 1.0 globals).
import type { DeviceFacts } from '../../reference/devices';
import { loadZosApi } from '../../reference/zos-api';
import { gateModules } from '../zos/api-level';
import type { BleFake } from '../zos/ble';
import {
  deviceRuntimeCore,
  gettextModule,
  hmAppModule,
  hmFsModule,
  hmSensorModule,
  hmSettingModule,
  pxGlobal,
  timerModule,
  type HmDeps,
} from '../zos/hm';
import { GESTURE, type UiFake } from '../zos/ui';

/** Runs after the engine script in a 1.0 realm: the JS timers the 1.0 engine does not have. */
// js-support.md lists Promise as not supported too: the global goes as well (ZML's dist/1.0 puts its polyfill
// there when app.ts loads it). Async functions still run on V8's own promise (not modelled).
export const V1_ENGINE_SCRIPT = `for (const name of ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'Promise']) delete globalThis[name];`;

/** The level every 1.0 realm serves (the hm* API is 1.0 only; see watchRuntime in watch-realm.ts). */
export const V1_LEVEL = 1.0;

/**
 * The 1.0 globals of one run of the app (without App / Page / getApp / console, which the realm adds),
 * and `require` for the bundles' imports: 'i18n' is answered, '@zos/...' throws.
 */
export function v1Globals(
  deps: HmDeps & { ui: UiFake; ble: BleFake; device: DeviceFacts },
  onError: (err: Error) => void,
): { globals: Record<string, unknown>; require: (name: unknown) => unknown } {
  const modules: Record<string, unknown> = {
    hmUI: deps.ui.module(),
    hmApp: {
      ...hmAppModule(deps),
      // hmApp/setLayerY.mdx, getLayerY.mdx: the page layer's offset (ui.ts layerY: <= 0 when scrolled down).
      setLayerY: (y: unknown) => {
        if (typeof y !== 'number') throw new TypeError('hmApp: setLayerY needs a number');
        deps.ui.setLayerY(y);
      },
      getLayerY: () => deps.ui.layerY,
      // hmApp/gestureEvent/registerGestureEvent.mdx, unregisterGestureEvent.mdx: a vertical swipe that
      // scrolls nothing calls it (ui.ts gesture).
      gesture: GESTURE,
      registerGestureEvent: (callback: unknown) => {
        if (typeof callback !== 'function') throw new TypeError('hmApp: registerGestureEvent needs a function');
        deps.ui.setGestureHandler(callback as (event: number) => unknown);
      },
      unregisterGestureEvent: () => deps.ui.setGestureHandler(null),
    },
    hmFS: hmFsModule(deps),
    hmSetting: hmSettingModule(deps),
    hmSensor: hmSensorModule(deps),
    hmBle: deps.ble.module,
    timer: timerModule(deps.timers),
    i18n: gettextModule(deps.appDir, deps.language),
  };
  const atLevel = gateModules(loadZosApi(), { name: deps.device.name, apiLevel: V1_LEVEL }, modules, onError);
  const globals: Record<string, unknown> = {};
  for (const name of ['hmUI', 'hmApp', 'hmFS', 'hmSetting', 'hmSensor', 'hmBle', 'timer'])
    globals[name] = atLevel(name);
  globals.px = pxGlobal(deps.device.width, deps.target.designWidth);
  globals.DeviceRuntimeCore = deviceRuntimeCore(deps.log);
  const require = (name: unknown): unknown => {
    if (name === 'i18n') return atLevel('i18n');
    const what = typeof name === 'string' ? name : String(name);
    const err = new ReferenceError(
      `${what}: ${deps.device.name} is API level 1.0, which has no @zos modules (they start at 2.0: __$$R$$__ is not defined); a 1.0 page uses the hm* globals`,
    );
    onError(err);
    throw err;
  };
  return { globals, require };
}
