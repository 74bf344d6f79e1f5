// The pay page's screens after a register's charge (sim/cli/preview-till.ts: Paid, the next code,
// Declined), made end to end on all five preview devices in every language: each is drawn, and no
// text on it is cut, runs past the screen's edge or lies under the status bar.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tillPictures } from '../../sim/cli/preview-till';
import { PREVIEW_DEVICES } from '../../sim/cli/preview-states';
import type { Language } from '../../sim/kernel/contracts';

const out = mkdtempSync(join(tmpdir(), 'till-screens-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe.each(['en-US', 'zh-CN', 'ru-RU'] as Language[])('Paid, next code, Declined in %s', (language) => {
  it.each(PREVIEW_DEVICES)('read whole on %s', async (device) => {
    const { files, problems } = await tillPictures(device, language, out);
    expect(files.map((f) => f.split('/').pop())).toEqual(['pay-paid.png', 'pay-next-code.png', 'pay-declined.png']);
    for (const f of files) expect(statSync(f).size).toBeGreaterThan(1_000);
    expect(problems).toEqual([]);
  });
});
