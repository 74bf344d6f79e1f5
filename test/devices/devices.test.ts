import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDevices, targetDevices } from '../../reference/devices';
import { loadDevices } from '../../reference/devices';

const HEADER =
  'name\tdeviceSources\tshape\twidth\theight\tscreenRadius\tchipset\tapiLevel\ticonSize\tpreviewW\tpreviewH';

describe('device facts', () => {
  it('parses the shipped table', () => {
    const all = loadDevices();
    expect(all.length).toBeGreaterThan(30);
    const balance = all.find((d) => d.name === 'Amazfit Balance');
    expect(balance).toMatchObject({ shape: 'round', width: 480, height: 480, chipset: 'nxp', apiLevel: 3.7 });
    expect(balance?.deviceSources).toEqual([8519936, 8519937, 8519939]);
  });

  it('targets round and square screens of API 3.0 and up only', () => {
    const targets = targetDevices(loadDevices());
    expect(targets.every((d) => d.shape !== 'band' && d.apiLevel >= 3)).toBe(true);
    expect(targets.map((d) => d.name)).toContain('Amazfit Bip 5 Unity'); // exactly 3.0
    expect(targets.map((d) => d.name)).not.toContain('Amazfit Bip 5'); // 2.1
    expect(targets.map((d) => d.name)).not.toContain('Amazfit Band 7');
  });

  it('reads unknown chipsets and icon sizes as null', () => {
    const [d] = parseDevices(`${HEADER}\nX\t1,2\tround\t480\t480\t240\t?\t4.4\t?\t324\t324\n`);
    expect(d).toMatchObject({ chipset: null, iconSize: null, deviceSources: [1, 2] });
  });

  it('rejects a malformed row with its line number', () => {
    expect(() => parseDevices(`${HEADER}\nX\t1\toval\t480\t480\t240\tnxp\t3.0\t1\t1\t1`)).toThrow(
      /line 2: unknown shape/,
    );
    expect(() => parseDevices(`${HEADER}\nX\t1\tround\t48x\t480\t240\tnxp\t3.0\t1\t1\t1`)).toThrow(/line 2: width/);
    expect(() => parseDevices(`bad header\n`)).toThrow(/header/);
  });

  it('never throws anything but an Error, whatever the text', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string(), { maxLength: 12 }), (junk, cells) => {
        for (const text of [junk, `${HEADER}\n${junk}`, `${HEADER}\n${cells.join('\t')}`]) {
          try {
            parseDevices(text);
          } catch (e) {
            expect(e).toBeInstanceOf(Error);
          }
        }
      }),
    );
  });
});
