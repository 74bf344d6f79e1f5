// Slow lane: every band journey on both bands (band-e2e.ts).
import { loadBandDevices } from '../../reference/devices';
import { bandSuite } from './band-e2e';

for (const band of loadBandDevices()) bandSuite(band, ['pay', 'transit', 'ride', 'history']);
