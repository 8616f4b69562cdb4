/**
 * A video under review: its stills as a strip (blurred by the server), and — only when the
 * reviewer asks — the video itself, muted, blurred until revealed and greyed with the picture's
 * toggle. Playing fetches the original through the audited content route (a view of the content,
 * counted in the top bar), so nothing is fetched before the reviewer presses play. A still starts
 * the video at its moment.
 */
import { useEffect, useRef, useState } from 'react';
import { thumbUrl } from '../api/media-urls';
import { announceReveal } from '../components/exposure-counter';
import { useI18n } from '../i18n/i18n';

export interface VideoStill {
  index: number;
  timestamp: number;
}

export function MediaVideo(props: {
  id: number;
  stills: readonly VideoStill[];
  /** Whether this agency may fetch the original (only then can it be played). */
  playable: boolean;
  revealed: boolean;
  grey: boolean;
}) {
  const { t } = useI18n();
  const [playing, setPlaying] = useState(false);
  const [startAt, setStartAt] = useState(0);
  const video = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    void props.id;
    setPlaying(false);
    setStartAt(0);
  }, [props.id]);

  useEffect(() => {
    const el = video.current;
    if (el && playing) el.currentTime = startAt;
  }, [playing, startAt]);

  const play = (at: number) => {
    setStartAt(at);
    if (!playing) announceReveal();
    setPlaying(true);
  };
  const filter = [props.revealed ? '' : 'blur(24px)', props.grey ? 'grayscale(1)' : ''].join(' ').trim();
  return (
    <div className="video-review">
      {playing ? (
        <video
          ref={video}
          src={`/api/v1/media/${props.id}/content`}
          controls
          muted
          autoPlay
          playsInline
          preload="auto"
          data-testid="viewer-video"
          style={{ filter: filter || 'none' }}
          onLoadedMetadata={(e) => {
            e.currentTarget.currentTime = startAt;
          }}
        />
      ) : (
        props.playable && (
          <button type="button" onClick={() => play(0)}>
            {t('media.playVideo')}
          </button>
        )
      )}
      {props.stills.length > 0 && (
        <section className="stills" aria-label={t('media.stills')}>
          {props.stills.map((s) => (
            <button
              type="button"
              key={s.index}
              className="still"
              disabled={!props.playable}
              title={t('media.playFrom', { seconds: Math.round(s.timestamp) })}
              onClick={() => play(s.timestamp)}
            >
              <img src={thumbUrl(props.id, { still: s.index, greyscale: props.grey })} alt={`${s.timestamp} s`} />
            </button>
          ))}
        </section>
      )}
    </div>
  );
}
