// electron-builder's afterPack hook (package.json build.afterPack): every packed app is
// checked before an installer is made from it (see packaged-app.mjs).
import { checkPackagedApp, packagedLayout, PackageCheckError } from './packaged-app.mjs';

// electron-builder's Arch enum, by value.
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

export default async function afterPack(context) {
  const platform = context.electronPlatformName;
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  const layout = packagedLayout({
    appOutDir: context.appOutDir,
    platform,
    productFilename: context.packager.appInfo.productFilename,
    executableName: context.packager.executableName,
  });
  try {
    console.log(`  • tt: ${checkPackagedApp({ ...layout, platform, arch })}`);
  } catch (error) {
    if (error instanceof PackageCheckError)
      throw new Error(`tt: ${error.message}; no installer was made.`, { cause: error });
    throw error;
  }
}
