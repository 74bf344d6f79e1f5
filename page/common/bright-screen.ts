// A page that shows a code to a scanner (pay, ride): full brightness and the screen kept on while it
// shows, the status bar hidden on square screens so the code may use the whole screen, and all of it
// put back when the page goes. One place, so the pages cannot drift apart on what they restore.
import {
  getAutoBrightness,
  getBrightness,
  pauseDropWristScreenOff,
  resetDropWristScreenOff,
  setAutoBrightness,
  setBrightness,
  setPageBrightTime,
} from '@zos/display';
import { setStatusBarVisible } from '@zos/ui';
import { deviceScreen } from './screen';

export interface BrightScreen {
  /** From the page's build(): hides the status bar on square screens. */
  hideStatusBar(): void;
  /** From the page's onDestroy(): status bar, wrist-drop screen-off, brightness and auto-brightness as before. */
  restore(): void;
}

/** From the page's onInit(): remembers the user's brightness, then full brightness and the screen on for `screenOnMs`. */
export function openBrightScreen(screenOnMs: number): BrightScreen {
  const saved = { auto: getAutoBrightness(), brightness: getBrightness() };
  setAutoBrightness(false);
  setBrightness(100);
  setPageBrightTime({ brightTime: screenOnMs });
  pauseDropWristScreenOff({ duration: screenOnMs });
  return {
    hideStatusBar() {
      if (!deviceScreen().round) setStatusBarVisible(false);
    },
    restore() {
      if (!deviceScreen().round) setStatusBarVisible(true);
      resetDropWristScreenOff();
      setBrightness(saved.brightness);
      setAutoBrightness(saved.auto);
    },
  };
}
