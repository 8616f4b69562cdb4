/**
 * One exhibit: upload files or whole folders, chosen or dropped (dropped-files.ts walks dropped
 * folders; per-file progress, a few at a time), watch their
 * ingest jobs finish, and triage the results (exhibit-triage.tsx) — new and near-duplicate first.
 */
import { useEffect, useRef, useState } from 'react';
import { api, unwrap } from '../api/client';
import { ErrorLine } from '../components/field';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';
import { Link } from '../router';
import { droppedFiles, takeFiles } from '../upload/drop-source';
import type { DroppedFile } from '../upload/dropped-files';
import { sendFile } from '../upload/send-file';
import { UploadProgress } from '../upload/upload-progress';
import { type QueuedFile, uploadAll } from '../upload/upload-queue';
import { ExhibitTriage } from './exhibit-triage';

const POLL_MS = 1000;

export function ExhibitPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const id = Number(params.id);
  // The exhibit and its counts by status; the triage fetches the results themselves a page at a time.
  const detail = useLoad(
    () => unwrap(api.GET('/api/v1/exhibits/{id}', { params: { path: { id }, query: { limit: 1 } } })),
    String(id),
  );
  const [queue, setQueue] = useState<QueuedFile[]>([]);
  const [pendingJobs, setPendingJobs] = useState<number[]>([]);
  const [unreadable, setUnreadable] = useState<string[]>([]);
  const folderInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    folderInput.current?.setAttribute('webkitdirectory', '');
  }, []);

  useEffect(() => {
    if (pendingJobs.length === 0) return;
    const timer = setTimeout(async () => {
      const checked = await Promise.all(
        pendingJobs.slice(0, 20).map(async (jobId) => {
          const job = await unwrap(api.GET('/api/v1/jobs/{id}', { params: { path: { id: jobId } } })).catch(() => null);
          return job && (job.status === 'done' || job.status === 'failed') ? jobId : null;
        }),
      );
      const finished = new Set(checked.filter((j): j is number => j !== null));
      setPendingJobs((jobs) => jobs.filter((j) => !finished.has(j)));
      if (finished.size > 0) await detail.reload();
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [pendingJobs, detail.reload]);

  const upload = async (files: DroppedFile<File>[]) => {
    if (files.length === 0) return;
    const done = await uploadAll(
      files.map((f) => ({ name: f.path, size: f.file.size })),
      (index, onProgress) => {
        const f = files[index] as DroppedFile<File>;
        return sendFile(id, f.file, f.path, onProgress);
      },
      setQueue,
    );
    const jobs = done.flatMap((f) => (f.state.phase === 'stored' ? [f.state.jobId] : []));
    setPendingJobs((current) => [...current, ...jobs]);
  };
  const drop = async (transfer: DataTransfer) => {
    const dropped = await droppedFiles(transfer);
    setUnreadable(dropped.unreadable);
    await upload(dropped.files);
  };

  return (
    <main className="page">
      {detail.data && (
        <p>
          <Link to={`/cases/${detail.data.case.id}`}>{detail.data.case.reference}</Link>
        </p>
      )}
      {/* A label is often a path or a device name: its own direction, not the page's. */}
      <h1 dir="auto">{detail.data?.label ?? ''}</h1>
      <ErrorLine message={detail.error} />
      <section
        className="card drop"
        aria-label={t('exhibit.drop')}
        onDragOver={(e) => e.preventDefault()}
        onDrop={(e) => {
          e.preventDefault();
          void drop(e.dataTransfer);
        }}
      >
        <p>{t('exhibit.drop')}</p>
        <label className="check">
          {t('exhibit.chooseFiles')} <input type="file" multiple onChange={(e) => void upload(takeFiles(e.target))} />
        </label>
        <label className="check">
          {t('exhibit.chooseFolder')}{' '}
          <input ref={folderInput} type="file" multiple onChange={(e) => void upload(takeFiles(e.target))} />
        </label>
        {unreadable.length > 0 && <p className="error">{t('exhibit.unreadable', { list: unreadable.join(', ') })}</p>}
        <UploadProgress queue={queue} pendingJobs={pendingJobs.length} />
      </section>
      {detail.data && <ExhibitTriage key={id} exhibitId={id} counts={detail.data.scanStatus} />}
    </main>
  );
}
