/**
 * A merchant's 《市容环境卫生责任牌》: what is printed on it (name, code, responsibility area, the 门前三包
 * duties, the segment's chiefs and the supervising hotline, a QR to its /m/{code} page) and its fingerprint.
 */
import { CHIEF_LEVEL_LABEL } from './labels';
import { MERCHANT_DUTIES } from './rating-grid';
import { cleanBoardText } from './signboard';

/** Chiefs printed on a 责任牌 at most (总路长 first): the board is a third of a road board's size. */
export const MERCHANT_BOARD_CHIEFS = 3;

export interface MerchantBoardInput {
  districtName: string;
  merchantCode: string;
  merchantName: string;
  address: string;
  segmentCode: string;
  segmentName: string;
  streetName: string;
  chiefs: { level: keyof typeof CHIEF_LEVEL_LABEL; name: string; phone: string | null }[];
  hotline: string;
  qrUrl: string;
  primaryColor: string;
  agreementSignedOn: string | null;
}

export interface MerchantBoardContent {
  title: string;
  districtName: string;
  merchantCode: string;
  merchantName: string;
  /** 责任区域: the pavement in front of the shop, on its segment. */
  area: string;
  duties: { title: string; text: string }[];
  chiefs: { levelLabel: string; name: string; phone: string }[];
  hotline: string;
  qrUrl: string;
  qrCaption: string;
  primaryColor: string;
  signedOn: string | null;
}

const HEX = /^#[0-9a-fA-F]{6}$/;

export function buildMerchantBoardContent(input: MerchantBoardInput): MerchantBoardContent {
  const address = cleanBoardText(input.address);
  return {
    title: '市容环境卫生责任牌',
    districtName: cleanBoardText(input.districtName),
    merchantCode: input.merchantCode,
    merchantName: cleanBoardText(input.merchantName),
    area: `${address}门前至路沿石（${cleanBoardText(input.segmentName)}，${cleanBoardText(input.streetName)}）`,
    duties: MERCHANT_DUTIES.map((d) => ({ title: d.title, text: d.text })),
    chiefs: input.chiefs.slice(0, MERCHANT_BOARD_CHIEFS).map((c) => ({
      levelLabel: CHIEF_LEVEL_LABEL[c.level],
      name: cleanBoardText(c.name),
      phone: cleanBoardText(c.phone ?? ''),
    })),
    hotline: cleanBoardText(input.hotline),
    qrUrl: input.qrUrl,
    qrCaption: '扫码查看红黑旗评比 · 申诉',
    primaryColor: HEX.test(input.primaryColor) ? input.primaryColor : '#0b5cab',
    signedOn: input.agreementSignedOn,
  };
}

/** Equal strings mean an identical board (ETag and cache key). */
export function merchantBoardFingerprint(content: MerchantBoardContent, sizeCm: readonly [number, number]): string {
  return JSON.stringify([1, sizeCm, content]);
}
