// What the settings-error tests share (./settings-errors.test.ts, ./settings-errors.slow.test.ts): the
// codes the side service and the issuer can produce, arbitraries of failures and stored errors, the
// .po texts as the page's gettext reads them, and the real side service + real settings page over one
// settingsStorage against an issuer.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { IssuerRequestError } from '../../app-side/issuer-client';
import { formatMoney } from '../../lib/format/money';
import { SETTINGS_ERROR_CODES } from '../../lib/wallet/settings-errors';
import { KEYS, parseStatus, type Action } from '../../lib/wallet/settings-keys';
import { fill } from '../../lib/wallet/settings-language';
import { PROJECT_ROOT } from '../../sim/kernel/bundle';
import { FakeClock } from '../../sim/kernel/clock';
import type { Language } from '../../sim/kernel/contracts';
import { createLink } from '../../sim/kernel/link';
import { createPhoneRealm, type SideServiceRealm } from '../../sim/kernel/phone-realm';
import { createSettingsStorage } from '../../sim/settings/settings-storage';
import { openSettingsPage, PAGE_NOW } from '../../sim/test/phone/settings-page';
import { parsePo } from '../../sim/zos/i18n';

const read = (file: string) => readFileSync(join(PROJECT_ROOT, file), 'utf8');
export const PO = new Map(
  (['en-US', 'zh-CN', 'ru-RU'] as Language[]).map((l) => [l, parsePo(read(`setting/i18n/${l}.po`))]),
);

/** Every input-check key the side service can throw (it runs the URL and binding-code checks again). */
export function sideInputKeys(): string[] {
  const keys = new Set<string>();
  for (const file of ['lib/wallet/settings-input.ts', 'app-side/settings-actions.ts'])
    for (const m of read(file).matchAll(/'(input\.[\w-]+)'/g)) keys.add(m[1]!);
  return [...keys];
}

/** Every `error` code the issuer puts in a 4xx/5xx body (server/: IssuerError and the error plugin). */
export function issuerCodes(): string[] {
  const codes = new Set<string>();
  for (const dir of ['server/domain', 'server/plugins', 'server/db'])
    for (const file of readdirSync(join(PROJECT_ROOT, dir)).filter((f) => f.endsWith('.ts'))) {
      const source = read(`${dir}/${file}`);
      for (const m of source.matchAll(/IssuerError\(\s*\d+,\s*'([a-z-]+)'/g)) codes.add(m[1]!);
      for (const m of source.matchAll(/\['([a-z-]+)', '/g)) codes.add(m[1]!);
    }
  return [...codes];
}

/** gettext over one .po with %s filled, as the page's `t` is (setting/index.ts). */
export const sayIn =
  (lang: Language) =>
  (key: string, ...args: string[]) =>
    fill(PO.get(lang)!.get(key) ?? key, ...args);
export const moneyIn = (lang: Language) => (minor: number, currency: string) => formatMoney(minor, currency, lang);

export const ACTIONS: Action[] = [
  { type: 'bind', id: 'a' },
  { type: 'unbind', id: 'a' },
  { type: 'refresh', id: 'a' },
  { type: 'forget-pin', id: 'a' },
  { type: 'set-limits', id: 'a', perPayment: 100, daily: 200 },
  { type: 'top-up', id: 'a', cardId: 'c_1', amount: 1_250 },
  { type: 'card-options', id: 'a', cardId: 'c_1', low: 500, autoTopUp: 2_000 },
];

/** An error the side service may meet: from the issuer (any status, its codes or any), or on the phone. */
export const anyFailure = fc.oneof(
  fc
    .tuple(
      fc.oneof(fc.constant(0), fc.integer({ min: 400, max: 599 })),
      fc.oneof(
        fc.constantFrom(...issuerCodes(), 'timeout', 'unreachable', 'bad-response', 'http-error'),
        fc.string({ maxLength: 64 }),
      ),
    )
    .map(([status, code]) => new IssuerRequestError(`issuer said ${code}`, status, code)),
  fc.constant(new TypeError('x is undefined')),
  fc.string().map((s) => new Error(s)),
);

/**
 * The page's gettext as it is, or broken: answering every key with itself (no .po for the phone's
 * language), with nothing, or throwing; and a money formatter that throws.
 */
export const anySay = fc.constantFrom<Language | 'key' | 'empty' | 'throws'>(
  'en-US',
  'zh-CN',
  'ru-RU',
  'key',
  'empty',
  'throws',
);
export function sayFor(how: Language | 'key' | 'empty' | 'throws') {
  if (how === 'key') return { say: (k: string) => k, money: moneyIn('en-US') };
  if (how === 'empty') return { say: () => '', money: () => '' };
  if (how === 'throws')
    return {
      say: (): string => {
        throw new Error('gettext');
      },
      money: (): string => {
        throw new Error('money');
      },
    };
  return { say: sayIn(how), money: moneyIn(how) };
}

/** What a stored Status.error may hold: what the side service writes, or anything (older, newer, damaged). */
export const anyStoredError = fc.oneof(
  fc.record({
    code: fc.oneof(fc.constantFrom(...SETTINGS_ERROR_CODES, ...sideInputKeys()), fc.string()),
    args: fc.array(
      fc.oneof(
        fc.string(),
        fc.record({
          minor: fc.oneof(fc.integer(), fc.double(), fc.string()),
          currency: fc.oneof(fc.constantFrom('CNY', 'JPY', 'RUB', 'USD'), fc.string()),
        }),
        fc.jsonValue(),
      ),
      { maxLength: 4 },
    ),
  }),
  fc.jsonValue(),
  fc.constant(undefined),
);

/** The page's words for the issuer's bad-binding-code. */
export const WRONG_CODE_TEXT: Record<Language, string> = {
  'en-US': 'The binding code is wrong, expired or already used. Ask your wallet provider for a new one.',
  'zh-CN': '绑定码错误、已过期或已被使用。请向钱包服务商索取新的绑定码。',
  'ru-RU': 'Код привязки неверен, истёк или уже использован. Попросите у кошелька новый.',
};

const phones: SideServiceRealm[] = [];
/** Closes the side services phoneAndPage started. */
export function closePhones(): void {
  for (const r of phones.splice(0)) r.close();
}

/**
 * The real side service (phone realm) and the real settings page in `lang` (settings realm, or the band
 * app's with appDir) over one settingsStorage holding `initial`.
 */
export async function phoneAndPage(lang: Language, initial: Record<string, string> = {}, appDir?: string) {
  const clock = new FakeClock(PAGE_NOW);
  const link = createLink(clock);
  const storage = createSettingsStorage(initial);
  const phone = await createPhoneRealm({ clock, link, storage, ...(appDir ? { appDir } : {}) });
  phones.push(phone);
  const settings = await openSettingsPage(lang, {}, { storage, clock, ...(appDir ? { appDir } : {}) });
  /** Press a button by its .po key's text (with its %s arguments) and wait for the side service's outcome. */
  const press = async (buttonKey: string, ...args: string[]) => {
    const before = storage.getItem(KEYS.status);
    await settings.press({ type: 'Button', label: sayIn(lang)(buttonKey, ...args) });
    await clock.until(() => {
      const s = parseStatus(storage.getItem(KEYS.status));
      return storage.getItem(KEYS.status) !== before && (s.outcome === 'ok' || s.outcome === 'error');
    }, 15_000);
    return parseStatus(storage.getItem(KEYS.status));
  };
  return { clock, storage, phone, settings, press };
}

/** Types the issuer's address and a binding code into the page in `lang` and presses Bind. */
export async function bindOnPhone(issuerUrl: string, bindingCode: string, lang: Language) {
  const world = await phoneAndPage(lang);
  await world.settings.type({ settingsKey: KEYS.issuerUrl }, issuerUrl);
  await world.settings.type({ settingsKey: KEYS.bindingCode }, bindingCode);
  const status = await world.press('bind.button');
  return { ...world, status };
}
