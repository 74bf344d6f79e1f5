// Time at the edge: UTC milliseconds + the watch's UTC offset -> short text in the user's language.
// No Intl on the watch; the offset comes from the device (minutes east of UTC).
import type { Language } from './money';

const pad2 = (n: number) => String(n).padStart(2, '0');

const MONTHS: Record<Language, string[]> = {
  'en-US': ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  'ru-RU': ['янв', 'фев', 'мар', 'апр', 'мая', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'],
  'zh-CN': [],
};

function localParts(utcMs: number, offsetMinutes: number) {
  if (!Number.isFinite(utcMs)) throw new RangeError(`time must be finite, got ${utcMs}`);
  const d = new Date(utcMs + offsetMinutes * 60_000);
  return { month: d.getUTCMonth(), day: d.getUTCDate(), hours: d.getUTCHours(), minutes: d.getUTCMinutes() };
}

/** '25 Nov 14:05' / '11月25日 14:05' / '25 ноя 14:05'; today's times show the clock only. */
export function formatMoment(utcMs: number, nowMs: number, offsetMinutes: number, language: Language): string {
  const p = localParts(utcMs, offsetMinutes);
  const n = localParts(nowMs, offsetMinutes);
  const clock = `${pad2(p.hours)}:${pad2(p.minutes)}`;
  if (p.day === n.day && p.month === n.month && Math.abs(utcMs - nowMs) < 86_400_000) return clock;
  if (language === 'zh-CN') return `${p.month + 1}月${p.day}日 ${clock}`;
  return `${p.day} ${MONTHS[language][p.month]} ${clock}`;
}
