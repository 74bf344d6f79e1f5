// Fake @zos/utils: log.getLogger (to the realm's log), px (scaled from app.json's designWidth) and
// EventBus (docs: utils/log.mdx, utils/px.mdx, utils/EventBus.mdx). off(name) without a listener
// removes all of that name's listeners, as ZML expects.
import { format } from 'node:util';

export type LogSink = (level: string, name: string, text: string) => void;

export class EventBus {
  private readonly map = new Map<string, Array<(...args: unknown[]) => void>>();

  on(name: string, fn: (...args: unknown[]) => void): void {
    const list = this.map.get(name) ?? [];
    list.push(fn);
    this.map.set(name, list);
  }

  off(name: string, fn?: (...args: unknown[]) => void): void {
    if (!fn) {
      this.map.delete(name);
      return;
    }
    const list = (this.map.get(name) ?? []).filter((f) => f !== fn && (f as { inner?: unknown }).inner !== fn);
    if (list.length) this.map.set(name, list);
    else this.map.delete(name);
  }

  emit(name: string, ...args: unknown[]): void {
    for (const fn of [...(this.map.get(name) ?? [])]) fn(...args);
  }

  once(name: string, fn: (...args: unknown[]) => void): void {
    const wrapper = Object.assign(
      (...args: unknown[]) => {
        this.off(name, wrapper);
        fn(...args);
      },
      { inner: fn },
    );
    this.on(name, wrapper);
  }

  clear(): void {
    this.map.clear();
  }

  count(name?: string): number {
    if (name !== undefined) return this.map.get(name)?.length ?? 0;
    let n = 0;
    for (const l of this.map.values()) n += l.length;
    return n;
  }
}

export function utilsModule(sink: LogSink, deviceWidth: number, designWidth: number): Record<string, unknown> {
  const logger = (name: string) => {
    const at =
      (level: string) =>
      (...args: unknown[]) =>
        sink(level, name, format(...args));
    return { log: at('log'), info: at('info'), warn: at('warn'), debug: at('debug'), error: at('error') };
  };
  return {
    log: { getLogger: (name: unknown) => logger(String(name)) },
    px: (v: unknown) => {
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new TypeError(`@zos/utils: px needs a number, got ${typeof v}`);
      return (v * deviceWidth) / designWidth;
    },
    EventBus,
  };
}
