// Fake @zos/app: getPackageInfo from app.json (docs: app/getPackageInfo.mdx), and the in-app message
// channel ZML's BasePage / BaseApp use to hand a request's answer back (onMessage / postMessage /
// offMessage: in ZML's dist, not in device-types; reference/zos-api.tsv assumes API 3.6, so the realm
// serves them only from there). Delivery is synchronous; a message nobody listens for is dropped.

export function appModule(appJson: { app: Record<string, unknown> }): Record<string, unknown> {
  const handlers = new Map<string, (name: string, ...data: unknown[]) => void>();
  return {
    getPackageInfo: () => ({ ...appJson.app }),
    onMessage(name: unknown, cb: unknown): void {
      if (typeof name !== 'string' || typeof cb !== 'function')
        throw new TypeError('@zos/app: onMessage(name: string, cb: function)');
      handlers.set(name, cb as (name: string, ...data: unknown[]) => void);
    },
    offMessage(name: unknown): void {
      if (typeof name === 'string') handlers.delete(name);
    },
    postMessage(name: unknown, ...data: unknown[]): void {
      if (typeof name !== 'string') throw new TypeError('@zos/app: postMessage name must be a string');
      handlers.get(name)?.(name, ...data);
    },
  };
}
