// `vledger export KIND`, `vledger export bundle` (SPEC 8). (being built)
import { Command } from 'commander';

export function defineExport(_program: Command): void {}
