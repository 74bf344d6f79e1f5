// The watch's log (@zos/utils, API 2.0+): what went wrong where a page carries on without it.
// Never a lease, its secret or a payment code in a message.
import { log } from '@zos/utils';

export const logger = log.getLogger('wrist-wallet');

/**
 * An error for the log: its kind and message. A SyntaxError from JSON.parse may quote the text it
 * read (the stored lease with its secret), so only its kind is kept.
 */
export function describeError(e: unknown): string {
  if (!(e instanceof Error)) return `a thrown ${typeof e}`;
  return e.name === 'SyntaxError' ? e.name : `${e.name}: ${e.message}`;
}
