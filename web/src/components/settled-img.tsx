/**
 * A picture in a virtualised grid that waits for the grid to stop scrolling before it is asked
 * for (a grey box of the same size stands in), and once shown stays shown. See useGridWindow.
 */
import { type ImgHTMLAttributes, useEffect, useState } from 'react';

export function SettledImg({ scrolling, ...img }: { scrolling: boolean } & ImgHTMLAttributes<HTMLImageElement>) {
  const [shown, setShown] = useState(!scrolling);
  useEffect(() => {
    if (!scrolling) setShown(true);
  }, [scrolling]);
  if (shown) return <img {...img} alt={img.alt ?? ''} />;
  return <span className="img-wait" style={{ width: img.width, height: img.height }} aria-hidden="true" />;
}
