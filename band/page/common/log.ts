// An error for the log (console.log, reference/device-app-api/global.mdx): its kind and message; a
// SyntaxError from JSON.parse may quote the stored lease, so only its kind. Never a lease or a code.
export function describeError(e: unknown): string {
  if (!(e instanceof Error)) return `a thrown ${typeof e}`;
  return e.name === 'SyntaxError' ? e.name : `${e.name}: ${e.message}`;
}
