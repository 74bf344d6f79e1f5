import { BasePage } from '@zeppos/zml/base-page';
import { createWidget, widget } from '@zos/ui';

Page(
  BasePage({
    build() {
      createWidget(widget.TEXT, { x: 0, y: 200, w: 480, h: 60, text: 'Wrist Wallet', color: 0xffffff, text_size: 36 });
    },
  }),
);
