// Fake @zos/sensor: Time on the test's clock, in a fixed time zone (docs: sensor/Time.mdx; getMonth is
// 1-12 on the watch); Wear, the wrist sensor, whose status a test sets (docs: sensor/Wear.mdx, API 2.0).

/** Wear getStatus() values as the docs list them: 0 not worn, 1 worn, 2 in motion, 3 not sure. */
export type WearStatus = 0 | 1 | 2 | 3;
export const WEAR_STATUSES: readonly WearStatus[] = [0, 1, 2, 3];

/**
 * The watch's wrist, one per realm: its status outlives app runs (the watch stays on the wrist when the
 * app closes). Listeners belong to one run of the app; the realm drops them when the run ends.
 */
export class WearSensor {
  status: WearStatus = 1;
  private listeners: Array<() => void> = [];

  /** A new status; every listener hears of a change (the docs: "wear status change event"). */
  set(status: WearStatus, call: (fn: () => void) => void): void {
    if (!WEAR_STATUSES.includes(status)) throw new RangeError(`Wear: no status ${String(status)} (0, 1, 2 or 3)`);
    if (status === this.status) return;
    this.status = status;
    for (const fn of [...this.listeners]) call(fn);
  }

  get listening(): number {
    return this.listeners.length;
  }

  /** The app's run ended: its callbacks go with it. */
  endRun(): void {
    this.listeners = [];
  }

  /** The @zos/sensor Wear class over this sensor (docs: getStatus, onChange, offChange). */
  classFor(): new () => unknown {
    const status = () => this.status;
    const add = (fn: () => void) => this.listeners.push(fn);
    const remove = (fn: unknown) => (this.listeners = this.listeners.filter((l) => l !== fn));
    return class Wear {
      getStatus(): number {
        return status();
      }
      onChange(callback: unknown): void {
        if (typeof callback !== 'function') throw new TypeError('Wear.onChange: callback must be a function');
        add(callback as () => void);
      }
      offChange(callback: unknown): void {
        if (typeof callback !== 'function') throw new TypeError('Wear.offChange: callback must be a function');
        remove(callback);
      }
    };
  }
}

export function sensorModule(now: () => number, utcOffsetMinutes: number, wear?: WearSensor): Record<string, unknown> {
  const local = (): Date => new Date(now() + utcOffsetMinutes * 60_000);
  class Time {
    getTime(): number {
      return now();
    }
    getFullYear(): number {
      return local().getUTCFullYear();
    }
    getMonth(): number {
      return local().getUTCMonth() + 1;
    }
    getDate(): number {
      return local().getUTCDate();
    }
    getDay(): number {
      // The watch counts Monday as 1 and Sunday as 7.
      return local().getUTCDay() || 7;
    }
    getHours(): number {
      return local().getUTCHours();
    }
    getMinutes(): number {
      return local().getUTCMinutes();
    }
    getSeconds(): number {
      return local().getUTCSeconds();
    }
  }
  return { Time, TIME_HOUR_FORMAT_12: 0, TIME_HOUR_FORMAT_24: 1, ...(wear ? { Wear: wear.classFor() } : {}) };
}
