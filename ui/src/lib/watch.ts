// What the Watch tab shows of the board (src-tauri/src/watch.rs): the
// watches as a list of feeds with their articles, and words for each.
import type { ChangeView, WatchView } from "./types";
import { when } from "./history";

/** A feed (or sitemap) with the articles it listed, or an article alone. */
export interface WatchGroup {
  head: WatchView;
  articles: WatchView[];
}

/** Feeds first, each with its articles (newest first); then articles added alone, in the order added. */
export function groups(watches: WatchView[]): WatchGroup[] {
  const lists: WatchGroup[] = watches.filter((w) => w.kind !== "article").map((head) => ({ head, articles: [] }));
  const alone: WatchGroup[] = [];
  for (const w of watches) {
    if (w.kind !== "article") continue;
    const list = lists.find((g) => g.head.url === w.feed);
    if (list) list.articles.unshift(w);
    else alone.push({ head: w, articles: [] });
  }
  return [...lists, ...alone];
}

/** The state in words, with when it is next checked. */
export function standing(w: WatchView): string {
  switch (w.state) {
    case "paused":
      return "paused";
    case "ended":
      return "no longer checked";
    case "failing":
      return `failing${w.next_check ? `; tried again ${when(w.next_check)}` : ""}`;
    default:
      return w.next_check ? `next check ${when(w.next_check)}` : "active";
  }
}

/** "3 versions", "1 version". */
export function versions(n: number): string {
  return `${n} ${n === 1 ? "version" : "versions"}`;
}

/** The unseen changes among `changes`. */
export function unseenIds(changes: ChangeView[]): number[] {
  return changes.filter((c) => !c.seen).map((c) => c.id);
}
