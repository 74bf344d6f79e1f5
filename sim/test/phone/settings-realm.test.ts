// The settings realm runs a settings page in its own vm context: its tree, the user's actions, the
// re-render on every settingsStorage change, and the prop checks that make a typo fail.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../kernel/clock';
import { COMPONENTS, createSettingsRealm, type AppSettingsRealm } from '../../settings/settings-realm';
import { createSettingsStorage } from '../../settings/settings-storage';

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/phone-echo');
const START = Date.UTC(2026, 0, 15, 9, 0, 0);

const open: AppSettingsRealm[] = [];
afterEach(() => {
  for (const r of open.splice(0)) r.close();
});

async function setup(initial: Record<string, string> = {}) {
  const clock = new FakeClock(START);
  const storage = createSettingsStorage(initial);
  const settings = await createSettingsRealm({ storage, clock, appDir: FIXTURE });
  open.push(settings);
  return { clock, storage, settings };
}

describe('settings realm', () => {
  it('renders the page to a tree of components with their props and texts', async () => {
    const { settings } = await setup({ name: 'Ann' });
    const root = settings.render();
    expect(root.type).toBe('View');
    expect(root.children.map((c) => [c.type, c.props.title])).toEqual([
      ['Section', 'Inputs'],
      ['Section', 'Seen by the side service'],
    ]);
    expect(settings.find({ label: 'Name' })).toMatchObject({
      type: 'TextInput',
      props: { settingsKey: 'name', placeholder: 'your name' },
      text: 'Ann',
    });
    expect(settings.texts()).toEqual(['name: -', 'colour r']);
    expect(settings.find({ type: 'Section', label: /side service/ })?.children).toHaveLength(2);
  });

  it('type writes the settingsKey and re-renders; onChange of a keyless input runs', async () => {
    const { storage, settings } = await setup();
    const before = settings.builds;
    await settings.type({ label: 'Name' }, 'Bob');
    expect(storage.getItem('name')).toBe('Bob');
    expect(settings.builds).toBeGreaterThan(before);
    expect(settings.find({ settingsKey: 'name' })?.text).toBe('Bob');
    expect(settings.find({ type: 'Section', label: 'Inputs' })?.props.description).toBe(`build ${settings.builds}`);
    await settings.type({ label: 'Free' }, 'abc');
    expect(storage.getItem('free.copy')).toBe('ABC');
  });

  it('re-renders when someone else (the side service) changes storage', async () => {
    const { storage, settings } = await setup();
    storage.setItem('seen.name', 'Zoe');
    await Promise.resolve();
    expect(settings.texts()).toContain('name: Zoe');
  });

  it('press, toggle, select and slide act like the user', async () => {
    const { storage, settings } = await setup();
    await settings.press({ label: 'Go' });
    await settings.press({ type: 'Button', label: 'Go' });
    expect(storage.getItem('pressed')).toBe('2');
    await settings.toggle({ label: 'Night' });
    expect(storage.getItem('night')).toBe('true');
    await settings.toggle({ settingsKey: 'night' });
    expect(storage.getItem('night')).toBe('false');
    await settings.select({ label: 'Colour' }, 'g');
    expect(storage.getItem('colour')).toBe('g');
    expect(settings.texts()).toContain('colour g');
    await settings.slide({ label: 'Level' }, 6);
    expect(storage.getItem('level')).toBe('6');
  });

  it('refuses actions a user could not do, with a clear message', async () => {
    const { storage, settings } = await setup();
    await expect(settings.press({ label: 'Nope' })).rejects.toThrow(
      /nothing to press matches label="Nope"; on screen: Button\("Go"\), Button\("Boom"\)/,
    );
    await expect(settings.type({ label: 'Locked' }, 'x')).rejects.toThrow(/disabled/);
    await expect(settings.select({ label: 'Colour' }, 'b')).rejects.toThrow(/not an option/);
    await expect(settings.slide({ label: 'Level' }, 11)).rejects.toThrow(/outside/);
    await expect(settings.slide({ label: 'Level' }, 3)).rejects.toThrow(/step/);
    await expect(settings.toggle({ type: 'Button', label: 'Go' })).rejects.toThrow(/cannot toggle a Button/);
    await expect(settings.type({ label: /e/ }, 'x')).rejects.toThrow(/3 components to type into match/);
    await expect(settings.press({ label: 'Boom' })).rejects.toThrow('boom');
    expect(storage.getItem('locked')).toBeNull();
  });

  it.each([
    ['typo', /Text: unknown prop "paragrah"/],
    ['bad-value', /Button: prop color must be one of default, primary, secondary, got string "blue"/],
    ['text-in-section', /Section: cannot hold text/],
  ])('a page that misuses a component (%s) fails to render', async (mode, error) => {
    const { storage, settings } = await setup();
    storage.setItem('mode', mode);
    await Promise.resolve();
    expect(() => settings.render()).toThrow(error);
    expect(settings.errors.at(-1)).toBeInstanceOf(Error);
    // Fixed again: it renders again.
    storage.setItem('mode', 'ok');
    await Promise.resolve();
    expect(settings.render().type).toBe('View');
  });

  it('every documented prop of every component accepts its type and refuses a wrong one', async () => {
    const { settings } = await setup();
    const sample: Record<string, unknown> = {
      string: 'x',
      boolean: true,
      number: 3,
      function: () => undefined,
      style: { color: 'red', fontSize: 12 },
      'string|number': '12px',
      'string|string[]': ['a'],
      options: [{ name: 'A', value: 'a' }],
    };
    const text = settings.componentFunction('Text');
    expect(() => settings.componentFunction('Button')({ label: 'x' }, text({}, 'child'))).toThrow(
      /Button: takes no children/,
    );
    expect(() =>
      settings.componentFunction('View')({}, [text({}, 'ok'), { type: 'Text', props: {}, children: [] }]),
    ).toThrow(/child \[1\] is not a component/);
    expect(() => settings.componentFunction('Image')({ alt: 'no src' })).toThrow(/Image: prop src is required/);
    expect(settings.componentFunction('View')({}, [null, undefined, false, text({}, 'kept')]).children).toHaveLength(1);
    for (const [type, spec] of Object.entries(COMPONENTS)) {
      const make = settings.componentFunction(type);
      const base: Record<string, unknown> = {};
      for (const r of spec.required ?? []) base[r] = 'x';
      for (const [name, kind] of Object.entries(spec.props)) {
        const good = Array.isArray(kind) ? kind[0] : sample[kind as string];
        expect(() => make({ ...base, [name]: good }), `${type}.${name}`).not.toThrow();
        expect(() => make({ ...base, [name]: Symbol('wrong') }), `${type}.${name}`).toThrow(TypeError);
      }
      fc.assert(
        fc.property(
          fc.string({ minLength: 1 }).filter((k) => !(k in spec.props) && k !== '__proto__'),
          (k) => {
            expect(() => make({ ...base, [k]: 'x' })).toThrow(/unknown prop/);
          },
        ),
        { numRuns: 30 },
      );
    }
  });
});
