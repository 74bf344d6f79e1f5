// How often the open pay page reads the wrist (lock.ts): the 1.0 WEAR sensor's CHANGE event is
// "temporarily unavailable" (hmSensor/sensorId/WEAR.mdx, caution), so `current` is read again on a
// timer. Pure (no 1.0 globals), so that tests read the period in Node.

/**
 * The longest a code stays on screen after the band leaves the wrist (test/band/band-pay.ts measures
 * it). Reading a sensor property is cheap, and the screen is at full brightness anyway while the page shows.
 */
export const WEAR_POLL_MS = 500;
