// Fast lane: paying on the Mi Band 7 (the taller band), transit and limits on the Band 7; both journeys on
// both bands run in band-e2e.slow.test.ts.
import { loadBandDevices } from '../../reference/devices';
import { bandSuite } from './band-e2e';

const band = (name: string) => loadBandDevices().find((d) => d.name === name)!;
bandSuite(band('Xiaomi Mi Band 7'), ['pay']);
bandSuite(band('Amazfit Band 7'), ['transit']);
