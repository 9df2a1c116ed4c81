// The comparison as the engine serialises it (docs/json.md: the JSON contract).
// Mirrors crates/engine/src/comparison.rs; the UI renders it and never
// recomputes a diff.

export type ChangeKind = "unchanged" | "added" | "removed" | "reworded" | "moved";
export type Tag = "equal" | "delete" | "insert";
/** What kind of fact a reworded or moved passage's edits touch. */
export type Flag = "number" | "name" | "quote";

export interface DiffSegment {
  tag: Tag;
  /** For equal stretches, as the text reads in the new version. */
  text: string;
  /** For equal stretches that differ only in typography: the old form. */
  old?: string;
}

export interface Change {
  kind: ChangeKind;
  old_text: string;
  new_text: string;
  similarity: number;
  diff: DiffSegment[];
  old_index: number | null;
  new_index: number | null;
  /** Paragraphs the passage spans on each side (more than 1 when split or merged). */
  old_count: number;
  new_count: number;
  /** The paragraph breaks differ between the versions. */
  rebroken: boolean;
  /** A credit line, caption or prompt: shown dimmed, not counted. */
  boilerplate: boolean;
  /** What marked it (a rule, the line judge's score, the site's template). */
  why_boilerplate?: string;
  flags: Flag[];
  typographic: boolean;
}

export interface MetadataChange {
  field: "title" | "standfirst" | "byline" | "published";
  old: string | null;
  new: string | null;
  changed: boolean;
  diff: DiffSegment[];
}

export interface Document {
  source: string | null;
  title: string | null;
  byline: string | null;
  published: string | null;
  site: string | null;
  standfirst: string | null;
  paragraphs: string[];
  /** Paragraphs that are not the story (credits, captions, prompts). */
  boilerplate: number[];
  /** Why a marked paragraph was marked, by its index (absent: the wording rules). */
  why_marked?: Record<string, string>;
  /** A draft opened alone: its tracked changes (on the new side only). */
  revisions?: Revision[];
}

/** One tracked change of a Word or OpenDocument draft. */
export interface Revision {
  kind: "inserted" | "deleted" | "moved_from" | "moved_to";
  author: string | null;
  date: string | null;
  text: string;
  /** Paragraph of the old version (before the revisions), for deletions. */
  old_paragraph: number | null;
  /** Paragraph of the new version (after them), for insertions. */
  new_paragraph: number | null;
}

export interface Stats {
  similarity: number;
  words_added: number;
  words_removed: number;
  words_unchanged: number;
  old_words: number;
  new_words: number;
  kept_verbatim: number;
  kept_edited: number;
  paragraphs_unchanged: number;
  paragraphs_added: number;
  paragraphs_removed: number;
  paragraphs_reworded: number;
  paragraphs_moved: number;
  typographic_changes: number;
  rebroken_passages: number;
  boilerplate_passages: number;
  numbers_changed: number;
  names_changed: number;
  quotes_altered: number;
  summary: string;
}

export interface Options {
  strict: boolean;
  ignore_case: boolean;
  ignore_punctuation: boolean;
  deadline_ms: number;
}

export interface Comparison {
  old: Document;
  new: Document;
  metadata: MetadataChange[];
  stats: Stats;
  changes: Change[];
  fallback: { reason: string } | null;
  options: Options;
}

/** A document as the window is sent it: all but its paragraphs. */
export interface DocumentHead {
  source: string | null;
  title: string | null;
  byline: string | null;
  published: string | null;
  site: string | null;
  standfirst: string | null;
  /** How many paragraphs it has. */
  paragraphs: number;
  /** A draft opened alone: its tracked changes (on the new side only). */
  revisions?: Revision[];
}

/**
 * The text a passage displays, once. Unchanged: `new_text` (and `old_text`
 * only where the typography differs); added: `new_text`; removed:
 * `old_text`; reworded and moved: their `diff`, which holds both sides (or
 * both texts if it is empty). Fields at their default are left out.
 */
export interface PassageTexts {
  old_text?: string;
  new_text?: string;
  diff?: DiffSegment[];
}

/**
 * A passage as the window is sent it (src-tauri/src/shown.rs): its outline,
 * and its texts for the first passages of the comparison. The others come
 * with `chars` instead (how long the text is on the old side, the new side
 * and in the unified column) and their texts are asked for with
 * `passageTexts` when their rows are about to be shown.
 */
export interface Passage extends PassageTexts {
  kind: ChangeKind;
  chars?: [number, number, number];
  old_index?: number | null;
  new_index?: number | null;
  /** Paragraphs the passage spans on each side; left out when 1. */
  old_count?: number;
  new_count?: number;
  rebroken?: boolean;
  boilerplate?: boolean;
  why_boilerplate?: string;
  flags?: Flag[];
  typographic?: boolean;
}

/**
 * The comparison as the window renders it: the engine's figures and
 * passages without the documents' paragraphs. The whole `Comparison` stays
 * in the app, under the id it was sent with.
 */
export interface ComparisonView {
  old: DocumentHead;
  new: DocumentHead;
  metadata: MetadataChange[];
  stats: Stats;
  changes: Passage[];
  fallback: { reason: string } | null;
  options: Options;
}

/** What a command returns: the comparison's id in the app, its view and what the reader should know. */
export interface Opened {
  /** Names the comparison for save_report and copy_summary. */
  id: number;
  comparison: ComparisonView;
  warnings: string[];
}

/** Errors from commands: which side, what went wrong, what to do. */
export interface AppError {
  kind: string;
  message: string;
  side: "old" | "new" | null;
}

/** One side of a remembered comparison: a file, or a fetched page's snapshot. */
export type RecentSide = { kind: "file"; path: string } | { kind: "page"; url: string; sha256: string; record?: string };

export interface Recent {
  old: RecentSide;
  new: RecentSide;
  title: string | null;
  summary: string;
  opened_at: string;
}

// The reprint ledger (crates/engine/src/ledger.rs): one original, many copies.
export type CellState = "verbatim" | "edited" | "missing";

export interface LedgerCell {
  state: CellState;
  /** The passage is at another place in the copy. */
  moved: boolean;
  /** The copy's paragraph that holds it; null when missing. */
  copy_index: number | null;
  /** Index of the passage in the pair's comparison, to open it there. */
  change_index: number;
  flags: Flag[];
}

export interface LedgerRow {
  source: string;
  title: string | null;
  site: string | null;
  published: string | null;
  stats: Stats;
  /** Shares of the original cut, and of the copy added. */
  cut: number;
  added: number;
  /** The copy's credit line, quoted; null when it credits no one. */
  credit: string | null;
  /** The source of the copy whose edits this one carries. */
  follows: string | null;
  follows_index: number | null;
  follows_shared: { shared: number; of: number } | null;
  edits: number;
  cells: LedgerCell[];
}

export interface Ledger {
  original: Document;
  copies: LedgerRow[];
}

export interface LedgerOpened {
  ledger: Ledger;
  warnings: string[];
}

/** One source of a ledger: a path or address, or pasted text. */
export type LedgerInput = { kind: "source"; value: string } | { kind: "text"; value: string; name: string };

/** What the About panel shows (the app's `about` command). */
export interface About {
  name: string;
  version: string;
  /** SPDX expression of storydiff's own licence. */
  license: string;
  homepage: string | null;
  third_party: { state: "found"; path: string; text: string } | { state: "missing"; message: string };
}

// History mode (src-tauri/src/history.rs): one story's versions over time.
export type Origin = "wayback" | "memento" | "fetched" | "file" | "warc";

/** One stored version of a story, as the timeline shows it. */
export interface VersionView {
  id: number;
  /** `version:<id>`, which `storydiff compare` accepts. */
  token: string;
  captured_at: string;
  origin: Origin;
  /** The archive's host, for wayback and memento. */
  archive: string | null;
  /** The article differs from the previous good version's. */
  article_changed: boolean;
  /** Word similarity with the previous good version, 0 to 1 (null for the first). */
  similarity: number | null;
  title: string | null;
  words: number;
  note: string | null;
  /** A bad capture: paywall, consent, CAPTCHA or error page, redirect. */
  bad: boolean;
  url: string;
}

export interface StoryOpened {
  story_id: number;
  url: string;
  /** Oldest first, bad captures included (marked). */
  versions: VersionView[];
  warnings: string[];
  listed: number;
  fetched: number;
}

export interface StorySummary {
  story_id: number;
  url: string;
  versions: number;
}

export interface HistoryProgress {
  stage: "listing" | "fetching" | "live";
  archive: string | null;
  done: number;
  total: number;
  captured_at: string | null;
}

export interface CheckOutcome {
  state: "added" | "unchanged" | "bad";
  message: string;
  added: number | null;
  story: StoryOpened;
}

export interface EarlierForm {
  text: string;
  since: number;
  since_captured_at: string;
  until: number;
  until_captured_at: string;
  /** From this wording to the next (computed by the engine). */
  diff: DiffSegment[];
}

export interface SentenceView {
  paragraph: number;
  text: string;
  /** The version in which the sentence first read as it does now. */
  since: number;
  since_captured_at: string;
  earlier: EarlierForm[];
}

export interface SentencesOpened {
  version: number;
  captured_at: string;
  versions_read: number;
  sentences: SentenceView[];
}

/** A file proposed for a story made of files. */
export interface FileEntry {
  path: string;
  name: string;
  date: string | null;
}

// Watch mode (src-tauri/src/watch.rs).

export interface WatchView {
  id: number;
  url: string;
  kind: "article" | "feed" | "sitemap";
  /** The feed or sitemap that listed it. */
  feed: string | null;
  title: string | null;
  state: "active" | "paused" | "failing" | "ended";
  last_checked: string | null;
  next_check: string | null;
  versions: number;
  last_change: string | null;
  /** Changes found and not yet seen. */
  unseen: number;
  note: string | null;
  story_id: number | null;
}

export interface ChangeView {
  id: number;
  url: string;
  title: string | null;
  found_at: string;
  summary: string;
  kind: "changed" | "reverted";
  story_id: number;
  old_capture: number;
  new_capture: number;
  seen: boolean;
}

export interface WatchBoard {
  watches: WatchView[];
  /** Newest first. */
  changes: ChangeView[];
  unseen: number;
}

export interface WatchChange {
  id: number;
  url: string;
  title: string | null;
  summary: string;
}
