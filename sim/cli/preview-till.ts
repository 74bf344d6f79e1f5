// npm run preview:till [-- --lang zh-CN]: the pay page's screens that need a register and the phone, which
// `npm run preview` (the phone out of reach) cannot show: "Paid" after a charge, the next code after it,
// and "Declined" with its reason. On the five preview devices, the real app end to end (issuer on loopback,
// simulated watch + phone + settings page, one clock), into preview-till/<device>/pay-<state>.png.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedWorld, startLocalIssuer } from '../../server/world';
import { startSimulator, type FullSimulator } from '../harness';
import type { Language } from '../kernel/contracts';
import { screenProblems } from '../render/problems';
import { decodeBarcode } from '../scan/scanner';
import { parsePo } from '../zos/i18n';
import { PREVIEW_DEVICES } from './preview-states';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const OUT = join(ROOT, 'preview-till');
const LANGUAGES: Language[] = ['en-US', 'zh-CN', 'ru-RU'];
const START = Date.UTC(2026, 0, 15, 9, 0, 0);
const PIN = '2580';

function parseLanguage(argv: string[]): Language {
  const i = argv.indexOf('--lang');
  const value = i >= 0 ? argv[i + 1] : (argv.find((a) => a.startsWith('--lang='))?.slice(7) ?? 'en-US');
  if (!LANGUAGES.includes(value as Language))
    throw new Error(`preview-till: --lang must be one of ${LANGUAGES.join(', ')}`);
  return value as Language;
}

async function post(url: string, key: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Record<string, unknown>;
}

/** One device's pictures: the files written, and what screenProblems found on each (as `npm run preview` reports). */
export interface TillPictures {
  files: string[];
  problems: string[];
}

export async function tillPictures(name: string, language: Language, out: string = OUT): Promise<TillPictures> {
  const say = (key: string) => parsePo(readFileSync(join(ROOT, 'page/i18n', `${language}.po`), 'utf8')).get(key) ?? key;
  const holder: { sim?: FullSimulator } = {};
  const issuer = await startLocalIssuer({ tmpPrefix: 'preview-till-', now: () => holder.sim?.clock.now() ?? START });
  const { merchantKey, bindingCode } = await seedWorld(issuer.ctx, { merchantName: 'Campus canteen' });
  // The settings page in English (its own languages are tested elsewhere); the watch in `language`.
  const sim = (holder.sim = await startSimulator({ device: name, startMs: START, language, phoneLanguage: 'en-US' }));
  const dir = join(out, name.toLowerCase().replace(/\s+/g, '-'));
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  const problems: string[] = [];
  const shot = (state: string) => {
    const file = join(dir, `pay-${state}.png`);
    writeFileSync(file, sim.screenshot());
    files.push(file);
    for (const p of screenProblems(sim.watch.snapshot(), { locale: language })) problems.push(`pay-${state}: ${p}`);
    for (const e of sim.watch.errors) problems.push(`pay-${state}: error ${String(e)}`);
  };
  const showsCode = () => sim.watch.find({ type: 'CANVAS' }) !== undefined;
  let n = 0;
  const charge = async (amount: number) => {
    const code = (await decodeBarcode(sim.screenImage())).zxing;
    if (!code) throw new Error(`preview-till: ${name}: no barcode read off the screen`);
    return post(`${issuer.url}/v1/merchant/charges`, merchantKey, {
      code,
      amount,
      currency: 'CNY',
      idempotencyKey: `preview-${++n}`,
    });
  };
  const texts = () => sim.watch.texts();
  try {
    await sim.settings.type({ label: 'Wallet address' }, issuer.url);
    await sim.settings.type({ label: 'Binding code' }, bindingCode);
    await sim.settings.press({ label: 'Bind' });
    await sim.clock.until(() => sim.settings.texts().some((t) => t.startsWith('Bound.')), 10_000);
    await sim.watch.tap(say('home.pay'));
    await sim.clock.until(() => showsCode() || sim.watch.page === 'page/pin/index.page', 10_000);
    for (let twice = 0; twice < 2 && sim.watch.page === 'page/pin/index.page'; twice++)
      for (const d of PIN) await sim.watch.tap({ type: 'BUTTON', text: d });
    await sim.clock.until(showsCode, 10_000);
    const paid = await charge(2_350);
    if (paid.status !== 'approved') throw new Error(`preview-till: ${name}: charge ${JSON.stringify(paid)}`);
    await sim.clock.until(() => texts().includes(say('paid.title')), 5_000);
    shot('paid');
    await sim.clock.until(showsCode, 10_000);
    shot('next-code');
    // Above the ¥500.00 a payment the seeded account allows: declined, and why.
    const declined = await charge(60_000);
    if (declined.status !== 'declined') throw new Error(`preview-till: ${name}: charge ${JSON.stringify(declined)}`);
    await sim.clock.until(() => texts().includes(say('paid.declined')), 5_000);
    shot('declined');
  } finally {
    await sim.close();
    await issuer.close();
  }
  return { files, problems };
}

async function main(): Promise<void> {
  const language = parseLanguage(process.argv.slice(2));
  rmSync(OUT, { recursive: true, force: true });
  let found = 0;
  for (const name of PREVIEW_DEVICES) {
    const started = Date.now();
    const { files, problems } = await tillPictures(name, language);
    console.log(`preview-till: ${name} (${language}): ${files.length} pictures in ${Date.now() - started} ms`);
    for (const p of problems) console.log(`  ${p}`);
    found += problems.length;
  }
  console.log(`preview-till: pictures in ${OUT}`);
  if (found > 0) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
