// `npm run build:till`: the till's front end (server/till/web) bundled by esbuild into dist/till/.
// The issuer does not need this: it bundles the same files in memory on the first request to /till.
import { fileURLToPath } from 'node:url';
import { writeTillBundle } from './bundle';

const dir = fileURLToPath(new URL('../../dist/till/', import.meta.url));
const files = await writeTillBundle(dir);
console.log(`till: ${files.join(', ')} -> ${dir}`);
