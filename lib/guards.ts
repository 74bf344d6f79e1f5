// Type guards every validator of untrusted input (network, storage, settings) starts with.

/** A plain object (not null, not an array): the shape every parsed JSON record must have. */
export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
