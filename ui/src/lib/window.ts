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

/** A row's height in pixels, guessed from the length of its text. */
export function estimateRow(row: Row, m: Metrics): number {
  if (row.type !== "change") return m.lineHeight + m.rowChrome;
  const [old, next, both] = row.chars;
  const columns = m.unified ? [both] : [old, next];
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

/** Passages whose texts are asked for at once at most (TEXTS_AT_MOST in
 * src-tauri/src/shown.rs). */
export const ASK_AT_MOST = 1000;

/**
 * The requests for the texts of passages `missing` (indices, any order):
 * half-open ranges `[from, to)`, one per run of passages less than `gap`
 * apart (the rows of a block are consecutive passages, save for a fold's
 * hidden ones, which a range may take along), none longer than `most`.
 */
export function askRuns(missing: number[], gap: number, most: number): [number, number][] {
  const sorted = [...missing].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  let start = 0;
  for (let k = 1; k <= sorted.length; k++) {
    if (k < sorted.length && sorted[k] - sorted[start] < most && sorted[k] - sorted[k - 1] <= gap) continue;
    if (sorted.length > 0) runs.push([sorted[start], sorted[k - 1] + 1]);
    start = k;
  }
  return runs;
}
