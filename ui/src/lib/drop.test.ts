import { describe, expect, it } from "vitest";
import { dropInto } from "./drop";

const empty = { old: "", new: "" };

describe("dropInto", () => {
  it("takes two files as old and new in the order given", () => {
    expect(dropInto(empty, ["/a.html", "/b.html"], 900, 1000)).toEqual({
      sources: { old: "/a.html", new: "/b.html" },
      note: null,
    });
  });

  it("puts one file on the side of the window it lands on, keeping the other", () => {
    const current = { old: "/kept.txt", new: "" };
    expect(dropInto(current, ["/new.txt"], 700, 1000)?.sources).toEqual({ old: "/kept.txt", new: "/new.txt" });
    expect(dropInto(current, ["/old.txt"], 100, 1000)?.sources).toEqual({ old: "/old.txt", new: "" });
  });

  it("compares the first two of more and says so", () => {
    const dropped = dropInto(empty, ["/1", "/2", "/3"], 0, 1000);
    expect(dropped?.sources).toEqual({ old: "/1", new: "/2" });
    expect(dropped?.note).toContain("3 files dropped");
  });

  it("does nothing when nothing was dropped", () => {
    expect(dropInto(empty, [], 0, 1000)).toBeNull();
  });
});
