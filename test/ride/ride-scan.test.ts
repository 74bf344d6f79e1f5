// Fast lane: geometry on every target device; the real ride page on the smallest round and square
// preview devices. Painted codes decoded on every target device: ride-scan.slow.test.ts.
import { loadTargetDevices } from '../../reference/devices';
import { SMALLEST_PREVIEW_DEVICES } from '../../sim/cli/preview-states';
import { rideScanSuite } from './ride-scan';

const devices = loadTargetDevices();
rideScanSuite({
  geometryOn: devices,
  decodeOn: [],
  pageOn: devices.filter((d) => SMALLEST_PREVIEW_DEVICES.includes(d.name)),
});
