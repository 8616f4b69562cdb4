/**
 * A picture in a virtualised grid that waits for the grid to stop scrolling before it is asked
 * for (a grey box of the same size stands in), and once shown stays shown. See useGridWindow.
 * One the hub has none of (a text file, a damaged picture: 404) shows `missing` in its place (until it is asked for anew),
 * not the browser's broken-image sign with the alt text spilling over it.
 */
import { type ImgHTMLAttributes, useEffect, useState } from 'react';

export function SettledImg({
  scrolling,
  missing,
  ...img
}: { scrolling: boolean; missing: string } & ImgHTMLAttributes<HTMLImageElement>) {
  const [shown, setShown] = useState(!scrolling);
  // Kept per address: a reveal or greyscale asks again.
  const [failed, setFailed] = useState<string | undefined>();
  useEffect(() => {
    if (!scrolling) setShown(true);
  }, [scrolling]);
  if (failed !== undefined && failed === img.src) {
    return (
      <span className="img-wait img-none" style={{ width: img.width, height: img.height }}>
        {missing}
      </span>
    );
  }
  if (shown) return <img {...img} alt={img.alt ?? ''} onError={() => setFailed(img.src)} />;
  return <span className="img-wait" style={{ width: img.width, height: img.height }} aria-hidden="true" />;
}
