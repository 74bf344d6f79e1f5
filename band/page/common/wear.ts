// The wrist as a band page can read it: the 1.0 WEAR sensor's `current` (hmSensor/sensorId/WEAR.mdx),
// whose CHANGE event is "temporarily unavailable" (the page's caution), so it is read again on a timer
// (lock.ts). Apart from lock.ts so that tests can read the period without the page's imports.
import { wearKind, type WearKind } from '../../../lib/wallet/pin';

/**
 * How often the open pay page reads the wrist: the longest a code stays on screen after the band leaves
 * it (test/band/band-pay.ts measures it). Reading a sensor property is cheap, and the screen is at full
 * brightness anyway while the page shows.
 */
export const WEAR_POLL_MS = 500;

export function wearNow(sensor: HmWearSensor = hmSensor.createSensor(hmSensor.id.WEAR)): WearKind {
  return wearKind(sensor.current);
}
