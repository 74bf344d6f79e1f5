/// <reference path="../node_modules/@zeppos/zml/zml.d.ts" />
// ZML ships its declarations in zml.d.ts, which TypeScript does not find for the subpath imports
// (@zeppos/zml/base-app, base-page, base-side): reference it once here.
export {};
