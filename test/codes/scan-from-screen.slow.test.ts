// Slow lane: decoding on every target device the fast lane (scan-from-screen.test.ts) does not decode on.
import { loadTargetDevices } from '../../reference/devices';
import { representativeDevices, scanFromScreenSuite } from './scan-from-screen';

const devices = loadTargetDevices();
const few = representativeDevices(devices);
const smallest = few.filter((d, i) => few.findIndex((e) => e.shape === d.shape) === i);
const rest = (done: typeof devices) => devices.filter((d) => !done.includes(d));

scanFromScreenSuite({ geometryOn: [], decodeOn: rest(smallest), pageOn: rest(smallest), numRuns: 25 });
