// Lint is part of `npm test` (scripts/test.sh): typescript-eslint, React hooks and the Next.js rules.
// Formatting is Prettier's job (prettier.config.mjs), so no stylistic rules here.
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      ".next/",
      "prisma/generated/",
      "test-results/",
      "playwright-report/",
      "data/",
      "next-env.d.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,mts}"],
    rules: {
      // Validators match control characters on purpose: to refuse them in names, paths and shell words.
      "no-control-regex": "off",
      // `_name` marks a parameter or binding kept on purpose (destructuring to drop a field).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
    },
  },
  {
    // React lives in app/ only; elsewhere a `useX` helper (vitest's useAgentLabs) is no hook.
    files: ["app/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks, "@next/next": nextPlugin },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs["core-web-vitals"].rules,
    },
  },
  {
    files: ["*.js"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { module: "writable", require: "readonly", __dirname: "readonly" },
    },
  },
  {
    // Tests and scripts run under Node: require() of JSON fixtures and CommonJS helpers is fine there.
    files: ["**/*.test.ts", "scripts/**", "e2e/**"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
