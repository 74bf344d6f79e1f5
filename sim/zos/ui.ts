// Fake @zos/ui: builds the page's widget tree, checks every widget type, prop name and prop value
// against widget-spec.ts (a typo throws), and hands the tree to the renderer as a ScreenSnapshot.
// Widgets are Proxies: reading or writing a property the widget does not have throws too.
import { align, event, prop, propName, text_style, widget as widgetType, widgetName } from './constants';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CanvasOp, StatusBar, WidgetNode } from '../render/screen-model';
import { CANVAS_OPS, kindError, WIDGET_SPECS, type WidgetSpec } from './widget-spec';

type Listener = (info: { x: number; y: number }) => void;

interface Node {
  id: number;
  type: string;
  spec: WidgetSpec;
  props: Record<string, unknown>;
  visible: boolean;
  children: Node[];
  parent: Node | null;
  canvasOps?: CanvasOp[];
  listeners: Map<number, Listener[]>;
  deleted: boolean;
  handle: object;
}

export interface Point {
  x: number;
  y: number;
}

/**
 * Height of the system status bar on square screens, in screen pixels. Docs
 * (guides/best-practice/multi-screen-adaption.mdx): "a status bar is pre-drawn on square screen devices ...
 * The height of the status bar is 64 px, the text is displayed on the left and the current time is
 * displayed on the right. The text defaults to the `appName` field in `app.json` (i18n first)."
 * The docs do not say whether 64 is in device or design pixels: we take device pixels on every square
 * screen (README "Assumed, not verified").
 */
export const STATUS_BAR_HEIGHT = 64;

/** The square screen's status bar as the realm configures it: its default title and the watch's time. */
export interface StatusBarConfig {
  title: string;
  /** 'HH:MM' now, on the watch clock. */
  time: () => string;
}

/**
 * The status bar's default title: app.json i18n[language].appName, else app.appName (docs, as above).
 * Null on a screen that has no status bar (round, band).
 */
export function statusBarConfig(
  appDir: string,
  language: string,
  shape: string,
  now: () => number,
  utcOffsetMinutes: number,
): StatusBarConfig | null {
  if (shape !== 'square') return null;
  const json = JSON.parse(readFileSync(join(appDir, 'app.json'), 'utf8')) as {
    app?: { appName?: unknown };
    i18n?: Record<string, { appName?: unknown }>;
  };
  const local = json.i18n?.[language]?.appName;
  const title = typeof local === 'string' ? local : typeof json.app?.appName === 'string' ? json.app.appName : '';
  const time = (): string => {
    const d = new Date(now() + utcOffsetMinutes * 60_000);
    return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  };
  return { title, time };
}

/** Widgets made and removed in one run of the app (what the pages cost the watch). */
export interface WidgetStats {
  /** createWidget calls that made a widget (children of containers included). */
  created: number;
  /** Widgets removed: by deleteWidget (with their children) or with their page. */
  deleted: number;
  /** Widgets existing now. */
  alive: number;
  /** The most that existed at once. */
  peakAlive: number;
}

/** A widget with its on-screen box (absolute, after container offsets). */
export interface Placed {
  node: WidgetNode;
  box: { x: number; y: number; w: number; h: number };
  clickable: boolean;
}

/**
 * One @zos/ui call a page made, as plain data (function props as 'function'), widgets by creation
 * number: what the QuickJS differential (sim/kernel/quickjs-page.ts) compares. Failed calls are not logged.
 */
export type UiCall =
  | { call: 'createWidget'; id: number; parent: number | null; type: unknown; props: unknown }
  | { call: 'deleteWidget'; id: number }
  | { call: 'setProperty'; id: number; prop: unknown; value: unknown }
  | { call: 'addEventListener' | 'removeEventListener'; id: number; event: unknown }
  | { call: 'canvas'; id: number; op: string; args: unknown };

/** A value as UiCall logs it: JSON-like data, functions as the string 'function'. */
export function plainCallValue(v: unknown): unknown {
  if (typeof v === 'function') return 'function';
  if (Array.isArray(v)) return v.map(plainCallValue);
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v))
      Object.defineProperty(out, k, { value: plainCallValue(x), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}

const CONTAINERS = new Set(['VIEW_CONTAINER', 'GROUP']);

/** A shortcut card's size (ui/getAppWidgetSize.mdx: w, h, margin from the screen edge, corner radius). */
export interface AppWidgetSize {
  w: number;
  h: number;
  margin: number;
  radius: number;
}

/**
 * The card size of a screen. The docs give no figures ("device-dependent"), only the default height
 * (50% of the screen) and its range: ASSUMED (sim/README.md "Shortcut cards") a margin of 4% of the
 * screen width on each side, the width what is left, and corners of 6% of the width.
 */
export function appWidgetSize(screen: { width: number; height: number }): AppWidgetSize {
  const margin = Math.round(screen.width * 0.04);
  return {
    w: screen.width - 2 * margin,
    h: Math.round(screen.height * 0.5),
    margin,
    radius: Math.round(screen.width * 0.06),
  };
}

export class UiFake {
  private nextId = 1;
  private roots: Node[] = [];
  private readonly byHandle = new WeakMap<object, Node>();
  private readonly onError: (err: Error) => void;
  /** Toasts shown (API 1.0 hmUI.showToast), with their text, in order. */
  readonly toasts: string[] = [];
  /** Every @zos/ui call that succeeded, in order (UiCall). */
  readonly calls: UiCall[] = [];
  private readonly bar: StatusBarConfig | null;
  private barVisible = true;
  private barTitle: string | null = null;
  private readonly counts = { created: 0, deleted: 0, alive: 0, peakAlive: 0 };
  /** The widget types this watch has (API 1.0 has fewer); null: every type of constants.ts `widget`. */
  private readonly types: ReadonlySet<string> | null;
  private readonly levelName: string;
  private readonly moduleName: string;
  private readonly levelProps: Readonly<Record<string, readonly string[]>> | null;
  private readonly layer: { screenHeight: number; y: number; enabled: boolean } | null;
  private readonly unsupported: { types: ReadonlySet<string>; why: string } | null;

  /**
   * onError sees every validation error before it is thrown into the page (pages may catch it).
   * statusBar: the square screen's status bar (statusBarConfig); absent or null: the screen has none.
   * widgetTypes: the names of the widget types the watch has (`widget` then lists only those, and
   * createWidget refuses the others, naming `level`); absent: all of them.
   */
  constructor(
    opts: {
      onError?: (err: Error) => void;
      statusBar?: StatusBarConfig | null;
      widgetTypes?: readonly string[];
      level?: string;
      /** What error messages call the module: '@zos/ui' (default) or 'hmUI' (API 1.0). */
      moduleName?: string;
      /** Per widget type, the only props this watch's level takes (API 1.0's tables); absent: widget-spec.ts's. */
      widgetProps?: Readonly<Record<string, readonly string[]>>;
      /**
       * API 1.0's page layer: the page's widgets scroll together when they reach below the screen
       * (hmUI.setLayerScrolling, hmApp.setLayerY / getLayerY); `screenHeight` bounds it. Absent: no layer.
       */
      pageLayer?: { screenHeight: number };
      /** Widget types this device's level lists but the device itself does not support, and why (a doc caution). */
      unsupported?: { types: readonly string[]; why: string };
      /**
       * The device's shortcut card (getAppWidgetSize / setAppWidgetSize, ui/getAppWidgetSize.mdx, API 2.0):
       * its size, and the screen height its height is bounded by (20-60%, guide device/secondary-widget.md).
       */
      card?: { size: AppWidgetSize; screenHeight: number };
    } = {},
  ) {
    this.onError = opts.onError ?? (() => {});
    this.bar = opts.statusBar ?? null;
    this.types = opts.widgetTypes ? new Set(opts.widgetTypes) : null;
    this.levelName = opts.level ?? 'this watch';
    this.moduleName = opts.moduleName ?? '@zos/ui';
    this.levelProps = opts.widgetProps ?? null;
    this.layer = opts.pageLayer ? { ...opts.pageLayer, y: 0, enabled: true } : null;
    this.unsupported = opts.unsupported ? { types: new Set(opts.unsupported.types), why: opts.unsupported.why } : null;
    this.card = opts.card ?? null;
  }

  /** Widget types refused for now, and why (a shortcut card: no GROUP, VIEW_CONTAINER, SCROLL_LIST). */
  private refused: { types: ReadonlySet<string>; why: string } | null = null;

  /** Refuses these widget types from now on (null: none), naming `why` in the error; while set, no status bar. */
  restrict(r: { types: readonly string[]; why: string } | null): void {
    this.refused = r ? { types: new Set(r.types), why: r.why } : null;
  }

  private readonly card: { size: AppWidgetSize; screenHeight: number } | null;

  /** getAppWidgetSize / setAppWidgetSize (API 2.0), when this watch has shortcut cards. */
  private cardMembers(): Record<string, unknown> {
    const card = this.card;
    if (!card) return {};
    return {
      getAppWidgetSize: () => ({ ...card.size }),
      // Only the height can change, within 20-60% of the screen height (the guide); outside it the
      // watch's behaviour is not documented: refused here (sim/README.md "Shortcut cards").
      setAppWidgetSize: (option: unknown) => {
        const h = typeof option === 'object' && option !== null ? (option as { h?: unknown }).h : undefined;
        if (typeof h !== 'number' || !Number.isFinite(h)) this.fail('setAppWidgetSize needs {h: number}');
        const lo = Math.ceil(card.screenHeight * 0.2);
        const hi = Math.floor(card.screenHeight * 0.6);
        if ((h as number) < lo || (h as number) > hi)
          this.fail(`setAppWidgetSize: h ${String(h)} is outside 20-60% of the screen height (${lo}-${hi})`);
        card.size.h = Math.round(h as number);
      },
    };
  }

  /**
   * The page layer's offset: 0 at the top, negative when scrolled down (as VIEW_CONTAINER pos_y and
   * @zos/page scrollTo count here; sim/README.md "API 1.0: assumed"). 0 without a page layer.
   */
  get layerY(): number {
    return this.layer?.y ?? 0;
  }

  /** Moves the page layer to y, clamped to its content (setLayerY). */
  setLayerY(y: number): void {
    if (!this.layer) return;
    if (!Number.isFinite(y)) this.fail(`setLayerY needs a number, got ${describe(y)}`);
    this.layer.y = Math.min(0, Math.max(-this.layerRange(), y));
  }

  /**
   * hmApp.registerGestureEvent's callback (hmApp/gestureEvent/registerGestureEvent.mdx, API 1.0): one per
   * app, a new one replaces it, unregisterGestureEvent removes it; it outlives the page that set it
   * (the docs tie it to the "JsApp"), so a page must remove its own as it goes.
   */
  private gestureHandler: ((event: number) => unknown) | null = null;

  setGestureHandler(fn: ((event: number) => unknown) | null): void {
    this.gestureHandler = fn;
  }

  /**
   * A vertical swipe that scrolled nothing reaches the gesture callback as UP (finger up) or DOWN when it
   * travelled a quarter of the screen height or more (ZeppPlayer's rule, src/zepp_player/ui/
   * ScreenRootEventHandler.js; the docs give none: sim/README.md "API 1.0: assumed"). Horizontal
   * swipes are not modelled (watch.back() stands for RIGHT).
   */
  private gesture(dy: number): void {
    if (!this.layer || !this.gestureHandler) return;
    if (Math.abs(dy) < this.layer.screenHeight / 4) return;
    this.gestureHandler(dy < 0 ? GESTURE.UP : GESTURE.DOWN);
  }

  /** How far the page's widgets reach below the screen. */
  private layerRange(): number {
    if (!this.layer) return 0;
    let bottom = 0;
    for (const n of this.roots) {
      if (!n.visible) continue;
      const b = boxOf(n);
      bottom = Math.max(bottom, b.y + b.h);
    }
    return Math.max(0, bottom - this.layer.screenHeight);
  }

  /** `widget` as this watch offers it: only the types it has. */
  private widgetTable(): Readonly<Record<string, number>> {
    const types = this.types;
    if (!types) return widgetType;
    return Object.freeze(Object.fromEntries(Object.entries(widgetType).filter(([k]) => types.has(k))));
  }

  /** The @zos/ui module the page imports. */
  module(): Record<string, unknown> {
    return {
      createWidget: (type: unknown, props?: unknown) => this.create(type, props, null),
      deleteWidget: (w: unknown) => this.delete(w),
      widget: this.widgetTable(),
      prop,
      align,
      text_style,
      event,
      // docs: ui/setStatusBarVisible.mdx (API 2.0): "only available on square screen devices, set the
      // status bar visible or not". Elsewhere it changes nothing here (what a round watch does is not documented).
      ...this.cardMembers(),
      setStatusBarVisible: (visible: unknown) => {
        if (typeof visible !== 'boolean') this.fail('setStatusBarVisible needs a boolean');
        this.barVisible = visible;
      },
      // docs: ui/updateStatusBarTitle.mdx (API 2.0).
      updateStatusBarTitle: (title: unknown) => {
        if (typeof title !== 'string') this.fail('updateStatusBarTitle needs a string');
        this.barTitle = title;
      },
      // API 1.0 only (hmUI/setLayerScrolling.mdx): swipes scroll the page layer, or not.
      ...(this.layer
        ? {
            // hmUI/showToast.mdx: {text}, '\n' breaks lines. Recorded, not drawn (how long it shows is not documented).
            showToast: (option: unknown) => {
              const text =
                typeof option === 'object' && option !== null ? (option as { text?: unknown }).text : undefined;
              if (typeof text !== 'string') this.fail('showToast needs {text: string}');
              this.toasts.push(text);
            },
            setLayerScrolling: (enable: unknown) => {
              if (typeof enable !== 'boolean') this.fail('setLayerScrolling needs a boolean');
              this.layer!.enabled = enable;
            },
          }
        : {}),
    };
  }

  /**
   * Removes every widget (page destroyed). The status bar comes back, with its default title: each page
   * starts with the bar shown (README "Assumed, not verified": the docs do not say whether
   * setStatusBarVisible outlives its page).
   */
  reset(): void {
    for (const n of this.roots) this.markDeleted(n);
    this.roots = [];
    this.barVisible = true;
    this.barTitle = null;
    if (this.layer) {
      this.layer.y = 0;
      this.layer.enabled = true;
    }
  }

  /** The status bar as drawn now: null when the screen has none or the page hid it. */
  statusBar(): StatusBar | null {
    // A shortcut card (restrict) is drawn inside the negative screen: no status bar of its own.
    if (!this.bar || !this.barVisible || this.refused) return null;
    return { height: STATUS_BAR_HEIGHT, title: this.barTitle ?? this.bar.title, time: this.bar.time() };
  }

  /** Widget counts of this run of the app so far (a copy). */
  stats(): WidgetStats {
    return { ...this.counts };
  }

  /** The tree as plain data for the renderer: function props are left out. */
  tree(): WidgetNode[] {
    const dy = this.layerY;
    return this.roots.map((n) => (dy === 0 ? this.plain(n) : shifted(this.plain(n), dy)));
  }

  /** Every visible widget with its absolute box, in paint order (last = top-most). */
  placed(): Placed[] {
    const out: Placed[] = [];
    const walk = (nodes: Node[], dx: number, dy: number): void => {
      for (const n of nodes) {
        if (!n.visible) continue;
        const box = boxOf(n);
        out.push({
          node: this.plain(n),
          box: { ...box, x: box.x + dx, y: box.y + dy },
          clickable: this.isClickable(n),
        });
        if (n.children.length) {
          const px = typeof n.props.pos_x === 'number' ? n.props.pos_x : 0;
          const py = typeof n.props.pos_y === 'number' ? n.props.pos_y : 0;
          walk(n.children, dx + box.x + px, dy + box.y + py);
        }
      }
    };
    walk(this.roots, 0, this.layerY);
    return out;
  }

  /**
   * A tap at p. The top-most visible widget whose box holds p takes it, whether or not it has a
   * handler: its handlers run, and a widget without one swallows the tap (nothing under it fires).
   * That is what ZeppPlayer does (melianmiko/ZeppPlayer src/zepp_player/ZeppRuntime.js handleEvent:
   * event zones are searched last-rendered first and the search returns at the first zone holding the
   * point, "if (data.events[name]) ...; return;"); the Zepp OS docs say nothing (ui/addEventListener.mdx).
   * The status bar of a square screen is above every widget and takes the taps in its band (assumed).
   * Returns true when a handler ran, false when no widget is under p; throws when the tap was swallowed.
   */
  clickAt(p: Point): boolean {
    const bar = this.statusBar();
    if (bar && p.y >= 0 && p.y < bar.height)
      throw new Error(
        `watch: the tap at (${p.x}, ${p.y}) lands on the system status bar (0..${bar.height} px; setStatusBarVisible(false) hides it)`,
      );
    let top: Node | null = null;
    const walk = (nodes: Node[], dx: number, dy: number): void => {
      for (const n of nodes) {
        if (!n.visible) continue;
        const b = boxOf(n);
        const x = b.x + dx,
          y = b.y + dy;
        if (p.x >= x && p.x < x + b.w && p.y >= y && p.y < y + b.h) top = n;
        if (n.children.length) {
          const px = typeof n.props.pos_x === 'number' ? n.props.pos_x : 0;
          const py = typeof n.props.pos_y === 'number' ? n.props.pos_y : 0;
          walk(n.children, x + px, y + py);
        }
      }
    };
    walk(this.roots, 0, this.layerY);
    const hit = top as Node | null;
    if (!hit) return false;
    if (!this.isClickable(hit)) {
      throw new Error(
        `watch: the tap at (${p.x}, ${p.y}) lands on widget.${hit.type} #${hit.id}, which has no handler and swallows it (the top-most widget under the finger takes a tap)`,
      );
    }
    const info = { x: p.x, y: p.y };
    for (const fn of hit.listeners.get(event.CLICK_DOWN) ?? []) fn(info);
    if (typeof hit.props.click_down === 'function') (hit.props.click_down as Listener)(info);
    for (const fn of hit.listeners.get(event.CLICK_UP) ?? []) fn(info);
    if (typeof hit.props.click_up === 'function') (hit.props.click_up as Listener)(info);
    if (typeof hit.props.click_func === 'function') (hit.props.click_func as (w: object) => void)(hit.handle);
    return true;
  }

  /**
   * A swipe of the finger by dy px (negative: up, showing what lies below) from `at` (default: mid-screen),
   * as the VIEW_CONTAINER docs describe it (ui/widget/VIEW_CONTAINER.mdx, API 2.0): a container whose
   * children reach past its height "is considered a long page" and, unless scroll_enable is 0, scrolls.
   * The top-most such container under the finger takes the swipe; its pos_y (0 at the top, negative
   * when scrolled down, as @zos/page scrollTo counts) moves by dy, clamped to [-(content - h), 0],
   * where content is the lowest bottom of its visible children. scroll_frame_func and then
   * scroll_complete_func get {type, yoffset}. Returns how far the content moved (0: nothing scrolls
   * there, or it is already at the end). Page-level scrolling (@zos/page) is not modelled.
   */
  swipe(dy: number, at: Point): number {
    if (!Number.isFinite(dy) || !Number.isFinite(at.x) || !Number.isFinite(at.y))
      throw new Error(`swipe: dy, x and y must be finite numbers, got ${dy}, ${at.x}, ${at.y}`);
    const target = this.scrollerAt(at);
    if (!target) {
      // No scrolling container under the finger: the page layer scrolls, where there is one (API 1.0).
      if (!this.layer) return 0;
      if (this.layer.enabled) {
        const before = this.layer.y;
        this.setLayerY(before + dy);
        if (this.layer.y !== before) return this.layer.y - before;
      }
      // Nothing scrolled: the swipe is a gesture (hmApp.registerGestureEvent, API 1.0).
      this.gesture(dy);
      return 0;
    }
    const before = typeof target.props.pos_y === 'number' ? target.props.pos_y : 0;
    const range = scrollRange(target);
    const after = Math.min(0, Math.max(-range, before + dy));
    if (after === before) return 0;
    target.props.pos_y = after;
    const info = { yoffset: after };
    if (typeof target.props.scroll_frame_func === 'function')
      (target.props.scroll_frame_func as (i: object) => void)({ type: 0, ...info });
    if (typeof target.props.scroll_complete_func === 'function')
      (target.props.scroll_complete_func as (i: object) => void)({ type: 1, ...info });
    return after - before;
  }

  /** The top-most visible VIEW_CONTAINER under p that can scroll (scroll_enable not 0, content taller than it). */
  private scrollerAt(p: Point): Node | null {
    let found: Node | null = null;
    const walk = (nodes: Node[], dx: number, dy: number): void => {
      // Paint order, as the renderer: a higher z_index is drawn later (on top); ties keep creation order.
      const z = (n: Node): number =>
        n.type === 'VIEW_CONTAINER' && typeof n.props.z_index === 'number' ? n.props.z_index : 0;
      const ordered = nodes
        .map((n, i) => ({ n, i }))
        .sort((a, b) => z(a.n) - z(b.n) || a.i - b.i)
        .map(({ n }) => n);
      for (const n of ordered) {
        if (!n.visible || !CONTAINERS.has(n.type)) continue;
        const b = boxOf(n);
        const x = b.x + dx,
          y = b.y + dy;
        if (!(p.x >= x && p.x < x + b.w && p.y >= y && p.y < y + b.h)) continue;
        if (n.type === 'VIEW_CONTAINER' && n.props.scroll_enable !== 0 && scrollRange(n) > 0) found = n;
        const px = typeof n.props.pos_x === 'number' ? n.props.pos_x : 0;
        const py = typeof n.props.pos_y === 'number' ? n.props.pos_y : 0;
        walk(n.children, x + px, y + py);
      }
    };
    walk(this.roots, 0, this.layerY);
    return found;
  }

  private isClickable(n: Node): boolean {
    return (
      (n.listeners.get(event.CLICK_UP)?.length ?? 0) > 0 ||
      (n.listeners.get(event.CLICK_DOWN)?.length ?? 0) > 0 ||
      typeof n.props.click_func === 'function' ||
      typeof n.props.click_up === 'function' ||
      typeof n.props.click_down === 'function'
    );
  }

  private fail(message: string): never {
    const err = new Error(`${this.moduleName}: ${message}`);
    this.onError(err);
    throw err;
  }

  private create(type: unknown, props: unknown, parent: Node | null): object {
    const name = widgetName(type);
    if (!name) this.fail(`createWidget: unknown widget type ${JSON.stringify(type)} (use a value of widget.*)`);
    if (this.types && !this.types.has(name)) this.fail(`createWidget: widget.${name} is not on ${this.levelName}`);
    if (this.refused?.types.has(name)) this.fail(`createWidget: widget.${name} ${this.refused.why}`);
    if (this.unsupported?.types.has(name))
      this.fail(`createWidget: widget.${name} is not supported on ${this.levelName}: ${this.unsupported.why}`);
    const spec = WIDGET_SPECS[name];
    if (!spec)
      this.fail(
        `createWidget: widget.${name} exists on the watch but this fake does not model it yet (widget-spec.ts)`,
      );
    if (props !== undefined && (typeof props !== 'object' || props === null))
      this.fail(`createWidget(widget.${name}): props must be an object`);
    const given = (props ?? {}) as Record<string, unknown>;
    const checked: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(given)) checked[key] = this.checkProp(name, spec, key, value);
    const missing = spec.required.filter((k) => !(k in checked));
    if (missing.length)
      this.fail(
        `createWidget(widget.${name}): missing required prop${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
      );
    const node: Node = {
      id: this.nextId++,
      type: name,
      spec,
      props: checked,
      visible: true,
      children: [],
      parent,
      listeners: new Map(),
      deleted: false,
      handle: {},
      ...(name === 'CANVAS' ? { canvasOps: [] } : {}),
    };
    node.handle = this.makeHandle(node);
    this.byHandle.set(node.handle, node);
    (parent ? parent.children : this.roots).push(node);
    this.calls.push({
      call: 'createWidget',
      id: node.id,
      parent: parent?.id ?? null,
      type,
      props: plainCallValue(given),
    });
    this.counts.created++;
    this.counts.alive++;
    this.counts.peakAlive = Math.max(this.counts.peakAlive, this.counts.alive);
    return node.handle;
  }

  private checkProp(name: string, spec: WidgetSpec, key: string, value: unknown): unknown {
    // Own props only: 'constructor' or '__proto__' are not props of any widget.
    const kind = Object.hasOwn(spec.props, key) ? spec.props[key] : undefined;
    if (!kind) this.fail(`widget.${name} has no prop '${key}' (known: ${Object.keys(spec.props).sort().join(', ')})`);
    const atLevel = this.levelProps?.[name];
    if (this.levelProps && !atLevel?.includes(key))
      this.fail(
        `widget.${name} prop '${key}' is not on ${this.levelName} (its ${name} takes ${atLevel ? atLevel.join(', ') : 'nothing the simulator models'})`,
      );
    const why = kindError(kind, value, (v) => typeof v === 'object' && v !== null && this.byHandle.has(v));
    if (why) this.fail(`widget.${name} prop '${key}' must be ${why}, got ${describe(value)}`);
    return value;
  }

  private delete(w: unknown): void {
    const node = typeof w === 'object' && w !== null ? this.byHandle.get(w) : undefined;
    if (!node) this.fail(`deleteWidget: ${describe(w)} is not a widget`);
    this.calls.push({ call: 'deleteWidget', id: node.id });
    if (node.deleted) return; // deleting twice is harmless on the watch
    const list = node.parent ? node.parent.children : this.roots;
    const i = list.indexOf(node);
    if (i >= 0) list.splice(i, 1);
    this.markDeleted(node);
  }

  private markDeleted(node: Node): void {
    if (!node.deleted) {
      this.counts.deleted++;
      this.counts.alive--;
    }
    node.deleted = true;
    for (const c of node.children) this.markDeleted(c);
  }

  private live(node: Node, what: string): void {
    if (node.deleted) this.fail(`${what} on a deleted widget.${node.type} #${node.id}`);
  }

  private setProp(node: Node, key: string, value: unknown): void {
    if (key === 'visible') {
      if (typeof value !== 'boolean')
        this.fail(`widget.${node.type} prop.VISIBLE must be a boolean, got ${describe(value)}`);
      node.visible = value;
      return;
    }
    if (node.spec.fixed.includes(key))
      this.fail(`widget.${node.type} prop '${key}' cannot be changed after creation (recreate the widget)`);
    node.props[key] = this.checkProp(node.type, node.spec, key, value);
  }

  private makeHandle(node: Node): object {
    const methods: Record<string, (...args: unknown[]) => unknown> = {
      setProperty: (id, value) => {
        this.live(node, 'setProperty');
        const pname = propName(id);
        if (!pname) this.fail(`setProperty: unknown prop id ${describe(id)} (use a value of prop.*)`);
        if (pname === 'MORE') {
          if (typeof value !== 'object' || value === null) this.fail('setProperty(prop.MORE, ...) needs an object');
          for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
            // The docs: VISIBLE is set on its own, never through prop.MORE.
            if (k === 'visible')
              this.fail('setProperty(prop.MORE, {visible}) is not supported; use setProperty(prop.VISIBLE, bool)');
            this.setProp(node, k, v);
          }
        } else {
          this.setProp(node, pname.toLowerCase(), value);
        }
        this.calls.push({ call: 'setProperty', id: node.id, prop: id, value: plainCallValue(value) });
      },
      getProperty: (id) => {
        this.live(node, 'getProperty');
        const pname = propName(id);
        if (!pname) this.fail(`getProperty: unknown prop id ${describe(id)} (use a value of prop.*)`);
        if (pname === 'MORE') return { ...node.props };
        if (pname === 'VISIBLE') return node.visible;
        return node.props[pname.toLowerCase()];
      },
      addEventListener: (ev, fn) => {
        this.live(node, 'addEventListener');
        if (typeof ev !== 'number' || !Object.values(event).includes(ev))
          this.fail(`addEventListener: unknown event ${describe(ev)} (use a value of event.*)`);
        if (typeof fn !== 'function') this.fail('addEventListener needs a function');
        const list = node.listeners.get(ev) ?? [];
        list.push(fn as Listener);
        node.listeners.set(ev, list);
        this.calls.push({ call: 'addEventListener', id: node.id, event: ev });
      },
      removeEventListener: (ev, fn) => {
        this.calls.push({ call: 'removeEventListener', id: node.id, event: ev });
        const list = typeof ev === 'number' ? node.listeners.get(ev) : undefined;
        if (list)
          node.listeners.set(
            ev as number,
            list.filter((f) => f !== fn),
          );
      },
      getType: () => widgetType[node.type as keyof typeof widgetType],
      getId: () => node.props.id,
      setEnable: (on) => {
        if (typeof on !== 'boolean') this.fail('setEnable needs a boolean');
        node.props.enable = on;
      },
    };
    if (CONTAINERS.has(node.type)) {
      methods.createWidget = (type, props) => {
        this.live(node, 'createWidget');
        return this.create(type, props, node);
      };
    }
    if (node.type === 'CANVAS') {
      for (const op of Object.keys(CANVAS_OPS)) {
        methods[op] = (args) => {
          this.live(node, op);
          const a = args === undefined && op === 'clear' ? {} : args;
          if (typeof a !== 'object' || a === null) this.fail(`canvas.${op} needs an object`);
          const allowed = CANVAS_OPS[op]!;
          for (const k of Object.keys(a))
            if (!allowed.includes(k)) this.fail(`canvas.${op} has no argument '${k}' (known: ${allowed.join(', ')})`);
          node.canvasOps!.push({ op, args: clonePlain(a) as Record<string, unknown> });
          this.calls.push({ call: 'canvas', id: node.id, op, args: plainCallValue(a) });
        };
      }
    }
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the Proxy's traps have a this of their own
    const fake = this;
    return new Proxy(Object.create(null) as object, {
      get(_t, key) {
        if (typeof key === 'symbol' || key === 'then' || key === 'toJSON') return undefined;
        if (Object.hasOwn(methods, key)) return methods[key];
        if (Object.hasOwn(node.spec.props, key)) return node.props[key];
        if (key === 'visible') return node.visible;
        return fake.fail(`widget.${node.type} has no property '${key}'`);
      },
      set(_t, key, value) {
        if (typeof key === 'symbol' || Object.hasOwn(methods, key))
          return fake.fail(`cannot assign ${String(key)} on widget.${node.type}`);
        fake.live(node, `setting ${key}`);
        fake.setProp(node, key, value);
        return true;
      },
      has(_t, key) {
        return typeof key === 'string' && (Object.hasOwn(methods, key) || Object.hasOwn(node.spec.props, key));
      },
    });
  }

  private plain(n: Node): WidgetNode {
    const props: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(n.props)) if (typeof v !== 'function') props[k] = clonePlain(v);
    return {
      id: n.id,
      type: n.type,
      props,
      visible: n.visible,
      children: n.children.map((c) => this.plain(c)),
      ...(n.canvasOps ? { canvasOps: n.canvasOps.map((o) => ({ op: o.op, args: { ...o.args } })) } : {}),
    };
  }
}

/** hmApp.gesture (registerGestureEvent.mdx names UP, DOWN, LEFT, RIGHT; the values are not published: opaque). */
export const GESTURE = Object.freeze({ UP: 1, DOWN: 2, LEFT: 3, RIGHT: 4 });

/** A top-level widget as drawn with the page layer moved by dy: its vertical positions shifted. */
function shifted(n: WidgetNode, dy: number): WidgetNode {
  const props = { ...n.props };
  for (const k of ['y', 'center_y', 'bg_y']) if (typeof props[k] === 'number') props[k] = (props[k] as number) + dy;
  return { ...n, props };
}

/** The widget's own box: x/y/w/h, or the circle's bounding box. */
function boxOf(n: Node): { x: number; y: number; w: number; h: number } {
  const p = n.props;
  const num = (k: string, d = 0): number => (typeof p[k] === 'number' ? (p[k] as number) : d);
  if (n.type === 'CIRCLE') {
    const r = num('radius');
    return { x: num('center_x') - r, y: num('center_y') - r, w: 2 * r, h: 2 * r };
  }
  return { x: num('x'), y: num('y'), w: num('w'), h: num('h') };
}

/** How far a container's content reaches below its height: the lowest bottom of its visible children, less h. */
function scrollRange(n: Node): number {
  let bottom = 0;
  for (const c of n.children) {
    if (!c.visible) continue;
    const b = boxOf(c);
    bottom = Math.max(bottom, b.y + b.h);
  }
  return Math.max(0, bottom - boxOf(n).h);
}

function clonePlain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(clonePlain);
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {};
    // defineProperty, so a key named __proto__ stays a plain key.
    for (const [k, x] of Object.entries(v)) {
      if (typeof x !== 'function')
        Object.defineProperty(out, k, { value: clonePlain(x), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return v;
}

function describe(v: unknown): string {
  if (typeof v === 'function') return 'a function';
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === undefined) return 'undefined';
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
