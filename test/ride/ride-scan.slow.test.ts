// Slow lane: the painted ride code decoded on every target device.
import { loadTargetDevices } from '../../reference/devices';
import { rideScanSuite } from './ride-scan';

rideScanSuite({ geometryOn: [], decodeOn: loadTargetDevices(), pageOn: [] });
