// The side service on the phone: ZML wiring only; the work is in ./wallet-service.
import { BaseSideService } from '@zeppos/zml/base-side';
import { SYNC_METHOD } from '../lib/wallet/watch-phone';
import { createWalletService } from './wallet-service';

const service = createWalletService({
  storage: settings.settingsStorage,
  fetch: (request) => fetch(request),
  now: Date.now,
});

AppSideService(
  BaseSideService({
    onRequest(req: { method: string; params?: unknown }, res: (error: unknown, data?: unknown) => void) {
      if (req.method !== SYNC_METHOD) {
        res({ message: `unknown method ${String(req.method)}` });
        return;
      }
      service.handleSync(req).then(
        (reply) => res(null, reply),
        (e: unknown) => res({ message: e instanceof Error ? e.message : String(e) }),
      );
    },
    onSettingsChange(change: { key: string; newValue: unknown }) {
      void service.handleSettingsChange(change);
    },
  }),
);
