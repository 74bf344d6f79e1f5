// Every stored wallet a preview picture starts from is one the watch keeps: a record its reader
// (lib/wallet/wallet.ts parseWallet with the phone's sync validator) would drop draws "Not synced yet"
// instead of the state the picture is named after.
import { describe, expect, it } from 'vitest';
import { parseSyncResponse } from '../../lib/issuer-api/parse';
import { parseWallet, WALLET_STORAGE_KEY } from '../../lib/wallet/wallet';
import { PREVIEW_STATES } from '../../sim/cli/preview-states';

describe('preview states', () => {
  it('store wallet records the watch reads back', () => {
    let checked = 0;
    for (const [page, states] of Object.entries(PREVIEW_STATES))
      for (const state of states) {
        const raw = state.storage?.[WALLET_STORAGE_KEY];
        if (raw === undefined) continue;
        const why: unknown[] = [];
        parseWallet(JSON.parse(raw), parseSyncResponse, (e) => why.push(e));
        expect(why, `${page} ${state.name}`).toEqual([]);
        checked++;
      }
    expect(checked).toBeGreaterThan(10);
  });
});
