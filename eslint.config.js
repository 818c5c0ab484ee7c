// Lint for the UI. Type-aware typescript-eslint, React hooks rules, type-only imports,
// and one boundary: only ui/src/ipc/ may talk to Tauri directly.
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

const tauriDirect = {
  name: "@tauri-apps/api/core",
  message: "Call the backend through the typed module in ui/src/ipc/.",
};
const tauriEvents = {
  name: "@tauri-apps/api/event",
  message: "Subscribe to backend events through ui/src/ipc/ (e.g. onSessionChanged).",
};

export default defineConfig([
  globalIgnores(["ui/dist/**", "node_modules/**"]),
  {
    files: ["ui/**/*.{ts,tsx}"],
    extends: [
      js.configs.recommended,
      tseslint.configs.recommendedTypeChecked,
      reactHooks.configs.flat.recommended,
    ],
    languageOptions: {
      globals: globals.browser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "no-restricted-imports": ["error", { paths: [tauriDirect, tauriEvents] }],
    },
  },
  {
    // The fake backend emits events the way the Rust side would.
    files: ["ui/src/test/**"],
    rules: { "no-restricted-imports": ["error", { paths: [tauriDirect] }] },
  },
  {
    // Tauri rejects with the plain `{ code, message }` object the backend serialized;
    // tests and the fake backend throw exactly that, not Error instances.
    files: ["ui/src/test/**", "ui/src/**/*.test.{ts,tsx}"],
    rules: {
      "@typescript-eslint/only-throw-error": "off",
      "@typescript-eslint/prefer-promise-reject-errors": "off",
    },
  },
  {
    files: ["ui/src/ipc/**"],
    rules: { "no-restricted-imports": "off" },
  },
]);
