import type { SignatureReport } from '../../../main/contract/api';
import { describeTimestamp, VERDICT_SENTENCE } from '../shared/format';
import { CanonicalView } from './CanonicalView';
import { CopyButton } from '../shared/CopyButton';
import { VerdictBadge } from './VerdictBadge';

export function SignaturePanel({ report }: { report: SignatureReport }) {
  const matched = report.styles.find((s) => s.style === report.style) ?? report.styles.find((s) => s.matched);
  const ts = report.timestamp;
  return (
    <section className="signature-panel" aria-label="Signature">
      <h3>
        Signature <VerdictBadge verdict={report.verdict} />
      </h3>
      <p>{VERDICT_SENTENCE[report.verdict]}</p>
      <p data-testid="matched-style">
        {matched ? (
          <>
            Matched style: <strong>{matched.label}</strong>
          </>
        ) : report.styles.length > 0 ? (
          'No signing style matched.'
        ) : (
          'No signing style was tried.'
        )}
      </p>
      <p>
        Received signature:{' '}
        {report.received ? (
          <>
            <code data-testid="received-signature">{report.received}</code> <CopyButton text={report.received} what="received signature" />
          </>
        ) : (
          <span className="muted">none</span>
        )}
      </p>
      {report.styles.length > 0 && (
        <table className="styles-table" aria-label="Expected signature per style">
          <thead>
            <tr>
              <th scope="col">Style</th>
              <th scope="col">Expected</th>
              <th scope="col">Match</th>
            </tr>
          </thead>
          <tbody>
            {report.styles.map((s) => (
              <tr key={s.style} className={s.matched ? 'matched' : undefined}>
                <td>{s.label}</td>
                <td>
                  {/* A valid call lacks a digest only when its key changed since (see the diagnosis). */}
                  <code>{s.expected ?? (report.verdict === 'valid' ? '(not computed)' : '(no key)')}</code>
                </td>
                <td aria-label={s.matched ? 'matches' : 'does not match'}>{s.matched ? '✓' : '✗'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.diagnosis.length > 0 && (
        <ul className="diagnosis" aria-label="Diagnosis">
          {report.diagnosis.map((d) => (
            <li key={d.code} data-code={d.code}>
              <strong>{d.message}</strong>
              <div className="hint">{d.hint}</div>
            </li>
          ))}
        </ul>
      )}
      <p className={`timestamp ts-${ts.flag}`} data-testid="timestamp-age">
        Timestamp: {describeTimestamp(ts)}
      </p>
      {report.styles.length > 0 && (
        <CanonicalView key={report.styles.map((s) => s.style).join()} styles={report.styles} matchedStyle={report.style} />
      )}
    </section>
  );
}
