/**
 * The server's data directory: created if missing, checked writable, and claimed for one server at
 * a time with a lock file holding the owner's process id (a lock left by a process that is gone is
 * taken over). Errors carry the message the command prints.
 */
import { accessSync, constants, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const LOCK_FILE = "do-dynamodb.pid";

export class DataDirError extends Error {}

/** Makes dir usable and locks it; returns its absolute path and a function that unlocks it. */
export function claimDataDir(dir: string): { path: string; unlock(): void } {
  const path = resolve(dir);
  try {
    mkdirSync(path, { recursive: true });
    if (!statSync(path).isDirectory()) throw new Error("not a directory");
    accessSync(path, constants.R_OK | constants.W_OK);
  } catch (err) {
    throw new DataDirError(`the data directory ${path} is not usable: ${(err as Error).message}`);
  }
  const lock = join(path, LOCK_FILE);
  const owner = lockOwner(lock);
  if (owner !== null && owner !== process.pid && isAlive(owner))
    throw new DataDirError(`the data directory ${path} is in use by another do-dynamodb server (process ${owner})`);
  writeFileSync(lock, String(process.pid));
  // SQLite (node-sqlite3-wasm) locks a file with a directory beside it; one left by a server that
  // died mid-transaction would refuse every request. This server is now the directory's only user.
  for (const name of readdirSync(path)) if (name.endsWith(".sqlite.lock")) rmSync(join(path, name), { recursive: true, force: true });
  return { path, unlock: () => rmSync(lock, { force: true }) };
}

function lockOwner(lock: string): number | null {
  try {
    const pid = Number(readFileSync(lock, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
