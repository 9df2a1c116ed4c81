// View logic of History mode: which versions the timeline shows, how each
// mark is shaded and labelled, stepping through pairs, and sentence marks.
// Pure, so it is tested without a window; every figure (which versions
// changed the article, similarities, word diffs) comes from the engine.
import type { DiffSegment, Origin, SentenceView, VersionView } from "./types";
import type { Piece } from "./rows";

/** What the timeline leaves out unless asked. */
export interface Shown {
  /** Versions whose page changed but whose article did not. */
  unchanged: boolean;
  /** Bad captures: paywall, consent, CAPTCHA or error pages, redirects. */
  bad: boolean;
}

export interface Timeline {
  /** The versions on the strip, oldest first. */
  visible: VersionView[];
  /** How many "no change in the article" versions are hidden. */
  hiddenUnchanged: number;
  /** How many bad captures are hidden. */
  hiddenBad: number;
  /** How many "no change in the article" versions there are in all. */
  unchanged: number;
  bad: number;
}

/** Whether a version only repeats the previous article (never the first). */
export function isUnchanged(v: VersionView): boolean {
  return !v.bad && !v.article_changed;
}

/** The strip: bad captures and "no change in the article" versions hidden unless asked. */
export function timeline(versions: VersionView[], shown: Shown): Timeline {
  const unchanged = versions.filter(isUnchanged).length;
  const bad = versions.filter((v) => v.bad).length;
  const visible = versions.filter((v) => (v.bad ? shown.bad : isUnchanged(v) ? shown.unchanged : true));
  return {
    visible,
    hiddenUnchanged: shown.unchanged ? 0 : unchanged,
    hiddenBad: shown.bad ? 0 : bad,
    unchanged,
    bad,
  };
}

/**
 * How much changed since the previous version, for the mark's shade: 0 no
 * change in the article (or a bad capture), 1 to 4 from a light edit to a
 * rewrite; the first version is "first".
 */
export function shade(v: VersionView): 0 | 1 | 2 | 3 | 4 | "first" {
  if (v.bad || !v.article_changed) return 0;
  if (v.similarity === null) return "first";
  const changed = 1 - v.similarity;
  if (changed < 0.05) return 1;
  if (changed < 0.15) return 2;
  if (changed < 0.35) return 3;
  return 4;
}

/** How much changed, in words for a tooltip. */
export function changeWords(v: VersionView): string {
  if (v.bad) return v.note ?? "bad capture";
  if (!v.article_changed) return "no change in the article";
  if (v.similarity === null) return "the first version";
  return `${Math.round((1 - v.similarity) * 100)}% changed since the previous version`;
}

const ARCHIVE_NAMES: [string, string][] = [
  ["archive.ph", "archive.today"],
  ["archive.today", "archive.today"],
  ["archive.is", "archive.today"],
  ["archive.li", "archive.today"],
  ["archive.vn", "archive.today"],
  ["archive.md", "archive.today"],
  ["arquivo.pt", "arquivo.pt"],
];

/** Where a version comes from, as a reader says it. */
export function originLabel(origin: Origin, archive: string | null): string {
  switch (origin) {
    case "fetched":
      return "fetched by you";
    case "wayback":
      return "Wayback";
    case "file":
      return "file";
    case "warc":
      return "WARC file";
    case "memento": {
      const host = (archive ?? "").toLowerCase();
      const known = ARCHIVE_NAMES.find(([h]) => host === h || host.endsWith(`.${h}`));
      return known ? known[1] : archive ? `Memento (${archive})` : "Memento";
    }
  }
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `2023-09-13T09:00:00Z` as "13 Sep 2023 09:00" (UTC, as stored); anything else as given. */
export function when(rfc3339: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(rfc3339);
  if (!m) return rfc3339;
  const month = MONTHS[Number(m[2]) - 1];
  if (!month) return rfc3339;
  return `${Number(m[3])} ${month} ${m[1]} ${m[4]}:${m[5]}`;
}

/** A version as the From / To pickers list it. */
export function versionLabel(v: VersionView): string {
  return `${when(v.captured_at)} · ${originLabel(v.origin, v.archive)}`;
}

/** A chosen pair: ids of the older and newer version. */
export interface Pair {
  from: number;
  to: number;
}

/** Version `id` against the visible version before it; null for the first. */
export function withPrevious(visible: VersionView[], id: number): Pair | null {
  const at = visible.findIndex((v) => v.id === id);
  if (at <= 0) return null;
  return { from: visible[at - 1].id, to: visible[at].id };
}

/**
 * The consecutive pair one step before (`[`, -1) or after (`]`, +1) the
 * one shown, among the visible versions. From no pair (or one that is not
 * consecutive), `]` starts at the first pair and `[` at the last. Null when
 * there is no such pair.
 */
export function stepPair(visible: VersionView[], current: Pair | null, direction: 1 | -1): Pair | null {
  if (visible.length < 2) return null;
  const to = current ? visible.findIndex((v) => v.id === current.to) : -1;
  let next: number;
  if (to < 0) next = direction === 1 ? 1 : visible.length - 1;
  else next = to + direction;
  if (next < 1 || next >= visible.length) return null;
  return { from: visible[next - 1].id, to: visible[next].id };
}

/** The first pair to show for a story: the latest change, or the two newest. */
export function firstPair(visible: VersionView[]): Pair | null {
  if (visible.length < 2) return null;
  return { from: visible[visible.length - 2].id, to: visible[visible.length - 1].id };
}

/** The sentences of a version grouped into its paragraphs, in order. */
export function paragraphs(sentences: SentenceView[]): SentenceView[][] {
  const out: SentenceView[][] = [];
  let last = -1;
  for (const s of sentences) {
    if (s.paragraph !== last || out.length === 0) {
      out.push([]);
      last = s.paragraph;
    }
    out[out.length - 1].push(s);
  }
  return out;
}

/**
 * The age of a sentence's wording among the versions read, 0 for the first
 * version's wording up to 1 for the chosen version's own, for its mark.
 */
export function sentenceAge(s: SentenceView, order: number[]): number {
  const at = order.indexOf(s.since);
  if (at <= 0 || order.length < 2) return 0;
  return at / (order.length - 1);
}

/** A word diff in one line: what was cut struck, what came in underlined. */
export function diffPieces(diff: DiffSegment[]): Piece[] {
  return diff.map((d) => ({
    text: d.text,
    mark: d.tag === "delete" ? "del" : d.tag === "insert" ? "ins" : "plain",
  }));
}
