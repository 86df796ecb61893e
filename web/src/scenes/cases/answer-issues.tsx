import type { Category } from '@civicgrid/shared';
import { Alert } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../api/case-types.ts';

/** The server's check of an answer (categories/answers.ts) in the UI language: a key and its number. */
const PROBLEMS: [RegExp, string][] = [
  [/^must be a number$/, 'number'],
  [/^must be at least (-?[\d.]+)$/, 'atLeast'],
  [/^must be at most (\d+) characters$/, 'tooLong'],
  [/^must be at most (-?[\d.]+)$/, 'atMost'],
  [/^must be (one|a list) of the options$/, 'option'],
  [/^is not a question of this category$/, 'unknown'],
];

function problemText(problem: string, t: TFunction): string {
  for (const [re, key] of PROBLEMS) {
    const m = re.exec(problem);
    if (m) return t(`open311Fms.problems.${key}`, { n: m[1] });
  }
  return problem;
}

/**
 * Answers an Open311 client (FixMyStreet) sent that failed their datatype: kept as sent, outside the case's
 * answers, for the dispatcher to read and correct. Nothing is shown for other channels.
 */
export function AnswerIssues({ caseData, category }: { caseData: CaseDetail; category?: Category }) {
  const { t, i18n } = useTranslation();
  if (!caseData.answerIssues.length) return null;
  const label = (code: string) => {
    const q = category?.questions.find((x) => x.code === code);
    return q ? (i18n.language === 'en-US' ? q.labelEn : q.labelZh) : code;
  };
  return (
    <Alert
      className="case-answer-issues"
      data-testid="case-answer-issues"
      type="warning"
      showIcon
      message={t('open311Fms.answerIssuesTitle')}
      description={
        <>
          <div>{t('open311Fms.answerIssuesHint')}</div>
          <ul>
            {caseData.answerIssues.map((i) => (
              <li key={i.code}>
                {t('open311Fms.answerIssue', {
                  question: label(i.code),
                  value: i.value,
                  problem: problemText(i.problem, t),
                })}
              </li>
            ))}
          </ul>
        </>
      }
    />
  );
}
