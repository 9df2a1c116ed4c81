// Turns a comparison's passages into the rows of the side-by-side view.
// Pure functions of the engine's output: easy to test, nothing recomputed.
// Each passage comes with the text it displays once (types.ts, `Passage`);
// in a long comparison only the first passages come with their texts, so
// rows hold a passage's place and size, and the pieces of its text are
// made when the row is shown (`rowPieces`).
import type { ChangeKind, DiffSegment, Flag, Passage, PassageTexts } from "./types";

export type Mark = "plain" | "del" | "ins";

/** A stretch of text on one side of a row. */
export interface Piece {
  text: string;
  mark: Mark;
}

export interface ChangeRow {
  type: "change";
  kind: ChangeKind;
  /** Position in `comparison.changes`. */
  index: number;
  /** Whether the row has an old side and a new side (an added passage has
   * no old one, a removed passage no new one). */
  hasOld: boolean;
  hasNew: boolean;
  /** Characters shown on the old side, the new side and in the unified
   * column: the row's size before its text is in the window. */
  chars: [number, number, number];
  /** "¶4", or "¶4–5" for a passage that spans split or merged paragraphs. */
  oldLabel: string | null;
  newLabel: string | null;
  /** For moved passages, e.g. "moved from ¶3". */
  note: string | null;
  flags: Flag[];
  /** Not the story (a credit, a caption): shown dimmed. */
  boilerplate: boolean;
  /** The tooltip of a dimmed row: what marked it, as the engine said. */
  boilerplateTitle: string | null;
}

export interface FoldRow {
  type: "fold";
  /** Positions in `comparison.changes` of the folded unchanged passages. */
  from: number;
  count: number;
}

/** Where a moved passage used to stand: a marker that links to it. */
export interface GhostRow {
  type: "ghost";
  /** Position in `comparison.changes` of the moved passage. */
  target: number;
  oldLabel: string;
  /** "moved to ¶2" */
  text: string;
}

export type Row = ChangeRow | FoldRow | GhostRow;

/** A row's identity across rebuilds (a fold opened, a filter changed). */
export function rowKey(row: Row): string {
  return row.type === "fold" ? `f${row.from}` : row.type === "ghost" ? `g${row.target}` : `c${row.index}`;
}

/** Unchanged paragraphs kept visible on each side of a change. */
export const CONTEXT = 1;

/** A passage's old text; an unchanged one is sent once, as its new text,
 * unless its typography differs. Reworded and moved passages have theirs
 * in their diff. */
export function oldText(change: Passage): string {
  return change.old_text ?? (change.kind === "unchanged" ? (change.new_text ?? "") : "");
}

export function newText(change: Passage): string {
  return change.new_text ?? "";
}

/** Whether the window has the passage's texts (see types.ts, `Passage`). */
export function hasTexts(change: Passage): boolean {
  return change.chars === undefined;
}

/** The passage with texts asked for afterwards. */
export function withTexts(change: Passage, texts: PassageTexts): Passage {
  return { ...change, ...texts, chars: undefined };
}

/** What a row shows of a passage that has its texts. */
export function rowPieces(change: Passage): { left: Piece[] | null; right: Piece[] | null; unified: Piece[] } {
  return { ...sides(change), unified: unifiedPieces(change) };
}

/** Characters on the old side, the new side and in the unified column. */
export function passageChars(change: Passage): [number, number, number] {
  if (change.chars) return change.chars;
  const { left, right, unified } = rowPieces(change);
  return [length(left), length(right), length(unified)];
}

function length(pieces: Piece[] | null): number {
  let n = 0;
  for (const p of pieces ?? []) n += p.text.length;
  return n;
}

/** The pieces of each side of one change. */
export function sides(change: Passage): { left: Piece[] | null; right: Piece[] | null } {
  const diff = change.diff ?? [];
  switch (change.kind) {
    case "unchanged":
      return { left: [plain(oldText(change))], right: [plain(newText(change))] };
    case "removed":
      return { left: [plain(oldText(change))], right: null };
    case "added":
      return { left: null, right: [plain(newText(change))] };
    case "reworded":
    case "moved":
      if (diff.length === 0) {
        return { left: [plain(oldText(change))], right: [plain(newText(change))] };
      }
      return diffSides(diff);
  }
}

/** One column: deletions and insertions inline, in reading order. */
export function unifiedPieces(change: Passage): Piece[] {
  const diff = change.diff ?? [];
  switch (change.kind) {
    case "unchanged":
      return [plain(newText(change))];
    case "removed":
      return [{ text: oldText(change), mark: "del" }];
    case "added":
      return [{ text: newText(change), mark: "ins" }];
    default: {
      if (diff.length === 0) return [plain(newText(change))];
      const pieces: Piece[] = [];
      for (const seg of diff) {
        push(pieces, seg.text, seg.tag === "equal" ? "plain" : seg.tag === "delete" ? "del" : "ins");
      }
      return pieces;
    }
  }
}

/** Deletions on the left, insertions on the right, shared text on both. */
export function diffSides(diff: DiffSegment[]): { left: Piece[]; right: Piece[] } {
  const left: Piece[] = [];
  const right: Piece[] = [];
  for (const seg of diff) {
    if (seg.tag === "equal") {
      push(left, seg.old ?? seg.text, "plain");
      push(right, seg.text, "plain");
    } else if (seg.tag === "delete") {
      push(left, seg.text, "del");
    } else {
      push(right, seg.text, "ins");
    }
  }
  return { left, right };
}

/**
 * The rows to show: one per change, a marker where each moved passage used
 * to stand, and runs of unchanged paragraphs longer than 2 × CONTEXT + 1
 * folded into one row, unless the run's first hidden item is in `expanded`.
 */
export function buildRows(changes: Passage[], expanded: ReadonlySet<number> = new Set()): Row[] {
  // Items in reading order, as numbers so that a long comparison makes no
  // object per passage here: k >= 0 is passage k, -1 - g is ghosts[g].
  const ghosts: GhostRow[] = [];
  const ghostsAfter = new Map<number, number[]>();
  changes.forEach((moved, target) => {
    if (moved.kind !== "moved" || moved.old_index == null) return;
    const from = moved.old_index;
    // After the last passage that stood before it in the old version.
    let after = -1;
    changes.forEach((c, k) => {
      if (c.kind !== "moved" && c.old_index != null && c.old_index < from) after = k;
    });
    ghosts.push({
      type: "ghost",
      target,
      oldLabel: paragraphLabel(from, moved.old_count) ?? "",
      text: `moved to ${paragraphLabel(moved.new_index, moved.new_count)}`,
    });
    const list = ghostsAfter.get(after);
    if (list) list.push(-ghosts.length);
    else ghostsAfter.set(after, [-ghosts.length]);
  });
  const items: number[] = [...(ghostsAfter.get(-1) ?? [])];
  for (let k = 0; k < changes.length; k++) {
    items.push(k);
    const after = ghostsAfter.get(k);
    if (after) items.push(...after);
  }

  const unchanged = (item: number) => item >= 0 && changes[item].kind === "unchanged";
  const row = (item: number): Row => (item >= 0 ? changeRow(changes[item], item) : ghosts[-1 - item]);
  const rows: Row[] = [];
  let k = 0;
  while (k < items.length) {
    if (unchanged(items[k])) {
      let end = k;
      while (end < items.length && unchanged(items[end])) end++;
      const before = k === 0 ? 0 : CONTEXT;
      const after = end === items.length ? 0 : CONTEXT;
      const hidden = end - k - before - after;
      if (hidden > 1 && !expanded.has(k + before)) {
        for (let i = k; i < k + before; i++) rows.push(row(items[i]));
        rows.push({ type: "fold", from: k + before, count: hidden });
        for (let i = end - after; i < end; i++) rows.push(row(items[i]));
      } else {
        for (let i = k; i < end; i++) rows.push(row(items[i]));
      }
      k = end;
      continue;
    }
    rows.push(row(items[k]));
    k++;
  }
  return rows;
}

/** Shared by every row without flags: a long comparison has thousands. */
const NO_FLAGS: Flag[] = [];

function changeRow(change: Passage, index: number): ChangeRow {
  return {
    type: "change",
    kind: change.kind,
    index,
    hasOld: change.kind !== "added",
    hasNew: change.kind !== "removed",
    chars: passageChars(change),
    oldLabel: paragraphLabel(change.old_index, change.old_count),
    newLabel: paragraphLabel(change.new_index, change.new_count),
    note: note(change),
    flags: change.flags ?? NO_FLAGS,
    boilerplate: change.boilerplate ?? false,
    boilerplateTitle: change.boilerplate
      ? `Not the story, so not counted in the figures: ${change.why_boilerplate ?? "its wording reads as a credit, a prompt or a notice"}`
      : null,
  };
}

/** What the reader should know about where a passage stands. */
function note(change: Passage): string | null {
  if (change.kind === "moved" && change.old_index != null) {
    return `moved from ${paragraphLabel(change.old_index, change.old_count)}`;
  }
  if (change.rebroken) {
    const [old, next] = [change.old_count ?? 1, change.new_count ?? 1];
    return old > 1 ? `${old} paragraphs merged` : `split into ${next} paragraphs`;
  }
  return null;
}

export function paragraphLabel(index: number | null | undefined, count: number | undefined): string | null {
  if (index == null) return null;
  const n = count ?? 1;
  return n > 1 ? `¶${index + 1}–${index + n}` : `¶${index + 1}`;
}

function plain(text: string): Piece {
  return { text, mark: "plain" };
}

function push(pieces: Piece[], text: string, mark: Mark) {
  if (text === "") return;
  const last = pieces[pieces.length - 1];
  if (last && last.mark === mark) last.text += text;
  else pieces.push({ text, mark });
}

/** "82%" from 0.82; never "100%" for less than all, nor "0%" for some. */
export function percent(share: number): string {
  let p = Math.round(share * 100);
  if (p >= 100 && share < 1) p = 99;
  if (p <= 0 && share > 0) p = 1;
  return `${p}%`;
}

/**
 * The position in `rows` of the next (direction 1) or previous (-1) change
 * from `from` (a row position, or null for "before the first"); null when
 * there is none. Unchanged rows, folds and boilerplate are skipped.
 */
export function stepChange(rows: Row[], from: number | null, direction: 1 | -1): number | null {
  let i = from === null ? (direction === 1 ? -1 : rows.length) : from;
  for (i += direction; i >= 0 && i < rows.length; i += direction) {
    const row = rows[i];
    if (row.type === "change" && row.kind !== "unchanged" && !row.boilerplate) return i;
  }
  return null;
}

/** A mark on the change map: a change, at `top` percent of the document. */
export interface OverviewMark {
  index: number;
  kind: ChangeKind;
  top: number;
}

/** Marks on the change map at most: about one per 3 px of its height. */
export const OVERVIEW_SLOTS = 250;

/**
 * The change map's marks: one per change that counts (not unchanged, not
 * boilerplate), at its place in reading order. Changes that would share a
 * slot of the map share one mark, which leads to the first of them: the
 * map of a long document stays a few hundred elements.
 */
export function overviewMarks(changes: Passage[], slots = OVERVIEW_SLOTS): OverviewMark[] {
  const marks: OverviewMark[] = [];
  let lastSlot = -1;
  const span = Math.max(1, changes.length - 1);
  changes.forEach((c, index) => {
    if (c.kind === "unchanged" || c.boilerplate) return;
    const slot = Math.round((index / span) * (slots - 1));
    if (slot === lastSlot) return;
    lastSlot = slot;
    marks.push({ index, kind: c.kind, top: changes.length > 1 ? (index / span) * 100 : 0 });
  });
  return marks;
}

/** Characters of one side of a passage shown before "Show the rest": laying
 * out megabytes of text in one cell stalls the window for seconds. */
export const CLIP_OVER = 20_000;

/**
 * The pieces up to `limit` characters (cut at a space where one is near),
 * how many characters were left out, and how many edits (deleted or
 * inserted stretches) start in what was left out, so that a clipped
 * passage never hides a change without saying so.
 */
export function clipPieces(
  pieces: Piece[],
  limit = CLIP_OVER,
): { pieces: Piece[]; hidden: number; hiddenEdits: number } {
  let total = 0;
  for (const p of pieces) total += p.text.length;
  if (total <= limit) return { pieces, hidden: 0, hiddenEdits: 0 };
  const out: Piece[] = [];
  let room = limit;
  let k = 0;
  for (; k < pieces.length; k++) {
    const p = pieces[k];
    if (p.text.length <= room) {
      out.push(p);
      room -= p.text.length;
      continue;
    }
    let cut = room;
    const space = p.text.lastIndexOf(" ", room);
    if (space > room - 200 && space > 0) cut = space;
    // Never between the two halves of a surrogate pair.
    const code = p.text.charCodeAt(cut - 1);
    if (cut > 0 && code >= 0xd800 && code <= 0xdbff) cut--;
    if (cut > 0) out.push({ text: p.text.slice(0, cut), mark: p.mark });
    room -= cut;
    // A piece cut in two still shows where its edit starts.
    if (cut > 0) k++;
    break;
  }
  const shown = limit - room;
  const hiddenEdits = pieces.slice(k).filter((p) => p.mark !== "plain").length;
  return { pieces: out, hidden: total - shown, hiddenEdits };
}
