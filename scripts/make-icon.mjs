// Renders build/icon.svg to build/icon.png (1024×1024), the one icon electron-builder turns into the .ico and .icns.
import { readFile, writeFile } from 'node:fs/promises';
import console from 'node:console';
import { URL } from 'node:url';
import sharp from 'sharp';

const SIZE = 1024;
const svg = await readFile(new URL('../build/icon.svg', import.meta.url));
const png = await sharp(svg).resize(SIZE, SIZE).png({ compressionLevel: 9 }).toBuffer();
await writeFile(new URL('../build/icon.png', import.meta.url), png);
console.log(`build/icon.png: ${SIZE}×${SIZE}, ${png.length} bytes`);
