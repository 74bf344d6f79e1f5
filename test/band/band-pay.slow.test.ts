// Slow lane: issue 10's pay page journeys on both bands (band-pay.ts).
import { loadBandDevices } from '../../reference/devices';
import { BAND_PAY_JOURNEYS, bandPaySuite } from './band-pay';

for (const band of loadBandDevices()) bandPaySuite(band.name, BAND_PAY_JOURNEYS);
