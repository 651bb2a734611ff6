// Vega for laying charts out in Node: its text measured with the advance widths of the DejaVu TTFs that
// resvg draws with (fonts.ts), never with node-canvas even if it is installed, so the layout is
// accurate and the same on every machine. render.ts lays charts out with it, and so must anything that
// checks their layout (the chart lint). A user-defined `width` is how Vega expects this to be done
// (vl-convert does the same); `textMetrics` is missing from Vega's typings.

import * as vega from 'vega';
import { vegaTextWidth } from './fonts.js';

const metrics = (vega as unknown as { textMetrics: { canvas(use: boolean): void; width: unknown } })
  .textMetrics;
metrics.canvas(false);
metrics.width = vegaTextWidth;

export { vega };
