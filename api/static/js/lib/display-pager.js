// A table on the hall display that shows all its rows when they fit its panel, and otherwise
// turns pages of rows that do, every few seconds, with a dot per page: nothing is ever cut off
// at the bottom of a TV. On a screen in portrait (a phone), where the page scrolls, every row
// shows.

import { paginate } from "./display-board.js";

const SCROLLING = "(max-aspect-ratio: 4/3)"; // display.css stacks the panels and lets the page scroll

export class Pager {
  /** ``panel`` clips; ``body`` holds the rows; ``dots`` shows which page is up. */
  constructor(panel, body, dots, everyMs) {
    this.panel = panel;
    this.body = body;
    this.dots = dots;
    this.pages = [];
    this.index = 0;
    this.timer = setInterval(() => this.next(), everyMs);
  }

  get rows() {
    return [...this.body.children];
  }

  /** Measure again: after the rows changed, the window was resized, or the fonts arrived. */
  refresh() {
    const rows = this.rows;
    for (const row of rows) row.hidden = false;
    this.dots.hidden = true;
    if (!rows.length || matchMedia(SCROLLING).matches) {
      this.pages = rows.length ? [[0, rows.length]] : [];
    } else {
      const heights = rows.map((row) => row.getBoundingClientRect().height);
      const bottom = this.panel.getBoundingClientRect().bottom - parseFloat(getComputedStyle(this.panel).paddingBottom);
      const space = bottom - this.body.getBoundingClientRect().top;
      this.pages = paginate(heights, space);
      if (this.pages.length > 1) {
        this.dots.hidden = false; // the dots take a line of the panel: measure without it
        this.pages = paginate(heights, space - this.dots.getBoundingClientRect().height);
      }
    }
    this.index = Math.max(0, Math.min(this.index, this.pages.length - 1));
    this.show();
  }

  show() {
    const [start, end] = this.pages[this.index] ?? [0, 0];
    this.rows.forEach((row, i) => (row.hidden = i < start || i >= end));
    this.dots.hidden = this.pages.length < 2;
    this.dots.textContent = this.pages.map((_, i) => (i === this.index ? "●" : "○")).join(" ");
  }

  next() {
    if (this.pages.length < 2) return;
    this.index = (this.index + 1) % this.pages.length;
    this.show();
  }

  /** Turn to the page that holds ``row`` (a call just made). */
  reveal(row) {
    const at = this.rows.indexOf(row);
    const page = this.pages.findIndex(([start, end]) => at >= start && at < end);
    if (page < 0 || page === this.index) return;
    this.index = page;
    this.show();
  }
}
