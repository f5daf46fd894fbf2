// Starts the Plivo simulator and one mmsgate server for the whole run; the returned function (run
// as global teardown) stops both with SIGTERM.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addUser, binaryPath, newAccount, startServer, startSimulator, stopServer, systemInfoVariable, type MmsgateServer } from './mmsgate';
import { stopProcess, type RunningProcess } from './processes';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const binary = binaryPath();
  const simulatorDir = mkdtempSync(path.join(tmpdir(), 'mmsgate-e2e-sim-'));
  let simulator: RunningProcess | undefined;
  let server: MmsgateServer | undefined;
  const stopAll = async () => {
    await stopServer(server);
    await stopProcess(simulator);
    rmSync(simulatorDir, { recursive: true, force: true });
  };
  try {
    simulator = await startSimulator(binary, simulatorDir);
    server = await startServer(binary, simulator.url, 'main');
    // With no account at all the app shows first-run setup instead of the login page; one account
    // makes every spec see the same app whatever order they run in (first-run has its own server).
    await addUser(server.info, newAccount('seed'));
  } catch (error) {
    await stopAll();
    throw error;
  }
  // Workers start after global setup and inherit this.
  process.env[systemInfoVariable] = JSON.stringify(server.info);
  // If the runner is interrupted, do not leave servers behind.
  process.once('exit', () => {
    server?.process.child.kill('SIGKILL');
    simulator?.child.kill('SIGKILL');
  });
  return stopAll;
}
