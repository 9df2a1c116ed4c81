// Which rows of a long comparison to put in the page. Rows go in blocks of
// BLOCK; only the blocks near the visible part of the window are rendered,
// and spacers stand in for the rest at their measured (or, until seen,
// estimated) heights. Pure functions, tested without a browser.
import { rowKey, type Row } from "./rows";

/** Rows per block: big enough that blocks are few, small enough to render at once. */
export const BLOCK = 25;
/** Comparisons with at most this many rows are rendered whole (every article). */
export const WINDOW_OVER = 400;
/** Rendered beyond each edge of the window, in pixels, so that scrolling never shows a gap. */
export const OVERSCAN = 1200;

/** What a row's height depends on, for estimates before it is seen. */
export interface Metrics {
  /** Characters that fit on one line of a text column. */
  charsPerLine: number;
  /** Pixels per line of text. */
  lineHeight: number;
  /** Pixels a row takes besides its lines (padding, border). */
  rowChrome: number;
  /** One column (unified) instead of two. */
  unified: boolean;
}

function chars(pieces: { text: string }[] | null): number {
  let n = 0;
  for (const p of pieces ?? []) n += p.text.length;
  return n;
}

/** A row's height in pixels, guessed from the length of its text. */
export function estimateRow(row: Row, m: Metrics): number {
  if (row.type !== "change") return m.lineHeight + m.rowChrome;
  const columns = m.unified ? [chars(row.unified)] : [chars(row.left), chars(row.right)];
  const lines = Math.max(1, ...columns.map((n) => Math.ceil(n / Math.max(1, m.charsPerLine))));
  return lines * m.lineHeight + m.rowChrome;
}

/**
 * Each block's height: the sum of its rows' heights, measured where a row
 * has been seen (by its key, so that opening a fold keeps what was measured
 * around it) and estimated elsewhere. (Scaling the unseen estimates by the
 * error of the seen ones was tried: it moves everything under the window at
 * each measurement, and what the reader looks at jumps.)
 */
export function blockHeights(
  rows: Row[],
  estimates: number[],
  measured: ReadonlyMap<string, number>,
): number[] {
  const heights: number[] = [];
  for (let start = 0; start < rows.length; start += BLOCK) {
    let h = 0;
    for (let i = start; i < Math.min(rows.length, start + BLOCK); i++) {
      h += measured.get(rowKey(rows[i])) ?? estimates[i];
    }
    heights.push(h);
  }
  return heights;
}

/** `offsets[b]` is the top of block b; the last entry is the total height. */
export function offsets(heights: number[]): number[] {
  const out = [0];
  for (const h of heights) out.push(out[out.length - 1] + h);
  return out;
}

/**
 * The blocks to render for a view from `top` to `bottom` (pixels from the
 * top of the list), with OVERSCAN on each side: `first` to `last` inclusive.
 */
export function visibleBlocks(tops: number[], top: number, bottom: number): { first: number; last: number } {
  const count = tops.length - 1;
  if (count <= 0) return { first: 0, last: -1 };
  const from = top - OVERSCAN;
  const to = bottom + OVERSCAN;
  // The first block whose bottom is below `from`, the last whose top is above `to`.
  let first = search(tops, from) - 1;
  let last = search(tops, to) - 1;
  first = Math.min(Math.max(first, 0), count - 1);
  last = Math.min(Math.max(last, first), count - 1);
  return { first, last };
}

/** The number of entries of sorted `tops` that are <= `y`. */
function search(tops: number[], y: number): number {
  let lo = 0;
  let hi = tops.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tops[mid] <= y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
