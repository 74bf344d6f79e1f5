// Type guards every validator of untrusted input (network, storage, settings) starts with.

/** A plain object (not null, not an array): the shape every parsed JSON record must have. */
export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A safe integer from 0 up: UTC milliseconds, minor units of money. */
export function isNonNegativeInt(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
}

/** A safe integer from 1 up. */
export function isPositiveInt(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x > 0;
}

/** An ISO 4217 currency code as written: three capital letters ("CNY"). */
export function isCurrencyCode(x: unknown): x is string {
  return typeof x === 'string' && /^[A-Z]{3}$/.test(x);
}
