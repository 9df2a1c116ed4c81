import { describe, expect, it } from "vitest";
import { creditLines, mayHoldRevisions, revisionsOf, shortDate } from "./revisions";
import type { Change, ComparisonView, Revision } from "./types";

function change(partial: Partial<Change>): Change {
  return {
    kind: "reworded",
    old_text: "",
    new_text: "",
    diff: [],
    old_index: null,
    new_index: null,
    old_count: 0,
    new_count: 0,
    rebroken: false,
    boilerplate: false,
    flags: [],
    typographic: false,
    ...partial,
  } as Change;
}

const revisions: Revision[] = [
  { kind: "deleted", author: "Priya", date: "2026-11-18T09:12:00Z", text: "£2.4m", old_paragraph: 0, new_paragraph: null },
  { kind: "inserted", author: "Priya", date: "2026-11-18T09:12:00Z", text: "£3.1m", old_paragraph: null, new_paragraph: 0 },
  { kind: "deleted", author: "Tom", date: "2026-11-19T16:40:00Z", text: "Fishermen", old_paragraph: 2, new_paragraph: null },
];

describe("tracked changes beside their passages", () => {
  it("finds a passage's revisions by its paragraphs on either side", () => {
    const reworded = change({ old_index: 0, new_index: 0, old_count: 1, new_count: 1 });
    expect(revisionsOf(revisions, reworded).map((r) => r.text)).toEqual(["£2.4m", "£3.1m"]);
    const removed = change({ kind: "removed", old_index: 2, old_count: 1 });
    expect(revisionsOf(revisions, removed).map((r) => r.author)).toEqual(["Tom"]);
    const unchanged = change({ kind: "unchanged", old_index: 0, new_index: 0, old_count: 1, new_count: 1 });
    expect(revisionsOf(revisions, unchanged)).toEqual([]);
  });

  it("reads passages as the app sends them, with their absent sides left out", () => {
    // A removed passage of the view has no new_index field at all.
    expect(revisionsOf(revisions, { kind: "removed", old_index: 2, old_count: 1, new_count: 0 })).toEqual([
      revisions[2],
    ]);
    expect(revisionsOf(revisions, { kind: "added", new_index: 0, old_count: 0, new_count: 1 })).toEqual([
      revisions[1],
    ]);
  });

  it("credits each author and date once per passage", () => {
    const comparison = {
      new: { revisions },
      changes: [
        change({ old_index: 0, new_index: 0, old_count: 1, new_count: 1 }),
        change({ kind: "unchanged", old_index: 1, new_index: 1, old_count: 1, new_count: 1 }),
        change({ kind: "removed", old_index: 2, old_count: 1 }),
      ],
    } as unknown as ComparisonView;
    const lines = creditLines(comparison);
    expect(lines.get(0)).toBe("Priya, 18 Nov 2026");
    expect(lines.has(1)).toBe(false);
    expect(lines.get(2)).toBe("Tom, 19 Nov 2026");
  });

  it("knows which files may hold tracked changes", () => {
    expect(mayHoldRevisions("/tmp/Draft.DOCX")).toBe(true);
    expect(mayHoldRevisions("a.odt")).toBe(true);
    expect(mayHoldRevisions("a.pdf")).toBe(false);
    expect(shortDate("not a date")).toBe("not a date");
  });
});
