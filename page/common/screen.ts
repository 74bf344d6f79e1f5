// The screen this page runs on, as the code layout (lib/codes/layout) needs it.
import { getDeviceInfo, SCREEN_SHAPE_ROUND } from '@zos/device';
import type { Screen } from '../../lib/codes/layout';

export interface DeviceScreen extends Screen {
  round: boolean;
}

/**
 * getDeviceInfo() gives no corner radius for square screens: the devices we build for have 21-25% of
 * the width (reference/zepp-devices.tsv), so a quarter of the width is safe on all of them.
 */
export function deviceScreen(): DeviceScreen {
  const info = getDeviceInfo();
  const round = info.screenShape === SCREEN_SHAPE_ROUND;
  return {
    width: info.width,
    height: info.height,
    round,
    cornerRadius: round ? info.width / 2 : Math.ceil(info.width / 4),
  };
}
