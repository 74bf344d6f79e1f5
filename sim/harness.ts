// The whole simulator in one call: one clock, the Bluetooth link, the shared settingsStorage, the
// phone realm (side service), the watch realm (app + pages) and the settings realm (the Zepp app's
// settings page), wired the way they are on a real phone and watch.
//
//   const sim = await startSimulator({ device: 'Amazfit Balance' });
//   await sim.watch.tap('Pay');
//   await sim.clock.advance(1000);
//   ... sim.close();
//
// An API 1.0 app (app.json configVersion v2) starts the same way on a 1.0 device (a band):
//   const sim = await startSimulator({ device: 'Xiaomi Mi Band 7', appDir: 'sim/fixtures/band-basic' });
// the watch realm then serves the hm* globals and the target of app.json that lists the device.
//
// Start order: the side service first (the Zepp app starts it before the watch app shakes), then the
// watch app, then the settings page. A fixture app (appDir) may lack a side service or settings page:
// then sim.phone / sim.settings throw when used.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { KEYS } from '../lib/wallet/settings-keys';
import { loadDevices, type DeviceFacts } from '../reference/devices';
import { manifestForDevice, readAppManifest } from './kernel/app-manifest';
import type { BandStore } from './zos/hm';
import { PROJECT_ROOT } from './kernel/bundle';
import { FakeClock } from './kernel/clock';
import type { Language, Simulator, SimulatorOptions } from './kernel/contracts';
import { createLink, type EmulatedLink } from './kernel/link';
import { createPhoneRealm, type SideServiceRealm } from './kernel/phone-realm';
import { createSettingsRealm, type AppSettingsRealm } from './settings/settings-realm';
import { createSettingsStorage, type SettingsStorageWithErrors } from './settings/settings-storage';
import { renderScreen, renderToImage, type RenderOptions, type RgbaImage } from './render/render';
import { createWatchRealm, type FullWatchRealm } from './kernel/watch-realm';

/** 2026-01-15 09:00 UTC: a Thursday morning, far from any month or year boundary. */
export const DEFAULT_START_MS = Date.UTC(2026, 0, 15, 9, 0, 0);

export interface FullSimulatorOptions extends SimulatorOptions {
  /** Watch LocalStorage; pass the map of an earlier simulator to start with what that watch stored. */
  watchStorage?: Map<string, unknown>;
  /** Settings storage contents at start (strings), as if typed earlier in the settings page. */
  settings?: Record<string, string>;
  /** Minutes east of UTC of the watch's time zone; default 0. */
  utcOffsetMinutes?: number;
  /** First watch page; default the first page of app.json. */
  entryPage?: string;
  /** The watch's clock ahead of the phone's and the issuer's (ms; negative: behind); default 0. Also `sim.watch.clockSkewMs`. */
  watchClockSkewMs?: number;
  /** Clock time each of the side service's fetches takes to answer (ms); default 0. */
  phoneFetchLatencyMs?: number;
  /** An API 1.0 app's /data files and SysPro values; pass `sim.watch.band` of an earlier simulator to keep them. */
  band?: BandStore;
}

export interface FullSimulator extends Simulator {
  readonly clock: FakeClock;
  readonly link: EmulatedLink;
  readonly watch: FullWatchRealm;
  readonly phone: SideServiceRealm;
  readonly settings: AppSettingsRealm;
  readonly settingsStorage: SettingsStorageWithErrors;
  /** The watch's screen now, as PNG bytes (the app's assets and the watch language). */
  screenshot(opts?: RenderOptions): Buffer;
  /** The watch's screen now, as RGBA pixels for the scanner (scanner.ts, degrade.ts). */
  screenImage(opts?: RenderOptions): RgbaImage;
}

interface AppModules {
  sidePath?: string;
  settingPath?: string;
}

function appModules(appDir: string, device: DeviceFacts): AppModules & { assetsFolder: string | null } {
  const manifest = manifestForDevice(readAppManifest(appDir), device);
  const withTs = (p: string | undefined): string | undefined => {
    if (!p) return undefined;
    const file = ['.ts', '.js'].map((ext) => p + ext).find((f) => existsSync(join(appDir, f)));
    if (!file) throw new Error(`simulator: ${manifest.file} names ${p}, but there is no ${p}.ts under ${appDir}`);
    return file;
  };
  // A v2 (API 1.0) app keeps its assets per target (assets/<target>/, 1.0 folder-structure.mdx).
  const out: AppModules & { assetsFolder: string | null } = {
    assetsFolder: manifest.configVersion === 'v2' ? manifest.target : null,
  };
  const side = withTs(manifest.sidePath);
  const setting = withTs(manifest.settingPath);
  if (side) out.sidePath = side;
  if (setting) out.settingPath = setting;
  return out;
}

export async function startSimulator(opts: FullSimulatorOptions): Promise<FullSimulator> {
  const device = loadDevices().find((d) => d.name === opts.device);
  if (!device) {
    const names = loadDevices().map((d) => d.name);
    throw new Error(
      `simulator: no device ${JSON.stringify(opts.device)} in reference/zepp-devices.tsv (e.g. ${names.slice(0, 5).join(', ')}, ...)`,
    );
  }
  const appDir = resolve(opts.appDir ?? PROJECT_ROOT);
  const modules = appModules(appDir, device);
  const clock = new FakeClock(opts.startMs ?? DEFAULT_START_MS);
  const link = createLink(clock);
  const initial = { ...(opts.settings ?? {}) };
  if (opts.issuerUrl !== undefined) initial[KEYS.issuerUrl] = opts.issuerUrl;
  const settingsStorage = createSettingsStorage(initial);
  const language: Language = opts.language ?? 'en-US';

  const started: Array<{ close(): unknown }> = [];
  try {
    const phone = modules.sidePath
      ? await createPhoneRealm({
          clock,
          link,
          storage: settingsStorage,
          entry: modules.sidePath,
          appDir,
          ...(opts.phoneFetchLatencyMs !== undefined ? { fetchLatencyMs: opts.phoneFetchLatencyMs } : {}),
        })
      : null;
    if (phone) started.push(phone);
    const watch = await createWatchRealm({
      device,
      clock,
      link,
      language,
      appDir,
      ...(opts.watchStorage ? { storage: opts.watchStorage } : {}),
      ...(opts.utcOffsetMinutes !== undefined ? { utcOffsetMinutes: opts.utcOffsetMinutes } : {}),
      ...(opts.entryPage ? { entryPage: opts.entryPage } : {}),
      ...(opts.watchClockSkewMs !== undefined ? { clockSkewMs: opts.watchClockSkewMs } : {}),
      ...(opts.band ? { band: opts.band } : {}),
    });
    started.push(watch);
    const settings = modules.settingPath
      ? await createSettingsRealm({
          storage: settingsStorage,
          clock,
          entry: modules.settingPath,
          appDir,
          language: opts.phoneLanguage ?? language,
        })
      : null;
    if (settings) started.push(settings);
    await clock.settle();
    const assetsDir = join(
      appDir,
      'assets',
      modules.assetsFolder ?? (device.shape === 'round' ? 'common.r' : 'common.s'),
    );
    const renderOpts = (extra: RenderOptions = {}): RenderOptions => ({
      locale: language,
      ...(existsSync(assetsDir) ? { assetsDir } : {}),
      ...extra,
    });
    const missing = (what: string): never => {
      throw new Error(`simulator: ${appDir}/app.json has no ${what}`);
    };
    return {
      clock,
      link,
      watch,
      settingsStorage,
      screenshot: (extra) => renderScreen(watch.snapshot(), renderOpts(extra)),
      screenImage: (extra) => renderToImage(watch.snapshot(), renderOpts(extra)),
      get phone() {
        return phone ?? missing('app-side module');
      },
      get settings() {
        return settings ?? missing('setting module');
      },
      async close() {
        await watch.close();
        phone?.close();
        settings?.close();
      },
    };
  } catch (err) {
    for (const s of started.reverse()) {
      try {
        await s.close();
      } catch {
        // the first error is the one worth reporting
      }
    }
    throw err;
  }
}
