// Once per e2e run: check code-server is installed, package the extension, install the .vsix.
import { assertCodeServerInstalled } from './codeServer';
import { installPackagedExtension, packageExtension } from './packaging';

export default async function setup(): Promise<void> {
  assertCodeServerInstalled();
  const started = Date.now();
  packageExtension();
  await installPackagedExtension();
  console.log(`[e2e] packaged and installed the extension in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
