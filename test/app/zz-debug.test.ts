import { it } from 'vitest';
import { bind, world, typePin } from './wallet-e2e';
it('debug', async () => {
  const w = await world('Amazfit Bip 5 Unity');
  await bind(w);
  await w.sim.watch.tap('Pay');
  await w.sim.clock.advance(3000);
  console.log(w.sim.watch.page, w.sim.watch.texts(), w.sim.watch.errors, w.sim.watch.stack);
  await typePin(w.sim, '2580');
  console.log(w.sim.watch.page, w.sim.watch.texts(), w.sim.watch.errors);
  await typePin(w.sim, '2580');
  await w.sim.clock.advance(3000);
  console.log(w.sim.watch.page, w.sim.watch.errors, w.sim.watch.storage.get('lock.v1'), w.sim.watch.lifecycle.slice(-12), w.sim.watch.logs);
  await w.close();
});
