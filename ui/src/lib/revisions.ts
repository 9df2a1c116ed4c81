// Tracked changes beside the passages they made. Pure, so that it is
// tested without a window. The engine lists each revision with the
// paragraph it stands in on each side; a passage's revisions are those
// whose paragraph lies in its span (the Rust `revisions_of` does the same
// for the command line's report).
import type { ComparisonView, Passage, Revision } from "./types";

/** A file the window should first try to open as its own before and after. */
export function mayHoldRevisions(path: string): boolean {
  return /\.(docx|docm|odt)$/i.test(path.trim());
}

function within(index: number | null, start: number | null, count: number | undefined): boolean {
  return index !== null && start !== null && index >= start && index < start + Math.max(count ?? 1, 1);
}

/** The revisions behind one change; none for unchanged passages. */
export function revisionsOf(revisions: Revision[], change: Passage): Revision[] {
  if (change.kind === "unchanged") return [];
  return revisions.filter(
    (r) =>
      within(r.old_paragraph, change.old_index ?? null, change.old_count) ||
      within(r.new_paragraph, change.new_index ?? null, change.new_count),
  );
}

/** "18 Nov 2026" from an ISO date; the date as given if it is not one. */
export function shortDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  return `${Number(m[3])} ${months[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/**
 * One line per change that tracked revisions explain, by change index:
 * who made them and when ("Priya Natarajan, 18 Nov 2026; Tom Whitcombe,
 * 19 Nov 2026"), each author and date once.
 */
export function creditLines(comparison: ComparisonView): Map<number, string> {
  const revisions = comparison.new.revisions ?? [];
  const lines = new Map<number, string>();
  if (revisions.length === 0) return lines;
  comparison.changes.forEach((change, index) => {
    const seen: string[] = [];
    for (const r of revisionsOf(revisions, change)) {
      const who = r.author ?? "unnamed author";
      const credit = r.date ? `${who}, ${shortDate(r.date)}` : who;
      if (!seen.includes(credit)) seen.push(credit);
    }
    if (seen.length > 0) lines.set(index, seen.join("; "));
  });
  return lines;
}
