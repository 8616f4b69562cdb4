/**
 * One exhibit: upload files or whole folders, chosen or dropped (dropped-files.ts walks dropped
 * folders; per-file progress, a few at a time), watch their
 * ingest jobs finish, and triage the results — new and near-duplicate first, filter by status.
 */
import { useEffect, useRef, useState } from 'react';
import { api, unwrap } from '../api/client';
import { ErrorLine } from '../components/field';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';
import { Link } from '../router';
import { chosenFiles, droppedFiles } from '../upload/drop-source';
import type { DroppedFile } from '../upload/dropped-files';
import { sendFile } from '../upload/send-file';
import { UploadProgress } from '../upload/upload-progress';
import { type QueuedFile, uploadAll } from '../upload/upload-queue';
import { loadExhibit, STATUS_ORDER } from './exhibit-results';
import { saveReviewOrder } from './review-order';
import { filterChoices, matchesFilter, NO_FILTER, type TriageFilter } from './triage-filter';

/** The media of the listed rows, once each, in the order shown: what ← → step through on a media page. */
function reviewIds(rows: readonly { mediaId: number | null }[]): number[] {
  return [...new Set(rows.flatMap((r) => (r.mediaId === null ? [] : [r.mediaId])))];
}

const POLL_MS = 1000;

export function ExhibitPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const id = Number(params.id);
  const detail = useLoad(() => loadExhibit(id), String(id));
  const [queue, setQueue] = useState<QueuedFile[]>([]);
  const [pendingJobs, setPendingJobs] = useState<number[]>([]);
  const [unreadable, setUnreadable] = useState<string[]>([]);
  const [filter, setFilter] = useState<TriageFilter>(NO_FILTER);
  const narrow = (change: Partial<TriageFilter>) => setFilter((f) => ({ ...f, ...change }));
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

  const results = [...(detail.data?.allResults ?? [])]
    .filter((r) => matchesFilter(r, filter))
    .sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || a.path.localeCompare(b.path));
  const counts = detail.data?.scanStatus ?? {};
  const choices = filterChoices(detail.data?.allResults ?? []);

  return (
    <main className="page">
      {detail.data && (
        <p>
          <Link to={`/cases/${detail.data.case.id}`}>{detail.data.case.reference}</Link>
        </p>
      )}
      <h1>{detail.data?.label ?? ''}</h1>
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
          {t('exhibit.chooseFiles')}{' '}
          <input type="file" multiple onChange={(e) => void upload(chosenFiles(e.target.files))} />
        </label>
        <label className="check">
          {t('exhibit.chooseFolder')}{' '}
          <input ref={folderInput} type="file" multiple onChange={(e) => void upload(chosenFiles(e.target.files))} />
        </label>
        {unreadable.length > 0 && <p className="error">{t('exhibit.unreadable', { list: unreadable.join(', ') })}</p>}
        <UploadProgress queue={queue} pendingJobs={pendingJobs.length} />
      </section>
      <section className="card">
        <h2>{t('exhibit.triage')}</h2>
        <p>
          <Link to={`/exhibits/${id}/review`}>{t('grid.open')}</Link>
        </p>
        <fieldset className="filters">
          <legend className="visually-hidden">{t('exhibit.filter')}</legend>
          {['all', ...STATUS_ORDER].map((s) => (
            <button
              key={s}
              type="button"
              className={filter.status === s ? '' : 'secondary'}
              aria-pressed={filter.status === s}
              onClick={() => narrow({ status: s })}
            >
              {t(`status.${s}` as 'status.all')} {s === 'all' ? '' : `(${counts[s] ?? 0})`}
            </button>
          ))}
        </fieldset>
        <fieldset className="filters inline-form" data-testid="triage-filters">
          <legend className="visually-hidden">{t('exhibit.narrow')}</legend>
          <label>
            {t('media.category')}{' '}
            <select value={filter.category} onChange={(e) => narrow({ category: e.target.value })}>
              <option value="">{t('exhibit.any')}</option>
              <option value="none">{t('media.categoryNone')}</option>
              {choices.categories.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.code} — {c.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('exhibit.camera')}{' '}
            <select value={filter.camera} onChange={(e) => narrow({ camera: e.target.value })}>
              <option value="">{t('exhibit.any')}</option>
              {choices.cameras.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('exhibit.takenFrom')}{' '}
            <input type="date" value={filter.from} onChange={(e) => narrow({ from: e.target.value })} />
          </label>
          <label>
            {t('exhibit.takenTo')}{' '}
            <input type="date" value={filter.to} onChange={(e) => narrow({ to: e.target.value })} />
          </label>
          <label>
            {t('exhibit.gps')}{' '}
            <select value={filter.gps} onChange={(e) => narrow({ gps: e.target.value as TriageFilter['gps'] })}>
              <option value="any">{t('exhibit.any')}</option>
              <option value="with">{t('exhibit.gpsWith')}</option>
              <option value="without">{t('exhibit.gpsWithout')}</option>
            </select>
          </label>
          <span data-testid="triage-shown">{t('exhibit.shown', { n: results.length })}</span>
        </fieldset>
        <table className="results" data-testid="triage">
          <thead>
            <tr>
              <th>{t('exhibit.path')}</th>
              <th>{t('lookup.result')}</th>
              <th>{t('exhibit.reasons')}</th>
            </tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr key={r.id} data-status={r.status}>
                <td>
                  {r.mediaId === null ? (
                    <code>{r.path}</code>
                  ) : (
                    <Link
                      to={`/media/${r.mediaId}`}
                      onClick={() => saveReviewOrder({ exhibitId: id, ids: reviewIds(results) })}
                    >
                      <code>{r.path}</code>
                    </Link>
                  )}
                </td>
                <td>
                  <span className={`badge status-${r.status}`}>{t(`status.${r.status}` as 'status.all')}</span>
                </td>
                <td>{r.reasons.join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}
