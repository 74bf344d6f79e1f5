// The settings page in the Zepp app: binding, spending limits, transit cards and top-up.
// State in (settingsStorage), components out; the buttons' work is in ./actions.
// Texts in en-US, zh-CN, ru-RU from setting/i18n/*.po through the Settings App's gettext, in the
// language the Zepp app picks; money in that language too (lib/wallet/settings-language.ts says how).
// Errors too: the side service reports a code and its arguments (lib/wallet/settings-errors.ts), the
// input checks an InputError key; the page says either from the .po.
import { gettext } from 'i18n';
import { formatMoney } from '../lib/format/money';
import { settingsErrorText } from '../lib/wallet/settings-errors';
import { cardKeys, KEYS, parseAction } from '../lib/wallet/settings-keys';
import { fill, LANGUAGE_KEY, settingsLanguage } from '../lib/wallet/settings-language';
import { cardState } from '../lib/wallet/views';
import {
  bind,
  cardOptionInputs,
  currentStatus,
  forgetPin,
  refresh,
  saveCardOptions,
  saveLimits,
  topUp,
  uiErrorText,
  unbind,
  type SettingsStore,
} from './actions';

const ACCENT = '#1db36b';
const buttonStyle = { borderRadius: '24px', background: ACCENT, color: 'white', fontSize: '14px', margin: '8px 0' };
const quietButtonStyle = { ...buttonStyle, background: '#e8ecea', color: '#1f2a25' };

AppSettingsPage({
  build(props) {
    const store: SettingsStore = props.settingsStorage;
    const status = currentStatus(store);
    const lang = settingsLanguage(gettext(LANGUAGE_KEY));
    const t = (key: string, ...args: string[]) => fill(gettext(key), ...args);
    const money = (n: number) => (status.currency ? formatMoney(n, status.currency, lang) : String(n));
    // The side service writes what it did in English; the page says it in its own language: what was done by
    // the action's type, what failed by the error's code and arguments (lib/wallet/settings-errors.ts).
    const action = parseAction(store.getItem(KEYS.action));
    const doneKey = action
      ? action.type === 'card-options' && action.autoTopUp !== null
        ? 'done.card-options.auto'
        : `done.${action.type}`
      : '';
    const moneyIn = (minor: number, currency: string) => formatMoney(minor, currency, lang);
    const done =
      status.outcome === 'error'
        ? settingsErrorText(status.error, status.message, t, moneyIn)
        : status.outcome === 'ok' && action && action.id === status.actionId
          ? t(doneKey)
          : status.message;
    const error = uiErrorText(store.getItem(KEYS.uiError), t, moneyIn);
    const banner = error
      ? Text({ paragraph: true, style: { color: '#c0392b' } }, error)
      : status.outcome === 'working'
        ? Text({ paragraph: true, style: { color: '#666' } }, t('working'))
        : done
          ? Text({ paragraph: true, style: { color: status.outcome === 'error' ? '#c0392b' : ACCENT } }, done)
          : null;

    const account = status.bound
      ? Section({ title: t('account.title') }, [
          Text(
            { paragraph: true },
            t('account.boundTo', status.issuerUrl ?? store.getItem(KEYS.issuerUrl) ?? t('account.yourWallet')),
          ),
          Button({ label: t('account.refresh'), style: quietButtonStyle, onClick: () => refresh(store) }),
          Button({ label: t('account.unbind'), style: quietButtonStyle, onClick: () => unbind(store) }),
          Button({ label: t('account.forgotPin'), style: quietButtonStyle, onClick: () => forgetPin(store) }),
        ])
      : Section(
          {
            title: t('bind.title'),
            description: t('bind.description'),
          },
          [
            TextInput({
              label: t('bind.address'),
              settingsKey: KEYS.issuerUrl,
              placeholder: 'https://wallet.example.org',
            }),
            TextInput({ label: t('bind.code'), settingsKey: KEYS.bindingCode, placeholder: 'ABCD 1234' }),
            TextInput({ label: t('bind.name'), settingsKey: KEYS.deviceName, placeholder: t('bind.namePlaceholder') }),
            Button({ label: t('bind.button'), style: buttonStyle, onClick: () => bind(store) }),
          ],
        );

    const limits = status.bound
      ? Section(
          {
            title: t('limits.title'),
            description: status.limits
              ? t('limits.now', money(status.limits.perPayment), money(status.limits.daily))
              : undefined,
          },
          [
            TextInput({
              label: t('limits.perPayment', status.currency ?? ''),
              settingsKey: KEYS.limitPerPayment,
              placeholder: '200.00',
            }),
            TextInput({
              label: t('limits.daily', status.currency ?? ''),
              settingsKey: KEYS.limitDaily,
              placeholder: '1000.00',
            }),
            Button({ label: t('limits.save'), style: buttonStyle, onClick: () => saveLimits(store) }),
          ],
        )
      : null;

    const transit =
      status.bound && status.cards.length > 0
        ? Section({ title: t('transit.title') }, [
            ...status.cards.map((c) => Text({ paragraph: true }, t('transit.card', c.name, money(c.balance)))),
            Select({
              label: t('transit.topUpCard'),
              options: status.cards.map((c) => ({ name: c.name, value: c.id })),
              value: store.getItem(KEYS.topUpCard) || status.cards[0]!.id,
              onChange: (value: string) => store.setItem(KEYS.topUpCard, value),
            }),
            TextInput({
              label: t('transit.amount', status.currency ?? ''),
              settingsKey: KEYS.topUpAmount,
              placeholder: '50.00',
            }),
            Button({ label: t('transit.topUpButton'), style: buttonStyle, onClick: () => topUp(store) }),
          ])
        : null;

    // One section per card: its low-balance warning and automatic top-up, what went wrong, and the inputs.
    const cardOptions = status.bound
      ? status.cards.map((c) => {
          const keys = cardKeys(c.id);
          const shown = cardOptionInputs(store, status, c.id);
          const state = cardState({ bal: c.balance, low: c.low, auto: c.auto });
          const notes = [
            state.low ? t('cards.low', money(state.threshold)) : null,
            state.auto?.failure === 'insufficient-funds'
              ? t('cards.autoFailedFunds')
              : state.auto?.failure === 'over-daily'
                ? t('cards.autoFailedDaily')
                : null,
          ].filter((x) => x !== null);
          return Section(
            {
              title: t('cards.optionsTitle', c.name),
              description: t('cards.optionsDescription'),
            },
            [
              ...notes.map((n) => Text({ paragraph: true, style: { color: '#c0392b' } }, n)),
              TextInput({
                label: t('cards.warnUnder', status.currency ?? ''),
                settingsKey: keys.low,
                value: shown.low,
                placeholder: '10.00',
              }),
              Toggle({ label: t('cards.auto'), settingsKey: keys.auto, value: shown.auto }),
              TextInput({
                label: t('cards.autoAmount', status.currency ?? ''),
                settingsKey: keys.autoAmount,
                value: shown.autoAmount,
                placeholder: '50.00',
              }),
              Button({
                label: t('cards.save', c.name),
                style: buttonStyle,
                onClick: () => saveCardOptions(store, c.id),
              }),
            ],
          );
        })
      : [];

    return View(
      { style: { padding: '12px 16px' } },
      [banner, account, limits, transit, ...cardOptions].filter((x) => x !== null),
    );
  },
});
