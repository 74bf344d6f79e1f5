// settingsStorage shared by the side service and the settings page: a string store whose reads see
// writes at once and whose 'change' events come later, in order, only for real changes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SettingsChange } from '../../kernel/contracts';
import { createSettingsStorage, scopedStorage } from '../../settings/settings-storage';

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

type Op = { kind: 'set'; key: string; value: string } | { kind: 'remove'; key: string } | { kind: 'clear' };
const key = fc.constantFrom('a', 'b', 'c', 'issuer.url', '', 'ü');
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('set' as const), key, value: fc.constantFrom('', 'x', 'y', '{"a":1}') }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('remove' as const), key }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'clear' as const }) },
);

describe('settings storage', () => {
  it('behaves like a Map of strings and reports exactly the changes, in order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 40 }), async (ops) => {
        const store = createSettingsStorage();
        const model = new Map<string, string>();
        const expected: SettingsChange[] = [];
        const heard: SettingsChange[] = [];
        store.addListener('change', (c) => heard.push(c));
        for (const o of ops) {
          if (o.kind === 'set') {
            const old = model.get(o.key) ?? null;
            if (old !== o.value) expected.push({ key: o.key, newValue: o.value, oldValue: old });
            model.set(o.key, o.value);
            store.setItem(o.key, o.value);
          } else if (o.kind === 'remove') {
            const old = model.get(o.key);
            if (old !== undefined) expected.push({ key: o.key, newValue: null, oldValue: old });
            model.delete(o.key);
            store.removeItem(o.key);
          } else {
            for (const [k, v] of model) expected.push({ key: k, newValue: null, oldValue: v });
            model.clear();
            store.clear();
          }
          for (const k of ['a', 'b', 'zz']) expect(store.getItem(k)).toBe(model.get(k) ?? null);
        }
        expect(heard).toEqual([]); // not yet: events come after the writer's turn
        await flush();
        expect(heard).toEqual(expected);
        expect(store.toObject()).toEqual(Object.fromEntries(model));
        expect(store.length).toBe(model.size);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses anything but strings, and changes nothing then', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer(),
          fc.boolean(),
          fc.constant(null),
          fc.constant(undefined),
          fc.object(),
          fc.array(fc.string()),
        ),
        (bad) => {
          const store = createSettingsStorage({ k: 'v' });
          expect(() => store.setItem('k', bad as never)).toThrow(TypeError);
          expect(() => store.setItem(bad as never, 'v')).toThrow(TypeError);
          expect(store.toObject()).toEqual({ k: 'v' });
        },
      ),
    );
    expect(() => createSettingsStorage({ k: 1 as never })).toThrow(/must be a string/);
    expect(() => createSettingsStorage().addListener('changed' as never, () => undefined)).toThrow(
      /only event is 'change'/,
    );
  });

  it('a listener that throws does not stop the others; its error is kept', async () => {
    const store = createSettingsStorage();
    const heard: string[] = [];
    store.addListener('change', () => {
      throw new Error('bad listener');
    });
    store.addListener('change', (c) => heard.push(c.key));
    store.setItem('a', '1');
    await flush();
    expect(heard).toEqual(['a']);
    expect(store.errors).toHaveLength(1);
  });

  it("a realm's view removes only its own listeners (ZML's removeListener('change') without one)", async () => {
    const shared = createSettingsStorage();
    const side = scopedStorage(shared);
    const page = scopedStorage(shared);
    const heard: string[] = [];
    side.addListener('change', () => heard.push('side'));
    side.addListener('change', () => heard.push('side2'));
    page.addListener('change', () => heard.push('page'));
    side.removeListener('change');
    page.setItem('a', '1');
    await flush();
    expect(heard).toEqual(['page']);
    expect(side.getItem('a')).toBe('1');
    page.detach();
    shared.setItem('a', '2');
    await flush();
    expect(heard).toEqual(['page']);
  });
});
