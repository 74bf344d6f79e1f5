// Type guards every validator of untrusted input (network, storage, settings) starts with.

/** A plain object (not null, not an array): the shape every parsed JSON record must have. */
export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

// --- field checkers ---------------------------------------------------------------------------
// String lengths count Unicode code points, as JSON Schema's minLength/maxLength do (the issuer's
// ajv and TypeBox alike): a name the issuer accepted is never refused by the phone.

/** The number of Unicode code points in s; a lone surrogate counts as one. */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** A string of min..max code points. */
export function isStringOfLength(x: unknown, min: number, max: number): x is string {
  if (typeof x !== 'string' || x.length < min || x.length > 2 * max) return false;
  const n = codePointLength(x);
  return n >= min && n <= max;
}

/** An integer that a double holds exactly (|x| <= 2^53 - 1). */
export function isSafeInt(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x);
}

/** A safe integer >= 0: amounts, limits, times. */
export function isNonNegativeInt(x: unknown): x is number {
  return isSafeInt(x) && x >= 0;
}

/** A safe integer from 1 up. */
export function isPositiveInt(x: unknown): x is number {
  return isSafeInt(x) && x > 0;
}

/** Three capital letters, the shape of an ISO 4217 currency code like "CNY". */
export function isCurrencyCode(x: unknown): x is string {
  return typeof x === 'string' && /^[A-Z]{3}$/.test(x);
}

/** An array of at most max items. */
export function isArrayOfAtMost(x: unknown, max: number): x is unknown[] {
  return Array.isArray(x) && x.length <= max;
}
