// Fast lane: the ride code's geometry on every target device. The real ride page read from the
// degraded screen, and painted codes decoded on every device: ride-scan.slow.test.ts.
import { loadTargetDevices } from '../../reference/devices';
import { rideScanSuite } from './ride-scan';

rideScanSuite({ geometryOn: loadTargetDevices(), decodeOn: [], pageOn: [] });
