// The sweeps of ./settings-errors.test.ts: each error the settings page can get from the side service,
// made for real (real issuer on loopback, real side service in the phone realm, real page in the
// settings realm) and read off the page in every language, amounts formatted for it; the band app's
// settings page (band/setting, the watches' page and .po files) says them too; the properties at full strength.
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { settingsErrorOf } from '../../app-side/settings-actions';
import { SETTINGS_ERROR_ARGS, SETTINGS_ERROR_CODES, settingsErrorText } from '../../lib/wallet/settings-errors';
import { EMPTY_STATUS, KEYS, parseStatus } from '../../lib/wallet/settings-keys';
import { seedAccount, startLocalIssuer, type LocalIssuer } from '../../server/world';
import { PROJECT_ROOT } from '../../sim/kernel/bundle';
import type { Language } from '../../sim/kernel/contracts';
import { BOUND_STATUS, closeSettingsPages, LANGS } from '../../sim/test/phone/settings-page';
import {
  ACTIONS,
  anyFailure,
  anySay,
  anyStoredError,
  bindOnPhone,
  closePhones,
  phoneAndPage,
  sayFor,
  sideInputKeys,
  WRONG_CODE_TEXT,
} from './settings-errors-helpers';

afterEach(closeSettingsPages);
afterEach(closePhones);

let h: LocalIssuer;
beforeAll(async () => {
  // Binding many times within a minute from one address: above the issuer's 10 a minute.
  h = await startLocalIssuer({ config: { rateLimits: { bind: { max: 1_000, windowMs: 60_000 } } } });
});
afterAll(async () => h.close());

/** A fresh account's binding code, or a wrong one. */
async function code(opts: { wrong?: boolean; balance?: number } = {}) {
  const { bindingCode } = await seedAccount(h.ctx, {
    balance: opts.balance ?? 50_000,
    card: { name: 'Metro', balance: 1_000 },
  });
  return opts.wrong ? bindingCode.replace(/.$/, (c) => (c === '0' ? '1' : '0')) : bindingCode;
}

const expected: Record<string, Record<Language, string>> = {
  unreachable: {
    'en-US':
      "Could not reach your wallet at 127.0.0.1:9. Check the address and this phone's connection, then try again.",
    'zh-CN': '无法连接到您的钱包 127.0.0.1:9。请检查地址和手机网络后重试。',
    'ru-RU': 'Не удалось связаться с кошельком 127.0.0.1:9. Проверьте адрес и подключение телефона и повторите.',
  },
  insufficient: {
    'en-US': 'Your wallet balance is lower than the top-up of ¥1,250.00.',
    'zh-CN': '钱包余额不足以充值 ¥1,250.00。',
    'ru-RU': 'На балансе кошелька меньше, чем сумма пополнения 1\u00a0250,00\u00a0¥.',
  },
  unbound: {
    'en-US': 'Your wallet no longer knows this watch, so it is unbound now. Bind it again.',
    'zh-CN': '您的钱包已不再识别这块手表，手表现已解绑。请重新绑定。',
    'ru-RU': 'Кошелёк больше не знает эти часы, привязка снята. Привяжите их снова.',
  },
  cardUnknown: {
    'en-US': 'Your wallet does not know this card any more. Press Refresh and try again.',
    'zh-CN': '您的钱包已不再识别这张卡。请点“刷新”后重试。',
    'ru-RU': 'Кошелёк больше не знает эту карту. Нажмите «Обновить» и повторите.',
  },
  bindFirst: { 'en-US': 'Bind this watch first', 'zh-CN': '请先绑定这块手表', 'ru-RU': 'Сначала привяжите эти часы' },
};

describe.each(LANGS)('the side service’s errors on the settings page in %s', (lang) => {
  it('a wrong binding code', async () => {
    const { settings, status } = await bindOnPhone(h.url, await code({ wrong: true }), lang);
    expect(status.error).toMatchObject({ code: 'bind.bad-code', issuer: 'bad-binding-code' });
    expect(settings.texts()).toContain(WRONG_CODE_TEXT[lang]);
  });

  it('the issuer unreachable', async () => {
    const { settings, status } = await bindOnPhone('http://127.0.0.1:9', await code(), lang);
    expect(status.error).toMatchObject({ code: 'unreachable', args: ['127.0.0.1:9'] });
    expect(settings.texts()).toContain(expected.unreachable![lang]);
  });

  it('a top-up refused: not enough in the wallet, the amount in the page’s language', async () => {
    const bound = await bindOnPhone(h.url, await code({ balance: 500 }), lang);
    expect(bound.status.outcome).toBe('ok');
    await bound.settings.type({ settingsKey: KEYS.topUpAmount }, '1250');
    const status = await bound.press('transit.topUpButton');
    expect(status.error).toMatchObject({ code: 'top-up.insufficient-funds', issuer: 'insufficient-funds' });
    expect(bound.settings.texts()).toContain(expected.insufficient![lang]);
  });

  it('card options refused for a card the issuer does not know', async () => {
    const bound = await bindOnPhone(h.url, await code(), lang);
    const status = parseStatus(bound.storage.getItem(KEYS.status));
    bound.storage.setItem(
      KEYS.status,
      JSON.stringify({ ...status, cards: [...status.cards, { id: 'c_0000000000zz', name: 'Ghost', balance: 0 }] }),
    );
    await Promise.resolve();
    await bound.settings.type({ settingsKey: 'card.c_0000000000zz.low' }, '5');
    const after = await bound.press('cards.save', 'Ghost');
    expect(after.error).toMatchObject({ code: 'card.unknown', issuer: 'not-found' });
    expect(bound.settings.texts()).toContain(expected.cardUnknown![lang]);
  });

  it('the issuer no longer knows the watch (Refresh)', async () => {
    const bound = await bindOnPhone(h.url, await code(), lang);
    bound.storage.setItem(KEYS.credential, 'x'.repeat(43));
    const status = await bound.press('account.refresh');
    expect(status).toMatchObject({ bound: false, error: { code: 'unbound', issuer: 'unauthorized' } });
    expect(bound.settings.texts()).toContain(expected.unbound![lang]);
  });

  it('Forgot PIN with no binding (the action left while unbound)', async () => {
    const world = await phoneAndPage(lang);
    world.storage.setItem(KEYS.action, JSON.stringify({ type: 'forget-pin', id: 'f1' }));
    await world.clock.until(() => parseStatus(world.storage.getItem(KEYS.status)).outcome === 'error', 10_000);
    expect(parseStatus(world.storage.getItem(KEYS.status)).error).toMatchObject({ code: 'input.bindFirst' });
    expect(world.settings.texts()).toContain(expected.bindFirst![lang]);
  });

  it('the band app’s settings page says them too', async () => {
    const world = await phoneAndPage(lang, {}, join(PROJECT_ROOT, 'band'));
    await world.settings.type({ settingsKey: KEYS.issuerUrl }, h.url);
    await world.settings.type({ settingsKey: KEYS.bindingCode }, await code({ wrong: true }));
    const status = await world.press('bind.button');
    expect(status.error).toMatchObject({ code: 'bind.bad-code' });
    expect(world.settings.texts()).toContain(WRONG_CODE_TEXT[lang]);
  });
});

describe('properties at full strength', () => {
  it('the side service reports only known codes with their number of arguments', () => {
    const known = new Set<string>([...SETTINGS_ERROR_CODES, ...sideInputKeys()]);
    fc.assert(
      fc.property(
        anyFailure,
        fc.constantFrom(...ACTIONS),
        fc.constantFrom(EMPTY_STATUS, parseStatus(BOUND_STATUS)),
        fc.string(),
        (e, action, status, url) => {
          const error = settingsErrorOf(e, action, status, url);
          expect(known.has(error.code), error.code).toBe(true);
          if (error.code in SETTINGS_ERROR_ARGS)
            expect(error.args).toHaveLength(SETTINGS_ERROR_ARGS[error.code as keyof typeof SETTINGS_ERROR_ARGS]);
          for (const a of error.args) expect(typeof a === 'string' ? a : a.currency).not.toBe('');
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('any stored error is said, never empty, never throwing, in every language', () => {
    fc.assert(
      fc.property(anyStoredError, fc.oneof(fc.string(), fc.jsonValue()), anySay, (error, text, how) => {
        const { say, money } = sayFor(how);
        expect(settingsErrorText(error, text, say, money).trim()).not.toBe('');
      }),
      { numRuns: 20_000 },
    );
  });
});
