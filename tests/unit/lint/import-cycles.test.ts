/** Layers run one way: no import cycle in shipped code, type imports included (lint/import-cycles.js). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles } from '../../../lint/import-cycles.js';

describe('import cycles', () => {
  it('finds a cycle through a type import (so the check can fail)', () => {
    const root = mkdtempSync(join(tmpdir(), 'cycles-'));
    try {
      mkdirSync(join(root, 'src-server', 'feature'), { recursive: true });
      writeFileSync(join(root, 'src-server', 'extensions.ts'), "import { feature } from './feature/extension.js';\nexport interface Extension { name: string }\nexport const all = [feature];\n");
      writeFileSync(join(root, 'src-server', 'feature', 'extension.ts'), "import type { Extension } from '../extensions.js';\nexport const feature: Extension = { name: 'x' };\n");
      expect(importCycles(root, ['src-server'])).toEqual([['src-server/extensions.ts', 'src-server/feature/extension.ts', 'src-server/extensions.ts']]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('finds none in src-shared, src-main, src-preload, src-renderer and src-server', () => {
    expect(importCycles(process.cwd(), ['src-shared', 'src-main', 'src-preload', 'src-renderer', 'src-server'])).toEqual([]);
  });
});
