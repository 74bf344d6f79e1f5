// The real settings page (setting/index.ts) in the settings realm in each of the app's languages:
// texts from setting/i18n/<language>.po through the Settings App's gettext, money formatted for that
// language, and every key the page asks for present in all three files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../kernel/bundle';
import type { Language } from '../../kernel/contracts';
import { parsePo } from '../../zos/i18n';
import { KEYS } from '../../../lib/wallet/settings-keys';
import { settingsLanguage } from '../../../lib/wallet/settings-language';
import { BOUND_STATUS, closeSettingsPages, LANGS, openSettingsPage as page } from './settings-page';

afterEach(closeSettingsPages);

describe('the settings page in three languages', () => {
  it('speaks the language of the .po the Zepp app picked: binding', async () => {
    const expected: Record<Language, string[]> = {
      'en-US': ['Bind this watch', 'Wallet address', 'Binding code', 'Bind'],
      'zh-CN': ['绑定此手表', '钱包地址', '绑定码', '绑定'],
      'ru-RU': ['Привязать эти часы', 'Адрес кошелька', 'Код привязки', 'Привязать'],
    };
    for (const lang of LANGS) {
      const s = await page(lang);
      const labels = [
        s.find({ type: 'Section' })!.props.title,
        s.find({ label: expected[lang][1]! })?.props.label,
        s.find({ label: expected[lang][2]! })?.props.label,
        s.find({ type: 'Button' })!.props.label,
      ];
      expect(labels).toEqual(expected[lang]);
    }
  });

  it('formats money for that language, and says what was done in it', async () => {
    const expected: Record<Language, string[]> = {
      'en-US': [
        'Now ¥200.00 per payment, ¥1,234.50 a day',
        'Metro card: ¥25.50',
        'Limits saved. The watch shows them after its next sync.',
      ],
      'zh-CN': ['当前每笔 ¥200.00，每日 ¥1,234.50', 'Metro card：¥25.50', '限额已保存。手表下次同步后显示。'],
      'ru-RU': [
        'Сейчас 200,00\u00a0¥ за платёж, 1\u00a0234,50\u00a0¥ в день',
        'Metro card: 25,50\u00a0¥',
        'Лимиты сохранены. Часы покажут их после следующей синхронизации.',
      ],
    };
    for (const lang of LANGS) {
      const s = await page(lang, {
        [KEYS.status]: BOUND_STATUS,
        [KEYS.action]: JSON.stringify({ type: 'set-limits', id: 'a1', perPayment: 20_000, daily: 123_450 }),
      });
      const texts = s.texts();
      const description = s.find({ type: 'Section', label: lang === 'en-US' ? 'Spending limits' : /.+/ });
      expect(description).toBeDefined();
      const all = [...texts, ...collectDescriptions(s.render())];
      for (const e of expected[lang]) expect(all, lang).toContain(e);
    }
  });

  it('has every key the page asks for in all three files, and each file names its language', () => {
    const source = readFileSync(join(PROJECT_ROOT, 'setting/index.ts'), 'utf8');
    const keys = new Set([...source.matchAll(/\bt\('([\w.-]+)'/g)].map((m) => m[1]!));
    // The input checks' keys (InputError), wherever they are thrown.
    for (const file of ['lib/wallet/settings-input.ts', 'setting/actions.ts', 'app-side/settings-actions.ts'])
      for (const m of readFileSync(join(PROJECT_ROOT, file), 'utf8').matchAll(/'(input\.[\w-]+)'/g)) keys.add(m[1]!);
    expect(keys.has('input.overCaps')).toBe(true);
    for (const type of ['bind', 'unbind', 'refresh', 'set-limits', 'top-up', 'card-options', 'forget-pin'])
      keys.add(`done.${type}`);
    const files = LANGS.map((l) => parsePo(readFileSync(join(PROJECT_ROOT, 'setting/i18n', `${l}.po`), 'utf8')));
    LANGS.forEach((lang, i) => {
      expect(files[i]!.get('lang')).toBe(lang);
      for (const k of keys) expect(files[i]!.has(k), `${lang}: ${k}`).toBe(true);
      expect([...files[i]!.keys()].sort()).toEqual([...files[0]!.keys()].sort());
    });
  });

  it('takes any other answer of gettext("lang") as English', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.jsonValue()), (x) => {
        expect(settingsLanguage(x)).toBe(LANGS.includes(x as Language) ? x : 'en-US');
      }),
    );
  });
});

function collectDescriptions(node: { props: Record<string, unknown>; children: unknown[] }): string[] {
  const out: string[] = [];
  if (typeof node.props.description === 'string') out.push(node.props.description);
  for (const c of node.children)
    if (c && typeof c === 'object' && 'props' in c) out.push(...collectDescriptions(c as never));
  return out;
}
