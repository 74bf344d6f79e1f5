import { BaseApp } from '@zeppos/zml/base-app';

App(
  BaseApp({
    onCreate() {},
    onDestroy() {},
  }),
);
