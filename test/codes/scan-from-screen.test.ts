// Fast lane: geometry on every target device; painted layouts, random leases and the real pay page
// decoded on the smallest round and square screens (the fewest pixels a module). The other devices,
// the largest round and square ones included: scan-from-screen.slow.test.ts.
import { loadTargetDevices } from '../../reference/devices';
import { representativeDevices, scanFromScreenSuite } from './scan-from-screen';

const devices = loadTargetDevices();
const few = representativeDevices(devices);

const smallest = few.filter((d, i) => few.findIndex((e) => e.shape === d.shape) === i);

scanFromScreenSuite({ geometryOn: devices, decodeOn: smallest, pageOn: smallest, numRuns: 3 });
