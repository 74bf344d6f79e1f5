// @zeppos/device-types 4.0.0 omits deleteWidget from @zos/ui, which the docs describe
// (docs/reference/device-app-api/newAPI/ui/deleteWidget.mdx, API_LEVEL 2.0): (widget) => void,
// and setStatusBarVisible (ui/setStatusBarVisible.mdx, API_LEVEL 2.0, square screens only): (visible) => void.
import '@zos/ui';

declare module '@zos/ui' {
  function deleteWidget(widget: unknown): void;
  function setStatusBarVisible(visible: boolean): void;
}
