import { describe, expect, it } from "vitest";
import { DEFAULT_OPTIONS, loadOptions, saveOptions } from "./prefs";

function memory() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
  };
}

describe("view options", () => {
  it("come back as they were saved", () => {
    const storage = memory();
    saveOptions({ strict: true, ignore_case: false, ignore_punctuation: true }, storage);
    expect(loadOptions(storage)).toEqual({ strict: true, ignore_case: false, ignore_punctuation: true });
  });

  it("fall back to the defaults when nothing or nonsense is stored", () => {
    expect(loadOptions(memory())).toEqual(DEFAULT_OPTIONS);
    const storage = memory();
    storage.setItem("storydiff.view-options", "{not json");
    expect(loadOptions(storage)).toEqual(DEFAULT_OPTIONS);
    storage.setItem("storydiff.view-options", JSON.stringify({ strict: "yes", ignore_case: true }));
    expect(loadOptions(storage)).toEqual({ ...DEFAULT_OPTIONS, ignore_case: true });
  });
});
