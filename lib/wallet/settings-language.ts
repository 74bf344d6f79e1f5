// Which language the settings page speaks. The Settings App has no documented way to ask the phone's
// language (docs/reference/app-settings-api has UI components only); what it has is gettext from its
// 'i18n' module, which reads setting/i18n/<language>.po as the Zepp app chooses it (the zeppos-samples'
// todo-list setting/index.js; guides/architecture/folder-structure.mdx "Settings App i18n Directory").
// So each .po file carries its own language under the key "lang", and the page formats money for the
// language of the strings it got: gettext('lang') is 'zh-CN' exactly when the texts are Chinese.
import type { Language } from '../format/money';
import { fillArgs } from '../format/ui';

export const LANGUAGE_KEY = 'lang';

/** gettext('lang') -> the page's language; anything unknown (no .po for the phone's language: the key comes back) is en-US. */
export function settingsLanguage(fromPo: unknown): Language {
  return fromPo === 'zh-CN' || fromPo === 'ru-RU' || fromPo === 'en-US' ? fromPo : 'en-US';
}

/** gettext with %s filled in order. */
export function fill(text: string, ...args: string[]): string {
  return fillArgs(text, args);
}
