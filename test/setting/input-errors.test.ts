// The settings page says a refused input (InputError, lib/wallet/settings-input.ts and
// setting/actions.ts) in the phone's language: the real check writes the error, the real page
// (setting/index.ts, in the simulator's settings realm) shows it from setting/i18n/<language>.po.
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS } from '../../lib/wallet/settings-keys';
import { saveLimits, uiErrorText, type SettingsStore } from '../../setting/actions';
import type { Language } from '../../sim/kernel/contracts';
import { BOUND_STATUS, closeSettingsPages, LANGS, openSettingsPage as page } from '../../sim/test/phone/settings-page';

afterEach(closeSettingsPages);

describe('a refused input on the settings page', () => {
  it('says a refused input in that language, with its amounts formatted for it', async () => {
    // The real check (setting/actions.ts saveLimits) writes the error; the real page shows it.
    const store = new Map<string, string>([
      [KEYS.status, BOUND_STATUS],
      [KEYS.limitPerPayment, '3000'],
      [KEYS.limitDaily, '6000'],
    ]);
    const settingsStore: SettingsStore = {
      getItem: (k) => store.get(k),
      setItem: (k, v) => void store.set(k, v),
    } as SettingsStore;
    saveLimits(settingsStore);
    const stored = store.get(KEYS.uiError)!;
    expect(uiErrorText(stored, (k, ...args) => `<${k} ${args.join(' ')}>`, String)).toBe(
      '<input.overCaps 200000 500000>',
    );
    const expected: Record<Language, string> = {
      'en-US': 'Your wallet allows at most ¥2,000.00 per payment and ¥5,000.00 a day',
      'zh-CN': '您的钱包最多允许单笔 ¥2,000.00、每日 ¥5,000.00',
      'ru-RU': 'Ваш кошелёк позволяет не более 2\u00a0000,00\u00a0¥ за платёж и 5\u00a0000,00\u00a0¥ в день',
    };
    for (const lang of LANGS) {
      const s = await page(lang, { [KEYS.status]: BOUND_STATUS, [KEYS.uiError]: stored });
      expect(s.texts(), lang).toContain(expected[lang]);
    }
    // An error stored as plain text (an older page) shows as it is; an unknown key shows the English text.
    expect(
      uiErrorText(
        'Plain words',
        (k) => k,
        () => '',
      ),
    ).toBe('Plain words');
    expect(
      uiErrorText(
        JSON.stringify({ key: 'input.nope', args: [], text: 'English' }),
        (k) => k,
        () => '',
      ),
    ).toBe('English');
  });
});
