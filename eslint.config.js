import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      '.cache/**',
      'node_modules/**',
      'coverage/**',
      'build-tsc/**',
      'task/*/main/**',
      'task/*/post/**',
      'task/*/job-token/**',
      'vsix/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        AbortController: 'readonly',
      },
    },
  },
  {
    // The one way out for text (see src/core/text.ts): messages interpolate values only through
    // the `t` tag, which keeps each value on one line; only the platform adapters and the
    // command line's terminal (src/cli/io.ts) write to the process's streams, and they pass
    // every line through SecretRegistry.clean() or runnerSafe().
    files: ['src/**/*.ts'],
    ignores: ['src/platform/**', 'src/cli/io.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'stdout', message: 'Write through the Platform.' },
        { object: 'process', property: 'stderr', message: 'Write through the Platform.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.property.name=/^(debug|info|notice|warning|error|fail)$/] > TemplateLiteral[expressions.length>0]',
          message: 'Build log messages with the t`...` tag (src/core/text.ts).',
        },
        {
          selector: 'NewExpression[callee.name=/Error$/] > TemplateLiteral[expressions.length>0]',
          message: 'Build error messages with the t`...` tag (src/core/text.ts).',
        },
        {
          // The same, when the template is concatenated into the message.
          selector:
            'CallExpression[callee.property.name=/^(debug|info|notice|warning|error|fail)$/] BinaryExpression > TemplateLiteral[expressions.length>0], CallExpression[callee.property.name=/^(debug|info|notice|warning|error|fail)$/] BinaryExpression > :matches(ConditionalExpression, LogicalExpression) > TemplateLiteral[expressions.length>0]',
          message:
            'Build log messages with the t`...` tag (src/core/text.ts), also when concatenated.',
        },
        {
          selector:
            'NewExpression[callee.name=/Error$/] BinaryExpression > TemplateLiteral[expressions.length>0], NewExpression[callee.name=/Error$/] BinaryExpression > :matches(ConditionalExpression, LogicalExpression) > TemplateLiteral[expressions.length>0]',
          message:
            'Build error messages with the t`...` tag (src/core/text.ts), also when concatenated.',
        },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@actions/*'], message: 'src/core is platform-neutral.' },
            {
              group: ['azure-pipelines-task-lib', 'azure-pipelines-task-lib/*'],
              message: 'src/core is platform-neutral.',
            },
          ],
        },
      ],
    },
  },
);
