// The fictional region and its offices for a requested number of offices: 示例市 with its government, its office,
// city departments, then districts/counties each with a government, towns and (when big enough) an office and
// departments. Scales from one office to hundreds of thousands by adding generated districts and towns.
import type { OFFICE_LEVELS, OFFICE_TYPES } from '../model/fields.ts';
import { CITY, CITY_DEPARTMENTS, DISTRICT_DEPARTMENTS, GOVERNMENT_ACTIVITY, TOWN_SELF, districtAt, townAt, type Activity, type DistrictDef } from './names.ts';
import { Rng } from './random.ts';

export type Role = 'city-gov' | 'city-office' | 'city-dept' | 'district-gov' | 'district-office' | 'district-dept' | 'town';

export interface DemoRegion {
  id: string;
  name: string;
  parent?: string;
}

export interface DemoOffice {
  /** 1-based position in the plan: the office part of its 索引号. */
  ordinal: number;
  id: string;
  name: string;
  shortName: string;
  region: string;
  parent?: string;
  level: (typeof OFFICE_LEVELS)[number];
  type: (typeof OFFICE_TYPES)[number];
  role: Role;
  /** How the report refers to the office (我局, 市政府 …). */
  self: string;
  /** Whose deployments the office follows (市委、市政府 …). */
  upper: string;
  /** The tier of people's congress and CPPCC whose proposals it handles (市, 区, 县), if any. */
  congress?: string;
  focus: string;
  areas: readonly string[];
  activity: Activity;
  contact: { phone: string; address: string; postcode: string; email: string };
}

export interface DemoPlan {
  regions: DemoRegion[];
  offices: DemoOffice[];
}

const STREETS = ['人民路', '建设路', '解放路', '文化路', '新华路', '府前路', '和平路', '民主路', '滨江路', '迎宾大道'];

const GOV_AREAS = {
  city: ['重大决策预公开', '财政预决算', '重大建设项目', '公共资源配置', '社会公益事业', '优化营商环境'],
  office: ['政府常务会议', '政府文件', '政策解读', '人事任免', '建议提案办理'],
  district: ['重大行政决策', '财政预决算', '征地拆迁', '教育医疗', '就业社保', '乡村振兴'],
  town: ['惠农补贴', '村务公开', '低保救助', '乡村振兴项目', '人居环境整治', '征地补偿'],
  // 街道 are urban: communities, not villages.
  street: ['社区服务', '居民救助', '老旧小区改造', '城市管理', '养老服务', '就业帮扶'],
};

/** How many city departments, districts and offices per district a plan of n offices gets. */
export function planSizes(n: number): { cityDepartments: number; districts: number[] } {
  const rest = Math.max(0, n - 2);
  // Departments first (about 45 % of a small demo, at most the named list); the rest goes to districts of
  // 4 offices (government + 3 towns) growing to 20 (government, office, 6 departments, 12 towns) as n grows.
  const cityDepartments = Math.min(CITY_DEPARTMENTS.length, Math.ceil(rest * 0.45));
  const left = rest - cityDepartments;
  const districts: number[] = [];
  if (left > 0) {
    const per = Math.min(20, Math.max(4, Math.ceil(left / 6)));
    for (let done = 0; done < left; done += per) districts.push(Math.min(per, left - done));
  }
  return { cityDepartments, districts };
}

/** The plan for `n` offices; deterministic in (seed, n, prefix). */
export function planDemo(n: number, prefix: string, seed: number): DemoPlan {
  if (!Number.isInteger(n) || n < 1) throw new Error(`offices must be a positive integer, got ${n}`);
  const rng = new Rng(seed).fork('structure');
  const cityId = `${prefix}${CITY.slug}`;
  const regions: DemoRegion[] = [{ id: cityId, name: CITY.name }];
  const offices: DemoOffice[] = [];
  const add = (o: Omit<DemoOffice, 'ordinal' | 'contact'>, regionName: string) => {
    const r = rng.fork('contact', o.id);
    offices.push({
      ...o,
      ordinal: offices.length + 1,
      contact: {
        phone: `0000-${String(r.int(2000000, 8999999))}`,
        address: `${regionName}${r.pick(STREETS)}${r.int(1, 300)}号`,
        postcode: `000${String(r.int(100, 999))}`,
        email: `${o.id}@example.org`,
      },
    });
  };
  const cityGov = `${cityId}-gov`;
  add(
    { id: cityGov, name: `${CITY.name}人民政府`, shortName: '市政府', region: cityId, level: '地市级', type: '人民政府', role: 'city-gov', self: '市政府', upper: '省委、省政府', congress: '市', focus: rng.pick(['推动高质量发展', '优化营商环境', '保障和改善民生']), areas: GOV_AREAS.city, activity: GOVERNMENT_ACTIVITY.city },
    CITY.name,
  );
  if (n === 1) return { regions, offices };
  add(
    { id: `${cityGov}-office`, name: `${CITY.name}人民政府办公室`, shortName: '市政府办', region: cityId, parent: cityGov, level: '地市级', type: '政府办公室', role: 'city-office', self: '我办', upper: '市委、市政府', congress: '市', focus: '政务运转和政策落实', areas: GOV_AREAS.office, activity: GOVERNMENT_ACTIVITY.cityOffice },
    CITY.name,
  );
  const sizes = planSizes(n);
  for (const dep of CITY_DEPARTMENTS.slice(0, sizes.cityDepartments)) {
    add(
      { id: `${cityId}-${dep.slug}`, name: `${CITY.name}${dep.name}`, shortName: `市${dep.name}`, region: cityId, parent: cityGov, level: '地市级', type: dep.type ?? '政府部门', role: 'city-dept', self: dep.self, upper: '市委、市政府', congress: '市', focus: dep.focus, areas: dep.areas, activity: dep.activity },
      CITY.name,
    );
  }
  sizes.districts.forEach((size, d) => addDistrict(districtAt(d), d, size));
  return { regions, offices };

  function addDistrict(dist: DistrictDef, d: number, size: number): void {
    const regionId = `${prefix}${dist.slug}`;
    const regionName = `${CITY.name}${dist.name}`;
    regions.push({ id: regionId, name: regionName, parent: cityId });
    const gov = `${regionId}-gov`;
    const k = dist.kind;
    add(
      { id: gov, name: `${regionName}人民政府`, shortName: `${dist.name}政府`, region: regionId, parent: cityGov, level: '县级', type: '人民政府', role: 'district-gov', self: `${k}政府`, upper: '市委、市政府', congress: k, focus: rng.fork('focus', d).pick(['高质量发展', '城乡融合发展', '民生实事项目', '基层治理现代化']), areas: GOV_AREAS.district, activity: GOVERNMENT_ACTIVITY.district },
      regionName,
    );
    const full = size >= 8;
    const departments = full ? Math.min(DISTRICT_DEPARTMENTS.length, Math.floor((size - 2) * 0.35)) : 0;
    if (full) {
      add(
        { id: `${gov}-office`, name: `${regionName}人民政府办公室`, shortName: `${dist.name}政府办`, region: regionId, parent: gov, level: '县级', type: '政府办公室', role: 'district-office', self: '我办', upper: `${k}委、${k}政府`, congress: k, focus: '政务运转和督查落实', areas: GOV_AREAS.office, activity: GOVERNMENT_ACTIVITY.districtOffice },
        regionName,
      );
    }
    for (const dep of DISTRICT_DEPARTMENTS.slice(0, departments)) {
      add(
        { id: `${regionId}-${dep.slug}`, name: `${regionName}${dep.name}`, shortName: `${dist.name}${dep.name}`, region: regionId, parent: gov, level: '县级', type: dep.type ?? '政府部门', role: 'district-dept', self: dep.self, upper: `${k}委、${k}政府`, congress: k, focus: dep.focus, areas: dep.areas, activity: dep.activity },
        regionName,
      );
    }
    const towns = size - 1 - (full ? 1 : 0) - departments;
    for (let t = 0; t < towns; t++) {
      const town = townAt(dist, d, t, towns);
      const short = `${town.name}${town.kind}`;
      const name = town.kind === '街道' ? `${regionName}${short}办事处` : `${regionName}${short}人民政府`;
      add(
        { id: `${regionId}-${town.slug}`, name, shortName: short, region: regionId, parent: gov, level: '乡级', type: '乡镇街道', role: 'town', self: TOWN_SELF[town.kind], upper: `${k}委、${k}政府`, focus: rng.fork('town-focus', d, t).pick(town.kind === '街道' ? ['基层治理', '民生保障', '社区服务'] : ['乡村振兴', '基层治理', '民生保障', '人居环境整治']), areas: town.kind === '街道' ? GOV_AREAS.street : GOV_AREAS.town, activity: GOVERNMENT_ACTIVITY.town },
        `${regionName}${short}`,
      );
    }
  }
}
