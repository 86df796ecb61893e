import { UploadOutlined } from '@ant-design/icons';
import { ERROR_MESSAGES, type ErrorCode, type ImportJobView } from '@civicgrid/shared';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Progress, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadPost, getImportJob, startImport } from '../../api/people.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { RevealModal } from '../../components/reveal-modal.tsx';
import { OrgTreeSelect } from './org-tree-select.tsx';

/** The Excel side of the archive for one area: template, import with progress and error report, export. */
export function ImportPanel({ defaultOrg, mayImport }: { defaultOrg?: string; mayImport: boolean }) {
  const { t } = useTranslation();
  const [org, setOrg] = useState<string | undefined>(defaultOrg);
  const [jobId, setJobId] = useState<number | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [askReason, setAskReason] = useState(false);
  const job = useQuery({
    queryKey: ['people', 'import', jobId],
    queryFn: () => getImportJob(jobId!),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data && ['done', 'failed'].includes(q.state.data.state) ? false : 700),
  });

  const upload = async (file: File) => {
    setProblem(null);
    try {
      setJobId((await startImport(org!, file)).id);
    } catch (err) {
      setProblem(err);
    }
  };

  return (
    <Card className="import-panel" title={t('people.import.title')} data-testid="import-panel">
      <Space wrap align="center" style={{ marginBottom: 12 }}>
        <span>{t('people.import.scope')}</span>
        <OrgTreeSelect value={org} onChange={setOrg} testId="import-org" />
        <Button href="/api/people/import/template.xlsx" data-testid="import-template">
          {t('people.import.template')}
        </Button>
        {mayImport ? (
          <Upload
            accept=".xlsx"
            showUploadList={false}
            disabled={!org}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button type="primary" icon={<UploadOutlined />} disabled={!org} data-testid="import-choose">
              {t('people.import.choose')}
            </Button>
          </Upload>
        ) : null}
        <Button
          href={org ? `/api/people/export.xlsx?org=${org}` : undefined}
          disabled={!org}
          data-testid="export-masked"
        >
          {t('people.export.masked')}
        </Button>
        <Button disabled={!org} onClick={() => setAskReason(true)} data-testid="export-clear">
          {t('people.export.clear')}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary">{t('people.import.policy')}</Typography.Paragraph>
      {problem ? <ErrorAlert error={problem} /> : null}
      {job.data ? <JobProgress job={job.data} /> : null}
      {askReason && org ? (
        <RevealModal
          what={t('people.export.clearWhat')}
          onClose={() => setAskReason(false)}
          onReveal={(reason) =>
            downloadPost('/api/people/export.xlsx', { org, reason }, `人员档案-${org}.xlsx`)
          }
        />
      ) : null}
    </Card>
  );
}

function JobProgress({ job }: { job: ImportJobView }) {
  const { t, i18n } = useTranslation();
  const percent = job.totalRows ? Math.round((100 * job.processedRows) / job.totalRows) : 0;
  const status = job.state === 'failed' ? 'exception' : job.state === 'done' ? 'success' : 'active';
  return (
    <div data-testid="import-job" data-state={job.state}>
      <Typography.Text strong>
        {job.fileName} · {t(`people.import.${job.state}`)}
      </Typography.Text>
      <Progress percent={job.state === 'done' ? 100 : percent} status={status} />
      <Typography.Paragraph>
        {t('people.import.progress', { processed: job.processedRows, total: job.totalRows })}；
        {t('people.import.summary', {
          written: job.writtenPersons,
          unchanged: job.unchangedPersons,
          errors: job.errorRows,
        })}
      </Typography.Paragraph>
      {job.failure ? (
        <Alert
          type="error"
          showIcon
          message={
            ERROR_MESSAGES[job.failure as ErrorCode]?.[i18n.language === 'en-US' ? 'en' : 'zh'] ?? job.failure
          }
        />
      ) : null}
      {job.hasReport ? (
        <Button href={`/api/people/imports/${job.id}/report.xlsx`} danger data-testid="import-report">
          {t('people.import.report')}
        </Button>
      ) : null}
    </div>
  );
}
