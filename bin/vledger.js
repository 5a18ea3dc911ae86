#!/usr/bin/env node
import { main } from '../dist/cli/main.js';

// `vledger list … | head`: a closed pipe ends the output quietly, as other tools do
process.stdout.on('error', (e) => { if (e.code === 'EPIPE') process.exit(0); else throw e; });
main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
