// The pay page's memory on a band (lib/wallet/pay-memory.ts): the format used last and the lowest step it
// may show, in a /data file beside the wallet (common/store.ts). A record that does not check out reads
// as the defaults.
import { EMPTY_PAY_MEMORY, parsePayMemory, PAY_MEMORY_KEY, type PayMemory } from '../../../lib/wallet/pay-memory';
import { readText, writeText } from '../common/store';

const FILE = `${PAY_MEMORY_KEY}.json`;

export function loadPayMemory(): PayMemory {
  const raw = readText(FILE);
  if (raw === null || raw === '') return EMPTY_PAY_MEMORY;
  try {
    return parsePayMemory(JSON.parse(raw));
  } catch {
    return EMPTY_PAY_MEMORY;
  }
}

export function savePayMemory(memory: PayMemory): void {
  writeText(FILE, JSON.stringify(memory));
}
