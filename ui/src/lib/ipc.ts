// Typed wrappers around the app's commands: the only place the UI talks to Rust.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { open, save } from "@tauri-apps/plugin-dialog";
import type {
  About,
  AppError,
  CheckOutcome,
  FileEntry,
  HistoryProgress,
  Ledger,
  LedgerInput,
  LedgerOpened,
  Opened,
  Options,
  PassageTexts,
  Recent,
  SentencesOpened,
  StoryOpened,
  StorySummary,
  WatchBoard,
  WatchChange,
} from "./types";

export type ViewOptions = Pick<Options, "strict" | "ignore_case" | "ignore_punctuation">;

/** The files given on the command line, or the built-in sample. */
export function initialComparison(options: ViewOptions): Promise<Opened> {
  return invoke<Opened>("initial_comparison", { options: withDefaults(options) });
}

/** The built-in sample: an original story and a reprint of it. */
export function sampleComparison(options: ViewOptions): Promise<Opened> {
  return invoke<Opened>("sample_comparison", { options: withDefaults(options) });
}

/** Compares two sources, each a file path or a web address (fetched side by side). */
export function compareSources(oldSource: string, newSource: string, options: ViewOptions): Promise<Opened> {
  return invoke<Opened>("compare_sources", { old: oldSource, new: newSource, options: withDefaults(options) });
}

/**
 * Compares a Word or OpenDocument draft's text before its tracked changes
 * with its text after them; rejects with kind "no_revisions" when it has none.
 */
export function compareTrackedChanges(path: string, options: ViewOptions): Promise<Opened> {
  return invoke<Opened>("compare_tracked_changes", { path, options: withDefaults(options) });
}

/** The texts of passages `from` to `to` (exclusive) of comparison `id`, for
 * rows about to be shown; the window is sent only the first ones. */
export function passageTexts(id: number, from: number, to: number): Promise<PassageTexts[]> {
  return invoke<PassageTexts[]>("passage_texts", { id, from, to });
}

/** Compares two texts pasted into the window. */
export function compareTexts(oldText: string, newText: string, options: ViewOptions): Promise<Opened> {
  return invoke<Opened>("compare_texts", { old: oldText, new: newText, options: withDefaults(options) });
}

/** The comparisons opened lately, newest first. */
export function recentComparisons(): Promise<Recent[]> {
  return invoke<Recent[]>("recent_comparisons");
}

/** Opens a remembered comparison: files afresh, pages from their snapshots. */
export function openRecent(index: number, options: ViewOptions): Promise<Opened> {
  return invoke<Opened>("open_recent", { index, options: withDefaults(options) });
}

/** Stops the load in progress; its promise then rejects with kind "cancelled". */
export function cancelLoad(): Promise<void> {
  return invoke<void>("cancel_load");
}

export interface Progress {
  side: "old" | "new";
  state: "loading" | "loaded" | "failed";
}

/** Calls `handler` as each side of a load starts and ends. */
export function onProgress(handler: (p: Progress) => void): Promise<UnlistenFn> {
  return listen<Progress>("load-progress", (event) => handler(event.payload));
}

/**
 * Asks where to save the comparison on screen (`id`, as it was opened) and
 * saves it there as an HTML report or as JSON, rendered by the app from the
 * comparison it keeps; false if the user cancels.
 */
export async function exportReport(id: number, format: "html" | "json"): Promise<boolean> {
  const path = await save({
    title: format === "html" ? "Save the report" : "Save the comparison as JSON",
    defaultPath: format === "html" ? "storydiff-report.html" : "storydiff-comparison.json",
    filters: [format === "html" ? { name: "Web page", extensions: ["html"] } : { name: "JSON", extensions: ["json"] }],
  });
  if (path === null) return false;
  await invoke<void>("save_report", { id, path, format });
  return true;
}

/** Puts a Markdown summary of comparison `id` (rendered by the engine) on the clipboard. */
export function copySummary(id: number): Promise<void> {
  return invoke<void>("copy_summary", { id });
}

/** Asks the user for one file with the native dialog; null if they cancel. */
export async function chooseFile(title: string): Promise<string | null> {
  const picked = await open({
    title,
    multiple: false,
    directory: false,
    filters: [
      {
        name: "Articles and documents",
        extensions: ["txt", "md", "markdown", "text", "html", "htm", "mhtml", "mht", "pdf", "docx", "odt"],
      },
      { name: "All files", extensions: ["*"] },
    ],
  });
  return typeof picked === "string" ? picked : null;
}

/** The About panel's facts, with the licences of what the app ships. */
export function about(): Promise<About> {
  return invoke<About>("about");
}

/** Whatever a command threw, as an AppError the UI can show in place. */
export function toAppError(thrown: unknown): AppError {
  if (thrown && typeof thrown === "object" && "message" in thrown && "kind" in thrown) {
    const e = thrown as Partial<AppError>;
    return { kind: String(e.kind), message: String(e.message), side: e.side ?? null };
  }
  return { kind: "internal", message: String(thrown), side: null };
}

function withDefaults(options: ViewOptions): Options {
  return { ...options, deadline_ms: 5000 };
}

/** Loads an original and its copies (a few at a time) and builds their ledger. */
export function buildLedger(original: LedgerInput, copies: LedgerInput[], options: ViewOptions): Promise<LedgerOpened> {
  return invoke<LedgerOpened>("build_ledger", { original, copies, options: withDefaults(options) });
}

/** Stops the ledger's loads; its promise then rejects with kind "cancelled". */
export function cancelLedger(): Promise<void> {
  return invoke<void>("cancel_ledger");
}

/** The comparison of the original with copy `copy` (0-based) of the ledger on screen. */
export function ledgerPair(copy: number): Promise<Opened> {
  return invoke<Opened>("ledger_pair", { copy });
}

export interface LedgerProgress {
  /** 0 is the original, 1… the copies. */
  index: number;
  state: "loading" | "loaded" | "failed";
  message: string | null;
}

/** Calls `handler` as each source of a ledger starts and ends loading. */
export function onLedgerProgress(handler: (p: LedgerProgress) => void): Promise<UnlistenFn> {
  return listen<LedgerProgress>("ledger-progress", (event) => handler(event.payload));
}

/** Asks where to save the ledger and saves it as CSV, JSON or HTML; false if cancelled. */
export async function exportLedger(ledger: Ledger, format: "csv" | "json" | "html"): Promise<boolean> {
  const names = { csv: "Spreadsheet (CSV)", json: "JSON", html: "Web page" };
  const path = await save({
    title: "Save the ledger",
    defaultPath: `storydiff-ledger.${format}`,
    filters: [{ name: names[format], extensions: [format] }],
  });
  if (path === null) return false;
  await invoke<void>("save_ledger", { ledger, path, format });
  return true;
}

/** Asks the user for any number of files; [] if they cancel. */
export async function chooseFiles(title: string): Promise<string[]> {
  const picked = await open({
    title,
    multiple: true,
    directory: false,
    filters: [
      { name: "Articles", extensions: ["txt", "md", "markdown", "text", "html", "htm"] },
      { name: "All files", extensions: ["*"] },
    ],
  });
  return Array.isArray(picked) ? picked : typeof picked === "string" ? [picked] : [];
}

// History mode: one story's versions over time (src-tauri/src/history.rs).

/** Lists, fetches and stores a page's versions (archives, pages fetched before); rejects "cancelled" on Cancel. */
export function importStory(address: string, limit?: number): Promise<StoryOpened> {
  return invoke<StoryOpened>("import_story", { address, limit: limit ?? null });
}

/** Stops the import in progress; what it stored stays. */
export function cancelImport(): Promise<void> {
  return invoke<void>("cancel_import");
}

/** Calls `handler` as an import lists archives and reads captures. */
export function onHistoryProgress(handler: (p: HistoryProgress) => void): Promise<UnlistenFn> {
  return listen<HistoryProgress>("history-progress", (event) => handler(event.payload));
}

/** The stories stored on this computer, newest first. */
export function storedStories(): Promise<StorySummary[]> {
  return invoke<StorySummary[]>("stored_stories");
}

/** A stored story's versions, offline. */
export function openStory(storyId: number): Promise<StoryOpened> {
  return invoke<StoryOpened>("open_story", { storyId });
}

/** Two stored versions compared (the same comparison as any pair). */
export function storyPair(from: number, to: number, options: ViewOptions): Promise<Opened> {
  return invoke<Opened>("story_pair", { from, to, options: withDefaults(options) });
}

/** Fetches the page now; a version is added only if the article changed. */
export function checkNewVersion(storyId: number): Promise<CheckOutcome> {
  return invoke<CheckOutcome>("check_new_version", { storyId });
}

/**
 * Asks where to save the story's evidence and writes it there as a WACZ (its
 * captures, with their headers and bodies, and the comparisons between its
 * versions); the message to show, or null if cancelled.
 */
export async function exportEvidence(storyId: number, name: string): Promise<string | null> {
  const path = await save({
    title: "Export the story's evidence",
    defaultPath: `${name}.wacz`,
    filters: [{ name: "Web archive collection (WACZ)", extensions: ["wacz"] }],
  });
  if (path === null) return null;
  const saved = await invoke<{ path: string; message: string }>("export_evidence", { storyId, path });
  return saved.message;
}

/** A version's sentences, each with the version it dates from and its earlier forms. */
export function sentenceHistory(storyId: number, version: number): Promise<SentencesOpened> {
  return invoke<SentencesOpened>("sentence_history", { storyId, version });
}

/** Dropped files with their dates, ordered by date, by name, or as given. */
export function orderStoryFiles(paths: string[], order: "date" | "name" | "given"): Promise<FileEntry[]> {
  return invoke<FileEntry[]>("order_story_files", { paths, order });
}

/** Makes a story of three or more files, in the order given. */
export function storyFromFiles(files: string[]): Promise<StoryOpened> {
  return invoke<StoryOpened>("story_from_files", { files });
}

// Watch mode: stories and feeds checked on their own (src-tauri/src/watch.rs).

/** The watches and the changes found, newest first. */
export function watchBoard(): Promise<WatchBoard> {
  return invoke<WatchBoard>("watch_board");
}

/** Watches an article, a feed or a sitemap (told from what it serves); `every` as "15m", "1h", or null for the schedule by age. */
export function watchAdd(address: string, every: string | null): Promise<WatchBoard> {
  return invoke<WatchBoard>("watch_add", { address, every });
}

/** Stops watching an address (a feed with its articles); what was kept stays. */
export function watchRemove(url: string): Promise<WatchBoard> {
  return invoke<WatchBoard>("watch_remove", { url });
}

/** Pauses a watch, or resumes it. */
export function watchPause(url: string, paused: boolean): Promise<WatchBoard> {
  return invoke<WatchBoard>("watch_pause", { url, paused });
}

/** Marks changes as seen. */
export function watchSeen(ids: number[]): Promise<WatchBoard> {
  return invoke<WatchBoard>("watch_seen", { ids });
}

/** Checks every watch now, whatever the schedule. */
export function watchCheckAll(): Promise<WatchBoard> {
  return invoke<WatchBoard>("watch_check_all");
}

/** Calls `handler` as each change is found in the background. */
export function onWatchChange(handler: (c: WatchChange) => void): Promise<UnlistenFn> {
  return listen<WatchChange>("watch-change", (event) => handler(event.payload));
}

/** Calls `handler` after each background pass. */
export function onWatchPass(handler: () => void): Promise<UnlistenFn> {
  return listen<null>("watch-pass", () => handler());
}
