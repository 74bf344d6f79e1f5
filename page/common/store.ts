// The wallet record in the watch's LocalStorage: one JSON string, replaced whole.
import { localStorage } from '@zos/storage';
import { parseSyncResponse } from '../../lib/issuer-api/parse';
import { EMPTY_WALLET, parseWallet, WALLET_STORAGE_KEY, type Wallet } from '../../lib/wallet/wallet';
import { describeError, logger } from './log';

export function loadWallet(): Wallet {
  const raw = localStorage.getItem(WALLET_STORAGE_KEY, '') as unknown;
  if (typeof raw !== 'string' || raw === '') return EMPTY_WALLET;
  try {
    return parseWallet(JSON.parse(raw), parseSyncResponse, (why) =>
      logger.warn(`stored wallet dropped: ${describeError(why)}`),
    );
  } catch (e) {
    logger.warn(`stored wallet dropped: ${describeError(e)}`);
    return EMPTY_WALLET;
  }
}

export function saveWallet(wallet: Wallet): void {
  localStorage.setItem(WALLET_STORAGE_KEY, JSON.stringify(wallet));
}
