// typescript-eslint with type-aware rules over src/ (the shipped code); tests, scripts and the
// bench get the syntactic rules. Formatting is Prettier's job, not ESLint's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'samples/',
      'action/dist/',
      'action/main.mjs',
      '**/*.gen.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Manifests are untyped YAML until zod has checked them at the edge; the no-unsafe-* family
      // flags every read of such data. The promise, assertion and stringification rules stay.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Same reason: String(x) of a manifest value that the schema says is a scalar.
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: Object.fromEntries(
        ['process', 'console', 'URL', 'Buffer', 'performance', 'setTimeout'].map((g) => [
          g,
          'readonly',
        ]),
      ),
    },
  },
  {
    // Generators and tests read CRDs and fixtures as loose JSON.
    files: ['scripts/**', 'test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    rules: {
      // Escaping control characters is this tool's job: its regexes name them on purpose.
      'no-control-regex': 'off',
      // `_name` marks a value left out on purpose (rest destructuring, unused parameters).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
);
