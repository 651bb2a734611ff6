// Play and step: the month the charts show, moved by the player's buttons, its scrubber or a timer.
// `undefined` is the whole run. The page redraws on every move (`moved`); a tick of the timer waits
// while the charts are still being drawn (`busy`), so playing never queues redraws.

import { formatMonth, parseMonth } from '../src/model/time.js';
import { $ } from './dom.js';

export class Player {
  private start = '';
  private end = '';
  private at: string | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly moved: () => void,
    private readonly busy: () => boolean,
  ) {
    $('to-start').addEventListener('click', () => this.go(this.start));
    $('step-back').addEventListener('click', () => this.step(-1));
    $('step').addEventListener('click', () => this.step(1));
    $('to-end').addEventListener('click', () => {
      this.pause();
      this.go(undefined);
    });
    $('play').addEventListener('click', () => (this.timer ? this.pause() : this.play()));
    $('speed').addEventListener('change', () => {
      if (this.timer) this.play();
    });
    const scrub = $<HTMLInputElement>('month');
    scrub.addEventListener('input', () => {
      const m = parseMonth(this.start) + Number(scrub.value);
      this.go(m >= parseMonth(this.end) ? undefined : formatMonth(m));
    });
  }

  /** The month shown (undefined: the whole run). */
  month(): string | undefined {
    return this.at;
  }

  /** The run's period: a month outside it shows the whole run. */
  period(start: string, end: string): void {
    this.start = start;
    this.end = end;
    if (this.at !== undefined && (this.at < start || this.at >= end)) this.at = undefined;
    this.show();
  }

  play(): void {
    this.pause();
    if (this.at === undefined) this.go(this.start);
    const perSecond = Number($<HTMLSelectElement>('speed').value);
    this.timer = setInterval(() => {
      if (this.busy()) return;
      if (this.at === undefined) this.pause();
      else this.step(1);
    }, 1000 / perSecond);
    this.show();
  }

  pause(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.show();
  }

  private step(by: number): void {
    const from = this.at === undefined ? parseMonth(this.end) : parseMonth(this.at);
    const m = Math.max(parseMonth(this.start), from + by);
    // stepping past the last month shows the whole run, and ends a play
    this.go(m >= parseMonth(this.end) ? undefined : formatMonth(m));
    if (this.at === undefined) this.pause();
  }

  private go(month: string | undefined): void {
    if (month === this.at) return;
    this.at = month;
    this.show();
    this.moved();
  }

  /** The controls as the state is: the month's label, the scrubber, the play button. */
  private show(): void {
    const months = this.start ? parseMonth(this.end) - parseMonth(this.start) : 0;
    const scrub = $<HTMLInputElement>('month');
    scrub.max = String(months);
    scrub.value = String(this.at === undefined ? months : parseMonth(this.at) - parseMonth(this.start));
    $('month-label').textContent = this.at === undefined ? `whole run, to ${this.end}` : `to ${this.at}`;
    const play = $('play');
    play.textContent = this.timer ? 'Pause' : 'Play';
    play.setAttribute('aria-pressed', String(Boolean(this.timer)));
    $('results').dataset.month = this.at ?? '';
  }
}
