// View logic of Ledger mode: sorting and filtering rows, naming cells, and
// where dropped files go. The figures themselves come from the engine.
import type { CellState, LedgerCell, LedgerRow } from "./types";

/** Columns the rows can be sorted by. */
export type SortKey =
  | "order"
  | "source"
  | "site"
  | "published"
  | "verbatim"
  | "edited"
  | "cut"
  | "added"
  | "quotes"
  | "figures"
  | "names"
  | "credit"
  | "follows";

export interface Sort {
  key: SortKey;
  descending: boolean;
}

function value(row: LedgerRow, index: number, key: SortKey): string | number {
  const s = row.stats;
  switch (key) {
    case "order":
      return index;
    case "source":
      return row.source.toLowerCase();
    case "site":
      return (row.site ?? "").toLowerCase();
    case "published":
      return row.published ?? "";
    case "verbatim":
      return s.kept_verbatim;
    case "edited":
      return s.kept_edited;
    case "cut":
      return row.cut;
    case "added":
      return row.added;
    case "quotes":
      return s.quotes_altered;
    case "figures":
      return s.numbers_changed;
    case "names":
      return s.names_changed;
    case "credit":
      return (row.credit ?? "").toLowerCase();
    case "follows":
      return (row.follows ?? "").toLowerCase();
  }
}

/** What the filter keeps. */
export interface Filter {
  /** Words that the copy's source, site, headline or credit must contain. */
  text: string;
  /** Only copies that altered a quote or changed a figure or name. */
  factsChanged: boolean;
  /** Only copies that credit no one. */
  noCredit: boolean;
}

export const noFilter: Filter = { text: "", factsChanged: false, noCredit: false };

export function keeps(row: LedgerRow, filter: Filter): boolean {
  const s = row.stats;
  if (filter.factsChanged && s.quotes_altered + s.numbers_changed + s.names_changed === 0) return false;
  if (filter.noCredit && row.credit !== null) return false;
  const haystack = [row.source, row.site, row.title, row.credit, row.follows]
    .filter((v): v is string => v !== null)
    .join(" ")
    .toLowerCase();
  return filter.text
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== "")
    .every((w) => haystack.includes(w));
}

/** Positions in `rows` to show, filtered and in sort order (ties keep the given order). */
export function arrange(rows: LedgerRow[], sort: Sort, filter: Filter): number[] {
  const shown = rows.map((_, i) => i).filter((i) => keeps(rows[i], filter));
  return shown.sort((a, b) => {
    const va = value(rows[a], a, sort.key);
    const vb = value(rows[b], b, sort.key);
    const order = va < vb ? -1 : va > vb ? 1 : 0;
    return (sort.descending ? -order : order) || a - b;
  });
}

/** Clicking a column: sort by it, or turn its order round. Figures sort largest first. */
export function nextSort(current: Sort, key: SortKey): Sort {
  if (current.key === key) return { key, descending: !current.descending };
  const numeric = ["verbatim", "edited", "cut", "added", "quotes", "figures", "names"].includes(key);
  return { key, descending: numeric };
}

const symbols: Record<CellState, string> = { verbatim: "=", edited: "~", missing: "−" };
const words: Record<CellState, string> = { verbatim: "verbatim", edited: "edited", missing: "missing" };

/** The symbol a cell shows (colour is never the only cue). */
export function cellSymbol(cell: LedgerCell): string {
  return cell.moved && cell.state !== "missing" ? "↕" : symbols[cell.state];
}

/** What a cell says to a reader and a screen reader. */
export function cellTitle(cell: LedgerCell, paragraph: number, copy: LedgerRow): string {
  const where = cell.copy_index === null ? "" : ` as its ¶${cell.copy_index + 1}`;
  const moved = cell.moved && cell.state !== "missing" ? ", moved" : "";
  const flags = cell.flags.length > 0 ? ` (${cell.flags.join(", ")} changed)` : "";
  return `¶${paragraph + 1} in ${copy.source}: ${words[cell.state]}${moved}${where}${flags}`;
}

/** A short name for a copy's column: its site, else its file or address's last part. */
export function shortName(row: LedgerRow): string {
  if (row.site) return row.site;
  const parts = row.source.split(/[\\/]/).filter((p) => p !== "");
  return parts[parts.length - 1] ?? row.source;
}

/** Files dropped in Ledger mode: the first is the original if there is none yet, the rest copies. */
export function dropSources(original: string, copies: string[], paths: string[]): { original: string; copies: string[] } {
  const rest = [...paths];
  const next = original.trim() === "" && rest.length > 0 ? (rest.shift() as string) : original;
  const kept = copies.filter((c) => c.trim() !== "");
  return { original: next, copies: [...kept, ...rest.filter((p) => !kept.includes(p) && p !== next)] };
}
