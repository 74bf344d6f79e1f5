// Node-side loader for the device facts shipped in reference/.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDevices, targetDevices, type DeviceFacts } from '../lib/devices/devices';

export const DEVICES_TSV = fileURLToPath(new URL('../reference/zepp-devices.tsv', import.meta.url));

export function loadDevices(): DeviceFacts[] {
  return parseDevices(readFileSync(DEVICES_TSV, 'utf8'));
}

export function loadTargetDevices(): DeviceFacts[] {
  return targetDevices(loadDevices());
}
