// Reading widget props for drawing. The @zos/ui fake validates props when a page sets them; the
// renderer still refuses a value it cannot draw, so a bad snapshot fails loudly instead of drawing junk.

export type Props = Record<string, unknown>;

export function num(props: Props, key: string, where: string, fallback?: number): number {
  const v = props[key];
  if (v === undefined || v === null) {
    if (fallback === undefined) throw new Error(`render: ${where} needs a number ${key}`);
    return fallback;
  }
  // Canvas coordinates may be numeric strings (device-types: CanvasCoord = number | string).
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    throw new Error(`render: ${where} ${key} must be a finite number, got ${JSON.stringify(v)}`);
  }
  return n;
}

export function optNum(props: Props, key: string, where: string): number | undefined {
  return props[key] === undefined || props[key] === null ? undefined : num(props, key, where);
}

export function str(props: Props, key: string, where: string, fallback?: string): string {
  const v = props[key];
  if (v === undefined || v === null) {
    if (fallback === undefined) throw new Error(`render: ${where} needs a string ${key}`);
    return fallback;
  }
  if (typeof v !== 'string') throw new Error(`render: ${where} ${key} must be a string, got ${JSON.stringify(v)}`);
  return v;
}

/**
 * Zepp OS colours are 0xRRGGBB numbers. The watch realm accepts 32-bit values too; the top byte is
 * not a documented alpha (widgets have an `alpha` prop for that), so only the low 24 bits are drawn.
 */
export function css(color: number): string {
  if (!Number.isInteger(color) || color < 0 || color > 0xffffffff) {
    throw new Error(`render: colour must be an integer 0x000000..0xFFFFFFFF, got ${color}`);
  }
  return `#${(color & 0xffffff).toString(16).padStart(6, '0')}`;
}

/** Widget alpha 0..255 (255 opaque) as a canvas globalAlpha. */
export function alpha01(props: Props, where: string, key = 'alpha'): number {
  const a = num(props, key, where, 255);
  if (a < 0 || a > 255) throw new Error(`render: ${where} ${key} must be 0..255, got ${a}`);
  return a / 255;
}
