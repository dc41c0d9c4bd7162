// typescript-eslint with type-aware rules over src/ (the shipped code); tests, scripts and the
// bench get the syntactic rules. Formatting is Prettier's job, not ESLint's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'samples/', 'action/dist/', 'action/main.mjs', 'src/parse/schemas/istio.gen.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: Object.fromEntries(
        ['process', 'console', 'URL', 'Buffer', 'performance', 'setTimeout'].map((g) => [g, 'readonly']),
      ),
    },
  },
  // Escaping control characters is this tool's job: its regexes name them on purpose.
  { rules: { 'no-control-regex': 'off' } },
);
