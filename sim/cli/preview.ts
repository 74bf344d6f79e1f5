// npm run preview: every page of app.json in each of its states (sim/cli/preview-states.ts), rendered
// by the headless runtime at the real resolution of five watches and the two bands (band/, API 1.0), into preview/<device>/<page>-<state>.png,
// with preview/index.html as a gallery. Pages are driven generically: a page the states table does not
// name still gets its 'empty' picture.
//
//   npm run preview                 # en-US
//   npm run preview -- --lang zh-CN # pictures in Chinese (also ru-RU)
//   npm run preview -- --device 'Xiaomi Mi Band 7' --device 'Amazfit Band 7'   # only these screens
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { manifestPages, readAppManifest } from '../kernel/app-manifest';
import type { Language } from '../kernel/contracts';
import { renderScreen } from '../render/render';
import { screenProblems } from '../render/problems';
import { openPageOffline } from '../render/page';
import { BAND_PREVIEW_DEVICES, bandFiles, PREVIEW_DEVICES, PREVIEW_NOW, statesFor } from './preview-states';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** The band app (API 1.0, configVersion v2): its own app folder. */
const BAND_APP = join(ROOT, 'band');
const OUT = join(ROOT, 'preview');

const LANGUAGES: readonly Language[] = ['en-US', 'zh-CN', 'ru-RU'];

interface Picture {
  device: string;
  file: string;
  page: string;
  state: string;
  /** Errors the page threw: these fail the run. */
  problems: string[];
  /** Texts cut or past the screen's edge (screenProblems): shown, not fatal. */
  warnings: string[];
}

/** The app's pages, then its shortcut cards (module app-widget). */
function appPages(appDir = ROOT): readonly string[] {
  const manifest = readAppManifest(appDir);
  return [...manifestPages(manifest, 'preview'), ...manifest.appWidgets.map((w) => w.path)];
}

/** 'page/pay/index.page' -> 'pay' */
const pageName = (url: string): string =>
  url
    .replace(/^page\//, '')
    .replace(/\/index\.page$/, '')
    .replace(/\//g, '-');
const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
const esc = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function parseLanguage(argv: string[]): Language {
  const i = argv.indexOf('--lang');
  const value = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--lang='))?.slice(7);
  if (value === undefined) return 'en-US';
  if (!(LANGUAGES as readonly string[]).includes(value))
    throw new Error(`preview: --lang must be one of ${LANGUAGES.join(', ')}`);
  return value as Language;
}

/** The --device names (any number); none: every preview device. */
function parseDevices(argv: string[]): string[] {
  const names: string[] = [];
  argv.forEach((a, i) => {
    if (a === '--device' && argv[i + 1] !== undefined) names.push(argv[i + 1]!);
    else if (a.startsWith('--device=')) names.push(a.slice(9));
  });
  const known = [...PREVIEW_DEVICES, ...BAND_PREVIEW_DEVICES];
  for (const n of names)
    if (!known.includes(n))
      throw new Error(`preview: --device must be one of ${known.map((k) => `'${k}'`).join(', ')}`);
  return names;
}

async function renderDevice(
  device: string,
  pages: readonly string[],
  language: Language,
  band = false,
): Promise<Picture[]> {
  const dir = join(OUT, slug(device));
  mkdirSync(dir, { recursive: true });
  const pictures: Picture[] = [];
  for (const page of pages) {
    for (const state of statesFor(page)) {
      const file = `${pageName(page)}-${state.name}.png`;
      const problems: string[] = [];
      let warnings: string[];
      const card = page.startsWith('app-widget/');
      const open = await openPageOffline({
        device,
        page,
        card,
        language,
        startMs: PREVIEW_NOW,
        ...(band
          ? { appDir: BAND_APP, band: { files: bandFiles(state.storage), sysPro: new Map() } }
          : state.storage
            ? { storage: state.storage }
            : {}),
        ...(state.taps ? { taps: state.taps } : {}),
        ...(state.params !== undefined ? { params: state.params } : {}),
        ...(state.scroll !== undefined ? { scroll: state.scroll } : {}),
        ...(state.wear !== undefined ? { wear: state.wear } : {}),
        ...(state.phone ? { phone: state.phone } : {}),
      });
      try {
        const snapshot = open.snapshot();
        // A card is drawn at its size with its corner radius (getAppWidgetSize).
        const how = { locale: language, ...(card ? { screenRadius: open.watch.cardSize.radius } : {}) };
        writeFileSync(join(dir, file), renderScreen(snapshot, how));
        warnings = screenProblems(snapshot, how);
        problems.push(...open.watch.errors.map((e) => `error: ${String(e)}`));
      } finally {
        await open.close();
      }
      pictures.push({ device, file: `${slug(device)}/${file}`, page, state: state.name, problems, warnings });
    }
  }
  return pictures;
}

function gallery(pictures: Picture[], language: Language): string {
  const devices = [...new Set(pictures.map((p) => p.device))];
  const rows = [...new Set(pictures.map((p) => `${p.page}\t${p.state}`))];
  const cell = (device: string, row: string): string => {
    const p = pictures.find((q) => q.device === device && `${q.page}\t${q.state}` === row);
    if (!p) return '<td></td>';
    const notes = [...p.problems, ...p.warnings];
    const warn = notes.length ? `<div class="warn">${notes.map(esc).join('<br>')}</div>` : '';
    return `<td><a href="${esc(p.file)}"><img src="${esc(p.file)}" alt="${esc(`${p.page} ${p.state} on ${device}`)}"></a>${warn}</td>`;
  };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Wrist Wallet screens (${language})</title>
<style>
body { font: 14px sans-serif; background: #222; color: #ddd; }
table { border-collapse: collapse; } th, td { padding: 6px; vertical-align: top; text-align: center; }
th { position: sticky; top: 0; background: #222; }
img { max-width: 240px; } .warn { color: #f2a33a; max-width: 240px; font-size: 12px; }
</style></head><body>
<h1>Wrist Wallet screens, ${esc(language)}, watch clock ${new Date(PREVIEW_NOW).toISOString()}</h1>
<p>Rendered by the headless runtime (npm run preview) with the phone out of reach; states from sim/cli/preview-states.ts.</p>
<table><tr><th>page / state</th>${devices.map((d) => `<th>${esc(d)}</th>`).join('')}</tr>
${rows.map((r) => `<tr><th>${r.split('\t').map(esc).join('<br>')}</th>${devices.map((d) => cell(d, r)).join('')}</tr>`).join('\n')}
</table></body></html>
`;
}

/** The usage lines at the top of this file, for --help and a mistyped option. */
const USAGE = `npm run preview [-- --lang en-US|zh-CN|ru-RU] [-- --device NAME ...]
  pictures of every page in each state, into preview/<device>/, with preview/index.html as a gallery`;

/** --help answers the usage; an option this command does not know is refused, not ignored. */
function checkOptions(argv: string[]): boolean {
  if (argv.includes('--help') || argv.includes('-h')) return false;
  argv.forEach((a, i) => {
    const value = i > 0 && (argv[i - 1] === '--lang' || argv[i - 1] === '--device');
    if (!value && !/^--(lang|device)(=|$)/.test(a)) throw new Error(`preview: unknown option ${a}\n${USAGE}`);
  });
  return true;
}

async function main(): Promise<void> {
  if (!checkOptions(process.argv.slice(2))) {
    console.log(USAGE);
    return;
  }
  const language = parseLanguage(process.argv.slice(2));
  const pages = appPages();
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const all: Picture[] = [];
  const only = parseDevices(process.argv.slice(2));
  const runs = [
    ...PREVIEW_DEVICES.map((device) => ({ device, pages, band: false })),
    ...BAND_PREVIEW_DEVICES.map((device) => ({ device, pages: appPages(BAND_APP), band: true })),
  ].filter((r) => only.length === 0 || only.includes(r.device));
  for (const { device, pages, band } of runs) {
    const started = Date.now();
    const pictures = await renderDevice(device, pages, language, band);
    all.push(...pictures);
    const problems = pictures.filter((p) => p.problems.length > 0).length;
    console.log(
      `preview: ${device}: ${pictures.length} pictures in ${Date.now() - started} ms${problems ? `, ${problems} with page errors` : ''}`,
    );
    for (const p of pictures) for (const w of [...p.problems, ...p.warnings]) console.log(`  ${p.file}: ${w}`);
  }
  writeFileSync(join(OUT, 'index.html'), gallery(all, language));
  console.log(`preview: ${all.length} pictures, gallery at ${join(OUT, 'index.html')}`);
  if (all.some((p) => p.problems.length > 0)) process.exitCode = 1;
}

main().catch((err: unknown) => {
  // Bad input is said in one line; anything else keeps its stack.
  console.error(err instanceof Error && err.message.startsWith('preview:') ? err.message : err);
  process.exit(1);
});
