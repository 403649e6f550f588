// `npm run schema`: writes the JSON Schemas to schema/ (committed, so that editors' tools find them in the repo).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../eleventy/config.ts';
import { schemaFiles } from './source-schema.ts';

const dir = path.join(PACKAGE_ROOT, 'schema');
mkdirSync(dir, { recursive: true });
for (const [name, text] of Object.entries(schemaFiles())) writeFileSync(path.join(dir, name), text);
console.log(`已写入 ${Object.keys(schemaFiles()).length} 个 JSON Schema 到 schema/`);
