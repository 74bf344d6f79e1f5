// A reader process that only uploads (test/reader/reader-crash.slow.test.ts kills it mid-upload):
// argv: file id issuerUrl operatorKey batch
import { Reader } from '../../server/reader/reader';

const [file, id, issuer, operatorKey, batch] = process.argv.slice(2);
const reader = new Reader({
  file: file!,
  id: id!,
  line: 'Line 2',
  fare: 200,
  issuer,
  operatorKey,
  batch: Number(batch),
});
await reader.upload((done) => console.log(`uploaded ${done}`));
reader.close();
