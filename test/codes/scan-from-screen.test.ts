// Fast lane: geometry on every target device; painted layouts and random leases decoded on the
// smallest and largest round and square screens, the real pay page on the smallest round and square
// ones. The other devices: scan-from-screen.slow.test.ts.
import { loadTargetDevices } from '../../reference/devices';
import { representativeDevices, scanFromScreenSuite } from './scan-from-screen';

const devices = loadTargetDevices();
const few = representativeDevices(devices);

const smallest = few.filter((d, i) => few.findIndex((e) => e.shape === d.shape) === i);

scanFromScreenSuite({ geometryOn: devices, decodeOn: few, pageOn: smallest, numRuns: 3 });
