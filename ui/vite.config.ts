import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// Paths are relative to ui/ (the Vite root): `vite ui`, `vite build ui`, `vitest --root ui`.
export default defineConfig({
  plugins: [react()],
  clearScreen: false,
  // Keep Vite's cache in the root node_modules (ignored), not ui/node_modules.
  cacheDir: "../node_modules/.vite",
  server: { port: 5173, strictPort: true },
  envPrefix: ["VITE_", "TAURI_ENV_"],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test/setup.ts"],
    restoreMocks: true,
  },
});
