// Starting and stopping the mmsgate binary's long-running commands (`plivo-sim`, `serve`) and
// running its one-shot CLI commands (`user add`). Every process gets a clean environment and runs
// in its own data directory, so nothing of the developer's shell (.env files, DATABASE_URL) leaks in.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import path from 'node:path';

const listeningPattern = /listening on (http:\/\/127\.0\.0\.1:\d+)/;
const startTimeoutMs = 20_000;
const stopTimeoutMs = 5_000;

export type RunningProcess = {
  name: string;
  child: ChildProcess;
  url: string;
  logFile: string;
  // Resolves with the first match of `pattern` in everything the process has written so far or
  // writes within `timeoutMs` (e.g. the setup link `serve` prints after "listening on").
  waitForOutput: (pattern: RegExp, timeoutMs?: number) => Promise<RegExpExecArray>;
};

// The binary under test: $MMSGATE_BINARY (scripts/test sets it), else the repository's build.
export function binaryPath(): string {
  const configured = process.env.MMSGATE_BINARY;
  const binary = configured && configured !== '' ? path.resolve(configured) : path.resolve(__dirname, '../../../build/mmsgate');
  if (!existsSync(binary)) {
    throw new Error(`mmsgate binary not found at ${binary}: build it (make build) or set MMSGATE_BINARY`);
  }
  return binary;
}

// Only what a process needs from the parent: the rest is given explicitly.
export function baseEnvironment(): Record<string, string> {
  const keep = ['PATH', 'HOME', 'LANG', 'TZ', 'TMPDIR'];
  const environment: Record<string, string> = {};
  for (const name of keep) {
    const value = process.env[name];
    if (value !== undefined) environment[name] = value;
  }
  return environment;
}

// Starts a command that logs "listening on http://127.0.0.1:PORT" once it accepts connections, and
// resolves with that URL. Its output goes to logFile (read it when a test fails).
export function startListening(options: {
  name: string;
  binary: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  logFile: string;
}): Promise<RunningProcess> {
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const child = spawn(options.binary, options.args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let everything = '';
  const waiters = new Set<() => void>();
  const waitForOutput = (pattern: RegExp, timeoutMs = startTimeoutMs) =>
    new Promise<RegExpExecArray>((resolveMatch, rejectMatch) => {
      const check = () => {
        const match = pattern.exec(everything);
        if (!match) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolveMatch(match);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        rejectMatch(new Error(`${options.name} did not print ${pattern} within ${timeoutMs} ms. Its output:\n${everything.slice(-4000)}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  return new Promise((resolve, reject) => {
    let seen = '';
    let settled = false;
    const timer = setTimeout(() => fail(`${options.name} did not log "listening on" within ${startTimeoutMs} ms`), startTimeoutMs);
    function fail(reason: string) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${reason}. Its output (${options.logFile}):\n${seen.slice(-4000)}`));
    }
    function onOutput(chunk: Buffer) {
      log.write(chunk);
      everything += chunk.toString('utf8');
      for (const check of [...waiters]) check();
      if (settled) return;
      seen += chunk.toString('utf8');
      const match = listeningPattern.exec(seen);
      if (match?.[1]) {
        settled = true;
        clearTimeout(timer);
        resolve({ name: options.name, child, url: match[1], logFile: options.logFile, waitForOutput });
      }
    }
    // Both streams are drained for the whole life of the process, or it would block on a full pipe.
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    child.on('error', (error) => fail(`${options.name} could not be started: ${error.message}`));
    child.on('exit', (code, signal) => {
      log.end();
      fail(`${options.name} exited early (code ${code}, signal ${signal})`);
    });
  });
}

// SIGTERM, then SIGKILL if it has not exited after a few seconds.
export async function stopProcess(running: RunningProcess | undefined): Promise<void> {
  if (!running) return;
  const { child } = running;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
  await exited;
  clearTimeout(timer);
}

// Runs a one-shot command, feeding `input` on standard input; rejects with its output on failure.
export function runCommand(options: {
  binary: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  input?: string;
}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(options.binary, options.args, { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`mmsgate ${options.args.join(' ')} exited with ${code}: ${output.trim()}`));
    });
    child.stdin.end(options.input ?? '');
  });
}
