// The side service's errors on the settings page in the phone's language: every code it can report
// has a text in every setting/i18n/*.po with as many %s as its arguments; any stored code and arguments
// is said without throwing and never as an empty line; and end to end, a wrong binding code refused by
// the real issuer shows in Chinese and Russian (real side service in the phone realm, real page in the
// settings realm). The sweeps (every error in every language, full-strength properties):
// ./settings-errors.slow.test.ts.
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { IssuerRequestError } from '../../app-side/issuer-client';
import { settingsErrorOf } from '../../app-side/settings-actions';
import {
  errorKey,
  SETTINGS_ERROR_ARGS,
  SETTINGS_ERROR_CODES,
  settingsErrorText,
  type SettingsErrorCode,
} from '../../lib/wallet/settings-errors';
import { EMPTY_STATUS, parseAction, parseStatus } from '../../lib/wallet/settings-keys';
import { seedAccount, startLocalIssuer, type LocalIssuer } from '../../server/world';
import { BOUND_STATUS, closeSettingsPages, LANGS } from '../../sim/test/phone/settings-page';
import {
  ACTIONS,
  anyFailure,
  anySay,
  anyStoredError,
  bindOnPhone,
  closePhones,
  moneyIn,
  PO,
  sayFor,
  sayIn,
  sideInputKeys,
  WRONG_CODE_TEXT,
} from './settings-errors-helpers';

afterEach(closeSettingsPages);
afterEach(closePhones);

describe('the side service’s error codes on the settings page', () => {
  it('every code the side service can report has a text in every .po, with a %s per argument', () => {
    const codes: Array<[string, number | null]> = [
      ...SETTINGS_ERROR_CODES.map((c): [string, number] => [c, SETTINGS_ERROR_ARGS[c]]),
      ...sideInputKeys().map((k): [string, null] => [k, null]),
    ];
    expect(codes.map(([c]) => c)).toEqual(expect.arrayContaining(['bind.bad-code', 'unreachable', 'input.bindFirst']));
    for (const lang of LANGS)
      for (const [code, args] of [...codes, ['unknown', 1] as const, ['unknownWithText', 2] as const]) {
        const text = PO.get(lang)!.get(errorKey(code));
        expect(text, `${lang}: ${errorKey(code)}`).toBeTruthy();
        if (args !== null) expect(text!.split('%s').length - 1, `${lang}: ${errorKey(code)} %s`).toBe(args);
      }
  });

  it('the side service reports only those codes, with their number of arguments, and the issuer’s own code', () => {
    const known = new Set<string>([...SETTINGS_ERROR_CODES, ...sideInputKeys()]);
    const statuses = [EMPTY_STATUS, parseStatus(BOUND_STATUS)];
    fc.assert(
      fc.property(anyFailure, fc.constantFrom(...ACTIONS), fc.constantFrom(...statuses), (e, action, status) => {
        const error = settingsErrorOf(e, action, status, 'https://wallet.example.org/api');
        expect(known.has(error.code), error.code).toBe(true);
        if (error.code in SETTINGS_ERROR_ARGS)
          expect(error.args).toHaveLength(SETTINGS_ERROR_ARGS[error.code as SettingsErrorCode]);
        if (e instanceof IssuerRequestError) expect(error.issuer).toBe(e.code);
        expect(parseAction(JSON.stringify(action))).toEqual(action); // the actions tried are real ones
      }),
      { numRuns: 100 },
    );
  });

  it('says any stored code and arguments in every language without throwing, never as an empty line', () => {
    fc.assert(
      fc.property(anyStoredError, fc.oneof(fc.string(), fc.jsonValue()), anySay, (error, text, how) => {
        const { say, money } = sayFor(how);
        expect(settingsErrorText(error, text, say, money).trim()).not.toBe('');
      }),
      { numRuns: 100 },
    );
    // A code the .po lacks says so in the page's language, then the English words.
    expect(settingsErrorText({ code: 'new-thing', args: [] }, 'Some English', sayIn('zh-CN'), moneyIn('zh-CN'))).toBe(
      '未知错误（new-thing）：Some English',
    );
    expect(settingsErrorText({ code: 'new-thing', args: [] }, '', sayIn('ru-RU'), moneyIn('ru-RU'))).toBe(
      'Неизвестная ошибка (new-thing)',
    );
    // Amounts in the page's language.
    expect(
      settingsErrorText(
        { code: 'top-up.insufficient-funds', args: [{ minor: 123_450, currency: 'CNY' }] },
        '',
        sayIn('ru-RU'),
        moneyIn('ru-RU'),
      ),
    ).toBe('На балансе кошелька меньше, чем сумма пополнения 1\u00a0234,50\u00a0¥.');
  });
});

describe('end to end: a wrong binding code, refused by the issuer', () => {
  let h: LocalIssuer;
  beforeAll(async () => {
    h = await startLocalIssuer();
  });
  afterAll(async () => h.close());

  it('shows in Chinese and Russian on the settings page', async () => {
    for (const lang of ['zh-CN', 'ru-RU'] as const) {
      const { bindingCode } = await seedAccount(h.ctx, { card: null });
      const wrong = bindingCode.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
      const { settings, phone } = await bindOnPhone(h.url, wrong, lang);
      expect(phone.fetches.map((f) => [f.url, f.status])).toEqual([[`${h.url}/v1/devices/bind`, 401]]);
      expect(settings.texts(), lang).toContain(WRONG_CODE_TEXT[lang]);
    }
  });
});
