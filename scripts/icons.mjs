// `npm run icons`: renders resources/icon.svg, the one source of tt's app icon, into every
// file the installers and the window use, and writes them beside it (they are committed, so
// packaging needs neither this script nor its libraries):
//   resources/icon.png         512 px, the window's icon on Linux and Windows
//   resources/icons/NxN.png    16…1024 px, the Linux packages' icon set (hicolor sizes)
//   resources/icon.icns        macOS (16…1024 px, with @2x)
//   resources/icon.ico         Windows (16…256 px)
// resvg renders the SVG (each size drawn from the vector, not scaled from a bitmap); png2icons
// packs the ICNS and ICO containers. A missing or unreadable SVG stops it before anything is
// written.
import { Resvg } from '@resvg/resvg-js';
import png2icons from 'png2icons';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const LINUX_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

/** Every icon file, path (relative to `resourcesDir`) → bytes, rendered from `svg`. */
export function renderIcons(svg) {
  const png = (size) =>
    Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng());
  const files = new Map();
  files.set('icon.png', png(512));
  for (const size of LINUX_ICON_SIZES) files.set(`icons/${size}x${size}.png`, png(size));
  const master = files.get('icons/1024x1024.png');
  const icns = png2icons.createICNS(master, png2icons.BICUBIC2, 0);
  const ico = png2icons.createICO(files.get('icons/256x256.png'), png2icons.BICUBIC2, 0, true, true);
  if (!icns || !ico) throw new Error('png2icons could not pack the ICNS or ICO file');
  files.set('icon.icns', icns);
  files.set('icon.ico', ico);
  return files;
}

function main() {
  const resourcesDir = fileURLToPath(new URL('../resources/', import.meta.url));
  const source = join(resourcesDir, 'icon.svg');
  let svg;
  try {
    svg = readFileSync(source);
  } catch (error) {
    process.stderr.write(
      `tt: cannot make the icons: ${source} cannot be read (${error.code ?? error.message}); nothing was written.\n`,
    );
    process.exit(2);
  }
  let files;
  try {
    files = renderIcons(svg);
  } catch (error) {
    process.stderr.write(
      `tt: cannot make the icons from ${source}: ${error.message}; nothing was written.\n`,
    );
    process.exit(2);
  }
  // Every file is rendered before the first is written; each lands under a temporary name.
  for (const [relative, bytes] of files) {
    const target = join(resourcesDir, relative);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(`${target}.tmp`, bytes);
    renameSync(`${target}.tmp`, target);
  }
  process.stdout.write(`wrote ${files.size} icon files in ${resourcesDir}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
