// `npm run server`: the issuer on 127.0.0.1:$PORT with PostgreSQL ($DATABASE_URL)
// or else the SQLite file $WALLET_DB.
import { buildServer } from './app';
import { configFromEnv } from './config';
import { openStore } from './db/store';

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be 0..65535, got "${process.env.PORT}"`);
  const host = process.env.HOST || '127.0.0.1';
  const level = process.env.LOG_LEVEL || 'info';
  const db = await openStore(process.env);
  const { app } = await buildServer({
    db,
    config: configFromEnv(process.env),
    logger: level === 'silent' ? false : { level },
    ...(process.env.TILL_CURRENCY ? { tillCurrency: process.env.TILL_CURRENCY } : {}),
  });
  const address = await app.listen({ host, port });
  // One machine-readable line on stdout: tests and scripts read the port from it.
  process.stdout.write(`${JSON.stringify({ listening: address, db: db.where, store: db.kind })}\n`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    // close() stops accepting, lets in-flight requests finish, then the
    // database is closed so the WAL is checkpointed.
    app
      .close()
      .then(() => db.close())
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        process.stderr.write(`shutdown failed: ${String(err)}\n`);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`issuer failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
