// expect: code/command-injection
import { execSync } from 'node:child_process';

const target = process.argv[2];
const output = execSync('du -sh ' + target).toString();
process.stdout.write(output);
