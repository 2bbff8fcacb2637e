#!/usr/bin/env node
// Entry point; the CLI is compiled to dist/ by `npm run build`.
await import('../dist/app/cli.js');
