// Fake @zos/i18n and @zos/settings.getLanguage: the build compiles page/i18n/<lang>.po into the app;
// here the .po files are read and getText looks keys up in the watch's language, falling back to
// the key itself as the watch does for a missing string.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Language } from '../kernel/contracts';

/** Language codes of getLanguage() (docs: related-resources/language-list.mdx). */
export const LANGUAGE_CODES: Record<Language, number> = { 'zh-CN': 0, 'en-US': 2, 'ru-RU': 4 };

/** msgid -> msgstr of a .po file (single-line entries and continued "..." lines). */
export function parsePo(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let id: string | null = null;
  let str: string | null = null;
  let into: 'id' | 'str' | null = null;
  const flush = (): void => {
    if (id !== null && str !== null && id !== '') out.set(id, str);
    id = str = null;
    into = null;
  };
  const unquote = (s: string, line: number): string => {
    if (!/^".*"$/.test(s)) throw new Error(`.po line ${line}: expected a quoted string, got ${s}`);
    return JSON.parse(s) as string;
  };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    if (line.startsWith('msgid ')) {
      flush();
      id = unquote(line.slice(6), i + 1);
      into = 'id';
    } else if (line.startsWith('msgstr ')) {
      str = unquote(line.slice(7), i + 1);
      into = 'str';
    } else if (line.startsWith('"')) {
      if (into === 'id') id += unquote(line, i + 1);
      else if (into === 'str') str += unquote(line, i + 1);
    }
  });
  flush();
  return out;
}

export function i18nModule(
  appDir: string,
  language: Language,
): { i18n: Record<string, unknown>; settings: Record<string, unknown> } {
  const file = join(appDir, 'page', 'i18n', `${language}.po`);
  const strings = existsSync(file) ? parsePo(readFileSync(file, 'utf8')) : new Map<string, string>();
  return {
    i18n: {
      getText: (key: unknown) => {
        if (typeof key !== 'string') throw new TypeError(`@zos/i18n: getText key must be a string, got ${typeof key}`);
        return strings.get(key) ?? key;
      },
    },
    settings: {
      getLanguage: () => LANGUAGE_CODES[language],
      getTimeFormat: () => 1,
      getDateFormat: () => 0,
    },
  };
}
