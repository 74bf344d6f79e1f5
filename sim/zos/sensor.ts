// Fake @zos/sensor Time on the test's clock, in a fixed time zone (docs: sensor/Time.mdx;
// getMonth is 1-12 on the watch).

export function sensorModule(now: () => number, utcOffsetMinutes: number): Record<string, unknown> {
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
  return { Time, TIME_HOUR_FORMAT_12: 0, TIME_HOUR_FORMAT_24: 1 };
}
