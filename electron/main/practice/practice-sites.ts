// Serves the safe practice sites on 127.0.0.1 for practice mode and `countersign practice`: static files only, nothing
// leaves the machine.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The sites ship with the app (resources/practice, packed by electron-builder.yml); from sources, the same folder. */
export const PRACTICE_ROOT = fileURLToPath(new URL('../../../resources/practice/', import.meta.url));

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface PracticeSites {
  /** Origin, e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
}

export const servePracticeSites = async (root = PRACTICE_ROOT): Promise<PracticeSites> => {
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
      const type = TYPES[extname(file)];
      if (req.method !== 'GET' || !file.startsWith(root.endsWith(sep) ? root : root + sep) || !type) {
        res.writeHead(404).end();
        return;
      }
      try {
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
      } catch {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
};
