// @zeppos/device-types 4.0.0 omits deleteWidget from @zos/ui, which the docs describe
// (docs/reference/device-app-api/newAPI/ui/deleteWidget.mdx, API_LEVEL 2.0): (widget) => void.
import '@zos/ui';

declare module '@zos/ui' {
  function deleteWidget(widget: unknown): void;
}
