// The side service on the phone: ZML wiring only. The work is in ./watch-sync (the watch's sync
// request) and ./settings-actions (what the settings page asks), over ./phone-store.
import { BaseSideService } from '@zeppos/zml/base-side';
import { SYNC_METHOD } from '../lib/wallet/watch-phone';
import { describeError, createPhoneStore } from './phone-store';
import { createSettingsActions } from './settings-actions';
import { createWatchSync } from './watch-sync';

const store = createPhoneStore({
  storage: settings.settingsStorage,
  fetch: (request) => fetch(request),
  now: Date.now,
});
const watchSync = createWatchSync(store);
const settingsActions = createSettingsActions(store);

AppSideService(
  BaseSideService({
    onRequest(req: { method: string; params?: unknown }, res: (error: unknown, data?: unknown) => void) {
      if (req.method !== SYNC_METHOD) {
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
    onSettingsChange(change: { key: string; newValue: unknown }) {
      void settingsActions.handleSettingsChange(change);
    },
  }),
);
