// vitest globalSetup: names a folder for this run's PostgreSQL cluster (started
// by the first test file that needs it, pg-cluster.ts) and stops the cluster
// when the run ends. Costs nothing in a run without PostgreSQL suites.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { pgBinDir, SHARED_ENV } from './pg-cluster';

export default function setup(): () => void {
  const home = mkdtempSync(join(tmpdir(), 'wallet-pg-run-'));
  process.env[SHARED_ENV] = home;
  return () => {
    const data = join(home, 'cluster', 'data');
    const found = pgBinDir();
    if (existsSync(join(home, 'ready')) && !('missing' in found)) {
      const ctl = join(found.dir, 'pg_ctl');
      const args = ['stop', '-m', 'immediate', '-w', '-D', data];
      try {
        if (process.getuid?.() === 0)
          execFileSync('runuser', ['-u', 'postgres', '--', ctl, ...args], { stdio: 'ignore' });
        else execFileSync(ctl, args, { stdio: 'ignore' });
      } catch {
        // already stopped
      }
    }
    rmSync(home, { recursive: true, force: true });
  };
}
