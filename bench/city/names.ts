import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/** Seeded, deterministic draws for the synthetic city (same seed → same city, byte for byte). */
export class Draw {
  private rng: RandomGenerator;
  constructor(seed: number) {
    this.rng = xoroshiro128plus(seed);
  }
  int(min: number, max: number): number {
    return uniformInt(this.rng, min, max);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(0, xs.length - 1)];
  }
  chance(pct: number): boolean {
    return this.int(0, 9999) < pct * 100;
  }
}

// The hundred most common surnames cover ~85% of people; weights are ignored on purpose
// (a flatter spread makes name searches harder, not easier).
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const GIVEN = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国红梅玉兰志强文华海燕晓东春花德福永丽金凤淑珍子涵浩然宇轩欣怡梓萱俊杰雨泽思远嘉怡一诺'];

export function personName(d: Draw): string {
  const given = d.int(0, 9) < 3 ? d.pick(GIVEN) : d.pick(GIVEN) + d.pick(GIVEN);
  return d.pick(SURNAMES) + given;
}

export const ETHNICITIES = ['汉族', '汉族', '汉族', '汉族', '汉族', '汉族', '汉族', '汉族', '土家族', '苗族', '回族', '满族', '壮族', '瑶族'];

const ESTATE_WORDS = [...'阳光幸福和谐锦绣金色华府滨江凤凰翠竹桂花香樟温泉温馨雅苑书香龙泉东方'];
export function estateName(d: Draw, i: number): string {
  return `${d.pick(ESTATE_WORDS)}${d.pick(ESTATE_WORDS)}${['小区', '花园', '苑', '家园', '新城'][i % 5]}${i}`;
}
