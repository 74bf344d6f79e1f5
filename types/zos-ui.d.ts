// @zeppos/device-types 4.0.0 omits deleteWidget from @zos/ui, which the docs describe
// (docs/reference/device-app-api/newAPI/ui/deleteWidget.mdx, API_LEVEL 2.0): (widget) => void,
// and setStatusBarVisible (ui/setStatusBarVisible.mdx, API_LEVEL 2.0, square screens only): (visible) => void,
// and getAppWidgetSize / setAppWidgetSize (it types them on API 1.0's hmUI only).
import '@zos/ui';

declare module '@zos/ui' {
  function deleteWidget(widget: unknown): void;
  function setStatusBarVisible(visible: boolean): void;
  // ui/getAppWidgetSize.mdx, ui/setAppWidgetSize.mdx (API_LEVEL 2.0): the shortcut card's size; only h can be set.
  function getAppWidgetSize(): { w: number; h: number; margin: number; radius: number };
  function setAppWidgetSize(option: { h: number }): void;
}
