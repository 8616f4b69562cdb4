/**
 * The walk's private temp area: one folder (mode 0700) holding copies of archive entries under
 * counter names, never under names read from an archive. A copy lives until its file is
 * released; the folder goes when the walk has ended and every file handed out is released. The
 * folder's name carries the process id, so the next area made in the same parent removes the
 * areas of processes that no longer run (a scan killed with SIGKILL leaves its copies behind).
 */
import { mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIX = 'vigil-source-';
/** An area's name: the prefix, the pid of the process that made it, then mkdtemp's random part. */
const AREA_NAME = new RegExp(`^${PREFIX}(\\d+)-`);

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, as another user.
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** Removes the areas in `parent` left by processes that are gone; never one of a live process. */
async function sweepStale(parent: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(parent);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(AREA_NAME.exec(name)?.[1] ?? Number.NaN);
    if (Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && !running(pid))
      await rm(join(parent, name), { recursive: true, force: true });
  }
}

export class TempArea {
  private counter = 0;
  private live = 0;
  private ended = false;
  private removed = false;

  private constructor(readonly dir: string) {}

  static async create(parent = tmpdir()): Promise<TempArea> {
    await sweepStale(parent);
    return new TempArea(await mkdtemp(join(parent, `${PREFIX}${process.pid}-`)));
  }

  /** A fresh path inside the area; nothing is created. */
  newPath(): string {
    this.counter++;
    return join(this.dir, `e${this.counter.toString(36).padStart(6, '0')}`);
  }

  /** A link in the area to a path a string cannot name (non-UTF-8 bytes). */
  async linkTo(target: Buffer): Promise<string> {
    const p = this.newPath();
    await symlink(target, p);
    return p;
  }

  /**
   * Holds `path` for `refs` holders (the consumer, and the walk while it reads an archive copy);
   * each calls its returned function once, and the last one deletes the file.
   */
  hold(path: string, refs: number): Array<() => Promise<void>> {
    this.live++;
    let left = refs;
    return Array.from({ length: refs }, () => {
      let done = false;
      return async () => {
        if (done) return;
        done = true;
        if (--left > 0) return;
        this.live--;
        await rm(path, { force: true });
        await this.removeIfIdle();
      };
    });
  }

  async remove(path: string): Promise<void> {
    await rm(path, { force: true, recursive: true });
  }

  /** The walk has ended: remove the area now, or when the last held file is released. */
  async end(): Promise<void> {
    this.ended = true;
    await this.removeIfIdle();
  }

  private async removeIfIdle(): Promise<void> {
    if (!this.ended || this.live > 0 || this.removed) return;
    this.removed = true;
    await rm(this.dir, { recursive: true, force: true });
  }
}
