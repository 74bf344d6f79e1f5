// The pay page's memory in LocalStorage (lib/wallet/pay-memory.ts): the format used last and the
// lowest step it may show. A record that does not check out reads as the defaults.
import { localStorage } from '@zos/storage';
import { EMPTY_PAY_MEMORY, parsePayMemory, PAY_MEMORY_KEY, type PayMemory } from '../../lib/wallet/pay-memory';

export function loadPayMemory(): PayMemory {
  const raw = localStorage.getItem(PAY_MEMORY_KEY, '') as unknown;
  if (typeof raw !== 'string' || raw === '') return EMPTY_PAY_MEMORY;
  try {
    return parsePayMemory(JSON.parse(raw));
  } catch {
    return EMPTY_PAY_MEMORY;
  }
}

export function savePayMemory(memory: PayMemory): void {
  localStorage.setItem(PAY_MEMORY_KEY, JSON.stringify(memory));
}
