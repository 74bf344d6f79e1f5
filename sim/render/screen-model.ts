// The contract between the watch realm's @zos/ui fake (which builds the widget tree)
// and the renderer (which draws it to a PNG). Plain data: it can be cloned, diffed and saved.

export type CanvasOp = { op: string; args: Record<string, unknown> };

export interface WidgetNode {
  id: number;
  /** The widget type's name as in @zos/ui's widget enum: 'TEXT', 'FILL_RECT', 'QRCODE', ... */
  type: string;
  /** Props as they are now (after every setProperty), validated by the fake. */
  props: Record<string, unknown>;
  visible: boolean;
  /** VIEW_CONTAINER / GROUP children, in creation order; coordinates relative to the parent. */
  children: WidgetNode[];
  /** CANVAS only: the draw calls in order. */
  canvasOps?: CanvasOp[];
}

/** The system status bar of a square screen, drawn over the page (sim/zos/ui.ts STATUS_BAR_HEIGHT). */
export interface StatusBar {
  /** Pixels from the top of the screen. */
  height: number;
  /** Left: the app's name, or what the page set with updateStatusBarTitle. */
  title: string;
  /** Right: the watch's time, 'HH:MM'. */
  time: string;
}

export interface ScreenSnapshot {
  width: number;
  height: number;
  shape: 'round' | 'square' | 'band';
  /** Background colour of the page, 0xRRGGBB (Zepp OS pages are black unless set). */
  background: number;
  /** Top-level widgets in creation (z) order. */
  widgets: WidgetNode[];
  /** The status bar when the screen has one and the page did not hide it; absent or null: none. */
  statusBar?: StatusBar | null;
}
