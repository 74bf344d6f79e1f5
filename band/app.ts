// The band app (API 1.0): ZML's plain BaseApp with its 1.0 messaging plugin (@zeppos/zml 0.0.43:
// dist/base/base-app.js, dist/1.0/module/messaging/plugin/app.js over hmBle). ZML's usual base-app
// (dist/zml-app.js) needs API 3.0 (its README; it takes setTimeout and EventBus from @zos/*, which 1.0
// lacks). The plugin puts the messaging in globalData, where band/page/common/sync.ts asks it.
// Imports only npm packages and 'i18n': the build moves this file to the package's root as app.js.
// 'i18n' here because zpm (3.4.1) builds the language table from the .po files into the app bundle only
// (its i18n module for app.js sets __$$app$$__.__globals__.gettext; a page's only reads it back).
import { gettext } from 'i18n';
import { BaseApp } from '@zeppos/zml/base/base-app';
import { appPlugin } from '@zeppos/zml/1.0/module/messaging/plugin/app';

BaseApp.use(appPlugin);

App(
  BaseApp({
    globalData: { gettext },
    onCreate() {},
    onDestroy() {},
  }),
);
