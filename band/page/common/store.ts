// The wallet record in a file of the app's /data folder (hmFS, API 1.0 has no LocalStorage: the docs'
// guides/best-practice/persistence-storage.mdx keeps JSON in a file the same way), one JSON string replaced whole.
import { parseSyncResponse } from '../../../lib/issuer-api/parse';
import { EMPTY_WALLET, parseWallet, WALLET_STORAGE_KEY, type Wallet } from '../../../lib/wallet/wallet';
import { describeError } from './log';

const FILE = `${WALLET_STORAGE_KEY}.json`;

/** UTF-16 code units, as the docs' example stores text: no TextEncoder on 1.0. Also the lock's and the pay page's records. */
export function readText(path: string): string | null {
  const [stat, err] = hmFS.stat(path);
  if (err !== 0 || stat.size === 0 || stat.size % 2 !== 0) return null;
  const units = new Uint16Array(stat.size / 2);
  const fd = hmFS.open(path, hmFS.O_RDONLY);
  const result = hmFS.read(fd, units.buffer, 0, stat.size);
  hmFS.close(fd);
  if (result !== 0) return null;
  let text = '';
  for (let i = 0; i < units.length; i += 4096) text += String.fromCharCode(...units.subarray(i, i + 4096));
  return text;
}

export function writeText(path: string, text: string): void {
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  const fd = hmFS.open(path, hmFS.O_WRONLY | hmFS.O_CREAT | hmFS.O_TRUNC);
  hmFS.write(fd, units.buffer, 0, units.byteLength);
  hmFS.close(fd);
}

export function loadWallet(): Wallet {
  const raw = readText(FILE);
  if (raw === null) return EMPTY_WALLET;
  try {
    return parseWallet(JSON.parse(raw), parseSyncResponse, (why) =>
      console.log(`stored wallet dropped: ${describeError(why)}`),
    );
  } catch (e) {
    console.log(`stored wallet dropped: ${describeError(e)}`);
    return EMPTY_WALLET;
  }
}

export function saveWallet(wallet: Wallet): void {
  writeText(FILE, JSON.stringify(wallet));
}
