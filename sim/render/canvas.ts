// Replays a CANVAS widget's recorded draw calls onto a layer of the widget's size.
// Argument names follow the Zepp OS docs (drawRect x1/y1/x2/y2, drawArc centre + radii); the
// x/y/w/h forms that @zeppos/device-types declares are accepted too, since pages may use either.
import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import type { CanvasOp } from './screen-model';
import type { AssetLoader } from './assets';
import { cssFont } from './assets';
import { lineHeight } from './text';
import { alpha01, css, num, optNum, str, type Props } from './props';

interface Paint {
  color: number;
  lineWidth: number;
}

const DEG = Math.PI / 180;

/** A rectangle from either {x1,y1,x2,y2} or {x,y,w,h}. */
function rectOf(a: Props, where: string): { x: number; y: number; w: number; h: number } {
  if (a.x1 !== undefined) {
    const x1 = num(a, 'x1', where),
      y1 = num(a, 'y1', where),
      x2 = num(a, 'x2', where),
      y2 = num(a, 'y2', where);
    return { x: Math.min(x1, x2), y: Math.min(y1, y2), w: Math.abs(x2 - x1), h: Math.abs(y2 - y1) };
  }
  return { x: num(a, 'x', where), y: num(a, 'y', where), w: num(a, 'w', where), h: num(a, 'h', where) };
}

/** An ellipse from either {center_x,center_y,radius_x,radius_y} or the bounding {x,y,w,h}. */
function ellipseOf(a: Props, where: string): { cx: number; cy: number; rx: number; ry: number } {
  if (a.center_x !== undefined) {
    return {
      cx: num(a, 'center_x', where),
      cy: num(a, 'center_y', where),
      rx: num(a, 'radius_x', where),
      ry: num(a, 'radius_y', where),
    };
  }
  const r = rectOf(a, where);
  return { cx: r.x + r.w / 2, cy: r.y + r.h / 2, rx: r.w / 2, ry: r.h / 2 };
}

function points(a: Props, where: string): Array<{ x: number; y: number }> {
  const arr = a.data_array;
  if (!Array.isArray(arr) || arr.length < 3) throw new Error(`render: ${where} needs data_array of at least 3 points`);
  return arr.map((p, i) => {
    if (typeof p !== 'object' || p === null) throw new Error(`render: ${where} data_array[${i}] is not a point`);
    return {
      x: num(p as Props, 'x', `${where} data_array[${i}]`),
      y: num(p as Props, 'y', `${where} data_array[${i}]`),
    };
  });
}

/** Draws the ops on a transparent layer w x h; the caller composites it at the widget's place. */
export function drawCanvasLayer(w: number, h: number, ops: CanvasOp[], assets: AssetLoader): Canvas {
  const layer = createCanvas(Math.max(1, Math.ceil(w)), Math.max(1, Math.ceil(h)));
  const ctx = layer.getContext('2d');
  const paint: Paint = { color: 0xffffff, lineWidth: 1 };
  ops.forEach((op, i) => drawOp(ctx, paint, op, `CANVAS op ${i} (${op.op})`, assets));
  return layer;
}

function drawOp(ctx: SKRSContext2D, paint: Paint, { op, args: a }: CanvasOp, where: string, assets: AssetLoader): void {
  const colour = (): string => css(optNum(a, 'color', where) ?? paint.color);
  const lw = (): number => optNum(a, 'line_width', where) ?? paint.lineWidth;
  const fill = (path: () => void): void => {
    ctx.save();
    ctx.globalAlpha = alpha01(a, where);
    ctx.fillStyle = colour();
    ctx.beginPath();
    path();
    ctx.fill();
    ctx.restore();
  };
  const stroke = (path: () => void): void => {
    ctx.save();
    ctx.globalAlpha = alpha01(a, where);
    ctx.strokeStyle = colour();
    ctx.lineWidth = lw();
    ctx.beginPath();
    path();
    ctx.stroke();
    ctx.restore();
  };
  switch (op) {
    case 'setPaint':
      paint.color = optNum(a, 'color', where) ?? paint.color;
      paint.lineWidth = optNum(a, 'line_width', where) ?? paint.lineWidth;
      css(paint.color);
      return;
    case 'drawPixel':
      fill(() => ctx.rect(Math.floor(num(a, 'x', where)), Math.floor(num(a, 'y', where)), 1, 1));
      return;
    case 'drawLine':
      stroke(() => {
        ctx.moveTo(num(a, 'x1', where), num(a, 'y1', where));
        ctx.lineTo(num(a, 'x2', where), num(a, 'y2', where));
      });
      return;
    case 'drawRect':
    case 'strokeRect': {
      const r = rectOf(a, where);
      const radius = optNum(a, 'radius', where) ?? 0;
      const path = (): void => (radius > 0 ? ctx.roundRect(r.x, r.y, r.w, r.h, radius) : ctx.rect(r.x, r.y, r.w, r.h));
      if (op === 'drawRect') fill(path);
      else stroke(path);
      return;
    }
    case 'drawCircle':
    case 'strokeCircle': {
      const cx = num(a, 'center_x', where),
        cy = num(a, 'center_y', where),
        r = num(a, 'radius', where);
      const path = (): void => ctx.arc(cx, cy, r, 0, 2 * Math.PI);
      if (op === 'drawCircle') fill(path);
      else stroke(path);
      return;
    }
    case 'drawEllipse':
    case 'strokeEllipse': {
      const e = ellipseOf(a, where);
      const path = (): void => ctx.ellipse(e.cx, e.cy, e.rx, e.ry, 0, 0, 2 * Math.PI);
      if (op === 'drawEllipse') fill(path);
      else stroke(path);
      return;
    }
    case 'drawArc':
    case 'strokeArc': {
      // Angles in degrees, 0 at 3 o'clock, growing clockwise (screen y points down).
      const e = ellipseOf(a, where);
      const start = num(a, 'start_angle', where, 0) * DEG;
      const end = num(a, 'end_angle', where, 360) * DEG;
      if (op === 'drawArc') {
        fill(() => {
          ctx.moveTo(e.cx, e.cy);
          ctx.ellipse(e.cx, e.cy, e.rx, e.ry, 0, start, end);
          ctx.closePath();
        });
      } else {
        stroke(() => ctx.ellipse(e.cx, e.cy, e.rx, e.ry, 0, start, end));
      }
      return;
    }
    case 'drawPoly':
    case 'strokePoly': {
      const pts = points(a, where);
      const path = (): void => {
        pts.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)));
        ctx.closePath();
      };
      if (op === 'drawPoly') fill(path);
      else stroke(path);
      return;
    }
    case 'drawText': {
      // (x, y) is the top-left of a line of text (as in a TEXT box), or its centre with cntr_coord_style.
      const size = num(a, 'text_size', where, 20);
      const centred = a.cntr_coord_style === true;
      ctx.save();
      ctx.globalAlpha = alpha01(a, where);
      ctx.font = cssFont(size);
      ctx.fillStyle = colour();
      ctx.textBaseline = 'middle';
      ctx.textAlign = centred ? 'center' : 'left';
      const y = num(a, 'y', where);
      ctx.fillText(str(a, 'text', where), num(a, 'x', where), centred ? y : y + lineHeight(size, 0) / 2);
      ctx.restore();
      return;
    }
    case 'drawImage': {
      const img = assets.image(str(a, 'image', where));
      ctx.save();
      ctx.globalAlpha = alpha01(a, where);
      ctx.drawImage(
        img,
        num(a, 'x', where),
        num(a, 'y', where),
        num(a, 'w', where, img.width),
        num(a, 'h', where, img.height),
      );
      ctx.restore();
      return;
    }
    case 'clear':
      if (a.x === undefined) ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
      else ctx.clearRect(num(a, 'x', where), num(a, 'y', where), num(a, 'w', where), num(a, 'h', where));
      return;
    case 'transform': {
      // Replaces the current transform: scale, then rotate (degrees, clockwise) about (center_x, center_y)
      // (default the canvas origin), then move by (tx, ty).
      const cx = num(a, 'center_x', where, 0),
        cy = num(a, 'center_y', where, 0);
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.translate(num(a, 'tx', where, 0) + cx, num(a, 'ty', where, 0) + cy);
      ctx.rotate(num(a, 'rotation', where, 0) * DEG);
      ctx.scale(num(a, 'sx', where, 1), num(a, 'sy', where, 1));
      ctx.translate(-cx, -cy);
      return;
    }
    default:
      throw new Error(`render: ${where}: unknown CANVAS draw call ${JSON.stringify(op)}`);
  }
}
