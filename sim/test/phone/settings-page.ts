// What the settings page's tests in three languages share (sim/test/phone/settings-i18n.test.ts, and
// test/setting/*, which live in test/ because sim/ may not import setting/): the languages, a bound
// status as the side service writes it, and the real page (setting/index.ts) opened in the settings realm.
// Close what was opened: afterEach(closeSettingsPages).
import { FakeClock } from '../../kernel/clock';
import type { Language } from '../../kernel/contracts';
import { createSettingsRealm, type AppSettingsRealm, type SettingsRealmOptions } from '../../settings/settings-realm';
import { createSettingsStorage } from '../../settings/settings-storage';

export const LANGS: Language[] = ['en-US', 'zh-CN', 'ru-RU'];

/** The page's clock in these tests. */
export const PAGE_NOW = Date.UTC(2026, 0, 15, 9, 0, 0);

export const BOUND_STATUS = JSON.stringify({
  actionId: 'a1',
  outcome: 'ok',
  message: 'Limits saved. The watch shows them after its next sync.',
  bound: true,
  issuerUrl: 'https://wallet.example.org',
  currency: 'CNY',
  limits: { perPayment: 20_000, daily: 123_450, caps: { perPayment: 200_000, daily: 500_000 } },
  cards: [{ id: 'c_1', name: 'Metro card', balance: 2_550 }],
  at: 1,
});

const open: AppSettingsRealm[] = [];

/** The settings page in `language` over a fresh settingsStorage holding `initial`. */
export async function openSettingsPage(
  language: Language,
  initial: Record<string, string> = {},
  options: Partial<SettingsRealmOptions> = {},
): Promise<AppSettingsRealm> {
  const settings = await createSettingsRealm({
    storage: createSettingsStorage(initial),
    clock: new FakeClock(PAGE_NOW),
    language,
    ...options,
  });
  open.push(settings);
  return settings;
}

/** Closes every page openSettingsPage opened. */
export function closeSettingsPages(): void {
  for (const r of open.splice(0)) r.close();
}
