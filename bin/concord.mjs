#!/usr/bin/env node
// Entry point of the `concord` command. The CLI is TypeScript run by Node 24's type stripping.
const [major] = process.versions.node.split('.').map(Number);
if (major < 24) {
  console.error(
    `concord needs Node 24 or later (this is ${process.version}). Run it through npm (npx concord …) so the project's Node is used.`,
  );
  process.exit(1);
}
const { main } = await import('../server/src/cli.ts');
process.exitCode = await main(process.argv);
