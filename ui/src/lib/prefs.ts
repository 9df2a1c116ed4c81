// The reader's view choices, remembered between sessions.
import type { ViewOptions } from "./ipc";

const KEY = "storydiff.view-options";

export const DEFAULT_OPTIONS: ViewOptions = { strict: false, ignore_case: false, ignore_punctuation: false };

/** The saved choices, or the defaults; anything unreadable counts as unset. */
export function loadOptions(storage: Pick<Storage, "getItem"> | undefined = globalThis.localStorage): ViewOptions {
  try {
    const saved = JSON.parse(storage?.getItem(KEY) ?? "null");
    if (!saved || typeof saved !== "object") return { ...DEFAULT_OPTIONS };
    const flag = (name: keyof ViewOptions) => (typeof saved[name] === "boolean" ? saved[name] : DEFAULT_OPTIONS[name]);
    return { strict: flag("strict"), ignore_case: flag("ignore_case"), ignore_punctuation: flag("ignore_punctuation") };
  } catch {
    return { ...DEFAULT_OPTIONS };
  }
}

export function saveOptions(options: ViewOptions, storage: Pick<Storage, "setItem"> | undefined = globalThis.localStorage) {
  try {
    storage?.setItem(KEY, JSON.stringify(options));
  } catch {
    // A full or disabled storage only means the choice is not remembered.
  }
}

const LAYOUT = "storydiff.layout";

/** Side by side (the default) or one column. */
export type Layout = "side-by-side" | "unified";

export function loadLayout(storage: Pick<Storage, "getItem"> | undefined = globalThis.localStorage): Layout {
  try {
    return storage?.getItem(LAYOUT) === "unified" ? "unified" : "side-by-side";
  } catch {
    return "side-by-side";
  }
}

export function saveLayout(layout: Layout, storage: Pick<Storage, "setItem"> | undefined = globalThis.localStorage) {
  try {
    storage?.setItem(LAYOUT, layout);
  } catch {
    // Not remembered, that is all.
  }
}
