// The settings page in the Zepp app: binding, spending limits, transit cards and top-up.
// State in (settingsStorage), components out; the buttons' work is in ./actions.
import { formatMoney } from '../lib/format/money';
import { cardKeys, KEYS } from '../lib/wallet/settings-keys';
import { cardState } from '../lib/wallet/views';
import {
  bind,
  cardOptionInputs,
  currentStatus,
  refresh,
  saveCardOptions,
  saveLimits,
  topUp,
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
    const money = (n: number) => (status.currency ? formatMoney(n, status.currency, 'en-US') : String(n));
    const error = store.getItem(KEYS.uiError);
    const banner = error
      ? Text({ paragraph: true, style: { color: '#c0392b' } }, error)
      : status.outcome === 'working'
        ? Text({ paragraph: true, style: { color: '#666' } }, 'Working…')
        : status.message
          ? Text({ paragraph: true, style: { color: status.outcome === 'error' ? '#c0392b' : ACCENT } }, status.message)
          : null;

    const account = status.bound
      ? Section({ title: 'Account' }, [
          Text({ paragraph: true }, `Bound to ${status.issuerUrl ?? store.getItem(KEYS.issuerUrl) ?? 'your wallet'}`),
          Button({ label: 'Refresh', style: quietButtonStyle, onClick: () => refresh(store) }),
          Button({ label: 'Unbind this watch', style: quietButtonStyle, onClick: () => unbind(store) }),
        ])
      : Section(
          {
            title: 'Bind this watch',
            description: 'Your wallet provider gives you an address and an 8-character binding code.',
          },
          [
            TextInput({
              label: 'Wallet address',
              settingsKey: KEYS.issuerUrl,
              placeholder: 'https://wallet.example.org',
            }),
            TextInput({ label: 'Binding code', settingsKey: KEYS.bindingCode, placeholder: 'ABCD 1234' }),
            TextInput({ label: 'Name of this watch', settingsKey: KEYS.deviceName, placeholder: 'My watch' }),
            Button({ label: 'Bind', style: buttonStyle, onClick: () => bind(store) }),
          ],
        );

    const limits = status.bound
      ? Section(
          {
            title: 'Spending limits',
            description: status.limits
              ? `Now ${money(status.limits.perPayment)} per payment, ${money(status.limits.daily)} a day`
              : undefined,
          },
          [
            TextInput({
              label: `Per payment (${status.currency ?? ''})`,
              settingsKey: KEYS.limitPerPayment,
              placeholder: '200.00',
            }),
            TextInput({
              label: `Per day (${status.currency ?? ''})`,
              settingsKey: KEYS.limitDaily,
              placeholder: '1000.00',
            }),
            Button({ label: 'Save limits', style: buttonStyle, onClick: () => saveLimits(store) }),
          ],
        )
      : null;

    const transit =
      status.bound && status.cards.length > 0
        ? Section({ title: 'Transit cards' }, [
            ...status.cards.map((c) => Text({ paragraph: true }, `${c.name}: ${money(c.balance)}`)),
            Select({
              label: 'Top up',
              options: status.cards.map((c) => ({ name: c.name, value: c.id })),
              value: store.getItem(KEYS.topUpCard) || status.cards[0]!.id,
              onChange: (value: string) => store.setItem(KEYS.topUpCard, value),
            }),
            TextInput({
              label: `Amount (${status.currency ?? ''}) from your wallet balance`,
              settingsKey: KEYS.topUpAmount,
              placeholder: '50.00',
            }),
            Button({ label: 'Top up', style: buttonStyle, onClick: () => topUp(store) }),
          ])
        : null;

    // One section per card: its low-balance warning and automatic top-up, what went wrong, and the inputs.
    const cardOptions = status.bound
      ? status.cards.map((c) => {
          const keys = cardKeys(c.id);
          const shown = cardOptionInputs(store, status, c.id);
          const state = cardState({ bal: c.balance, low: c.low, auto: c.auto });
          const notes = [
            state.low ? `Under ${money(state.threshold)}: top up soon` : null,
            state.auto?.failure === 'insufficient-funds'
              ? 'Automatic top-up failed: your wallet balance is lower than the top-up'
              : state.auto?.failure === 'over-daily'
                ? 'Automatic top-up failed: it would go past your daily limit'
                : null,
          ].filter((x) => x !== null);
          return Section(
            {
              title: `${c.name} options`,
              description: `Warn when the balance is under an amount; top up from your wallet when a ride takes it under (within your daily limit)`,
            },
            [
              ...notes.map((n) => Text({ paragraph: true, style: { color: '#c0392b' } }, n)),
              TextInput({
                label: `Warn under (${status.currency ?? ''}; empty: never)`,
                settingsKey: keys.low,
                value: shown.low,
                placeholder: '10.00',
              }),
              Toggle({ label: 'Automatic top-up', settingsKey: keys.auto, value: shown.auto }),
              TextInput({
                label: `Top up by (${status.currency ?? ''})`,
                settingsKey: keys.autoAmount,
                value: shown.autoAmount,
                placeholder: '50.00',
              }),
              Button({
                label: `Save ${c.name} options`,
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
