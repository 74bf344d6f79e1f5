// The side service's work, free of ZML and Zepp globals so tests drive it directly:
// answer the watch's sync request, and carry out what the settings page asks through settingsStorage.
import type { SyncResponse } from '../lib/issuer-api/types';
import { parseSyncRequest, type SyncReply } from '../lib/wallet/watch-phone';
import { InputError, parseBindingCode, parseIssuerUrl } from '../lib/wallet/settings-input';
import { KEYS, parseAction, parseStatus, type Action, type Status } from '../lib/wallet/settings-keys';
import { IssuerClient, IssuerRequestError, type ZeppFetch } from './issuer-client';

/** settingsStorage as the side service sees it (strings only). */
export interface StringStorage {
  getItem(key: string): string | null | undefined;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface WalletServiceDeps {
  storage: StringStorage;
  fetch: ZeppFetch;
  now: () => number;
}

export function createWalletService({ storage, fetch, now }: WalletServiceDeps) {
  const get = (key: string) => {
    const v = storage.getItem(key);
    return typeof v === 'string' && v !== '' ? v : null;
  };
  const status = (): Status => parseStatus(get(KEYS.status));
  const writeStatus = (patch: Partial<Status>) => storage.setItem(KEYS.status, JSON.stringify({ ...status(), ...patch, at: now() }));
  const issuerUrl = () => get(KEYS.issuerUrl);
  const client = () => {
    const url = issuerUrl();
    const credential = get(KEYS.credential);
    return url && credential ? new IssuerClient(parseIssuerUrl(url), fetch, credential) : null;
  };

  /** The issuer no longer knows this device: drop the credential so nobody keeps using it. */
  function forgetCredential(message: string) {
    storage.removeItem(KEYS.credential);
    writeStatus({ bound: false, limits: null, cards: [], message });
  }

  /** Balances and limits for the settings page, from one sync document. */
  function noteSync(sync: SyncResponse) {
    writeStatus({
      bound: true,
      currency: sync.lim.cur,
      cards: sync.cards.map((c) => ({ id: c.id, name: c.name, balance: c.bal })),
    });
  }

  async function handleSync(request: unknown): Promise<SyncReply> {
    const { params } = parseSyncRequest(request);
    const issuer = client();
    if (!issuer) return { ok: false, failure: 'not-bound', message: 'bind this watch in the settings page' };
    try {
      const sync = await issuer.sync();
      // A watch with no lease (new, or its storage wiped) gets one now instead of at half-life.
      const withLease = sync.lease || params.leaseId ? sync : { ...sync, lease: (await issuer.newLease()).lease };
      noteSync(withLease);
      return { ok: true, sync: withLease };
    } catch (e) {
      if (e instanceof IssuerRequestError && e.status === 401) {
        forgetCredential('This device was unbound by the issuer');
        return { ok: false, failure: 'unbound', message: e.message };
      }
      if (e instanceof IssuerRequestError && e.status === 0) return { ok: false, failure: 'issuer-unreachable', message: e.message };
      return { ok: false, failure: 'issuer-error', message: e instanceof Error ? e.message : String(e) };
    }
  }

  async function run(action: Action): Promise<string> {
    switch (action.type) {
      case 'bind': {
        const url = parseIssuerUrl(issuerUrl() ?? '');
        const code = parseBindingCode(get(KEYS.bindingCode) ?? '');
        const bound = await new IssuerClient(url, fetch).bind(code, get(KEYS.deviceName) ?? 'Zepp watch');
        storage.setItem(KEYS.credential, bound.credential);
        storage.removeItem(KEYS.bindingCode); // burned by the issuer anyway
        writeStatus({ bound: true, issuerUrl: url });
        await refresh();
        return 'Bound. Open Wrist Wallet on the watch to fetch the payment codes.';
      }
      case 'unbind': {
        const issuer = client();
        if (issuer) {
          try {
            await issuer.unbind();
          } catch (e) {
            // Already unknown to the issuer is as good as unbound; anything else keeps the binding.
            if (!(e instanceof IssuerRequestError && e.status === 401)) throw e;
          }
        }
        forgetCredential('');
        return 'Unbound. Payment codes on the watch stop working now.';
      }
      case 'refresh':
        await refresh();
        return 'Up to date.';
      case 'set-limits': {
        const issuer = requireClient();
        const limits = await issuer.setLimits(action.perPayment, action.daily);
        writeStatus({ limits: { perPayment: limits.perPayment, daily: limits.daily, caps: limits.caps }, currency: limits.currency });
        return 'Limits saved. The watch shows them after its next sync.';
      }
      case 'top-up': {
        const issuer = requireClient();
        // The action id is the idempotency key: a retried action never tops up twice.
        await issuer.topUp(action.cardId, action.amount, `topup-${action.id}`);
        await refresh();
        return 'Topped up.';
      }
    }
  }

  function requireClient(): IssuerClient {
    const issuer = client();
    if (!issuer) throw new InputError('Bind this watch first');
    return issuer;
  }

  async function refresh() {
    const issuer = requireClient();
    const [sync, limits] = await Promise.all([issuer.sync(), issuer.limits()]);
    noteSync(sync);
    writeStatus({ limits: { perPayment: limits.perPayment, daily: limits.daily, caps: limits.caps }, currency: limits.currency });
  }

  async function handleSettingsChange(change: { key: string; newValue?: unknown }): Promise<void> {
    if (change.key !== KEYS.action) return;
    const action = parseAction(typeof change.newValue === 'string' ? change.newValue : null);
    if (!action) return;
    const last = status();
    if (last.actionId === action.id && last.outcome !== 'working') return; // already done
    writeStatus({ actionId: action.id, outcome: 'working', message: '' });
    try {
      const message = await run(action);
      writeStatus({ actionId: action.id, outcome: 'ok', message });
    } catch (e) {
      if (e instanceof IssuerRequestError && e.status === 401 && action.type !== 'bind') forgetCredential('');
      const message = e instanceof InputError || e instanceof IssuerRequestError ? e.message : `Something went wrong: ${String(e)}`;
      writeStatus({ actionId: action.id, outcome: 'error', message });
    }
  }

  return { handleSync, handleSettingsChange, status };
}

export type WalletService = ReturnType<typeof createWalletService>;
