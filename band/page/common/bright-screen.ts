// A band page that shows a code to a scanner (pay, ride): full brightness and the screen kept on while it
// shows, put back when the page goes; the band's twin of page/common/bright-screen.ts, one place so the
// two pages cannot drift apart on what they restore. hmSetting/setBrightness.mdx: auto-brightness off
// first, or the light sensor overrides the brightness.

/** Long enough for a queue at the till or the gate. */
const SCREEN_ON_S = 120;

export interface BrightScreen {
  /** From the page's onDestroy(): screen timeout, screen-keep, brightness and auto-brightness as before. */
  restore(): void;
}

/** From the page's onInit(): remembers the user's brightness, then full brightness and the screen kept on. */
export function openBrightScreen(): BrightScreen {
  const saved = { auto: hmSetting.getScreenAutoBright(), brightness: hmSetting.getBrightness() };
  hmSetting.setScreenAutoBright(false);
  hmSetting.setBrightness(100);
  hmSetting.setBrightScreen(SCREEN_ON_S);
  hmApp.setScreenKeep(true);
  return {
    restore() {
      hmSetting.setBrightScreenCancel();
      hmApp.setScreenKeep(false);
      hmSetting.setBrightness(saved.brightness);
      hmSetting.setScreenAutoBright(saved.auto);
    },
  };
}
