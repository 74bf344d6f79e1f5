// The API 1.0 watch globals (Amazfit Band 7, Xiaomi Mi Band 7): hmUI, hmApp, hmFS, hmSetting, hmSensor,
// hmBle, timer, px, DeviceRuntimeCore and the build's 'i18n' module, which @zeppos/device-types does not
// declare. From versioned_docs/version-1.0/reference/device-app-api/ (rows in reference/zos-api.tsv).
// Only what is documented; sim/zos/hm.ts is the simulator's fake of the same.

declare namespace HmUI {
  type Props = Record<string, unknown>;
  interface Widget {
    setProperty(prop: number, value: unknown): void;
    getProperty(prop: number, options?: unknown): unknown;
    addEventListener(event: number, cb: (info: { x: number; y: number }) => void): void;
    removeEventListener(event: number, cb: (info: { x: number; y: number }) => void): void;
    setEnable(enable: boolean): void;
    getId(): unknown;
    getType(): number;
    /** GROUP only. */
    createWidget(type: number, props?: Props): Widget;
  }
  type Named<K extends string> = { readonly [P in K]: number };
}

declare const hmUI: {
  createWidget(type: number, props?: HmUI.Props): HmUI.Widget;
  deleteWidget(widget: HmUI.Widget): void;
  setStatusBarVisible(visible: boolean): void;
  updateStatusBarTitle(title: string): void;
  showToast(option: { text: string }): void;
  setLayerScrolling(enable: boolean): void;
  widget: HmUI.Named<
    | 'ARC'
    | 'ARC_PROGRESS'
    | 'BUTTON'
    | 'CHECKBOX_GROUP'
    | 'CIRCLE'
    | 'CYCLE_IMAGE_TEXT_LIST'
    | 'CYCLE_LIST'
    | 'DIALOG'
    | 'FILL_RECT'
    | 'GROUP'
    | 'HISTOGRAM'
    | 'IMG'
    | 'IMG_ANIM'
    | 'IMG_LEVEL'
    | 'IMG_PROGRESS'
    | 'PICK_DATE'
    | 'QRCODE'
    | 'RADIO_GROUP'
    | 'SCROLL_LIST'
    | 'SLIDE_SWITCH'
    | 'STROKE_RECT'
    | 'TEXT'
    | 'TEXT_IMG'
  >;
  prop: HmUI.Named<'MORE' | 'VISIBLE' | 'TEXT' | 'X' | 'Y' | 'W' | 'H' | 'COLOR' | 'SRC'>;
  align: HmUI.Named<'LEFT' | 'RIGHT' | 'CENTER_H' | 'TOP' | 'BOTTOM' | 'CENTER_V'>;
  text_style: HmUI.Named<'WRAP' | 'CHAR_WRAP' | 'ELLIPSIS' | 'NONE'>;
  event: HmUI.Named<'CLICK_DOWN' | 'CLICK_UP' | 'MOVE' | 'MOVE_IN' | 'MOVE_OUT'>;
};

declare const hmApp: {
  gotoPage(option: { url: string; param?: string }): void;
  reloadPage(option: { url: string; param?: string }): void;
  goBack(): void;
  gotoHome(): void;
  exit(): void;
  setScreenKeep(keep: boolean): void;
  /** Scrolls the page layer: 0 at the top, negative further down (the simulator's reading; the docs give no sign). */
  setLayerY(offset: number): void;
  getLayerY(): number;
  /** hmApp/gestureEvent/registerGestureEvent.mdx: one callback per app; true skips the default (RIGHT: goBack). */
  registerGestureEvent(callback: (event: number) => boolean): void;
  /** hmApp/gestureEvent/unregisterGestureEvent.mdx */
  unregisterGestureEvent(): void;
  gesture: { UP: number; DOWN: number; LEFT: number; RIGHT: number };
  packageInfo(): {
    name: string;
    type: string;
    version: string;
    icon?: string;
    appId: number;
    description: string;
    vendor: string;
    pages: string[];
  };
};

declare const hmFS: {
  readonly O_RDONLY: number;
  readonly O_WRONLY: number;
  readonly O_RDWR: number;
  readonly O_APPEND: number;
  readonly O_CREAT: number;
  readonly O_EXCL: number;
  readonly O_TRUNC: number;
  readonly SEEK_SET: number;
  readonly SEEK_CUR: number;
  readonly SEEK_END: number;
  open(path: string, flag: number): number;
  open_asset(path: string, flag: number): number;
  read(fd: number, buffer: ArrayBuffer, position: number, length: number): number;
  write(fd: number, buffer: ArrayBuffer, position: number, length: number): number;
  seek(fd: number, position: number, whence: number): void;
  close(fd: number): number;
  stat(path: string): [{ size: number; mtime: number } | undefined, number];
  stat_asset(path: string): [{ size: number; mtime: number } | undefined, number];
  remove(path: string): number;
  rename(from: string, to: string): number;
  SysProSetChars(key: string, value: string): number;
  SysProGetChars(key: string): string | undefined;
  SysProSetInt(key: string, value: number): number;
  SysProGetInt(key: string): number | undefined;
  SysProSetBool(key: string, value: boolean): number;
  SysProGetBool(key: string): boolean | undefined;
  SysProSetDouble(key: string, value: number): number;
  SysProGetDouble(key: string): number | undefined;
};

declare const hmSetting: {
  getDeviceInfo(): {
    width: number;
    height: number;
    screenShape: number;
    deviceName: string;
    keyNumber: number;
    deviceSource: number;
  };
  getLanguage(): number;
  getTimeFormat(): number;
  getDateFormat(): number;
  getBrightness(): number;
  setBrightness(brightness: number): number;
  getScreenAutoBright(): boolean;
  setScreenAutoBright(auto: boolean): number;
  setBrightScreen(seconds: number): number;
  setBrightScreenCancel(): number;
};

declare namespace HmSensor {
  interface Time {
    readonly utc: number;
    readonly year: number;
    readonly month: number;
    readonly day: number;
    readonly hour: number;
    readonly minute: number;
    readonly second: number;
    readonly week: number;
    readonly is24Hour: boolean;
    readonly format_hour: number;
    readonly event: { readonly MINUTEEND: number; readonly DAYCHANGE: number };
    addEventListener(event: number, cb: () => void): void;
  }
  interface Vibrate {
    scene: number;
    start(): void;
    stop(): void;
  }
}

declare const hmSensor: {
  id: { readonly TIME: number; readonly WEAR: number; readonly VIBRATE: number; readonly BATTERY: number };
  event: { readonly CHANGE: number };
  createSensor(id: number): unknown;
};

declare const hmBle: {
  createConnect(cb: (index: number, data: ArrayBuffer, size: number) => void): void;
  disConnect(): void;
  send(data: ArrayBuffer, size: number): boolean;
  connectStatus(): boolean;
  addListener(cb: (status: boolean) => void): void;
  removeListener(): void;
};

declare const timer: {
  createTimer(delay: number, repeat: number, cb: (option: unknown) => void, option?: unknown): number;
  stopTimer(id: number): void;
};

/** 1.0 global (global.mdx): Math.ceil(value / designWidth * device width). */
declare function px(value: number): number;

declare module 'i18n' {
  export function gettext(key: string): string;
}

// ZML's API 1.0 pieces (no declarations ship for these subpaths): its plugin-less BaseApp / BasePage
// and the dist/1.0 messaging plugins.
declare module '@zeppos/zml/base/base-app' {
  export const BaseApp: {
    (options: Record<string, unknown>): Record<string, unknown>;
    use(plugin: unknown, ...args: unknown[]): unknown;
  };
}
declare module '@zeppos/zml/base/base-page' {
  export const BasePage: {
    (options: Record<string, unknown>): Record<string, unknown>;
    use(plugin: unknown, ...args: unknown[]): unknown;
  };
}
declare module '@zeppos/zml/1.0/module/messaging/plugin/app' {
  export const appPlugin: (instance: unknown) => Record<string, unknown>;
}
declare module '@zeppos/zml/1.0/module/messaging/plugin/page' {
  export const pagePlugin: (instance: unknown) => Record<string, unknown>;
}
