/**
 * The unit directory's defaults: the city departments that the seeded indicator table names as
 * responsible (市直部门). The codes were chosen by this project (the plan prints no codes), so every
 * entry is marked `seed_default`; admins rename, add or deactivate units in the directory.
 * Migration 0005 inserts exactly these rows (a test keeps the two equal).
 */
export const DEFAULT_UNITS: readonly { code: string; name: string }[] = [
  { code: 'ndrc', name: '市发展改革委' },
  { code: 'stats', name: '市统计局' },
  { code: 'nbs_survey', name: '国家统计局赣州调查队' },
  { code: 'agri', name: '市农业农村局' },
  { code: 'natres', name: '市自然资源局' },
  { code: 'ecoenv', name: '市生态环境局' },
  { code: 'forestry', name: '市林业局' },
  { code: 'commerce', name: '市商务局' },
  { code: 'education', name: '市教育局' },
  { code: 'health', name: '市卫生健康委' },
  { code: 'hrss', name: '市人力资源社会保障局' },
  { code: 'civil_affairs', name: '市民政局' },
  { code: 'disabled', name: '市残联' },
  { code: 'publicity', name: '市委宣传部' },
];
