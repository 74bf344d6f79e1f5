// The side service on the phone: ZML wiring only. The work is in ./watch-sync (the watch's sync
// request) and ./settings-actions (what the settings page asks), over ./phone-store.
import { BaseSideService } from '@zeppos/zml/base-side';
import { ACTIVITY_METHOD } from '../lib/wallet/activity';
import { SYNC_METHOD } from '../lib/wallet/watch-phone';
import { describeError, createPhoneStore } from './phone-store';
import { createSettingsActions, type SettingsActions } from './settings-actions';
import { createWatchActivity, type WatchActivity } from './watch-activity';
import { createWatchSync, type WatchSync } from './watch-sync';

/** Made in onInit: the side service reads settingsStorage in its lifecycle callbacks, not at load. */
let watchSync: WatchSync | null = null;
let settingsActions: SettingsActions | null = null;
let watchActivity: WatchActivity | null = null;

AppSideService(
  BaseSideService({
    onInit() {
      const store = createPhoneStore({
        storage: settings.settingsStorage,
        fetch: (request) => fetch(request),
        now: Date.now,
      });
      watchSync = createWatchSync(store);
      watchActivity = createWatchActivity(store);
      settingsActions = createSettingsActions(store);
    },
    onRequest(req: { method: string; params?: unknown }, res: (error: unknown, data?: unknown) => void) {
      if (req.method === ACTIVITY_METHOD && watchActivity) {
        watchActivity.handleActivity(req).then(
          (reply) => res(null, reply),
          (e: unknown) => res({ message: e instanceof Error ? e.message : String(e) }),
        );
        return;
      }
      if (req.method !== SYNC_METHOD || !watchSync) {
        console.error(`request refused: unknown method ${String(req.method)}`);
        res({ message: `unknown method ${String(req.method)}` });
        return;
      }
      watchSync.handleSync(req).then(
        (reply) => res(null, reply),
        (e: unknown) => {
          console.error(`watch request refused: ${describeError(e)}`);
          res({ message: e instanceof Error ? e.message : String(e) });
        },
      );
    },
    /** A settingsStorage change, or on a cold start for one, sideService.launchArgs (shape not documented). */
    onSettingsChange(change: unknown) {
      void settingsActions?.handleSettingsChange(change);
    },
  }),
);
