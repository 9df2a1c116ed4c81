import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

export default defineConfig({
  plugins: [svelte()],
  // The webview loads the bundle from the tauri: scheme; relative asset
  // paths keep it working whatever the origin.
  base: "./",
  clearScreen: false,
  build: {
    target: "es2022",
    outDir: "dist",
    emptyOutDir: true,
    // Inline assets would need data: URLs in the CSP; keep every asset a file.
    assetsInlineLimit: 0,
    // The licences of the npm packages bundled into the window, for the
    // packages' THIRD-PARTY-LICENSES.md (`make licenses`): dist/.vite/license.md.
    license: true,
  },
  test: {
    include: ["src/**/*.test.ts"],
  },
});
