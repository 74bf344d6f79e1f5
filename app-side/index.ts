import { BaseSideService } from '@zeppos/zml/base-side';

AppSideService(
  BaseSideService({
    onInit() {},
    onRequest(req: unknown, res: (err: unknown, data?: unknown) => void) {
      res(null, { ok: true });
    },
  }),
);
