import { startSimulator } from '../sim/harness';
const s = await startSimulator({ device: process.argv[2] ?? 'Xiaomi Mi Band 7', appDir: 'band' });
console.log(s.watch.page, s.watch.texts(), s.watch.errors);
await s.close();
