import { Command } from 'commander';
import { VERSION } from './version.js';
import { fail } from './commands/util.js';
import * as serve from './commands/serve.js';
import * as admin from './commands/admin.js';
import * as orgs from './commands/orgs.js';
import * as backup from './commands/backup.js';
import * as seed from './commands/seed.js';
import * as audit from './commands/audit.js';
import * as importCmd from './commands/import.js';
import * as ledger from './commands/ledger.js';

/** `gongzhi` — every operation an operator runs from a shell. One file per command group in src/commands/. */
const program = new Command('gongzhi').version(VERSION).description('共治 Gongzhi 社区治理与服务平台');
for (const group of [serve, admin, orgs, seed, audit, backup, importCmd, ledger]) group.register(program);
program.parseAsync().catch(fail);
