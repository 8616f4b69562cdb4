/**
 * Naming agencies: one checkbox per agency offered (a hash set's named readers, a note's
 * readers). The caller decides which agencies to offer; the server still checks each one.
 */
import { useI18n } from '../i18n/i18n';

export interface AgencyChoice {
  id: number;
  name: string;
  countryCode: string;
}

export function AgencyPicker({
  legend,
  agencies,
  chosen,
  onChange,
}: {
  legend: string;
  agencies: readonly AgencyChoice[];
  chosen: readonly number[];
  onChange(chosen: number[]): void;
}) {
  const { t } = useI18n();
  const toggle = (id: number, on: boolean) =>
    onChange(on ? [...chosen.filter((x) => x !== id), id] : chosen.filter((x) => x !== id));
  return (
    <fieldset className="agency-picker">
      <legend>{legend}</legend>
      {agencies.length === 0 && <p className="muted">{t('agencies.noneToName')}</p>}
      {agencies.map((a) => (
        <label key={a.id} className="check">
          <input type="checkbox" checked={chosen.includes(a.id)} onChange={(e) => toggle(a.id, e.target.checked)} />{' '}
          {a.name} ({a.countryCode})
        </label>
      ))}
    </fieldset>
  );
}
