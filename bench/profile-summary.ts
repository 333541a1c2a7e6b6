import fs from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const shortUrl = (url: string, root: string) =>
  (url || '(native)').replace(`file://${root}/`, '').replace(/^.*node_modules\/((@[^/]+\/)?[^/]+)\/.*$/, '$1');

/**
 * The bench runs the bundled server: a frame in a bundle is named by the source file and line its source map gives,
 * so the product's own code is told from the packages bundled with it.
 */
function sourceMapped(): (f: CallFrame) => CallFrame {
  const maps = new Map<string, SourceMap | null>();
  const mapOf = (url: string) => {
    if (!maps.has(url)) {
      const file = `${fileURLToPath(url)}.map`;
      maps.set(url, fs.existsSync(file) ? new SourceMap(JSON.parse(fs.readFileSync(file, 'utf8'))) : null);
    }
    return maps.get(url);
  };
  return (f) => {
    const map = f.url.startsWith('file://') && f.url.endsWith('.js') ? mapOf(f.url) : null;
    const entry = map?.findEntry(f.lineNumber, f.columnNumber) as { originalSource?: string; originalLine?: number } | undefined;
    if (!entry?.originalSource) return f;
    const source = entry.originalSource.startsWith('file://') ? entry.originalSource : pathToFileURL(path.resolve(path.dirname(fileURLToPath(f.url)), entry.originalSource)).href;
    return { ...f, url: source, lineNumber: entry.originalLine ?? f.lineNumber };
  };
}

/**
 * The share of CPU samples by function (self time) and, for the product's own code, by function including
 * what it calls: enough to say which query, serializer or library a request spends its time in.
 */
export function summarizeProfile(file: string, root: string, top = 15): string {
  const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const original = sourceMapped();
  for (const n of prof.nodes) n.callFrame = original(n.callFrame);
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfTime = new Map<number, number>();
  prof.samples.forEach((id, i) => selfTime.set(id, (selfTime.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
  let busy = 0;
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const underInspector = (id: number) => {
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) if (byId.get(cur)!.callFrame.url === 'node:inspector') return true;
    return false;
  };
  for (const [id, t] of selfTime) {
    const node = byId.get(id)!;
    // Idle time, and the profiler stopping itself (serialising the profile), are not the server's work.
    if (node.callFrame.functionName === '(idle)' || underInspector(id)) continue;
    busy += t;
    const key = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${shortUrl(n.callFrame.url, root)}:${n.callFrame.lineNumber + 1}`;
    self.set(key(node), (self.get(key(node)) ?? 0) + t);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur)!;
      if (!n.callFrame.url.includes(`${root}/server/`)) continue;
      const k = key(n);
      if (!seen.has(k)) {
        seen.add(k);
        inclusive.set(k, (inclusive.get(k) ?? 0) + t);
      }
    }
  }
  const list = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top)
    .map(([k, v]) => `  ${((100 * v) / busy).toFixed(1).padStart(5)} %  ${k}`).join('\n');
  return `busy ${(busy / 1000).toFixed(0)} ms\n self time:\n${list(self)}\n product code, inclusive:\n${list(inclusive)}`;
}
