// Rewrites package.json's `contributes.configuration` from the options schema (the settings test checks they agree).
// Run from the repo root: npx esbuild test/helpers/writeSettings.ts --bundle --platform=node --log-level=warning | node -
import { readFileSync, writeFileSync } from 'node:fs';
import { contributedConfiguration } from '../../extension/vscode/settingsKeys';

const path = 'package.json';
const pkg = JSON.parse(readFileSync(path, 'utf8'));
pkg.contributes.configuration = contributedConfiguration();
writeFileSync(path, JSON.stringify(pkg, null, 2) + '\n');
