import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { registerCdrCommand } from './cdr-command.js';
import { registerCdrWorkerCommand } from './cdr-worker.js';
import { checkCommand } from './check-command.js';
import { DEFAULT_CONFIG_DIR } from './config-loader.js';
import { isupDecode } from './isup-command.js';
import { registerStartCommand } from './start.js';

// Resolves to the repository's package.json from both src/app/ and dist/app/.
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const program = new Command('tandem').description('SIP-to-PSTN gateway (SIP, SIP-I/SIP-T, ISUP, ISDN PRI/BRI)').version(version);

const isup = program.command('isup').description('ISUP (ITU-T Q.763) tools');
isup
  .command('decode')
  .description('decode ISUP octets given as hex and print the message as JSON')
  .argument('<hex...>', 'octets in hex, e.g. "0c 02 00 02 80 90" (spaces, colons or dashes allowed)')
  .addOption(new Option('--framing <framing>', "'body': starts at the message type (SIP-I / RFC 3204); 'cic': a 2-octet CIC first").choices(['body', 'cic']).default('body'))
  .option('--strict', 'unknown message types and trailing octets are errors', false)
  .action((hex: string[], opts: { framing: 'body' | 'cic'; strict: boolean }) => {
    const out = isupDecode(hex.join(' '), opts);
    process.stdout.write(out.stdout);
    process.stderr.write(out.stderr);
    process.exitCode = out.exitCode;
  });

program
  .command('check')
  .description('validate a configuration directory (*.yaml, *.yml) without starting anything; exits 1 on any error')
  .argument('[dir]', 'configuration directory', DEFAULT_CONFIG_DIR)
  .action((dir: string) => {
    const out = checkCommand(dir);
    process.stdout.write(out.stdout);
    process.stderr.write(out.stderr);
    process.exitCode = out.exitCode;
  });

registerCdrCommand(program);
registerCdrWorkerCommand(program);
registerStartCommand(program);

await program.parseAsync(process.argv);
