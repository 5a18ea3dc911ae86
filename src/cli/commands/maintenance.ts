// `vledger check`, `vledger backup` (SPEC 9). (being built)
import { Command } from 'commander';

export function defineMaintenance(_program: Command): void {}
