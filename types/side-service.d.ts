// Globals of the Side Service (the app-side/ code in the Zepp app on the phone), which
// @zeppos/device-types does not declare. From the Zepp OS docs (docs/reference/side-service-api:
// settings-storage, messaging, fetch, transfer-file, global) and what ZML's side code calls
// (shared reference: zepp-runtime-facts.md).

declare namespace ZeppSide {
  interface SettingsChange {
    key: string;
    newValue: string | null | undefined;
    oldValue: string | null | undefined;
  }

  /** settings.settingsStorage: strings only; shared with the Settings App, which re-renders on change. */
  interface SettingsStorage {
    setItem(key: string, value: string): void;
    getItem(key: string): string | null | undefined;
    removeItem(key: string): void;
    clear(): void;
    toObject(): Record<string, string>;
    readonly length: number;
    addListener(event: 'change', listener: (change: SettingsChange) => void): void;
    removeListener(event: 'change', listener: (change: SettingsChange) => void): void;
  }

  interface PeerSocket {
    addListener(event: 'message', listener: (payload: ArrayBuffer) => void): void;
    removeListener(event: 'message', listener: (payload: ArrayBuffer) => void): void;
    send(payload: ArrayBuffer): void;
  }

  /** Zepp's fetch: one object with url, method, headers and body only (docs: side-service-api/fetch). */
  interface FetchRequest {
    url: string;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
  }

  interface FetchResponse {
    status: number;
    statusText?: string;
    headers?: Record<string, string>;
    /** A parsed object on some phones, a JSON string on others. */
    body?: unknown;
  }

  interface SideServiceInfo {
    appInfo: { app: { appId: number; appName: string } };
    launchReasons: { settingsChanged: boolean; fileTransfer: boolean };
    launchArgs: unknown;
  }

  interface SideServiceOption {
    onInit?(): void;
    onRun?(): void;
    onDestroy?(): void;
  }
}

declare const settings: { settingsStorage: ZeppSide.SettingsStorage };
declare const messaging: { peerSocket: ZeppSide.PeerSocket };
declare const sideService: ZeppSide.SideServiceInfo;
declare function AppSideService(option: ZeppSide.SideServiceOption): void;
/** Zepp's fetch, an overload beside the standard one that Node's types declare. */
declare function fetch(request: ZeppSide.FetchRequest): Promise<ZeppSide.FetchResponse>;
