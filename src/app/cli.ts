import { readFileSync } from 'node:fs';
import { Command } from 'commander';

// Resolves to the repository's package.json from both src/app/ and dist/app/.
const { version } = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
) as { version: string };

const program = new Command('tandem')
  .description('SIP-to-PSTN gateway (SIP, SIP-I/SIP-T, ISUP, ISDN PRI/BRI)')
  .version(version);

await program.parseAsync(process.argv);
