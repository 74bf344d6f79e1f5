// Every page opens with what the watch stored, then asks the phone for a sync and redraws if it got one.
import { syncWallet } from './sync';

export function showThenSync(page: { render(): void; group: { alive: boolean } | null }): void {
  page.render();
  syncWallet(Date.now).then(({ failure }) => {
    if (!failure && page.group?.alive) page.render();
  });
}
