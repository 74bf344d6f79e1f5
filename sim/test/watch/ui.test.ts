import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { UiFake } from '../../zos/ui';
import { WIDGET_SPECS, type Kind } from '../../zos/widget-spec';
import { align, event, prop, text_style, widget } from '../../zos/constants';

interface W {
  setProperty(id: unknown, value: unknown): void;
  getProperty(id: unknown): unknown;
  addEventListener(ev: unknown, fn: unknown): void;
  createWidget(type: unknown, props?: unknown): W;
  drawLine(args: unknown): void;
  [key: string]: unknown;
}

function ui() {
  const errors: Error[] = [];
  const fake = new UiFake({ onError: (e) => errors.push(e) });
  const m = fake.module() as { createWidget: (t: unknown, p?: unknown) => W; deleteWidget: (w: unknown) => void };
  return { fake, errors, ...m };
}

const TEXT = { x: 0, y: 0, w: 100, h: 40 };

/** A valid value for a prop kind. */
function validValue(kind: Kind): fc.Arbitrary<unknown> {
  switch (kind) {
    case 'number':
      return fc.integer({ min: -500, max: 500 });
    case 'color':
      return fc.integer({ min: 0, max: 0xffffff });
    case 'string':
      return fc.string({ maxLength: 20 });
    case 'boolean':
      return fc.boolean();
    case 'function':
      return fc.constant(() => {});
    case 'align_h':
      return fc.constantFrom(align.LEFT, align.CENTER_H, align.RIGHT);
    case 'align_v':
      return fc.constantFrom(align.TOP, align.CENTER_V, align.BOTTOM);
    case 'text_style':
      return fc.constantFrom(...Object.values(text_style));
    case 'i18n':
      return fc.record({ 'en-US': fc.string() });
    case 'array':
      return fc.array(fc.integer(), { maxLength: 3 });
    case 'object':
      return fc.object({ maxDepth: 1 });
    case 'any':
      return fc.oneof(fc.string(), fc.integer(), fc.object({ maxDepth: 1 }));
    case 'widget':
      return fc.constant(null);
  }
}

/** A value that is wrong for a prop kind. */
function wrongValue(kind: Kind): fc.Arbitrary<unknown> {
  switch (kind) {
    case 'number':
      return fc.oneof(fc.string(), fc.constant(Number.NaN), fc.constant(undefined), fc.constant(null));
    case 'color':
      return fc.oneof(fc.string(), fc.constant(-1), fc.constant(0.5), fc.constant(2 ** 32));
    case 'string':
      return fc.oneof(fc.integer(), fc.constant(undefined), fc.constant(null));
    case 'boolean':
      return fc.oneof(fc.integer(), fc.string());
    case 'function':
      return fc.oneof(fc.integer(), fc.string());
    case 'align_h':
      return fc.oneof(fc.constantFrom(align.TOP, align.CENTER_V, align.BOTTOM, text_style.WRAP), fc.string());
    case 'align_v':
      return fc.oneof(fc.constantFrom(align.LEFT, align.CENTER_H, align.RIGHT, text_style.WRAP), fc.string());
    case 'text_style':
      return fc.oneof(fc.constantFrom(align.LEFT, align.TOP), fc.string());
    case 'i18n':
      return fc.oneof(fc.constant({ 'zh-CN': 'x' }), fc.string(), fc.constant({ 'en-US': 1 }));
    case 'array':
      return fc.oneof(fc.string(), fc.integer(), fc.constant({}));
    case 'object':
      return fc.oneof(fc.string(), fc.integer(), fc.constant(null));
    case 'any':
      return fc.constant(undefined);
    case 'widget':
      return fc.oneof(fc.constant({}), fc.integer());
  }
}

const modelled = Object.keys(WIDGET_SPECS);

describe('@zos/ui fake: what it refuses', () => {
  it('throws for a widget type the watch does not have', () => {
    const u = ui();
    expect(() => u.createWidget(12345, TEXT)).toThrow(/unknown widget type 12345/);
    expect(() => u.createWidget('TEXT', TEXT)).toThrow(/unknown widget type "TEXT"/);
    expect(() => u.createWidget(undefined, TEXT)).toThrow(/unknown widget type/);
  });

  it('throws for a widget the watch has but the fake does not model, naming it', () => {
    expect(() => ui().createWidget(widget.HISTOGRAM, {})).toThrow(/widget.HISTOGRAM .* does not model/);
  });

  it('throws for any prop name a widget does not have', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...modelled),
        fc.oneof(
          fc.string({ minLength: 1, maxLength: 12 }),
          fc.constantFrom('constructor', 'toString', '__proto__', 'hasOwnProperty'),
        ),
        (type, name) => {
          fc.pre(!Object.hasOwn(WIDGET_SPECS[type]!.props, name));
          const u = ui();
          // defineProperty: a literal { __proto__: 1 } would set the prototype, not a key.
          const props = Object.defineProperty({}, name, { value: 1, enumerable: true });
          expect(() => u.createWidget(widget[type as keyof typeof widget], props)).toThrow(new RegExp(`has no prop '`));
        },
      ),
    );
  });

  it('throws for a wrong value type of every prop of every modelled widget', () => {
    const cases = modelled.flatMap((type) =>
      Object.entries(WIDGET_SPECS[type]!.props).map(([name, kind]) => ({ type, name, kind })),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...cases).chain((c) => wrongValue(c.kind).map((v) => ({ ...c, v }))),
        ({ type, name, v }) => {
          const u = ui();
          expect(() => u.createWidget(widget[type as keyof typeof widget], { [name]: v })).toThrow(
            new RegExp(`prop '${name}' must be`),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('throws when a required prop is missing', () => {
    const u = ui();
    expect(() => u.createWidget(widget.FILL_RECT, { x: 0, y: 0, w: 10, h: 10 })).toThrow(/missing required prop color/);
    expect(() => u.createWidget(widget.QRCODE, { x: 0, y: 0, w: 10, h: 10 })).toThrow(/missing required prop content/);
    expect(() => u.createWidget(widget.TEXT, { text: 'no box' })).toThrow(/missing required props x, y, w, h/);
  });

  it('a misspelt prop name (txet) throws and nothing is drawn', () => {
    const u = ui();
    expect(() => u.createWidget(widget.TEXT, { ...TEXT, txet: 'hi' })).toThrow(/widget.TEXT has no prop 'txet'/);
    expect(u.fake.tree()).toEqual([]);
    expect(u.errors).toHaveLength(1);
  });

  it('setProperty checks prop ids, names and values; fixed props cannot change', () => {
    const u = ui();
    const t = u.createWidget(widget.TEXT, TEXT);
    expect(() => t.setProperty(99999, 1)).toThrow(/unknown prop id 99999/);
    expect(() => t.setProperty(prop.TEXT, 5)).toThrow(/prop 'text' must be a string/);
    expect(() => t.setProperty(prop.MORE, { colour: 1 })).toThrow(/has no prop 'colour'/);
    expect(() => t.setProperty(prop.MORE, { visible: false })).toThrow(/VISIBLE/);
    const q = u.createWidget(widget.QRCODE, { ...TEXT, content: 'a' });
    expect(() => q.setProperty(prop.MORE, { content: 'b' })).toThrow(/cannot be changed after creation/);
    q.setProperty(prop.X, 20);
    expect(q.getProperty(prop.X)).toBe(20);
  });

  it('reading or writing a property a widget lacks throws (setter/getter style)', () => {
    const u = ui();
    const t = u.createWidget(widget.TEXT, { ...TEXT, text: 'a' });
    expect(() => t.txet).toThrow(/has no property 'txet'/);
    expect(() => {
      t.txet = 'b';
    }).toThrow(/has no prop 'txet'/);
    t.text = 'b';
    expect(t.text).toBe('b');
    expect(() => t.setPropery).toThrow(/has no property 'setPropery'/);
    expect(() => t.constructor).toThrow(/has no property 'constructor'/);
    expect(() => t.setProperty(prop.MORE, JSON.parse('{"__proto__": 1}'))).toThrow(/has no prop '__proto__'/);
  });

  it('events must be values of event.*; deleted widgets refuse changes', () => {
    const u = ui();
    const r = u.createWidget(widget.FILL_RECT, { ...TEXT, color: 0 });
    expect(() => r.addEventListener('click', () => {})).toThrow(/unknown event "click"/);
    u.deleteWidget(r);
    expect(() => r.setProperty(prop.X, 1)).toThrow(/deleted widget/);
    expect(() => u.deleteWidget({})).toThrow(/is not a widget/);
  });

  it('canvas draw calls take only their documented arguments', () => {
    const u = ui();
    const c = u.createWidget(widget.CANVAS, TEXT);
    c.drawLine({ x1: 0, y1: 0, x2: 10, y2: 10, color: 0xffffff });
    expect(() => c.drawLine({ x1: 0, y1: 0, x2: 10, y2: 10, colour: 1 })).toThrow(
      /canvas.drawLine has no argument 'colour'/,
    );
    expect(u.fake.tree()[0]!.canvasOps).toEqual([
      { op: 'drawLine', args: { x1: 0, y1: 0, x2: 10, y2: 10, color: 0xffffff } },
    ]);
  });
});

describe('@zos/ui fake: what it builds', () => {
  it('valid props of any modelled widget come out in the snapshot as given (functions left out)', () => {
    const arb = fc.constantFrom(...modelled.filter((t) => t !== 'SCROLL_LIST')).chain((type) => {
      const spec = WIDGET_SPECS[type]!;
      const entries = Object.entries(spec.props).filter(([, k]) => k !== 'widget');
      const shape = Object.fromEntries(entries.map(([n, k]) => [n, validValue(k)]));
      return fc.record(shape, { requiredKeys: [...spec.required] }).map((props) => ({ type, props }));
    });
    fc.assert(
      fc.property(arb, ({ type, props }) => {
        const u = ui();
        u.createWidget(widget[type as keyof typeof widget], props);
        const [node] = u.fake.tree();
        const plain = Object.fromEntries(Object.entries(props).filter(([, v]) => typeof v !== 'function'));
        expect(node!.type).toBe(type);
        expect(node!.props).toEqual(plain);
      }),
      { numRuns: 200 },
    );
  });

  it('containers hold children; a click reaches the top-most clickable widget under the point', () => {
    const u = ui();
    const clicks: string[] = [];
    const below = u.createWidget(widget.FILL_RECT, { x: 0, y: 0, w: 200, h: 200, color: 1 });
    below.addEventListener(event.CLICK_UP, () => clicks.push('below'));
    const box = u.createWidget(widget.VIEW_CONTAINER, { x: 100, y: 100, w: 100, h: 100 });
    box.createWidget(widget.BUTTON, {
      x: 10,
      y: 10,
      w: 20,
      h: 20,
      text: 'in',
      click_func: () => clicks.push('button'),
    });
    expect(u.fake.clickAt({ x: 115, y: 115 })).toBe(true); // inside the button (100+10 .. 100+30)
    expect(u.fake.clickAt({ x: 5, y: 5 })).toBe(true);
    expect(u.fake.clickAt({ x: 300, y: 300 })).toBe(false);
    expect(clicks).toEqual(['button', 'below']);
    expect(u.fake.tree()[1]!.children[0]!.props.text).toBe('in');
  });

  it('hidden widgets are neither clicked nor placed', () => {
    const u = ui();
    let n = 0;
    const b = u.createWidget(widget.BUTTON, { x: 0, y: 0, w: 50, h: 50, text: 'x', click_func: () => n++ });
    b.setProperty(prop.VISIBLE, false);
    expect(u.fake.clickAt({ x: 10, y: 10 })).toBe(false);
    expect(u.fake.placed()).toEqual([]);
    expect(n).toBe(0);
  });

  it('the top-most widget under the finger takes the tap: one without a handler swallows it (ZeppPlayer)', () => {
    const u = ui();
    const clicks: string[] = [];
    const white = u.createWidget(widget.FILL_RECT, { x: 0, y: 0, w: 200, h: 200, color: 0xffffff });
    white.addEventListener(event.CLICK_UP, () => clicks.push('white'));
    u.createWidget(widget.FILL_RECT, { x: 50, y: 50, w: 20, h: 20, color: 0 });
    u.createWidget(widget.TEXT, { x: 0, y: 150, w: 200, h: 40, text: 'label' });
    expect(u.fake.clickAt({ x: 10, y: 10 })).toBe(true);
    expect(() => u.fake.clickAt({ x: 55, y: 55 })).toThrow(/FILL_RECT #\d+, which has no handler and swallows it/);
    expect(() => u.fake.clickAt({ x: 100, y: 160 })).toThrow(/TEXT #\d+, which has no handler/);
    expect(clicks).toEqual(['white']);
  });

  it('counts widgets created, deleted and alive, children and page resets included', () => {
    const u = ui();
    const a = u.createWidget(widget.FILL_RECT, { x: 0, y: 0, w: 1, h: 1, color: 0 });
    const box = u.createWidget(widget.VIEW_CONTAINER, { x: 0, y: 0, w: 10, h: 10 });
    box.createWidget(widget.TEXT, TEXT);
    expect(u.fake.stats()).toEqual({ created: 3, deleted: 0, alive: 3, peakAlive: 3 });
    u.deleteWidget(a);
    u.deleteWidget(a); // twice: counted once
    expect(u.fake.stats()).toEqual({ created: 3, deleted: 1, alive: 2, peakAlive: 3 });
    u.fake.reset();
    expect(u.fake.stats()).toEqual({ created: 3, deleted: 3, alive: 0, peakAlive: 3 });
  });
});

describe('@zos/ui fake: the status bar of square screens (docs: multi-screen-adaption.mdx)', () => {
  const square = () => {
    const fake = new UiFake({ statusBar: { title: 'Wrist Wallet', time: () => '09:00' } });
    const m = fake.module() as {
      createWidget: (t: unknown, p?: unknown) => W;
      setStatusBarVisible: (v: unknown) => void;
      updateStatusBarTitle: (t: unknown) => void;
    };
    return { fake, ...m };
  };

  it('is shown by default, 64 px high, with the app name and the time', () => {
    expect(square().fake.statusBar()).toEqual({ height: 64, title: 'Wrist Wallet', time: '09:00' });
    expect(ui().fake.statusBar()).toBeNull(); // no status bar configured: a round screen
  });

  it('setStatusBarVisible(false) hides it until the page goes; the next page starts with it shown', () => {
    const u = square();
    u.setStatusBarVisible(false);
    expect(u.fake.statusBar()).toBeNull();
    u.setStatusBarVisible(true);
    u.updateStatusBarTitle('Pay');
    expect(u.fake.statusBar()?.title).toBe('Pay');
    u.setStatusBarVisible(false);
    u.fake.reset();
    expect(u.fake.statusBar()).toEqual({ height: 64, title: 'Wrist Wallet', time: '09:00' });
    expect(() => u.setStatusBarVisible(0)).toThrow(/boolean/);
  });

  it('takes the taps in its band, over any widget', () => {
    const u = square();
    let n = 0;
    u.createWidget(widget.BUTTON, { x: 0, y: 0, w: 200, h: 200, text: 'b', click_func: () => n++ });
    expect(() => u.fake.clickAt({ x: 100, y: 30 })).toThrow(/status bar/);
    expect(u.fake.clickAt({ x: 100, y: 64 })).toBe(true);
    u.setStatusBarVisible(false);
    expect(u.fake.clickAt({ x: 100, y: 30 })).toBe(true);
    expect(n).toBe(2);
  });
});
