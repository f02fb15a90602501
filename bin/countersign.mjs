#!/usr/bin/env node
// Command-line entry: runs the TypeScript sources of the command line through tsx, so the repository needs no build
// first.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
register({ tsconfig: join(root, 'tsconfig.base.json') });
const { main } = await import(pathToFileURL(join(root, 'electron', 'main', 'cli', 'countersign-cli.ts')).href);
process.exitCode = await main(process.argv.slice(2));
