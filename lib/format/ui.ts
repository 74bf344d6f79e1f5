// What the watch pages (page/common/ui.ts, API 2.0+) and the band pages (band/page/common/ui.ts, API 1.0)
// share to draw: the palette, the system's language number as one the app speaks, and %s filling.
// Pure: each side passes in what its own API returns, so the band pulls in no @zos module.
import type { Language } from './money';

export const BASE_COLOR = {
  background: 0x000000,
  text: 0xffffff,
  dim: 0x9aa5a0,
  accent: 0x1db36b,
  button: 0x1f2a25,
  buttonPressed: 0x2e3d36,
  codeDark: 0x000000,
  codeLight: 0xffffff,
} as const;

/** Fills each %s with the next argument, in order (getText / gettext take the key only); missing ones are empty. */
export function fillArgs(text: string, args: readonly string[]): string {
  let i = 0;
  return text.replace(/%s/g, () => args[i++] ?? '');
}

/** getLanguage() / hmSetting.getLanguage(): 0 zh-CN, 4 ru-RU (related-resources/language-list.mdx); anything else English. */
export function appLanguage(code: number): Language {
  if (code === 0) return 'zh-CN';
  if (code === 4) return 'ru-RU';
  return 'en-US';
}
