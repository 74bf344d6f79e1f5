// Draws the app icon (a card with a code on a green disc) into assets/ for each screen shape.
// Run: npx tsx scripts/make-icons.ts. The PNGs are committed; rerun only when the design changes.
import { writeFileSync, mkdirSync } from 'node:fs';
import { createCanvas } from '@napi-rs/canvas';

const SIZE = 248; // the largest icon size of the target devices (reference/zepp-devices.tsv)

function drawIcon(size: number): Buffer {
  const canvas = createCanvas(size, size);
  const g = canvas.getContext('2d');
  const u = size / 248;
  g.fillStyle = '#1db36b';
  g.beginPath();
  g.arc(size / 2, size / 2, size / 2, 0, Math.PI * 2);
  g.fill();
  // The card.
  g.fillStyle = '#ffffff';
  g.beginPath();
  g.roundRect(44 * u, 70 * u, 160 * u, 108 * u, 14 * u);
  g.fill();
  // A stripe of barcode bars across the card: widths in modules.
  const bars = [2, 1, 1, 3, 1, 2, 2, 1, 3, 1, 1, 2, 1, 1, 2, 3, 1, 2];
  let x = 60 * u;
  g.fillStyle = '#10231a';
  bars.forEach((w, i) => {
    if (i % 2 === 0) g.fillRect(x, 92 * u, w * 4 * u, 64 * u);
    x += w * 4 * u;
  });
  return canvas.toBuffer('image/png');
}

for (const shape of ['r', 's']) {
  const dir = new URL(`../assets/common.${shape}/`, import.meta.url);
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL('icon.png', dir), drawIcon(SIZE));
  console.log(`assets/common.${shape}/icon.png ${SIZE}x${SIZE}`);
}

// The bands (band/app.json, configVersion v2): one folder per target key, at their icon size (100 px).
for (const target of ['band-7', 'mi-band-7']) {
  const dir = new URL(`../band/assets/${target}/`, import.meta.url);
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL('icon.png', dir), drawIcon(100));
  console.log(`band/assets/${target}/icon.png 100x100`);
}
