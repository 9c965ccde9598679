// Lint: typescript-eslint's recommended rules, and the layer boundaries of functions/src
// (functions/src/README.md). Run by `npm test` (tools/test.mjs) with --max-warnings 0.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

const sdk = [
  "firebase-admin",
  "firebase-admin/*",
  "firebase-functions",
  "firebase-functions/*",
  "@google-cloud/*",
];
const outside = ["twilio", "twilio/*", "pdfkit", "qrcode", "jszip", "jsonwebtoken"];
const layer = (name) => [`**/${name}`, `**/${name}/**`];

export default tseslint.config(
  {
    ignores: ["**/node_modules/**", "functions/lib/**", ".cache/**", "public/**", "**/*.d.mts"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Adapters require their heavy libraries inside the function that first needs them, so an
    // instance that never sends an SMS or draws a PDF never loads twilio or pdfkit (cold start).
    files: ["functions/src/adapters/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // Pure logic: no SDK, no outside service, nothing from the layers that use them.
    files: ["functions/src/domain/**/*.ts", "functions/src/authz/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [...sdk, ...outside],
              message: "domain/ and authz/ are pure: no SDK or outside service",
            },
            {
              group: [
                ...layer("repo"),
                ...layer("adapters"),
                ...layer("handlers"),
                ...layer("services"),
                ...layer("triggers"),
              ],
              message: "domain/ and authz/ import only domain/, authz/, schemas/ and config/",
            },
          ],
        },
      ],
    },
  },
  {
    // Schemas describe data; they depend on nothing but zod and each other.
    files: ["functions/src/schemas/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                ...layer("domain"),
                ...layer("repo"),
                ...layer("adapters"),
                ...layer("handlers"),
                ...layer("services"),
                ...layer("triggers"),
              ],
              message: "schemas/ import only zod and other schemas",
            },
          ],
        },
      ],
    },
  },
  {
    // Handlers, services and triggers reach Firestore only through repo/.
    files: [
      "functions/src/handlers/**/*.ts",
      "functions/src/services/**/*.ts",
      "functions/src/triggers/**/*.ts",
    ],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "firebase-admin/firestore",
              importNames: ["getFirestore", "Firestore"],
              message: "use the functions of repo/",
            },
            { name: "@google-cloud/firestore", message: "use the functions of repo/" },
          ],
          patterns: [
            {
              group: ["**/repo/firestore"],
              message: "the Firestore instance lives in repo/; use its functions",
            },
          ],
        },
      ],
    },
  },
);
