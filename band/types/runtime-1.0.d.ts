// The API 1.0 runtime's own globals (reference/device-app-api/global.mdx), for the band's program only
// (band/tsconfig.json): the root program gets App, Page and getApp from @zeppos/device-types (API 3.0) and
// console from Node. The 1.0 API both programs share is in zos-1.0.d.ts. A script file: these are globals.
declare function Page(options: Record<string, unknown>): void;
declare function App(options: Record<string, unknown>): void;
declare function getApp(): { _options: { globalData: Record<string, unknown> } };
/** global.mdx: console.log */
declare const console: { log(...args: unknown[]): void };
