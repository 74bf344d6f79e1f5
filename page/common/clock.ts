// The watch's local time zone, as minutes east of UTC: the Time sensor gives local fields and UTC ms.
import { Time } from '@zos/sensor';

export function utcOffsetMinutes(): number {
  const time = new Time();
  const utcMs = time.getTime();
  const localAsUtc = Date.UTC(
    time.getFullYear(),
    time.getMonth() - 1,
    time.getDate(),
    time.getHours(),
    time.getMinutes(),
  );
  return Math.round((localAsUtc - Math.floor(utcMs / 60_000) * 60_000) / 60_000);
}
