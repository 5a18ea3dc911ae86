// `vledger import KIND FILE`, `vledger batches`, `vledger undo BATCH` (SPEC 8). (being built)
import { Command } from 'commander';

export function defineImport(_program: Command): void {}
