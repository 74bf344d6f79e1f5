// The side service's half of the settings page (setting/actions.ts leaves an action in settingsStorage;
// lib/wallet/settings-keys): carry it out against the issuer and write the status the page shows.
import { isRecord } from '../lib/guards';
import { InputError, parseBindingCode, parseIssuerUrl } from '../lib/wallet/settings-input';
import type { SettingsError, SettingsErrorCode } from '../lib/wallet/settings-errors';
import { KEYS, parseAction, type Action, type Status } from '../lib/wallet/settings-keys';
import { ISSUER_TIMEOUT_MS, IssuerClient, IssuerRequestError } from './issuer-client';
import { describeError, type PhoneLog, type PhoneStore } from './phone-store';

export function createSettingsActions(store: PhoneStore, log: PhoneLog = console) {
  const { get, writeStatus } = store;
  /** Ids of the actions this run of the side service has started: each runs once. */
  const begun = new Set<string>();

  async function run(action: Action): Promise<string> {
    switch (action.type) {
      case 'bind': {
        const url = parseIssuerUrl(store.issuerUrl() ?? '');
        const code = parseBindingCode(get(KEYS.bindingCode) ?? '');
        const bound = await new IssuerClient(url, store.fetch).bind(code, get(KEYS.deviceName) ?? 'Zepp watch');
        store.storage.setItem(KEYS.credential, bound.credential);
        store.storage.removeItem(KEYS.bindingCode); // burned by the issuer anyway
        writeStatus({ bound: true, issuerUrl: url });
        await refresh();
        return 'Bound. Open Wrist Wallet on the watch to fetch the payment codes.';
      }
      case 'unbind': {
        const issuer = store.client();
        if (issuer) {
          try {
            await issuer.unbind();
          } catch (e) {
            // Already unknown to the issuer is as good as unbound; anything else keeps the binding.
            if (!(e instanceof IssuerRequestError && e.status === 401)) throw e;
            log.log('unbind: the issuer no longer knew this device');
          }
        }
        store.forgetCredential('');
        return 'Unbound. Payment codes on the watch stop working now.';
      }
      case 'refresh':
        await refresh();
        return 'Up to date.';
      case 'forget-pin':
        // Carried out by the watch at its next sync (./watch-sync): it erases its wallet and PIN.
        requireClient();
        store.storage.setItem(KEYS.pinReset, action.id);
        return 'At its next sync the watch forgets its payment code and PIN, gets a new code and asks for a new PIN. Open Wrist Wallet on the watch with this phone nearby.';
      case 'set-limits': {
        const issuer = requireClient();
        const limits = await issuer.setLimits(action.perPayment, action.daily);
        writeStatus({
          limits: { perPayment: limits.perPayment, daily: limits.daily, caps: limits.caps },
          currency: limits.currency,
        });
        return 'Limits saved. The watch shows them after its next sync.';
      }
      case 'top-up': {
        const issuer = requireClient();
        // The action id is the idempotency key: a retried action never tops up twice.
        await issuer.topUp(action.cardId, action.amount, `topup-${action.id}`);
        await refresh();
        return 'Topped up.';
      }
      case 'card-options': {
        const issuer = requireClient();
        await issuer.setCardOptions(action.cardId, action.low, action.autoTopUp);
        await refresh();
        return action.autoTopUp === null
          ? 'Saved. The watch shows it after its next sync.'
          : 'Saved. Automatic top-up starts with the next ride that takes the card under its low-balance amount.';
      }
    }
  }

  function requireClient(): IssuerClient {
    const issuer = store.client();
    if (!issuer) throw new InputError('Bind this watch first', 'input.bindFirst');
    return issuer;
  }

  async function refresh() {
    const issuer = requireClient();
    const [sync, limits] = await Promise.all([issuer.sync(), issuer.limits()]);
    store.noteSync(sync);
    writeStatus({
      limits: { perPayment: limits.perPayment, daily: limits.daily, caps: limits.caps },
      currency: limits.currency,
    });
  }

  /**
   * One change of settingsStorage, as ZML's onSettingsChange hands it over. The same change may come
   * twice, the second while the first still runs: when a settings change starts the side service, ZML
   * calls onSettingsChange(sideService.launchArgs) 1 ms after onInit, and the change may also reach
   * the settingsStorage listener ZML registered in onInit (zml src/core/side/settings/settings-plugin.js).
   * So an action runs once per id: a second Bind with the code the first one used would only turn
   * "Bound" into an error. launchArgs' shape is not documented: anything that does not name another
   * key makes the action stored in settingsStorage the one to look at.
   */
  async function handleSettingsChange(change: unknown): Promise<void> {
    const key = isRecord(change) && typeof change.key === 'string' ? change.key : null;
    if (key !== null && key !== KEYS.action) return;
    const newValue =
      key !== null && isRecord(change) && typeof change.newValue === 'string' ? change.newValue : get(KEYS.action);
    const action = parseAction(newValue);
    if (!action) {
      if (newValue) log.log('settings: ignored an action it does not understand');
      return;
    }
    if (begun.has(action.id)) return; // running, or done, in this run of the side service
    const last = store.status();
    if (last.actionId === action.id && last.outcome !== 'working') return; // done by an earlier run
    begun.add(action.id);
    writeStatus({ actionId: action.id, outcome: 'working', message: '', error: null });
    try {
      const message = await run(action);
      writeStatus({ actionId: action.id, outcome: 'ok', message, error: null });
    } catch (e) {
      log.error(`settings action ${action.type} failed: ${describeError(e)}`);
      // Read before forgetCredential empties the limits: the caps an over-cap error names.
      const error = settingsErrorOf(e, action, store.status(), store.issuerUrl() ?? '');
      if (e instanceof IssuerRequestError && e.status === 401 && action.type !== 'bind') store.forgetCredential('');
      const message =
        e instanceof InputError || e instanceof IssuerRequestError ? e.message : `Something went wrong: ${String(e)}`;
      writeStatus({ actionId: action.id, outcome: 'error', message, error });
    }
  }

  return { handleSettingsChange };
}

/**
 * The code and arguments the settings page says a failed action by (lib/wallet/settings-errors.ts),
 * from what failed: an input check (its key), the issuer (its HTTP status and its body's `error`, which
 * is carried as `issuer`), or the phone itself. `status` is the last one written (caps, currency).
 */
export function settingsErrorOf(e: unknown, action: Action, status: Status, issuerUrl: string): SettingsError {
  if (e instanceof InputError) return { code: e.key, args: [...e.args] };
  if (!(e instanceof IssuerRequestError)) return { code: 'unexpected', args: [] };
  const from = (code: SettingsErrorCode, args: SettingsError['args'] = []): SettingsError => ({
    code,
    args,
    issuer: e.code,
  });
  const currency = status.currency;
  const caps = status.limits?.caps;
  if (e.status === 0) {
    if (e.code === 'timeout') return from('timeout', [String(ISSUER_TIMEOUT_MS / 1000)]);
    return from('unreachable', [issuerHost(issuerUrl)]);
  }
  switch (e.code) {
    case 'bad-binding-code':
      return from('bind.bad-code');
    case 'over-cap':
      if (currency && caps && action.type === 'set-limits')
        return from('limits.over-cap', [
          { minor: caps.perPayment, currency },
          { minor: caps.daily, currency },
        ]);
      if (currency && caps && action.type === 'card-options')
        return from('card-options.over-cap', [{ minor: caps.daily, currency }]);
      break;
    case 'insufficient-funds':
      if (currency && action.type === 'top-up')
        return from('top-up.insufficient-funds', [{ minor: action.amount, currency }]);
      break;
    case 'not-found':
      if (action.type === 'top-up' || action.type === 'card-options') return from('card.unknown');
      break;
    case 'bad-request':
      if (action.type === 'bind') return from('bind.bad-name');
      break;
    case 'bad-response':
      return from('bad-response');
  }
  if (e.status === 401 && action.type !== 'bind') return from('unbound');
  if (e.status === 429) return from('rate-limited');
  if (e.status >= 500) return from('unavailable');
  return from('refused', [e.code === 'http-error' || e.code === '' ? `HTTP ${e.status}` : e.code]);
}

/** The issuer's host for "could not reach", without the scheme or path: short, and no secret in it. */
function issuerHost(url: string): string {
  const m = /^[a-z]+:\/\/([^/?#\s]+)/i.exec(url.trim());
  return m ? m[1]! : url.trim() || '?';
}

export type SettingsActions = ReturnType<typeof createSettingsActions>;
