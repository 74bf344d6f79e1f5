// Slow lane: the painted ride code decoded on every target device, and the real ride page read from
// the degraded screen on the smallest round and square preview devices. The fast lane
// (ride-scan.test.ts) checks the geometry on every target device.
import { loadTargetDevices } from '../../reference/devices';
import { SMALLEST_PREVIEW_DEVICES } from '../../sim/cli/preview-states';
import { rideScanSuite } from './ride-scan';

const devices = loadTargetDevices();
rideScanSuite({
  geometryOn: [],
  decodeOn: devices,
  pageOn: devices.filter((d) => SMALLEST_PREVIEW_DEVICES.includes(d.name)),
});
