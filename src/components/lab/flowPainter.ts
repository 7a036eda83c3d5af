/**
 * Draws the travelling dots of the request flow on one canvas, outside React: per frame only the
 * cursor time changes, so a frame costs a filter of the in-flight candidates and a few arcs, and
 * never a DOM change, a style recalculation or a layout.
 */
import { InFlightTracker, type Tone } from '../../store/flow.ts';
import type { TraceView } from '../../store/session.ts';
import { minShownMs } from '../../store/pacing.ts';
import type { FlowLayout } from './flowGeometry.ts';
import { dotScene, groupByEdge, placeMarks, thinLingering, type DotScene } from './flowScene.ts';
import { markObstacles, type Rect } from './flowBoxes.ts';

/** What a frame depends on. */
export interface FlowFrame {
  /** A new view whenever the run has new events (see session.ts). */
  trace: TraceView;
  /** Events counted at the cursor: which of the messages leaving or arriving at `time` are drawn (see `isOnTheWire`). */
  index: number;
  time: number;
  selected: number | null;
  /** The chosen playback speed: a busy lab keeps each dot on screen a minimum of wall time. */
  speed: number;
  /** Since when the clock has run on continuously (`continuousSince`): only arrivals after it are kept on screen. */
  since: number;
}

export interface FlowColours {
  tones: Record<Tone, string>;
  /** The outline that keeps neighbouring dots apart. */
  surface: string;
  /** The ring around the chosen request. */
  ring: string;
  font: string;
  mono: string;
}

const TONE_VARIABLE: Record<Tone, string> = {
  hit: '--cal-hit',
  miss: '--cal-miss',
  db: '--cal-db',
  write: '--cal-write',
  invalidate: '--cal-invalidate',
  error: '--cal-error',
  lock: '--cal-accent',
  neutral: '--cal-muted',
};

/** The theme's colours as the canvas must be given them (it cannot read CSS variables itself). */
export function readColours(element: Element): FlowColours {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const tones = {} as Record<Tone, string>;
  for (const [tone, variable] of Object.entries(TONE_VARIABLE) as [Tone, string][]) tones[tone] = read(variable, '#777');
  return { tones, surface: read('--cal-surface', '#fff'), ring: read('--cal-fg', '#000'), font: read('--cal-font', 'sans-serif'), mono: read('--cal-mono', 'monospace') };
}

/** jsdom has no 2D context (and says so on the console each time it is asked), so ask once. */
let contextUnavailable = false;

export class FlowPainter {
  private readonly tracker = new InFlightTracker();
  /** The same with each dot kept on screen a minimum time (a busy lab); its own window, so neither rebuilds. */
  private readonly kept = new InFlightTracker();
  private readonly labels = new LabelSprites();
  private context: CanvasRenderingContext2D | null = null;
  private layout: FlowLayout | null = null;
  /** The node boxes and the apps' badges, which the counts beside the dots keep clear of. */
  private boxes: Rect[] = [];
  private colours: FlowColours | null = null;
  private size = { width: 0, height: 0, ratio: 1 };
  private frame: FlowFrame | null = null;
  private drawn: FlowFrame | null = null;
  private shown = { dots: -1, rings: -1 };

  constructor(
    private readonly canvas: HTMLCanvasElement,
    /** The edges the SVG currently shows as a count: no dots are drawn on them. */
    private readonly counted: () => ReadonlySet<string>,
  ) {}

  setLayout(layout: FlowLayout) {
    this.layout = layout;
    this.boxes = markObstacles(layout);
    this.repaint();
  }

  setColours(colours: FlowColours) {
    this.colours = colours;
    this.repaint();
  }

  /** The canvas's size in CSS pixels; the backing store follows it at the device's pixel ratio. */
  resize(width: number, height: number, ratio: number) {
    if (width === this.size.width && height === this.size.height && ratio === this.size.ratio) return;
    this.size = { width, height, ratio };
    this.canvas.width = Math.max(1, Math.round(width * ratio));
    this.canvas.height = Math.max(1, Math.round(height * ratio));
    this.repaint();
  }

  /** Draws the frame unless it is the one already on the canvas. */
  update(frame: FlowFrame) {
    const last = this.drawn;
    this.frame = frame;
    if (last && last.time === frame.time && last.index === frame.index && last.trace === frame.trace && last.selected === frame.selected && last.speed === frame.speed && last.since === frame.since) return;
    this.draw(frame);
  }

  /** Draws the last frame again (the counted edges, the size or the colours changed). */
  repaint() {
    if (this.frame) this.draw(this.frame);
  }

  /** The scene for a frame, drawn or not; also what tests inspect. */
  scene(frame: FlowFrame): DotScene {
    if (!this.layout) return { dots: [], rings: [], labels: [] };
    const events = frame.trace.events;
    const onTheWire = this.tracker.at(events, frame.time, 0, frame.index);
    const shown = minShownMs(events, frame.time, frame.speed, onTheWire.length);
    const groups = groupByEdge(this.layout, shown > 0 ? thinLingering(this.kept.at(events, frame.time, shown, frame.index, frame.since), frame.time) : onTheWire);
    const counted = this.counted();
    return dotScene(groups.values(), frame.time, (key) => counted.has(key), frame.selected, shown);
  }

  private draw(frame: FlowFrame) {
    this.drawn = frame;
    const scene = this.scene(frame);
    this.report(scene);
    const context = this.getContext();
    if (!context || !this.layout || !this.colours) return;
    const { width, height, ratio } = this.size;
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.clearRect(0, 0, this.canvas.width, this.canvas.height);
    if (width === 0 || scene.dots.length + scene.rings.length === 0) return;
    // The SVG keeps its viewBox's aspect ratio, so one scale maps diagram units to pixels.
    const scale = (Math.min(width / this.layout.width, height / this.layout.height) || 1) * ratio;
    context.setTransform(scale, 0, 0, scale, 0, 0);
    paintDots(context, scene, this.colours);
    this.labels.prepare(this.colours, scale);
    context.setTransform(1, 0, 0, 1, 0, 0);
    // The commands beside the dots where dotScene put them, then the clusters' counts where they cover no box or command.
    const taken: Rect[] = [];
    for (const label of scene.labels) {
      const sprite = this.labels.get(label.text, 'label', this.colours, scale);
      if (!sprite) continue;
      const left = Math.round(label.x * scale - sprite.image.width / 2);
      const top = Math.round(label.y * scale - sprite.ascent);
      context.drawImage(sprite.image, left, top);
      taken.push({ left: left / scale, top: top / scale, right: (left + sprite.image.width) / scale, bottom: (top + sprite.image.height) / scale });
    }
    const counts: { image: HTMLCanvasElement; at: { x: number; y: number } }[] = [];
    for (const dot of scene.dots) {
      if (dot.count === 1) continue;
      const sprite = this.labels.get(`×${dot.count}`, dot.tone, this.colours, scale);
      if (sprite) counts.push({ image: sprite.image, at: dot });
    }
    const marks = counts.map(({ image, at }) => ({ at, width: image.width / scale, height: image.height / scale, below: false }));
    placeMarks(marks, this.boxes, this.layout, taken).forEach((centre, i) => {
      const { image } = counts[i]!;
      context.drawImage(image, Math.round(centre.x * scale - image.width / 2), Math.round(centre.y * scale - image.height / 2));
    });
  }

  /** How many dots and rings are drawn, as attributes: the canvas itself cannot be read in jsdom. */
  private report(scene: DotScene) {
    if (scene.dots.length !== this.shown.dots) this.canvas.setAttribute('data-dots', String(scene.dots.length));
    if (scene.rings.length !== this.shown.rings) this.canvas.setAttribute('data-rings', String(scene.rings.length));
    this.shown = { dots: scene.dots.length, rings: scene.rings.length };
  }

  private getContext(): CanvasRenderingContext2D | null {
    if (this.context || contextUnavailable) return this.context;
    this.context = this.canvas.getContext('2d');
    if (!this.context) contextUnavailable = true;
    return this.context;
  }
}

/**
 * "×12" labels, each rendered once into a small canvas and then copied: shaping text on every
 * frame costs more than all the dots together.
 */
class LabelSprites {
  private readonly sprites = new Map<string, { image: HTMLCanvasElement; ascent: number } | null>();
  private colours: FlowColours | null = null;
  private pixelScale = 0;

  /** Forgets every label when the colours (a new object per theme change) or the pixel scale change. */
  prepare(colours: FlowColours, pixelScale: number) {
    if (colours === this.colours && pixelScale === this.pixelScale) return;
    this.colours = colours;
    this.pixelScale = pixelScale;
    this.sprites.clear();
  }

  /** A count in its tone's colour, or (tone 'label') a command in the text colour on a halo of the surface. */
  get(text: string, tone: Tone | 'label', colours: FlowColours, pixelScale: number) {
    const id = `${tone}|${text}`;
    let sprite = this.sprites.get(id);
    if (sprite === undefined) {
      // Commands carry keys and values, so labels are many: keep the most recent few hundred.
      if (this.sprites.size > 256) this.sprites.clear();
      sprite =
        tone === 'label'
          ? render(text, colours.ring, `600 ${11 * pixelScale}px ${colours.mono}`, colours.surface, 3 * pixelScale)
          : render(text, colours.tones[tone], `700 ${11 * pixelScale}px ${colours.font}`);
      this.sprites.set(id, sprite);
    }
    return sprite;
  }
}

function render(text: string, colour: string, font: string, halo?: string, haloWidth = 0): { image: HTMLCanvasElement; ascent: number } | null {
  const image = document.createElement('canvas');
  const context = image.getContext('2d');
  if (!context) return null;
  context.font = font;
  const metrics = context.measureText(text);
  const pad = 1 + Math.ceil(haloWidth / 2);
  const ascent = Math.ceil(metrics.actualBoundingBoxAscent) + pad;
  image.width = Math.ceil(metrics.width) + 2 * pad;
  image.height = ascent + Math.ceil(metrics.actualBoundingBoxDescent) + 2 * pad;
  // Resizing reset the context.
  context.font = font;
  context.textBaseline = 'alphabetic';
  if (halo) {
    context.lineJoin = 'round';
    context.lineWidth = haloWidth;
    context.strokeStyle = halo;
    context.strokeText(text, pad, ascent);
  }
  context.fillStyle = colour;
  context.fillText(text, pad, ascent);
  return { image, ascent };
}

/** One path per outcome: a handful of fills however many dots there are. */
function paintDots(context: CanvasRenderingContext2D, scene: DotScene, colours: FlowColours) {
  const byTone = new Map<Tone, typeof scene.dots>();
  for (const dot of scene.dots) {
    const list = byTone.get(dot.tone);
    if (list) list.push(dot);
    else byTone.set(dot.tone, [dot]);
  }
  context.lineWidth = 1.5;
  context.strokeStyle = colours.surface;
  for (const [tone, dots] of byTone) {
    context.beginPath();
    for (const dot of dots) {
      const r = dot.count > 1 ? 6.5 : 5;
      context.moveTo(dot.x + r, dot.y);
      context.arc(dot.x, dot.y, r, 0, 2 * Math.PI);
    }
    context.fillStyle = colours.tones[tone];
    context.fill();
    context.stroke();
  }
  if (scene.rings.length > 0) {
    context.lineWidth = 2;
    context.strokeStyle = colours.ring;
    context.beginPath();
    for (const ring of scene.rings) {
      context.moveTo(ring.x + 9, ring.y);
      context.arc(ring.x, ring.y, 9, 0, 2 * Math.PI);
    }
    context.stroke();
  }
}
