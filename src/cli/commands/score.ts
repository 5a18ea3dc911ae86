// `vledger score …` and `vledger rank` (SPEC 4, 5). (being built)
import { Command } from 'commander';

export function defineScore(_program: Command): void {}
