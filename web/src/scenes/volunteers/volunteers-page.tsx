import { Empty, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useMe } from '../../api/queries.ts';
import { PageSpin } from '../../components/page-spin.tsx';
import { ActivitiesTab } from './volunteers-activities.tsx';
import { BoardTab } from './volunteers-board.tsx';
import { GoodsTab } from './volunteers-goods.tsx';
import { PeopleTab } from './volunteers-people.tsx';
import { RulesTab } from './volunteers-rules.tsx';
import { TeamsTab } from './volunteers-teams.tsx';
import './volunteers.css';

const TABS = ['people', 'teams', 'activities', 'goods', 'board', 'rules'] as const;

/** 志愿服务: volunteers, teams, activities (QR and hours), the 爱心超市 and the leaderboard of the caller's area. */
export function VolunteersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  if (me.isPending) return <PageSpin />;
  const scope = (me.data?.grants ?? [])
    .filter(
      (g) => ['community_staff', 'street_staff', 'leader', 'district_admin'].includes(g.role) && g.scopeCode,
    )
    .sort((a, b) => (a.scopeCode?.length ?? 99) - (b.scopeCode?.length ?? 99))[0];
  if (!scope?.scopeCode)
    return (
      <div className="vol-page" data-testid="volunteers-page">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('vol.nav')}
        </Typography.Title>
        <Empty description={t('vol.noScope')} />
      </div>
    );
  const root = { code: scope.scopeCode, name: scope.scopeName ?? scope.scopeCode };
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? params.get('tab')! : 'people';
  return (
    <div className="vol-page" data-testid="volunteers-page">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('vol.nav')}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        items={[
          { key: 'people', label: t('vol.tabs.people'), children: <PeopleTab root={root} /> },
          { key: 'teams', label: t('vol.tabs.teams'), children: <TeamsTab root={root} /> },
          { key: 'activities', label: t('vol.tabs.activities'), children: <ActivitiesTab root={root} /> },
          { key: 'goods', label: t('vol.tabs.goods'), children: <GoodsTab root={root} /> },
          { key: 'board', label: t('vol.tabs.board'), children: <BoardTab root={root} /> },
          {
            key: 'rules',
            label: t('vol.tabs.rules'),
            children: (
              <RulesTab editable={scope.role === 'district_admin' && scope.scopeLevel === 'district'} />
            ),
          },
        ]}
      />
    </div>
  );
}

/** The caller's widest volunteer scope: forms default their area to it. */
export interface Root {
  code: string;
  name: string;
}
