// The @zos modules as a device of one API level has them (sim/zos/api-level.ts over reference/zos-api.tsv).
import { describe, expect, it } from 'vitest';
import { loadZosApi } from '../../../reference/zos-api';
import { gateModules, unlistedMembers } from '../../zos/api-level';

const api = loadZosApi();
const fakes = () => ({
  '@zos/app': { getPackageInfo: () => ({}), onMessage: () => {}, postMessage: () => {}, offMessage: () => {} },
  '@zos/ui': { createWidget: () => ({}) },
  '@zos/ble/TransferFile': undefined,
});

function at(level: number) {
  const errors: Error[] = [];
  const require = gateModules(api, { name: 'Test Watch', apiLevel: level }, fakes(), (e) => errors.push(e));
  return { require, errors };
}

describe('@zos modules at an API level', () => {
  it('leaves out members above the level: calling one is "not a function", and the read is recorded with both levels', () => {
    const { require, errors } = at(3.0);
    const app = require('@zos/app') as Record<string, unknown>;
    expect(Object.keys(app)).toEqual(['getPackageInfo']);
    expect('onMessage' in app).toBe(false);
    expect(() => (app.onMessage as () => void)()).toThrow(TypeError);
    expect(() => (app.onMessage as () => void)()).toThrow(/is not a function/);
    expect(errors[0]?.message).toBe(
      '@zos/app.onMessage is not on Test Watch (API level 3.0): reference/zos-api.tsv has it from API level 3.6 (assumed: the docs do not list it)',
    );
  });

  it('has them at or above the level', () => {
    const { require, errors } = at(3.6);
    expect(Object.keys(require('@zos/app') as object).sort()).toEqual([
      'getPackageInfo',
      'offMessage',
      'onMessage',
      'postMessage',
    ]);
    expect(errors).toEqual([]);
  });

  it('serves a module the device does not have as an object with no members, naming the level on a read', () => {
    const { require, errors } = at(2.1);
    const crypto = require('@zos/crypto') as Record<string, unknown>;
    expect(Object.keys(crypto)).toEqual([]);
    expect(crypto.createCrypto).toBeUndefined();
    expect(errors[0]?.message).toMatch(
      /^@zos\/crypto\.createCrypto: @zos\/crypto is not on Test Watch \(API level 2\.1\); .* from API level 3\.0, docs\/.*DigestCrypto\.mdx$/,
    );
  });

  it('says so when the device has a member the simulator does not fake, and when it has a module the simulator lacks', () => {
    const { require, errors } = at(3.0);
    expect((require('@zos/ui') as Record<string, unknown>).getTextLayout).toBeUndefined();
    expect(errors[0]?.message).toMatch(/^@zos\/ui\.getTextLayout \(API level 2\.0\) is not modelled by the simulator/);
    expect(() => require('@zos/page')).toThrow(/@zos\/page is on Test Watch \(API level 3\.0\) but not modelled/);
    expect(() => require('@zos/nonesuch')).toThrow(/no module "@zos\/nonesuch" in reference\/zos-api\.tsv/);
  });

  it('reads names that are no Zepp OS API (module interop, typos) as undefined without a record', () => {
    const { require, errors } = at(3.0);
    const ui = require('@zos/ui') as Record<string, unknown>;
    expect(ui.__esModule).toBeUndefined();
    expect(ui.createWidgt).toBeUndefined();
    expect(errors).toEqual([]);
  });

  it('keeps @zos/ble/TransferFile undefined (not emulated; ZML checks for it)', () => {
    expect(at(3.0).require('@zos/ble/TransferFile')).toBeUndefined();
    expect(at(2.1).require('@zos/ble/TransferFile')).toBeUndefined();
  });

  it('fails, listing them, on fake members that have no row in the table (a simulator bug)', () => {
    const bad = {
      ...fakes(),
      '@zos/timer': { setTimeout() {}, setInterval() {} },
      '@zos/sensor': { Time: class {}, Nope: 1 },
    };
    expect(unlistedMembers(api, bad)).toEqual(['@zos/timer.setInterval', '@zos/sensor.Nope']);
    expect(() => gateModules(api, { name: 'X', apiLevel: 4 }, bad, () => {})).toThrow(
      /simulator bug: .*@zos\/timer\.setInterval, @zos\/sensor\.Nope$/,
    );
  });
});
