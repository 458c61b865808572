import { execSync } from 'node:child_process';

const depth = parseInt(process.argv[2], 10);
const output = execSync('du -sh --max-depth=' + depth + ' .').toString();
process.stdout.write(output);
