import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The core is given what it needs and reads nothing itself (issue 19): no file system, no paths, no
 * environment, no platform library; and it keeps no state of its own at module level (caches belong to the
 * object that owns them: `BoundedMap`). Checked on the sources, so a new breach fails here, not in review.
 */
const CORE = path.resolve('src/core');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return entry.name.endsWith('.ts') ? [file] : [];
  });
}

/** Modules the core may not import: the file system, paths, the process's surroundings, platforms. */
const FORBIDDEN_MODULES =
  /^(?:node:)?(?:fs|fs\/promises|path|os|child_process|worker_threads|net|http|https)$|^discord\.js$|^@slack\//;

/** What a source breaks of the rule, one line each (empty when it keeps it). */
function breaches(source: string): string[] {
  const found: string[] = [];
  const code = source.replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
  for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm))
    if (FORBIDDEN_MODULES.test(m[1] as string)) found.push(`imports ${m[1]}`);
  if (/\bprocess\.(?:env|cwd|argv)\b/.test(code)) found.push('reads the process environment');
  if (/\bimport\.meta\.(?:url|dirname|filename)\b/.test(code))
    found.push("finds files from the module's place");
  // Module state: a cache or a loaded thing kept by the module, shared by every desk, instead of by its owner.
  for (const m of code.matchAll(/^(?:export )?(?:let|var) (\w+)/gm))
    found.push(`keeps module state (${m[1]})`);
  for (const m of code.matchAll(/^(?:export )?const (\w+)\b[^=\n]*= new Weak(?:Map|Set)\b/gm))
    found.push(`keeps module state (${m[1]})`);
  return found;
}

describe('the core', () => {
  const files = sources(CORE);

  it('is the folder of sources it was (the scan reads them)', () => {
    expect(files.length).toBeGreaterThan(40);
    expect(files.some((f) => f.endsWith(path.join('core', 'desk.ts')))).toBe(true);
  });

  it('imports no file system, path, environment or platform library, and keeps no module state', () => {
    const found = files.flatMap((file) =>
      breaches(readFileSync(file, 'utf8')).map((b) => `${path.relative(CORE, file)}: ${b}`),
    );
    expect(found).toEqual([]);
  });

  it('would notice each kind of breach', () => {
    expect(breaches("import { readFile } from 'node:fs/promises';")).toEqual(['imports node:fs/promises']);
    expect(breaches("import path from 'path';")).toEqual(['imports path']);
    expect(breaches("const { Client } = await import('discord.js');")).toEqual(['imports discord.js']);
    expect(breaches("import { App } from '@slack/bolt';")).toEqual(['imports @slack/bolt']);
    expect(breaches('const dir = process.env.SEEDS_DIR;')).toEqual(['reads the process environment']);
    expect(breaches("new URL('data/', import.meta.url)")).toEqual(["finds files from the module's place"]);
    expect(breaches("// reads no file: import from 'node:fs' is not here\nexport const x = 1;")).toEqual([]);
    expect(breaches('let cache = new Map();\nfunction f() {\n  let local = 1;\n}')).toEqual([
      'keeps module state (cache)',
    ]);
    expect(breaches('const seen = new WeakMap<object, number>();')).toEqual(['keeps module state (seen)']);
  });
});
