import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { auditActionLabels, auditObjectTypeLabels } from '../../../contract/audit.js';

/*
 * The audit viewer shows a code it has no Chinese name for as it is, so a new writeAudit call without a label only
 * shows up when an auditor reads English. This reads the server's sources instead of running them: every action and
 * object type a writeAudit call can write, whether a literal, a choice between literals, a template, a parameter
 * its callers fill with literals, or a constant.
 */

const serverRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'test' && dir === serverRoot ? [] : sourceFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

const sources = sourceFiles(serverRoot).map((file) => ({ file: path.relative(serverRoot, file), text: fs.readFileSync(file, 'utf8') }));

/** Index just past the bracket that closes the one at `open`, skipping strings and template literals. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"' || c === '`') {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\') i++;
    } else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c) && --depth === 0) return i + 1;
  }
  throw new Error(`unbalanced bracket at ${open}`);
}

/** Splits a parameter or argument list at its top-level commas. */
function splitTop(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === "'" || c === '"' || c === '`') i = skipString(list, i) - 1;
    else if ('([{<'.includes(c)) depth++;
    else if (')]}>'.includes(c) && list[i - 1] !== '=') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(list.slice(start, i));
      start = i + 1;
    }
  }
  return [...parts, list.slice(start)];
}

/** The argument texts of every call of `name(` in `text`. */
function calls(text: string, name: string): Array<{ at: number; args: string }> {
  const out: Array<{ at: number; args: string }> = [];
  for (const m of text.matchAll(new RegExp(`(?<![\\w.])${name}\\(`, 'g'))) {
    const open = m.index + m[0].length - 1;
    out.push({ at: m.index, args: text.slice(open + 1, closing(text, open) - 1) });
  }
  return out;
}

/** The expression of property `key` at the top level of an object literal's text (up to the next top-level comma). */
function property(objectText: string, key: string): string | undefined {
  const m = new RegExp(`(?<![\\w.])${key}\\s*(:|,|\\n|})`).exec(objectText);
  if (!m) return undefined;
  if (m[1] !== ':') return key; // shorthand
  let i = m.index + m[0].length;
  const start = i;
  while (i < objectText.length && !',}'.includes(objectText[i])) {
    i = '([{\'"`'.includes(objectText[i]) ? ('([{'.includes(objectText[i]) ? closing(objectText, i) : skipString(objectText, i)) : i + 1;
  }
  return objectText.slice(start, i).trim();
}

function skipString(text: string, at: number): number {
  let i = at + 1;
  for (; i < text.length && text[i] !== text[at]; i++) if (text[i] === '\\') i++;
  return i + 1;
}

/** String literals and templates in an expression; a template's ${…} parts become `*`. */
const literals = (expr: string) => [...expr.matchAll(/'([^'\\]*)'|`([^`]*)`/g)].map((m) => m[1] ?? m[2].replace(/\$\{[^}]*\}/g, '*'));

/** A bare identifier: the parameter of the enclosing function its callers fill, else a module constant. */
function resolveIdentifier(name: string, file: { file: string; text: string }, at: number): string[] {
  const before = file.text.slice(0, at);
  const fns = [...before.matchAll(/(?:function\s+(\w+)\s*|(\w+)\s*=\s*(?:async\s*)?)\(/g)].reverse();
  for (const f of fns) {
    const open = f.index + f[0].length - 1;
    const params = splitTop(file.text.slice(open + 1, closing(file.text, open) - 1));
    const index = params.findIndex((p) => new RegExp(`^\\s*${name}\\s*:`).test(p));
    if (index < 0) continue;
    const fn = f[1] ?? f[2];
    return sources.flatMap((s) => calls(s.text, fn).flatMap((c) => literals(splitTop(c.args)[index] ?? '')));
  }
  const constant = sources.map((s) => new RegExp(`const ${name}\\s*=\\s*'([^']*)'`).exec(s.text)).find(Boolean);
  if (constant) return [constant[1]];
  throw new Error(`${file.file}: cannot tell which codes ${name} holds`);
}

interface Written { code: string; file: string }

function written(key: 'action' | 'objectType'): Written[] {
  const out: Written[] = [];
  for (const file of sources) {
    for (const call of calls(file.text, 'writeAudit')) {
      const entryOpen = call.args.indexOf('{');
      if (entryOpen < 0) continue; // the definition and its signature
      const entry = call.args.slice(entryOpen, closing(call.args, entryOpen));
      const expr = property(entry, key);
      if (!expr) continue;
      const codes = /^[A-Za-z_]\w*$/.test(expr) ? resolveIdentifier(expr, file, call.at)
        : /^[\w.]+$/.test(expr) ? resolveMember(expr, file) : literals(expr);
      if (codes.length === 0) throw new Error(`${file.file}: no code found in ${key}: ${expr}`);
      for (const code of codes) out.push({ code, file: file.file });
    }
  }
  return out;
}

/** `owner.kind` in the files service: the object type is a file owner kind, registered by name. */
function resolveMember(expr: string, file: { file: string }): string[] {
  if (expr !== 'owner.kind') throw new Error(`${file.file}: cannot tell which codes ${expr} holds`);
  return sources.flatMap((s) => calls(s.text, 'registerFileOwner').flatMap((c) => {
    const first = splitTop(c.args)[0].trim();
    return first.startsWith("'") ? literals(first) : /^[A-Z_]+$/.test(first) ? resolveIdentifier(first, s, c.at) : [];
  }));
}

function unlabelled(codes: Written[], labels: Record<string, string>): string[] {
  const known = Object.keys(labels);
  const missing = codes.filter(({ code }) => {
    if (!code.includes('*')) return !(code in labels);
    // A template: at least one labelled code must fit it.
    const pattern = new RegExp(`^${code.split('*').map((p) => p.replace(/[.]/g, '\\.')).join('[a-z_]+')}$`);
    return !known.some((k) => pattern.test(k));
  });
  return [...new Set(missing.map(({ code, file }) => `${code} (${file})`))].sort();
}

describe('audit labels', () => {
  it('names every action the server writes in Chinese', () => {
    const actions = written('action');
    // The scan must see the whole server: a broken scan finding nothing would pass.
    expect(actions.length).toBeGreaterThan(120);
    for (const code of ['auth.login', 'auth.totp_verify', 'user.disable', 'activity.makeup', 'member_review.*']) {
      expect(actions.map((a) => a.code)).toContain(code);
    }
    expect(unlabelled(actions, auditActionLabels)).toEqual([]);
  });

  it('names every object type the server writes in Chinese', () => {
    const types = written('objectType');
    expect(types.map((t) => t.code)).toEqual(expect.arrayContaining(['policies', 'article_thumbnail', 'activity']));
    expect(unlabelled(types, auditObjectTypeLabels)).toEqual([]);
  });

  it('uses only Chinese for the names', () => {
    for (const label of [...Object.values(auditActionLabels), ...Object.values(auditObjectTypeLabels)]) {
      expect(label).toMatch(/^[\u4e00-\u9fff（）、]+$/);
    }
  });
});
