// Fake @zos/device: getDeviceInfo for a device of reference/zepp-devices.tsv (docs: device/getDeviceInfo.mdx).
import type { DeviceFacts } from '../../reference/devices';

// The docs name the constants but not their numbers; any two distinct values keep pages honest.
export const SCREEN_SHAPE_SQUARE = 0;
export const SCREEN_SHAPE_ROUND = 1;

export function deviceModule(device: DeviceFacts): Record<string, unknown> {
  return {
    SCREEN_SHAPE_SQUARE,
    SCREEN_SHAPE_ROUND,
    getDeviceInfo: () => ({
      width: device.width,
      height: device.height,
      // Bands are tall rectangles: not round.
      screenShape: device.shape === 'round' ? SCREEN_SHAPE_ROUND : SCREEN_SHAPE_SQUARE,
      deviceName: device.name,
      deviceSource: device.deviceSources[0] ?? 0,
      keyNumber: 1,
      keyType: 'normal',
      deviceColor: 0,
    }),
  };
}
