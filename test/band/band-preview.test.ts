// npm run preview's band pictures stand on bandFiles (sim/cli/preview-states.ts) writing the wallet file
// the way band/page/common/store.ts reads it: a picture state's stored wallet shows on the band's page.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WALLET_STORAGE_KEY } from '../../lib/wallet/wallet';
import { bandFiles, PREVIEW_NOW, PREVIEW_STATES } from '../../sim/cli/preview-states';
import { openPageOffline } from '../../sim/render/page';

const BAND_APP = fileURLToPath(new URL('../../band', import.meta.url));

describe('band preview states', () => {
  it("reach the band's pages through its /data file", async () => {
    const cards = PREVIEW_STATES['page/transit/index.page']!.find((s) => s.name === 'cards')!;
    expect([...bandFiles(cards.storage).keys()]).toContain(`${WALLET_STORAGE_KEY}.json`);
    const open = await openPageOffline({
      device: 'Amazfit Band 7',
      page: 'page/transit/index.page',
      startMs: PREVIEW_NOW,
      appDir: BAND_APP,
      band: { files: bandFiles(cards.storage), sysPro: new Map() },
    });
    try {
      expect(open.watch.texts()).toEqual(expect.arrayContaining(['Metro', '¥88.20', 'Line 2', '-¥3.00']));
      expect(open.watch.errors).toEqual([]);
    } finally {
      await open.close();
    }
  });
});
