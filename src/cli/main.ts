#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { VERSION } from '../app/index.js';
import { isAppError } from '../core/index.js';
import { registerApiKey } from './commands/apikey.js';
import { registerAudit } from './commands/audit.js';
import { registerBank } from './commands/bank.js';
import { registerDemo } from './commands/demo.js';
import { registerDsa } from './commands/dsa.js';
import { registerEval } from './commands/eval.js';
import { registerEvidence } from './commands/evidence.js';
import { registerHash } from './commands/hash.js';
import { registerImport } from './commands/import.js';
import { registerMatch } from './commands/match.js';
import { registerNetwork } from './commands/network.js';
import { registerOutbox } from './commands/outbox.js';
import { registerReferrals } from './commands/referrals.js';
import { registerRemovalOrder } from './commands/removal-order.js';
import { registerReport } from './commands/report.js';
import { registerReview } from './commands/review.js';
import { registerScan } from './commands/scan.js';
import { registerServe } from './commands/serve.js';
import { registerSplit } from './commands/split.js';
import { registerTelegram } from './commands/telegram.js';
import { registerTrain } from './commands/train.js';
import { registerUser } from './commands/user.js';
import { registerWorker } from './commands/worker.js';

/** `rasd`: one command per file under commands/. Failures print one line and exit non-zero. */
export function buildProgram(): Command {
  const program = new Command('rasd')
    .description('Rasd (رصد): find terrorist and violent extremist content in Telegram exports')
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride();
  registerScan(program);
  registerServe(program);
  registerWorker(program);
  registerImport(program);
  registerReport(program);
  registerDemo(program);
  registerBank(program);
  registerTrain(program);
  registerEval(program);
  registerSplit(program);
  registerHash(program);
  registerMatch(program);
  registerUser(program);
  registerApiKey(program);
  registerAudit(program);
  registerReview(program);
  registerEvidence(program);
  registerReferrals(program);
  registerOutbox(program);
  registerDsa(program);
  registerRemovalOrder(program);
  registerNetwork(program);
  registerTelegram(program);
  return program;
}

async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    const message = isAppError(error) ? error.message : error instanceof Error ? error.message : String(error);
    process.stderr.write(`rasd: ${message.split('\n')[0]}\n`);
    process.exitCode = 2;
  }
}

await main(process.argv);
