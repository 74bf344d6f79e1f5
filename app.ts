import { BaseApp } from '@zeppos/zml/base-app';
import { startWristLock } from './page/common/lock';

/** The wrist lock for this run of the app (page/common/lock.ts): locks at start unless worn since unlock, and off the wrist. */
let stopWristLock: (() => void) | null = null;

App(
  BaseApp({
    onCreate() {
      stopWristLock = startWristLock();
    },
    onDestroy() {
      stopWristLock?.();
      stopWristLock = null;
    },
  }),
);
