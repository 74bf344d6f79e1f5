// The shortcut card's geometry per screen shape: rows inside the card (coordinates relative to the
// card's top left, guide device/secondary-widget.md), from the card's size (getAppWidgetSize).
export interface CardRow {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface CardGeometry {
  /** Centered text (round) or left-aligned (square). */
  centered: boolean;
  label: CardRow;
  big: CardRow;
  line: CardRow;
  note: CardRow;
  labelSize: number;
  bigSize: number;
  lineSize: number;
  noteSize: number;
}

export interface CardLayout {
  geometry(card: { w: number; h: number }): CardGeometry;
}
