// The Zepp OS API 1.0 globals the band pages use, typed from their doc pages (repo zepp-health/zeppos-docs,
// versioned_docs/version-1.0/reference/device-app-api/...; https://docs.zepp.com/docs/1.0/reference/device-app-api/...).
// Only what band/ calls is declared, so a call the band pages make without a doc page here fails to type-check.
// A script file (no import/export), so these are globals. It is in band/tsconfig.json only: the API 3.0 pages (page/) never see these globals.
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

/** hmUI: reference/device-app-api/hmUI/*.mdx */
declare const hmUI: {
  widget: { TEXT: number; FILL_RECT: number; BUTTON: number };
  /** hmUI/widget/TEXT.mdx */
  align: { LEFT: number; RIGHT: number; CENTER_H: number; TOP: number; BOTTOM: number; CENTER_V: number };
  text_style: { ELLIPSIS: number; NONE: number };
  /** hmUI/addEventListener.mdx */
  event: { CLICK_DOWN: number; CLICK_UP: number; MOVE: number; MOVE_IN: number; MOVE_OUT: number };
  /** hmUI/setProperty.mdx */
  prop: { MORE: number; VISIBLE: number; TEXT: number };
  /** hmUI/createWidget.mdx, widget/TEXT.mdx, widget/FILL_RECT.mdx, widget/BUTTON.mdx */
  createWidget(type: number, param: HmTextParam | HmFillRectParam | HmButtonParam): HmWidget;
  /** hmUI/deleteWidget.mdx */
  deleteWidget(widget: HmWidget): void;
  /** hmUI/setLayerScrolling.mdx: the default layer scrolls (continuously) when true. */
  setLayerScrolling(enable: boolean): void;
};

/** hmApp: reference/device-app-api/hmApp/*.mdx */
declare const hmApp: {
  /** hmApp/gotoPage.mdx */
  gotoPage(option: { url: string; param?: string }): void;
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
};

/** hmSensor: reference/device-app-api/hmSensor/createSensor.mdx, sensorId/TIME.mdx */
declare const hmSensor: {
  id: { TIME: number };
  createSensor(id: number): {
    utc: number;
    year: number;
    month: number;
    day: number;
    hour: number;
    minute: number;
  };
};

/** timer: reference/device-app-api/timer/createTimer.mdx, stopTimer.mdx (1.0 has no setTimeout: guides/framework/device/js-support.md). */
declare const timer: {
  createTimer(delay: number, repeat: number, callback: (option: unknown) => void, option: unknown): number;
  stopTimer(id: number): void;
};

/** reference/device-app-api/global.mdx */
declare function Page(options: Record<string, unknown>): void;
declare function App(options: Record<string, unknown>): void;
declare function getApp(): { _options: { globalData: Record<string, unknown> } };
/** global.mdx: console.log */
declare const console: { log(...args: unknown[]): void };

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
