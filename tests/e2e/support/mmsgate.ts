// The system under test: the Plivo simulator and an mmsgate server that sends to it, each a real
// process of the mmsgate binary. Global setup starts one pair for the whole run; the first-run spec
// starts a second, empty server of its own.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { baseEnvironment, binaryPath, runCommand, startListening, stopProcess, type RunningProcess } from './processes';

// Plivo auth ids are MA or SA and 18 upper-case letters or digits; the server refuses any other.
export const plivoAuthId = 'MAE2ETESTACCOUNT0001';
export const plivoAuthToken = 'e2e-token';
export const senderNumber = '+14155550100';

// What a worker needs to reach the servers global setup started (passed in one env variable).
export type SystemInfo = {
  binary: string;
  origin: string;
  simulatorUrl: string;
  dataDir: string;
  serverEnv: Record<string, string>;
};

export const systemInfoVariable = 'MMSGATE_E2E_SYSTEM';

export function readSystemInfo(): SystemInfo {
  const raw = process.env[systemInfoVariable];
  if (!raw) throw new Error(`${systemInfoVariable} is not set: run the suite with \`npx playwright test\` (global setup starts the servers)`);
  return JSON.parse(raw) as SystemInfo;
}

export function logDirectory(): string {
  const directory = path.resolve(__dirname, '..', 'logs');
  mkdirSync(directory, { recursive: true });
  return directory;
}

export async function startSimulator(binary: string, workDir: string): Promise<RunningProcess> {
  return startListening({
    name: 'plivo-sim',
    binary,
    args: ['plivo-sim', '--listen', '127.0.0.1:0', '--auth-id', plivoAuthId, '--auth-token', plivoAuthToken, '--callback-retry-ms', '300', '1000', '3000'],
    env: baseEnvironment(),
    cwd: workDir,
    logFile: path.join(logDirectory(), 'plivo-sim.log'),
  });
}

export type MmsgateServer = { process: RunningProcess; info: SystemInfo };

// A server on a free loopback port with an empty SQLite database in a fresh directory. NEXTAUTH_URL
// stays unset, so the server's origin is the address it listens on.
// `sandbox`: no Plivo credentials, so the server runs its own built-in simulator (sandbox mode).
// `env`: extra settings for this server (quiet-hours.spec.ts: quiet hours and the test clock).
export async function startServer(
  binary: string,
  simulatorUrl: string,
  label: string,
  options: { sandbox?: boolean; env?: Record<string, string> } = {},
): Promise<MmsgateServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `mmsgate-e2e-${label}-`));
  const plivo: Record<string, string> = options.sandbox
    ? {}
    : {
        PLIVO_AUTH_ID: plivoAuthId,
        PLIVO_AUTH_TOKEN: plivoAuthToken,
        PLIVO_SENDER_NUMBER: senderNumber,
        PLIVO_API_URL: simulatorUrl,
      };
  const serverEnv: Record<string, string> = {
    ...baseEnvironment(),
    NEXTAUTH_SECRET: randomBytes(30).toString('base64'), // 40 characters
    MMSGATE_LISTEN: '127.0.0.1:0',
    MMSGATE_DATA_DIR: dataDir,
    MMSGATE_BCRYPT_COST: '4',
    ...plivo,
    // Pictures of incoming MMS are served by the simulator on loopback over http.
    MMSGATE_INBOUND_MEDIA_HOSTS: '127.0.0.1',
    MMSGATE_INBOUND_MEDIA_TEST_LOOPBACK: '1',
    ...options.env,
  };
  const running = await startListening({
    name: `mmsgate serve (${label})`,
    binary,
    args: ['serve'],
    env: serverEnv,
    // The server reads .env files from its working directory: give it one without any.
    cwd: dataDir,
    logFile: path.join(logDirectory(), `mmsgate-${label}.log`),
  }).catch((error: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  return { process: running, info: { binary, origin: running.url, simulatorUrl, dataDir, serverEnv } };
}

// The first-run link `serve` prints while no account exists: /setup?token=… on the server's origin.
export async function setupLink(server: MmsgateServer): Promise<string> {
  const match = await server.process.waitForOutput(/open (http:\/\/\S+\/setup\?token=[0-9a-f]+)/);
  return match[1] ?? '';
}

export async function stopServer(server: MmsgateServer | undefined): Promise<void> {
  if (!server) return;
  await stopProcess(server.process);
  rmSync(server.info.dataDir, { recursive: true, force: true });
}

export type Account = { name: string; email: string; password: string };

let accountCounter = 0;

// A fresh account per test keeps each test's history to itself.
export function newAccount(tag: string): Account {
  accountCounter += 1;
  const unique = `${Date.now().toString(36)}${accountCounter}${randomBytes(2).toString('hex')}`;
  return { name: `E2E ${tag}`, email: `e2e-${tag}-${unique}@example.com`.toLowerCase(), password: `pw-${randomBytes(9).toString('base64url')}` };
}

// `mmsgate user add --password-stdin` against the server's database.
export async function addUser(info: SystemInfo, account: Account, options: { admin?: boolean } = {}): Promise<void> {
  await runCommand({
    binary: info.binary,
    args: ['user', 'add', '--email', account.email, '--name', account.name, '--password-stdin', ...(options.admin ? ['--admin'] : [])],
    env: info.serverEnv,
    cwd: info.dataDir,
    input: `${account.password}\n`,
  });
}

export { binaryPath };

// Puts a message in state `unknown` directly in the server's SQLite database: the state a message
// reaches only after an hour of unanswered attempts, needed to show the deliberate resend.
export function markMessageUnknown(info: SystemInfo, messageId: string): void {
  const database = path.join(info.dataDir, 'mmsgate.db');
  const quoted = messageId.replace(/'/g, "''");
  execFileSync('sqlite3', ['-cmd', '.timeout 5000', database, `UPDATE mmsgate_message SET state = 'unknown' WHERE id = '${quoted}';`]);
}

// `mmsgate user disable`: the account's sessions stop working at once.
export async function disableUser(info: SystemInfo, account: Account): Promise<void> {
  await runCommand({ binary: info.binary, args: ['user', 'disable', '--email', account.email], env: info.serverEnv, cwd: info.dataDir, input: '' });
}

// `mmsgate user role`: admin, sender or viewer; the account's sessions end.
export async function setUserRole(info: SystemInfo, account: Account, role: 'admin' | 'sender' | 'viewer'): Promise<void> {
  await runCommand({ binary: info.binary, args: ['user', 'role', '--email', account.email, '--role', role], env: info.serverEnv, cwd: info.dataDir, input: '' });
}
