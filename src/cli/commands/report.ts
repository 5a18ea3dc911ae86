// `vledger report awards|assessment|volunteer|certificate` (SPEC 5, 6). (being built)
import { Command } from 'commander';

export function defineReport(_program: Command): void {}
