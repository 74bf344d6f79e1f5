// Opens one page of the real app in the watch realm with the phone out of reach, in a given state,
// and returns its screen: what `npm run preview` and the page picture tests stand on.
// The link is cut before the app starts, so a page's sync fails at once ('link') and the page shows
// what the watch stored; nothing depends on the side service or an issuer.
import { fileURLToPath } from 'node:url';
import { loadDevices } from '../../reference/devices';
import { FakeClock } from '../kernel/clock';
import type { Language, ScreenSnapshot } from '../kernel/contracts';
import { DEFAULT_START_MS } from '../harness';
import { createLink } from '../kernel/link';
import { createWatchRealm, type FullWatchRealm } from '../kernel/watch-realm';
import { createPhoneRealm } from '../kernel/phone-realm';
import { createSettingsStorage } from '../settings/settings-storage';
import type { BandStore } from '../zos/hm';
import type { WearStatus } from '../zos/sensor';

const PREVIEW_PHONE = fileURLToPath(new URL('../fixtures/preview-phone', import.meta.url));

/** A tap: on the widget showing this text, or at a point given as fractions of the screen. */
export type PageTap = string | { fx: number; fy: number };

export interface OfflinePageOptions {
  /** Device name as in reference/zepp-devices.tsv. */
  device: string;
  /** Page url as in app.json, e.g. 'page/pay/index.page'; or, with `card`, the shortcut card's path. */
  page: string;
  /** Open the shortcut card `page` (app.json module app-widget) instead of a page. */
  card?: boolean;
  /** Watch LocalStorage when the app starts. */
  storage?: Record<string, string>;
  language?: Language;
  /** Watch clock at start (UTC ms); default the harness's. */
  startMs?: number;
  taps?: PageTap[];
  /** The page's onInit params (a string, as push hands them over). */
  params?: string;
  /** After the taps, scroll the container under mid-screen to this fraction of its range (0 top, 1 bottom). */
  scroll?: number;
  /** Folder of the app (its app.json); default the project root. An API 1.0 app (configVersion v2) opens on a band. */
  appDir?: string;
  /** An API 1.0 app's /data files and SysPro values when it starts (its stored state: there is no LocalStorage at 1.0). */
  band?: BandStore;
  /** Last, the wrist sensor's new status (@zos/sensor Wear: 0 not worn, 1 worn, 2 in motion, 3 not sure). */
  wear?: WearStatus;
  /**
   * A phone in reach instead of none: the preview phone (sim/fixtures/preview-phone), which answers the
   * pay page's wallet.activity with `activity` (a sync failure to everything else), then `waitMs` of
   * clock time (the page's question and its answer).
   */
  phone?: { activity: unknown; waitMs: number };
}

export interface OfflinePage {
  watch: FullWatchRealm;
  clock: FakeClock;
  snapshot(): ScreenSnapshot;
  close(): Promise<void>;
}

export async function openPageOffline(opts: OfflinePageOptions): Promise<OfflinePage> {
  const device = loadDevices().find((d) => d.name === opts.device);
  if (!device) throw new Error(`render-page: no device ${JSON.stringify(opts.device)} in reference/zepp-devices.tsv`);
  const clock = new FakeClock(opts.startMs ?? DEFAULT_START_MS);
  const link = createLink(clock);
  const phone = opts.phone
    ? await createPhoneRealm({
        clock,
        link,
        storage: createSettingsStorage({ 'preview.activity': JSON.stringify(opts.phone.activity) }),
        appDir: PREVIEW_PHONE,
      })
    : null;
  if (!phone) link.cut();
  const watch = await createWatchRealm({
    device,
    clock,
    link,
    storage: new Map<string, unknown>(Object.entries(opts.storage ?? {})),
    language: opts.language ?? 'en-US',
    ...(opts.card ? { card: opts.page } : { entryPage: opts.page }),
    ...(opts.params !== undefined ? { entryParams: opts.params } : {}),
    ...(opts.appDir !== undefined ? { appDir: opts.appDir } : {}),
    ...(opts.band ? { band: opts.band } : {}),
  });
  await clock.settle();
  for (const tap of opts.taps ?? []) {
    await watch.tap(
      typeof tap === 'string' ? tap : { x: Math.round(tap.fx * device.width), y: Math.round(tap.fy * device.height) },
    );
    await clock.settle();
  }
  if (opts.scroll !== undefined && opts.scroll > 0) {
    // Swipe to the end to learn the range, then back up to the fraction asked for.
    const seen = (): string => JSON.stringify(watch.snapshot().widgets);
    const atStart = seen();
    const range = -(await watch.swipe({ dy: -1e6 }));
    if (range > 0) await watch.swipe({ dy: Math.round(range * (1 - Math.min(1, opts.scroll))) });
    else {
      // Nothing scrolls: a page that turns pages on swipes (API 1.0 hmApp.registerGestureEvent) went on
      // by one, or not. Swipe on to its last page, counting, then back to the fraction asked for.
      await clock.settle();
      let last = seen() === atStart ? 0 : 1;
      for (let before = seen(); last < 50; last++) {
        await watch.swipe({ dy: -device.height });
        await clock.settle();
        const now = seen();
        if (now === before) break;
        before = now;
      }
      for (let i = Math.round(last * Math.min(1, opts.scroll)); i < last; i++) {
        await watch.swipe({ dy: device.height });
        await clock.settle();
      }
    }
    await clock.settle();
  }
  if (opts.wear !== undefined) {
    await watch.setWear(opts.wear);
    // A watch hears it at once (Wear onChange); a band's pay page reads the wrist every 0.5 s
    // (band/page/common/wear.ts): a second later both have locked.
    await clock.advance(1_000);
  }
  if (opts.phone) await clock.advance(opts.phone.waitMs);
  return {
    watch,
    clock,
    snapshot: () => watch.snapshot(),
    close: async () => {
      await watch.close();
      phone?.close();
    },
  };
}
