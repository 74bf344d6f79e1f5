// The Zepp OS API 1.0 globals, typed from their doc pages (repo zepp-health/zeppos-docs,
// versioned_docs/version-1.0/reference/device-app-api/...; https://docs.zepp.com/docs/1.0/reference/device-app-api/...).
// One declaration for two programs: the band's (band/tsconfig.json: the band pages) and the root one
// (tsconfig.json: the simulator's 1.0 fixture app in sim/fixtures/band-basic and the tests), so the simulator
// and the band read the same API. Only what those call is declared, so a 1.0 call without a doc page here
// fails to type-check. A script file (no import/export), so these are globals. The 1.0 runtime's App, Page,
// getApp and console are in band/types/runtime-1.0.d.ts, the band's program only (the root one has Node's
// console and @zeppos/device-types' App and Page).
/** A widget as createWidget returns it (hmUI/createWidget.mdx, hmUI/setProperty.mdx, hmUI/addEventListener.mdx). */
interface HmWidget {
  setProperty(prop: number, value: unknown): void;
  getProperty(prop: number): unknown;
  addEventListener(event: number, callback: (info: { x: number; y: number }) => void): void;
}

interface HmTextParam {
  x: number;
  y: number;
  w: number;
  h: number;
  text: string;
  text_size?: number;
  color?: number;
  align_h?: number;
  align_v?: number;
  /** ELLIPSIS or NONE: 1.0 has no WRAP (hmUI/widget/TEXT.mdx). */
  text_style?: number;
}

interface HmFillRectParam {
  x: number;
  y: number;
  w: number;
  h: number;
  color: number;
  radius?: number;
}

/** hmUI/widget/CIRCLE.mdx */
interface HmCircleParam {
  center_x: number;
  center_y: number;
  radius: number;
  color: number;
}

interface HmButtonParam {
  x: number;
  y: number;
  w: number;
  h: number;
  text: string;
  text_size?: number;
  color?: number;
  normal_color?: number;
  press_color?: number;
  radius?: number;
  click_func?: (button: HmWidget) => void;
}

/** hmUI/widget/QRCODE.mdx: the code on a white background (bg_* its box when larger). */
interface HmQrcodeParam {
  x: number;
  y: number;
  w: number;
  h: number;
  content: string;
  bg_x?: number;
  bg_y?: number;
  bg_w?: number;
  bg_h?: number;
}

/** hmUI: reference/device-app-api/hmUI/*.mdx */
declare const hmUI: {
  widget: { TEXT: number; FILL_RECT: number; BUTTON: number; CIRCLE: number; QRCODE: number };
  /** hmUI/widget/TEXT.mdx */
  align: { LEFT: number; RIGHT: number; CENTER_H: number; TOP: number; BOTTOM: number; CENTER_V: number };
  text_style: { ELLIPSIS: number; NONE: number };
  /** hmUI/addEventListener.mdx */
  event: { CLICK_DOWN: number; CLICK_UP: number; MOVE: number; MOVE_IN: number; MOVE_OUT: number };
  /** hmUI/setProperty.mdx */
  prop: { MORE: number; VISIBLE: number; TEXT: number };
  /** hmUI/createWidget.mdx, widget/TEXT.mdx, widget/FILL_RECT.mdx, widget/BUTTON.mdx, widget/CIRCLE.mdx, widget/QRCODE.mdx */
  createWidget(
    type: number,
    param: HmTextParam | HmFillRectParam | HmButtonParam | HmCircleParam | HmQrcodeParam,
  ): HmWidget;
  /** hmUI/deleteWidget.mdx */
  deleteWidget(widget: HmWidget): void;
  /** hmUI/setLayerScrolling.mdx: the default layer scrolls (continuously) when true. */
  setLayerScrolling(enable: boolean): void;
  /** hmUI/showToast.mdx */
  showToast(option: { text: string }): void;
};

/** hmApp: reference/device-app-api/hmApp/*.mdx */
declare const hmApp: {
  /** hmApp/gotoPage.mdx */
  gotoPage(option: { url: string; param?: string }): void;
  /** hmApp/reloadPage.mdx: this page replaced by `url` (nothing to go back to). */
  reloadPage(option: { url: string; param?: string }): void;
  /** hmApp/goBack.mdx */
  goBack(): void;
  /** hmApp/setScreenKeep.mdx: come back to this page, not the watch face, after the screen went off. */
  setScreenKeep(keep: boolean): void;
  /** hmApp/getLayerY.mdx, hmApp/setLayerY.mdx: the default layer's scroll offset. */
  getLayerY(): number;
  setLayerY(offset: number): void;
  /**
   * hmApp/gestureEvent/registerGestureEvent.mdx: one callback per app (a new one replaces it); it returns
   * true to skip the gesture's default (RIGHT: goBack). unregisterGestureEvent.mdx removes it.
   */
  registerGestureEvent(callback: (event: number) => boolean): void;
  unregisterGestureEvent(): void;
  gesture: { UP: number; DOWN: number; LEFT: number; RIGHT: number };
};

/** hmSetting: reference/device-app-api/hmSetting/*.mdx */
declare const hmSetting: {
  /** getDeviceInfo.mdx: screenShape 0 square, 1 round. */
  getDeviceInfo(): { width: number; height: number; screenShape: number; deviceName: string; deviceSource: number };
  /** getLanguage.mdx: related-resources/language-list.mdx (0 zh-CN, 2 en-US, 4 ru-RU). */
  getLanguage(): number;
  /** getBrightness.mdx, setBrightness.mdx: [0, 100]; 0 means it worked. */
  getBrightness(): number;
  setBrightness(brightness: number): number;
  /** getScreenAutoBright.mdx, setScreenAutoBright.mdx */
  getScreenAutoBright(): boolean;
  setScreenAutoBright(auto: boolean): number;
  /** setBrightScreen.mdx (seconds, [1, 2147483]), setBrightScreenCancel.mdx (call it on the way out). */
  setBrightScreen(seconds: number): number;
  setBrightScreenCancel(): number;
};

/** hmFS: reference/device-app-api/hmFS/*.mdx; paths are relative to the app's /data folder. */
declare const hmFS: {
  O_RDONLY: number;
  O_WRONLY: number;
  O_RDWR: number;
  O_CREAT: number;
  O_TRUNC: number;
  SEEK_SET: number;
  /** open.mdx */
  open(path: string, flag: number): number;
  /** close.mdx */
  close(fd: number): number;
  /** read.mdx, write.mdx: position is the offset in `buffer`; 0 means it worked. */
  read(fd: number, buffer: ArrayBuffer, position: number, length: number): number;
  write(fd: number, buffer: ArrayBuffer, position: number, length: number): number;
  /** stat.mdx: [stat, err], err 0 when the file exists. */
  stat(path: string): [{ size: number; mtime: number }, number];
  /** remove.mdx */
  remove(path: string): number;
  /** SysProGetChars.mdx (the simulator's fixture app reads its test input there) */
  SysProGetChars(key: string): string | undefined;
};

/** hmSensor/sensorId/TIME.mdx */
interface HmTimeSensor {
  utc: number;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/**
 * hmSensor/sensorId/WEAR.mdx: current 0 not worn, 1 worn, 2 in motion, 3 not sure. Its CHANGE event is
 * "temporarily unavailable" (the page's caution), so it is left out: a band page reads `current` again.
 */
interface HmWearSensor {
  readonly current: number;
}

/** hmSensor/sensorId/VIBRATE.mdx: one instance a page; stop() after each start(), or the next start is silent. */
interface HmVibrateSensor {
  scene: number;
  start(): void;
  stop(): void;
}

interface HmSensors {
  TIME: HmTimeSensor;
  WEAR: HmWearSensor;
  VIBRATE: HmVibrateSensor;
}

/** A sensor id, typed by its sensor so that createSensor returns that sensor's instance. */
type HmSensorId<K extends keyof HmSensors> = number & { readonly __sensor: K };

/** hmSensor: reference/device-app-api/hmSensor/createSensor.mdx and sensorId/*.mdx */
declare const hmSensor: {
  id: { [K in keyof HmSensors]: HmSensorId<K> };
  createSensor<K extends keyof HmSensors>(id: HmSensorId<K>): HmSensors[K];
};

/** timer: reference/device-app-api/timer/createTimer.mdx, stopTimer.mdx (1.0 has no setTimeout: guides/framework/device/js-support.md). */
declare const timer: {
  /** `option` is passed to the callback; watch apps leave it out. */
  createTimer(delay: number, repeat: number, callback: (option: unknown) => void, option?: unknown): number;
  stopTimer(id: number): void;
};

/** reference/device-app-api/global.mdx: Math.ceil(value / designWidth * the device's width). */
declare function px(value: number): number;

// The 1.0 i18n module: zpm makes it from the .po files (docs/guides/version-info/migration-guide.md, case 6).
declare module 'i18n' {
  export function gettext(key: string): string;
}

// ZML's API 1.0 parts (@zeppos/zml 0.0.43 ships no declarations for these subpaths).
declare module '@zeppos/zml/base/base-app' {
  interface BaseAppFactory {
    (options: Record<string, unknown>): Record<string, unknown>;
    use(plugin: unknown, ...args: unknown[]): BaseAppFactory;
  }
  export const BaseApp: BaseAppFactory;
}
declare module '@zeppos/zml/1.0/module/messaging/plugin/app' {
  export const appPlugin: unknown;
  export const API_LEVEL: string;
}
