// The settings realm: the app's settings page (setting/index.ts, bundled) running in a node:vm
// context of its own with the Settings App's globals (docs: guides/framework/app-settings/*,
// reference/app-settings-api/*): AppSettingsPage, the UI components, console, timers and Date from
// the shared clock. No fetch and no messaging: the page talks to the side service through
// settingsStorage only.
//
// - AppSettingsPage({state, build}) runs build(props) at once, with `this` the option object, and
//   again after every settingsStorage change (the Zepp app's settings page is "responsive").
// - Components return nodes {type, props, children, text?}. Props are checked against the docs:
//   an unknown component prop, a value of the wrong type or a child a component cannot hold throws,
//   so a typo fails the test. `text` is a Text's or Link's string, or the value an input shows
//   (its `value` prop, else the settingsStorage value under its settingsKey).
// - A test acts like a user: type into a TextInput (writes its settingsKey, then calls onChange),
//   press a Button (or a View with onClick), flip a Toggle, pick in a Select, move a Slider. Each
//   action waits for the storage events, re-renders and the side service's work to settle.
import vm from 'node:vm';
import { join } from 'node:path';
import { bundleEntry, PROJECT_ROOT } from '../kernel/bundle';
import type { FakeClock } from '../kernel/clock';
import { createRealmContext, realmConsole, realmGuard, realmTimers, type RealmTimers } from '../kernel/realm';
import { existsSync, readFileSync } from 'node:fs';
import { parsePo } from '../zos/i18n';
import type {
  Language,
  SettingsChange,
  SettingsNode,
  SettingsQuery,
  SettingsRealm,
  SharedSettingsStorage,
} from '../kernel/contracts';
import { scopedStorage, type ScopedSettingsStorage } from './settings-storage';

export interface SettingsRealmOptions {
  storage: SharedSettingsStorage;
  clock: FakeClock;
  /** Settings page entry, relative to appDir; default 'setting/index.ts'. */
  entry?: string;
  /** The Zepp app's language: which setting/i18n/<language>.po gettext reads; default en-US. */
  language?: Language;
  /** Folder holding the entry; default the project root. */
  appDir?: string;
}

/** A query; label and text may also be patterns. label matches a Section's title too. */
export interface SettingsMatch extends Omit<SettingsQuery, 'label' | 'text'> {
  label?: string | RegExp;
  text?: string | RegExp;
}

type PropKind =
  | 'string'
  | 'boolean'
  | 'number'
  | 'function'
  | 'style'
  | 'string|number'
  | 'string|string[]'
  | 'options'
  | readonly string[];

interface ComponentSpec {
  props: Record<string, PropKind>;
  /** What the second argument may hold. */
  children: 'none' | 'nodes' | 'text-or-nodes';
  required?: readonly string[];
}

// From docs/reference/app-settings-api/ui/*.mdx.
export const COMPONENTS: Record<string, ComponentSpec> = {
  Section: { props: { style: 'style', title: 'string', description: 'string' }, children: 'nodes' },
  View: { props: { style: 'style', onClick: 'function' }, children: 'nodes' },
  Text: {
    props: {
      style: 'style',
      align: ['left', 'center', 'right'],
      bold: 'boolean',
      italic: 'boolean',
      paragraph: 'boolean',
    },
    children: 'text-or-nodes',
  },
  TextInput: {
    props: {
      label: 'string',
      disabled: 'boolean',
      multiline: 'boolean',
      placeholder: 'string',
      // The docs list rows twice, as number and as string.
      rows: 'string|number',
      bold: 'boolean',
      value: 'string',
      onChange: 'function',
      settingsKey: 'string',
      labelStyle: 'style',
      subStyle: 'style',
    },
    children: 'none',
  },
  Button: {
    props: { color: ['default', 'primary', 'secondary'], style: 'style', label: 'string', onClick: 'function' },
    children: 'none',
  },
  Toggle: {
    props: { label: 'string', settingsKey: 'string', value: 'boolean', onChange: 'function' },
    children: 'nodes',
  },
  Slider: {
    props: {
      label: 'string',
      max: 'number',
      min: 'number',
      step: 'number',
      value: 'number',
      onChange: 'function',
      settingsKey: 'string',
    },
    children: 'none',
  },
  Select: {
    props: {
      label: 'string',
      options: 'options',
      multiple: 'boolean',
      value: 'string|string[]',
      onChange: 'function',
      title: 'string',
    },
    children: 'none',
  },
  Image: {
    props: { style: 'style', src: 'string', alt: 'string', width: 'string|number', height: 'string|number' },
    children: 'none',
    required: ['src'],
  },
  Link: { props: { source: 'string' }, children: 'text-or-nodes' },
  Toast: {
    props: {
      duration: 'number',
      horizontal: 'string',
      message: 'string',
      vertical: 'string',
      visible: 'boolean',
      onClose: 'function',
    },
    children: 'nodes',
  },
  TextImageRow: {
    props: {
      label: 'string',
      sublabel: 'string',
      icon: 'string',
      iconColor: 'string',
      rounded: 'boolean',
      iconRight: 'boolean',
    },
    children: 'none',
  },
  Auth: {
    props: {
      title: 'string',
      label: 'string',
      description: 'string',
      authorizeUrl: 'string',
      requestTokenUrl: 'string',
      clientId: 'string',
      clientSecret: 'string',
      scope: 'string',
      pkce: 'boolean',
      onAccessToken: 'function',
      onReturn: 'function',
    },
    children: 'none',
  },
};

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v;
}

function checkProp(component: string, name: string, kind: PropKind, value: unknown): void {
  const fail = (want: string) => {
    throw new TypeError(
      `${component}: prop ${name} must be ${want}, got ${describeValue(value)}${typeof value === 'string' ? ` ${JSON.stringify(value)}` : ''}`,
    );
  };
  if (Array.isArray(kind)) {
    if (typeof value !== 'string' || !kind.includes(value)) fail(`one of ${kind.join(', ')}`);
    return;
  }
  switch (kind) {
    case 'string':
    case 'boolean':
    case 'number':
    case 'function':
      if (typeof value !== kind) fail(`a ${kind}`);
      if (kind === 'number' && !Number.isFinite(value)) fail('a finite number');
      return;
    case 'string|number':
      if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value)))
        fail('a string or a number');
      return;
    case 'string|string[]':
      if (typeof value !== 'string' && !(Array.isArray(value) && value.every((x) => typeof x === 'string')))
        fail('a string or an array of strings');
      return;
    case 'style':
      if (!value || typeof value !== 'object' || Array.isArray(value)) fail('an object of CSS properties');
      for (const [k, v] of Object.entries(value as object)) {
        if (typeof v !== 'string' && !(typeof v === 'number' && Number.isFinite(v))) {
          throw new TypeError(`${component}: style.${k} must be a string or a number, got ${describeValue(v)}`);
        }
      }
      return;
    case 'options':
      if (!Array.isArray(value)) fail('an array of {name, value}');
      (value as unknown[]).forEach((o, i) => {
        if (!o || typeof o !== 'object')
          throw new TypeError(`${component}: options[${i}] must be an object {name, value}`);
        for (const [k, v] of Object.entries(o)) {
          if (k !== 'name' && k !== 'value')
            throw new TypeError(`${component}: options[${i}] has an unknown key ${k} (only name and value)`);
          if (v !== undefined && typeof v !== 'string')
            throw new TypeError(`${component}: options[${i}].${k} must be a string, got ${describeValue(v)}`);
        }
      });
      return;
  }
}

function matches(node: SettingsNode, q: SettingsMatch): boolean {
  const same = (want: string | RegExp | undefined, got: unknown) =>
    want === undefined || (typeof got === 'string' && (typeof want === 'string' ? got === want : want.test(got)));
  if (q.type !== undefined && node.type !== q.type) return false;
  if (q.settingsKey !== undefined && node.props.settingsKey !== q.settingsKey) return false;
  if (!same(q.label, node.props.label ?? node.props.title)) return false;
  if (!same(q.text, node.text)) return false;
  return true;
}

function describeQuery(q: SettingsMatch): string {
  return Object.entries(q)
    .map(([k, v]) => `${k}=${v instanceof RegExp ? String(v) : JSON.stringify(v)}`)
    .join(' ');
}

function walk(node: SettingsNode, visit: (n: SettingsNode) => void): void {
  visit(node);
  for (const c of node.children) walk(c, visit);
}

interface PageOption {
  state?: Record<string, unknown>;
  build(this: PageOption, props: { settingsStorage: ScopedSettingsStorage }): unknown;
}

export class AppSettingsRealm implements SettingsRealm {
  private tree: SettingsNode | null = null;
  private buildError: unknown = null;
  private option: PageOption | null = null;
  private readonly storage: ScopedSettingsStorage;
  private readonly nodes = new WeakSet<object>();
  private readonly logLines: string[] = [];
  private timers: RealmTimers | null = null;
  private closed = false;
  /** setting/i18n/<the Zepp app's language>.po. */
  private poFile = '';

  /**
   * The Settings App's 'i18n' module: gettext(key) from the .po of the Zepp app's language, the key
   * itself when missing (as the watch's getText does). Assumed, not verified (sim/README.md): the Zepp
   * app falls back to the key, not to en-US, for a language the app has no .po file for.
   */
  private i18n(): { gettext(key: unknown): string } {
    const strings = existsSync(this.poFile) ? parsePo(readFileSync(this.poFile, 'utf8')) : new Map<string, string>();
    return {
      gettext: (key: unknown) => {
        if (typeof key !== 'string') throw new TypeError(`i18n: gettext key must be a string, got ${typeof key}`);
        return strings.get(key) ?? key;
      },
    };
  }
  /** How many times build() ran. */
  builds = 0;
  /** Errors of builds after storage changes and of timer callbacks, in order. */
  readonly errors: unknown[] = [];

  private constructor(
    private readonly clock: FakeClock,
    shared: SharedSettingsStorage,
  ) {
    this.storage = scopedStorage(shared);
  }

  static async create(options: SettingsRealmOptions): Promise<AppSettingsRealm> {
    const appDir = options.appDir ?? PROJECT_ROOT;
    const entry = options.entry ?? 'setting/index.ts';
    const code = await bundleEntry(entry, { root: appDir });
    const realm = new AppSettingsRealm(options.clock, options.storage);
    realm.poFile = join(appDir, 'setting', 'i18n', `${options.language ?? 'en-US'}.po`);
    realm.start(code, join(appDir, entry));
    return realm;
  }

  get logs(): readonly string[] {
    return this.logLines;
  }

  render(): SettingsNode {
    if (this.closed) throw new Error('settings realm: closed');
    if (this.buildError !== null) throw this.buildError;
    if (!this.tree) throw new Error('settings realm: nothing rendered');
    return this.tree;
  }

  findAll(query: SettingsMatch): SettingsNode[] {
    const out: SettingsNode[] = [];
    walk(this.render(), (n) => {
      if (matches(n, query)) out.push(n);
    });
    return out;
  }

  find(query: SettingsMatch): SettingsNode | undefined {
    return this.findAll(query)[0];
  }

  texts(): string[] {
    const out: string[] = [];
    walk(this.render(), (n) => {
      if (n.type === 'Text' && n.text !== undefined) out.push(n.text);
    });
    return out;
  }

  async type(query: SettingsMatch, text: string): Promise<void> {
    if (typeof text !== 'string') throw new TypeError(`settings.type: text must be a string, got ${typeof text}`);
    const node = this.one(query, ['TextInput'], 'type into');
    if (node.props.disabled === true)
      throw new Error(`settings.type: the TextInput ${describeQuery(query)} is disabled`);
    const key = node.props.settingsKey as string | undefined;
    if (key !== undefined) this.storage.setItem(key, text);
    this.call(node.props.onChange, text);
    await this.clock.settle();
  }

  async press(query: SettingsMatch): Promise<void> {
    const node = this.one(query, ['Button', 'View'], 'press', (n) => typeof n.props.onClick === 'function');
    this.call(node.props.onClick);
    await this.clock.settle();
  }

  async toggle(query: SettingsMatch): Promise<void> {
    const node = this.one(query, ['Toggle'], 'toggle');
    const key = node.props.settingsKey as string | undefined;
    const current =
      typeof node.props.value === 'boolean'
        ? node.props.value
        : key !== undefined && this.storage.getItem(key) === 'true';
    const next = !current;
    if (key !== undefined) this.storage.setItem(key, JSON.stringify(next));
    this.call(node.props.onChange, next);
    await this.clock.settle();
  }

  async select(query: SettingsMatch, value: unknown): Promise<void> {
    const node = this.one(query, ['Select'], 'select in');
    const options = ((node.props.options as Array<{ name?: string; value?: string }> | undefined) ?? []).map(
      (o) => o.value,
    );
    const multiple = node.props.multiple === true;
    if (multiple && !Array.isArray(value))
      throw new TypeError(`settings.select: a multiple Select takes an array of values, got ${describeValue(value)}`);
    const picked: unknown[] = multiple ? (value as unknown[]) : [value];
    for (const v of picked) {
      if (typeof v !== 'string' || !options.includes(v)) {
        throw new Error(
          `settings.select: ${JSON.stringify(v)} is not an option of the Select ${describeQuery(query)} (options: ${options.map((o) => JSON.stringify(o)).join(', ')})`,
        );
      }
    }
    this.call(node.props.onChange, value);
    await this.clock.settle();
  }

  async slide(query: SettingsMatch, value: number): Promise<void> {
    const node = this.one(query, ['Slider'], 'slide');
    const { min, max, step } = node.props as { min?: number; max?: number; step?: number };
    if (!Number.isFinite(value))
      throw new TypeError(`settings.slide: value must be a finite number, got ${String(value)}`);
    if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
      throw new RangeError(`settings.slide: ${value} is outside the Slider's ${min ?? '-∞'}..${max ?? '∞'}`);
    }
    if (
      step !== undefined &&
      step > 0 &&
      Math.abs((value - (min ?? 0)) / step - Math.round((value - (min ?? 0)) / step)) > 1e-9
    ) {
      throw new RangeError(`settings.slide: ${value} is not on the Slider's step ${step}`);
    }
    const key = node.props.settingsKey as string | undefined;
    if (key !== undefined) this.storage.setItem(key, String(value));
    this.call(node.props.onChange, value);
    await this.clock.settle();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.storage.detach();
    this.timers?.clearAll();
  }

  private one(
    query: SettingsMatch,
    types: string[],
    verb: string,
    usable: (n: SettingsNode) => boolean = () => true,
  ): SettingsNode {
    if (query.type !== undefined && !types.includes(query.type))
      throw new Error(`settings: cannot ${verb} a ${query.type} (only ${types.join(' or ')})`);
    const found = this.findAll(query).filter((n) => types.includes(n.type) && usable(n));
    if (found.length === 1) return found[0]!;
    const actionable: string[] = [];
    walk(this.render(), (n) => {
      if (types.includes(n.type) && usable(n))
        actionable.push(`${n.type}(${JSON.stringify(n.props.label ?? n.props.settingsKey ?? n.text ?? '')})`);
    });
    if (found.length === 0)
      throw new Error(
        `settings: nothing to ${verb} matches ${describeQuery(query)}; on screen: ${actionable.join(', ') || 'none'}`,
      );
    throw new Error(`settings: ${found.length} components to ${verb} match ${describeQuery(query)}; narrow the query`);
  }

  private call(fn: unknown, ...args: unknown[]): void {
    if (typeof fn === 'function') (fn as (...a: unknown[]) => void)(...args);
  }

  private rebuild(): void {
    const option = this.option;
    if (!option || this.closed) return;
    this.builds++;
    try {
      const root = option.build.call(option, { settingsStorage: this.storage });
      if (!root || typeof root !== 'object' || !this.nodes.has(root))
        throw new TypeError(
          `AppSettingsPage: build() must return a component (a RenderFunc), got ${describeValue(root)}`,
        );
      this.tree = root as SettingsNode;
      this.buildError = null;
    } catch (err) {
      this.buildError = err;
      throw err;
    }
  }

  /** A component function as the page's globals hold it (Section, Button, ...), for tests of the checks. */
  componentFunction(type: string): (props?: unknown, children?: unknown) => SettingsNode {
    const spec = COMPONENTS[type];
    if (!spec) throw new Error(`settings realm: no component ${type}`);
    return this.component(type, spec);
  }

  private component(type: string, spec: ComponentSpec) {
    return (props: unknown = {}, children?: unknown): SettingsNode => {
      if (props === null || typeof props !== 'object' || Array.isArray(props))
        throw new TypeError(`${type}: props must be an object, got ${describeValue(props)}`);
      const clean: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(props)) {
        const kind = spec.props[name];
        if (!kind)
          throw new TypeError(
            `${type}: unknown prop ${JSON.stringify(name)} (it takes ${Object.keys(spec.props).join(', ')})`,
          );
        if (value === undefined) continue;
        checkProp(type, name, kind, value);
        clean[name] = value;
      }
      for (const name of spec.required ?? [])
        if (clean[name] === undefined) throw new TypeError(`${type}: prop ${name} is required`);

      const kids: SettingsNode[] = [];
      const strings: string[] = [];
      const add = (c: unknown, at: string) => {
        if (c === null || c === undefined || c === false || c === true) return;
        if (typeof c === 'string' || typeof c === 'number') {
          if (spec.children !== 'text-or-nodes')
            throw new TypeError(`${type}: cannot hold text (${at}); wrap it in Text`);
          strings.push(String(c));
          return;
        }
        if (typeof c === 'object' && this.nodes.has(c)) {
          if (spec.children === 'none') throw new TypeError(`${type}: takes no children (${at})`);
          kids.push(c as SettingsNode);
          return;
        }
        throw new TypeError(`${type}: child ${at} is not a component, got ${describeValue(c)}`);
      };
      if (Array.isArray(children)) children.forEach((c, i) => add(c, `[${i}]`));
      else add(children, 'argument 2');

      const node: SettingsNode = { type, props: clean, children: kids };
      if (strings.length > 0) node.text = strings.join('');
      else if (type === 'TextInput' || type === 'Slider' || type === 'Toggle' || type === 'Select') {
        const key = clean.settingsKey as string | undefined;
        const shown =
          clean.value !== undefined ? clean.value : key !== undefined ? this.storage.getItem(key) : undefined;
        if (shown !== undefined && shown !== null) node.text = Array.isArray(shown) ? shown.join(',') : String(shown);
      }
      this.nodes.add(node);
      return node;
    };
  }

  private start(code: string, filename: string): void {
    const guard = realmGuard(
      () => !this.closed,
      (err) => this.errors.push(err),
    );
    const timers = realmTimers(this.clock, { guard, checkWhen: 'set', who: 'settings page' });
    this.timers = timers;

    const globals: Record<string, unknown> = {
      console: realmConsole((level, text) => this.logLines.push(`${level} ${text}`)),
      __zosRequire: (name: unknown) => {
        if (name === 'i18n') return this.i18n();
        throw new Error(`settings page imported ${String(name)}: @zos modules exist only on the watch`);
      },
      AppSettingsPage: (opt: unknown) => {
        if (this.option) throw new Error('AppSettingsPage was called twice');
        if (!opt || typeof opt !== 'object' || typeof (opt as PageOption).build !== 'function')
          throw new TypeError('AppSettingsPage needs {build(props)}');
        this.option = opt as PageOption;
      },
    };
    for (const [type, spec] of Object.entries(COMPONENTS)) globals[type] = this.component(type, spec);

    const context = createRealmContext('settings-app', this.clock, timers, globals);
    new vm.Script(code, { filename }).runInContext(context);
    if (!this.option) throw new Error(`${filename} did not call AppSettingsPage()`);
    // The page re-renders on every change, whoever made it (the page itself or the side service).
    this.storage.addListener('change', (_change: SettingsChange) => {
      try {
        this.rebuild();
      } catch (err) {
        this.errors.push(err);
      }
    });
    this.rebuild();
  }
}

export function createSettingsRealm(options: SettingsRealmOptions): Promise<AppSettingsRealm> {
  return AppSettingsRealm.create(options);
}
